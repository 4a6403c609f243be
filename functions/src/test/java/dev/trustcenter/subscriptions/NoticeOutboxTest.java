package dev.trustcenter.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox at scale, in the embedded store: issue 14 item 2 found the subscriber listing stopping
 * at 10,000 documents and pending subscriptions never expiring (with 10,000 pending entries, 0 of 2
 * confirmed subscribers were notified). The store lives on tmpfs where there is one, so 60,000
 * fsynced writes stay fast.
 */
class NoticeOutboxTest {
  Path dir;
  DocumentStore store;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  Map<String, AtomicInteger> told = new ConcurrentHashMap<>();

  @BeforeEach
  void open() throws IOException {
    Path shm = Path.of("/dev/shm");
    dir =
        Files.isDirectory(shm) && Files.isWritable(shm)
            ? Files.createTempDirectory(shm, "outbox-test")
            : Files.createTempDirectory("outbox-test");
    store = FileDocumentStore.open(dir);
  }

  @AfterEach
  void close() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static String id(String kind, int i) {
    return Subscriptions.idOf(kind + i + "@client.example");
  }

  void seed(int confirmed, int pendingRequests, int legacyPending) {
    List<String[]> docs = new ArrayList<>();
    Instant created = clock.instant().minus(Duration.ofDays(30));
    for (int i = 0; i < confirmed; i++) {
      Subscriber s =
          new Subscriber(
              id("c", i),
              "c" + i + "@client.example",
              Subscriber.CONFIRMED,
              i % 2 == 0 ? "es" : "en",
              List.of("subprocessors"),
              null,
              null,
              created,
              created,
              null,
              null);
      docs.add(new String[] {Subscriptions.COLLECTION, s.id(), Json.write(s)});
    }
    for (int i = 0; i < legacyPending; i++) {
      Subscriber s =
          new Subscriber(
              id("l", i),
              "l" + i + "@client.example",
              Subscriber.PENDING,
              "en",
              List.of("subprocessors"),
              null,
              null,
              created,
              null,
              null,
              new Subscriber.Preferences("en", List.of("subprocessors"), null, created));
      docs.add(new String[] {Subscriptions.COLLECTION, s.id(), Json.write(s)});
    }
    for (int i = 0; i < pendingRequests; i++) {
      Instant at = clock.instant().minus(Duration.ofHours(i % 48));
      SubscriptionRequest r =
          new SubscriptionRequest(
              SubscriptionRequest.newId(at.plus(Subscriptions.CONFIRM_VALIDITY)),
              id("p", i),
              "p" + i + "@client.example",
              "en",
              List.of("subprocessors"),
              null,
              at,
              at.plus(Subscriptions.CONFIRM_VALIDITY),
              null);
      docs.add(new String[] {Subscriptions.REQUESTS, r.id(), Json.write(r)});
    }
    for (int from = 0; from < docs.size(); from += 2000) {
      List<String[]> chunk = docs.subList(from, Math.min(docs.size(), from + 2000));
      store.transaction(
          tx -> {
            chunk.forEach(d -> tx.put(d[0], d[1], d[2]));
            return null;
          });
    }
  }

  NoticeOutbox outbox(NoticeOutbox.Dispatcher d) {
    return new NoticeOutbox(store, d, clock, 8, Duration.ofSeconds(5), 1000);
  }

  static List<NoticeEvent> events() {
    return List.of(
        NoticeEvent.of(
            new SubprocessorChangeEvent(
                "cloudflare",
                SubprocessorChangeEvent.ChangeKind.ADDED,
                "New Vendor",
                Map.of("countries", "EU"),
                Instant.parse("2026-03-02T09:00:00Z"),
                "2026-03-02T09:00:00Z-cloudflare-0123456789abcdef")));
  }

  @Test
  void
      twentyThousandConfirmedBesideTenThousandPendingAreEachToldExactlyOnceAcrossInterruptedDrains() {
    seed(20_000, 10_000, 500);
    NoticeOutbox.Dispatcher counting =
        (to, channel, group, evs, ids) ->
            told.computeIfAbsent(to.email(), k -> new AtomicInteger()).incrementAndGet();
    NoticeOutbox box = outbox(counting);
    assertEquals(1, box.enqueue(events()));
    assertEquals(0, box.enqueue(events()), "handing the same event over again queues nothing");

    // Budgets of zero: each drain does one page and stops, as a task cut off by its timeout would;
    // the next one
    // resumes from the stored cursor and outbox.
    int drains = 0;
    NoticeOutbox.Result r;
    do {
      r = outbox(counting).drain(Duration.ZERO);
      drains++;
    } while (!r.complete() && drains < 200);
    assertTrue(r.complete());
    assertTrue(drains > 20, "the work was spread over " + drains + " drains");
    assertEquals(20_000, told.size(), "every confirmed subscriber");
    assertTrue(told.values().stream().allMatch(n -> n.get() == 1), "each exactly once");
    assertTrue(
        told.keySet().stream().allMatch(e -> e.startsWith("c")),
        "no pending request and no legacy pending subscriber");
    assertEquals(0, store.list(NoticeOutbox.OUTBOX, Range.all()).size());
    assertEquals(0, store.list(NoticeOutbox.FANOUTS, Range.all()).size());
    assertEquals(
        0,
        store.list(Subscriptions.COLLECTION, new Range(null, null, Range.MAX_LIMIT, false)).stream()
            .filter(d -> d.json().contains("\"pending\""))
            .count(),
        "legacy pending subscribers older than 7 days purged");

    assertEquals(
        new NoticeOutbox.Result(0, 0, 0, 0, true),
        outbox(counting).drain(Duration.ofMinutes(1)),
        "a later drain sends nothing");

    clock.advance(Duration.ofDays(6));
    Subscriptions subs =
        new Subscriptions(
            store, new SubscriptionTokens(store, clock), null, null, (a, b, c, d, e) -> {}, clock);
    int firstPurge = subs.purgeExpiredRequests();
    assertTrue(
        firstPurge > 0 && firstPurge < 10_000, "only requests past their 7 days: " + firstPurge);
    clock.advance(Duration.ofDays(2));
    assertEquals(10_000 - firstPurge, subs.purgeExpiredRequests());
    assertEquals(0, store.list(Subscriptions.REQUESTS, Range.all()).size());
  }

  @Test
  void aFailedNoticeIsRetriedWithBackoffAndGivenUpAfterTheLastAttemptWithoutBlockingOthers() {
    seed(3, 0, 0);
    AtomicInteger calls = new AtomicInteger();
    NoticeOutbox.Dispatcher d =
        (to, channel, group, evs, ids) -> {
          calls.incrementAndGet();
          if (to.email().equals("c1@client.example")) {
            throw new IllegalStateException("mailbox unavailable");
          }
          told.computeIfAbsent(to.email(), k -> new AtomicInteger()).incrementAndGet();
        };
    NoticeOutbox box = outbox(d);
    box.enqueue(events());
    NoticeOutbox.Result first = box.drain(Duration.ofMinutes(1));
    assertEquals(new NoticeOutbox.Result(3, 2, 1, 0, true), first);
    assertEquals(
        new NoticeOutbox.Result(0, 0, 0, 0, true),
        box.drain(Duration.ofMinutes(1)),
        "not before its backoff");
    for (int attempt = 2; attempt <= NoticeOutbox.MAX_ATTEMPTS; attempt++) {
      clock.advance(NoticeOutbox.backoff(attempt - 1));
      box.drain(Duration.ofMinutes(1));
    }
    assertEquals(2 + NoticeOutbox.MAX_ATTEMPTS, calls.get());
    assertEquals(0, store.list(NoticeOutbox.OUTBOX, Range.all()).size());
    assertEquals(
        1, store.list(NoticeOutbox.DEAD, Range.all()).size(), "kept for an operator, not lost");
    assertEquals(2, told.size());
  }

  @Test
  void aDrainThatDiedHoldingTheLeaseIsTakenOverOnceTheLeaseExpires() {
    seed(2, 0, 0);
    NoticeOutbox.Dispatcher d =
        (to, channel, group, evs, ids) ->
            told.computeIfAbsent(to.email(), k -> new AtomicInteger()).incrementAndGet();
    store.createIfAbsent(
        NoticeOutbox.LOCKS, "drain", "{\"owner\":\"crashed\",\"until\":\"2026-03-02T10:30:00Z\"}");
    NoticeOutbox box = outbox(d);
    box.enqueue(events());
    assertEquals(
        new NoticeOutbox.Result(0, 0, 0, 0, false),
        box.drain(Duration.ofMinutes(1)),
        "another drain holds the lease");
    clock.advance(Duration.ofMinutes(31));
    assertEquals(new NoticeOutbox.Result(2, 2, 0, 0, true), box.drain(Duration.ofMinutes(1)));
    assertFalse(store.get(NoticeOutbox.LOCKS, "drain").isPresent(), "released");
  }
}
