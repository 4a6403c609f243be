package dev.trustcenter.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogPublisherTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  @TempDir Path dir;
  LogFixture f;

  @BeforeEach
  void open() {
    f = new LogFixture(dir);
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void indicesArePositionsAndEachPublishWritesOnlyWhatChanged() throws Exception {
    assertEquals(List.of(0L, 1L, 2L), f.append("mfa", 3, T0));
    LogPublisher.Result first = f.publisher.publish();
    assertEquals(List.of("tile/entries/000.p/3", "tile/0/000.p/3", "checkpoint"), first.written());
    assertEquals(3, f.verify(null).entries());

    f.append("mfa", 300, T0.plusSeconds(86_400));
    LogPublisher.Result second = f.publisher.publish();
    // The first bundle and level-0 tile fill (written once, immutable), new partial ones, and level
    // 1 starts.
    assertEquals(
        List.of(
            "tile/0/000",
            "tile/entries/000",
            "tile/entries/001.p/47",
            "tile/0/001.p/47",
            "tile/1/000.p/1",
            "checkpoint"),
        second.written());
    assertEquals(303, f.verify(first.checkpoint()).entries());
    assertTrue(
        Files.exists(f.files.root.resolve("log/tile/entries/000.p/3")),
        "kept for readers of the previous checkpoint");

    assertEquals(List.of(), f.publisher.publish().written(), "nothing new, nothing written");
    f.append("mfa", 1, T0.plusSeconds(900_000));
    LogPublisher.Result third = f.publisher.publish();
    assertEquals(
        List.of("tile/entries/001.p/48", "tile/0/001.p/48", "checkpoint"), third.written());
    assertEquals(
        List.of("tile/entries/000.p/3", "tile/0/000.p/3"),
        third.deleted(),
        "partials replaced one publish ago go");
    assertTrue(Files.notExists(f.files.root.resolve("log/tile/entries/000.p/3")));
    assertEquals(304, f.verify(second.checkpoint()).entries());
  }

  @Test
  void aLargeLogVerifiesAcrossTileLevelsAndAgainstEveryEarlierCheckpoint() throws Exception {
    f.close();
    f = new LogFixture(dir.resolve("memory"), new MemoryStore());
    String earlier = null;
    for (int round = 0; round < 4; round++) {
      int r0 = round;
      f.store.transaction(
          tx -> {
            EvidenceLog.Appender a = f.log.begin(tx);
            for (int i = 0; i < 20_000; i++) {
              a.append(
                  new LogEntry(
                      LogEntry.CHECK_RESULT,
                      T0.plusSeconds(20_000L * r0 + i),
                      "c" + (i % 7),
                      Map.of("outcome", "passing")));
            }
            return null;
          });
      f.publisher.publish();
      LogVerifier.Report r = f.verify(earlier);
      assertEquals(20_000L * (round + 1), r.entries());
      earlier = f.checkpoint();
    }
    assertTrue(
        Files.exists(f.files.root.resolve("log/tile/1/000")),
        "a full level-1 tile at 65536 entries");
  }

  @Test
  void aCrashBetweenAppendingAndPublishingIsRepairedByTheNextRun() throws Exception {
    f.append("mfa", 5, T0);
    f.publisher.publish();
    String before = f.checkpoint();
    f.append("mfa", 400, T0.plusSeconds(100_000));
    f.files.failAfter =
        f.files.written.size() + 2; // the bucket fails part way through the next publish
    assertThrows(RuntimeException.class, f.publisher::publish);
    assertEquals(before, f.checkpoint(), "no checkpoint for tiles that were not all written");

    f.files.failAfter = Integer.MAX_VALUE;
    LogPublisher restarted = new LogPublisher(f.store, f.files, f.signer, LogFixture.ORIGIN);
    assertEquals(405, restarted.publish().size());
    assertEquals(405, f.verify(before).entries());
  }

  @Test
  void anEntryChangedInTheStoreAfterItsAppendIsRefusedAndNothingIsPublished() throws Exception {
    f.append("mfa", 3, T0);
    String id = EvidenceLog.id(1);
    String doc = f.store.get(EvidenceLog.bundle(0), id).orElseThrow().json();
    f.store.transaction(
        tx -> {
          tx.put(EvidenceLog.bundle(0), id, doc.replace("passing", "failing"));
          return null;
        });
    IllegalStateException e = assertThrows(IllegalStateException.class, f.publisher::publish);
    assertTrue(e.getMessage().contains("changed after it was logged"), e.getMessage());
    assertTrue(f.files.written.stream().noneMatch(p -> p.equals("checkpoint")));
  }

  @Test
  void theTreeNeverShrinks() {
    f.append("mfa", 3, T0);
    f.publisher.publish();
    f.store.transaction(
        tx -> {
          tx.put(
              EvidenceLog.COLLECTION,
              EvidenceLog.STATE_ID,
              Json.write(RightEdge.empty().append(Merkle.leafHash(new byte[] {1}))));
          return null;
        });
    IllegalStateException e = assertThrows(IllegalStateException.class, f.publisher::publish);
    assertTrue(e.getMessage().contains("never shrinks"), e.getMessage());
  }

  @Test
  void tamperingWithThePublishedLogOrRebuildingItFailsVerification() throws Exception {
    f.append("mfa", 10, T0);
    f.publisher.publish();
    String seen = f.checkpoint();

    // A changed entry in a published bundle.
    Path bundle = f.files.root.resolve("log/tile/entries/000.p/10");
    byte[] original = Files.readAllBytes(bundle);
    Files.write(
        bundle, new String(original, "UTF-8").replaceFirst("passing", "failing").getBytes("UTF-8"));
    LogVerifier.VerificationException changed =
        assertThrows(LogVerifier.VerificationException.class, () -> f.verify(null));
    assertTrue(
        changed.getMessage().contains("do not hash to the checkpoint"), changed.getMessage());
    Files.write(bundle, original);

    // The log rebuilt from scratch with one result rewritten, republished and re-signed with the
    // same key.
    f.store.transaction(
        tx -> {
          for (int i = 0; i < 10; i++) {
            tx.delete(EvidenceLog.bundle(0), EvidenceLog.id(i));
          }
          tx.delete(EvidenceLog.COLLECTION, EvidenceLog.STATE_ID);
          tx.delete(EvidenceLog.COLLECTION, LogPublisher.PUBLISHED_ID);
          return null;
        });
    f.store.transaction(
        tx -> {
          EvidenceLog.Appender a = f.log.begin(tx);
          for (int i = 0; i < 12; i++) {
            a.append(
                new LogEntry(
                    LogEntry.CHECK_RESULT,
                    T0.plusSeconds(3600L * i),
                    "mfa",
                    Map.of("outcome", i == 4 ? "failing" : "passing", "checkedBy", "test")));
          }
          return null;
        });
    f.publisher.publish();
    assertEquals(12, f.verify(null).entries(), "the rebuilt log is self-consistent");
    assertNotEquals(seen, f.checkpoint());
    LogVerifier.VerificationException rewritten =
        assertThrows(LogVerifier.VerificationException.class, () -> f.verify(seen));
    assertTrue(rewritten.getMessage().contains("history was rewritten"), rewritten.getMessage());
  }

  @Test
  void aCheckpointSignedByAnotherKeyDoesNotVerify() throws Exception {
    f.append("mfa", 2, T0);
    f.publisher.publish();
    NoteSigner other =
        dev.trustcenter.filestore.FileNoteSigner.open(dir.resolve("other"), LogFixture.ORIGIN);
    LogVerifier.VerificationException e =
        assertThrows(
            LogVerifier.VerificationException.class,
            () ->
                LogVerifier.verify(
                    new LogSource.Folder(f.files.root),
                    SignedNote.verifierKey(other).encoded(),
                    null));
    assertTrue(e.getMessage().contains("checkpoint does not verify"), e.getMessage());
  }
}
