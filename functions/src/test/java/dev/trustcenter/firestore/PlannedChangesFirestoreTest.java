package dev.trustcenter.firestore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trustcenter.http.RateLimiter;
import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.subscriptions.ChangeAnswer;
import dev.trustcenter.subscriptions.PlannedChange;
import dev.trustcenter.subscriptions.PlannedChanges;
import dev.trustcenter.subscriptions.SubscriptionTokens;
import dev.trustcenter.subscriptions.Subscriptions;
import dev.trustcenter.testing.FirestoreEmulator;
import dev.trustcenter.testing.IntegrationTest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Art. 28 collections through Firestore (the emulator): a change's answers are listed by the id
 * prefix {@code <change>:}, and never mixed with those of a change whose id shares a prefix.
 */
@IntegrationTest
class PlannedChangesFirestoreTest {
  private FirestoreDocumentStore store;
  private final Clock clock = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);

  @BeforeEach
  void startClean() {
    FirestoreEmulator emulator = FirestoreEmulator.get();
    emulator.reset();
    store =
        new FirestoreDocumentStore(
            () ->
                FirestoreClients.create(
                    FirestoreEmulator.PROJECT, "(default)", emulator.hostPort()));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private void change(String id) {
    store.createIfAbsent(
        PlannedChanges.COLLECTION,
        id,
        Json.write(
            new PlannedChange(
                id,
                PlannedChange.REMOVE,
                "cloudflare",
                null,
                null,
                List.of(),
                LocalDate.parse("2026-04-01"),
                PlannedChange.SCHEDULED,
                clock.instant(),
                "admin@empresa.example",
                null,
                null,
                null)));
  }

  private void answer(String changeId, String subscriber, String kind) {
    String id = changeId + ":" + subscriber;
    store.createIfAbsent(
        PlannedChanges.ANSWERS,
        id,
        Json.write(
            new ChangeAnswer(
                id,
                changeId,
                subscriber,
                "x@example.com",
                "es",
                kind,
                null,
                clock.instant(),
                null,
                null,
                null)));
  }

  @Test
  void answersAreCountedPerChangeByTheirIdPrefix() {
    String a = "spc-20260401-0000000a";
    String b = "spc-20260401-0000000a0"; // not a valid change id, but shares the prefix
    change(a);
    answer(a, "0".repeat(32), ChangeAnswer.OBJECTED);
    answer(a, "1".repeat(32), ChangeAnswer.ACKNOWLEDGED);
    answer(a, "2".repeat(32), ChangeAnswer.ACKNOWLEDGED);
    answer(b, "3".repeat(32), ChangeAnswer.OBJECTED);
    PlannedChanges changes =
        new PlannedChanges(
            store,
            new SnapshotWriter(365),
            clock,
            30,
            (tx, r) -> {},
            new Subscriptions(
                store,
                new SubscriptionTokens(store, clock),
                new RateLimiter(store, clock),
                null,
                (w, x, y, z, v) -> {},
                clock),
            null,
            () -> "Empresa",
            null);
    List<PlannedChanges.Summary> list = changes.list();
    assertEquals(1, list.size());
    assertEquals(2, list.get(0).acknowledged());
    assertEquals(1, list.get(0).objected());
    assertEquals(3, changes.detail(a).answers().size());
  }
}
