package dev.trustcenter.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.evidence.EvidenceLog;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoredDocument;
import dev.trustcenter.testing.ForwardingStore;
import dev.trustcenter.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settling a page of notices appends, per event, how many mails and webhooks were sent and how many
 * failed, in the transaction that records the deliveries' state: counts only, never an address.
 */
class NoticeEvidenceTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  private FileDocumentStore files;

  @BeforeEach
  void open() {
    files = FileDocumentStore.open(dir);
  }

  @AfterEach
  void close() {
    files.close();
  }

  private void subscribe(String email, String webhook) {
    Instant created = clock.instant().minus(Duration.ofDays(3));
    Subscriber s =
        new Subscriber(
            Subscriptions.idOf(email),
            email,
            Subscriber.CONFIRMED,
            "en",
            List.of("subprocessors"),
            webhook,
            webhook == null ? null : "whsec-test-secret",
            created,
            created,
            null,
            null);
    files.transaction(
        tx -> {
          tx.put(Subscriptions.COLLECTION, s.id(), Json.write(s));
          return null;
        });
  }

  private List<JsonObject> logged() {
    List<JsonObject> out = new ArrayList<>();
    for (StoredDocument d : files.list("evidence-log-bundles/000000000000/entries", Range.all())) {
      out.add(
          JsonParser.parseString(
                  JsonParser.parseString(d.json()).getAsJsonObject().get("entry").getAsString())
              .getAsJsonObject());
    }
    return out;
  }

  private NoticeOutbox outbox(DocumentStore store, NoticeOutbox.Dispatcher d) {
    return new NoticeOutbox(store, d, clock, 4, Duration.ofSeconds(5), 100);
  }

  @Test
  void aDrainLogsPerEventTheMailsAndWebhooksSentAndTheFailuresButNoAddress() {
    subscribe("ana@client.example", "https://hooks.client.example/trust");
    subscribe("bo@client.example", null);
    subscribe("cy@client.example", null);
    NoticeOutbox.Dispatcher d =
        (to, channel, group, evs, ids) -> {
          if (to.email().equals("cy@client.example")) {
            throw new IllegalStateException("mailbox unavailable for cy@client.example");
          }
        };
    NoticeOutbox box = outbox(files, d);
    box.enqueue(NoticeOutboxTest.events());
    assertEquals(new NoticeOutbox.Result(4, 3, 1, 0, true), box.drain(Duration.ofMinutes(1)));

    List<JsonObject> entries = logged();
    assertEquals(1, entries.size());
    JsonObject e = entries.get(0);
    String eventId = NoticeOutboxTest.events().get(0).id();
    assertEquals("notices-sent", e.get("kind").getAsString());
    assertEquals(eventId, e.get("subject").getAsString());
    assertEquals(clock.instant().toString(), e.get("time").getAsString());
    JsonObject data = e.getAsJsonObject("data");
    assertEquals("subprocessors", data.get("topic").getAsString());
    assertEquals(2, data.get("mailsSent").getAsInt());
    assertEquals(1, data.get("webhooksSent").getAsInt());
    assertEquals(1, data.get("failed").getAsInt());
    assertEquals(0, data.get("gaveUp").getAsInt());
    assertFalse(e.toString().contains("client.example"), "no address, no webhook URL: " + e);

    assertEquals(new NoticeOutbox.Result(0, 0, 0, 0, true), box.drain(Duration.ofMinutes(1)));
    assertEquals(1, logged().size(), "a drain with nothing due logs nothing");

    clock.advance(NoticeOutbox.backoff(1));
    box.drain(Duration.ofMinutes(1));
    JsonObject retry = logged().get(1).getAsJsonObject("data");
    assertEquals(
        List.of(0, 0, 1),
        List.of(
            retry.get("mailsSent").getAsInt(),
            retry.get("webhooksSent").getAsInt(),
            retry.get("failed").getAsInt()));
    assertEquals(
        new EvidenceLog.Latest(1, clock.instant().toString()),
        new EvidenceLog(files).latest("notices-sent", eventId).orElseThrow());
  }

  @Test
  void aSettlementThatFailsToCommitLogsNothing() {
    subscribe("ana@client.example", null);
    AtomicBoolean failSettle = new AtomicBoolean(true);
    // The store refuses the transaction that settles sent deliveries (it deletes from the outbox),
    // as a store
    // outage at that moment would: neither the delivery state nor the evidence entry may be
    // written.
    DocumentStore flaky =
        new ForwardingStore(files) {
          @Override
          protected void beforeWrite(String kind, String collection, int nth) {
            if (kind.equals("delete")
                && collection.equals(NoticeOutbox.OUTBOX)
                && failSettle.get()) {
              throw new IllegalStateException("store unavailable");
            }
          }
        };
    NoticeOutbox box = outbox(flaky, (to, channel, group, evs, ids) -> {});
    box.enqueue(NoticeOutboxTest.events());
    assertThrows(IllegalStateException.class, () -> box.drain(Duration.ofMinutes(1)));
    assertEquals(List.of(), logged());
    assertEquals(0, new EvidenceLog(files).state().size());
    assertEquals(
        1, files.list(NoticeOutbox.OUTBOX, Range.all()).size(), "the delivery is still due");

    failSettle.set(false);
    assertEquals(1, box.drain(Duration.ofMinutes(1)).sent(), "sent again: at least once");
    assertEquals(1, logged().size());
  }
}
