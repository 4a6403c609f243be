package dev.trustcenter.firestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.content.Seed;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.testing.FirestoreEmulator;
import dev.trustcenter.testing.IntegrationTest;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST reader sees exactly what the gRPC store wrote, against the Firestore emulator. */
@IntegrationTest
class FirestoreRestReaderTest {
  private FirestoreDocumentStore store;
  private FirestoreRestReader reader;

  @BeforeEach
  void setUp() {
    FirestoreEmulator emulator = FirestoreEmulator.get();
    emulator.requireFull("the REST API");
    emulator.reset();
    store =
        new FirestoreDocumentStore(
            () ->
                FirestoreClients.create(
                    FirestoreEmulator.PROJECT, "(default)", emulator.hostPort()));
    reader =
        new FirestoreRestReader(
            emulator.hostPort(), FirestoreEmulator.PROJECT, "(default)", Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    if (store != null) { // null when the test was skipped before opening it
      store.close();
    }
  }

  @Test
  void readsTheSnapshotTheStoreWroteByteForByte() {
    assertTrue(reader.readJson(Snapshots.COLLECTION, Snapshots.SNAPSHOT_ID).isEmpty());
    new SnapshotWriter(365).seedIfEmpty(store, Seed.load(), Instant.parse("2026-11-28T10:00:00Z"));
    assertEquals(
        Snapshots.readRaw(store).orElseThrow().json(),
        reader.readJson(Snapshots.COLLECTION, Snapshots.SNAPSHOT_ID).orElseThrow());
  }

  @Test
  void readsAControlsHistoryDigestAsTheRecordingTransactionWroteIt() {
    Instant now = Instant.parse("2026-11-28T10:00:00Z");
    new SnapshotWriter(365).seedIfEmpty(store, Seed.load(), now);
    var results = new dev.trustcenter.controls.CheckResults(store, new SnapshotWriter(365));
    results.record(
        java.util.List.of(
            new dev.trustcenter.controls.CheckResult(
                "encryption-in-transit",
                dev.trustcenter.content.CheckOutcome.PASSING,
                now,
                "cloudflare-zone-tls",
                java.util.Map.of("ssl", "strict"),
                null,
                null,
                true)),
        now);
    var digest =
        dev.trustcenter.publicview.HistoryDigest.parse(
            reader
                .readJson(
                    dev.trustcenter.publicview.HistoryDigest.COLLECTION, "encryption-in-transit")
                .orElseThrow());
    assertEquals(results.publicDigest("encryption-in-transit", now), digest);
    assertEquals(1, digest.recent(now).size());
  }

  @Test
  void keepsUnicodeAndEscapesExact() {
    String json = "{\"t\":\"Cifrado en tránsito — ✓ \\\"<b>\\\" \\u2028\"}";
    store.transaction(
        tx -> {
          tx.put("things", "a", json);
          return null;
        });
    assertEquals(json, reader.readJson("things", "a").orElseThrow());
  }
}
