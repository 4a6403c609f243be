package dev.trustcenter.filestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.trustcenter.filestore.FaultyDisk.Fault;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoreException;
import dev.trustcenter.store.StoredDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store on a disk that fails: an I/O error, a crash, or lost bytes injected at every
 * single step of a transaction in turn, each time checking what the store shows at once and after a
 * restart. A transaction is all or nothing: a {@link StoreException} means nothing changed, now or
 * after the restart.
 */
class FileDocumentStoreFaultTest {
  @TempDir Path temp;

  /**
   * What the store holds before the transaction: a document replaced, one deleted, one left alone.
   */
  private static final Map<String, String> BEFORE =
      Map.of(
          "things/a", "{\"v\":1}", "things/b", "{\"gone\":false}", "things/c", "{\"same\":true}");

  /**
   * After it: {@code a} replaced, {@code b} deleted, {@code new} created in a new collection, like
   * an admin PUT (entity, audit entry, snapshot).
   */
  private static final Map<String, String> AFTER =
      Map.of(
          "things/a",
          "{\"v\":2," + "\"pad\":\"" + "x".repeat(5000) + "\"}",
          "things/c",
          "{\"same\":true}",
          "audit/new",
          "{\"entry\":1}");

  private static void transaction(DocumentStore store) {
    store.transaction(
        tx -> {
          tx.put("things", "a", AFTER.get("things/a"));
          tx.delete("things", "b");
          tx.put("audit", "new", AFTER.get("audit/new"));
          return null;
        });
  }

  private Path seeded(String name) {
    Path dir = temp.resolve(name);
    try (FileDocumentStore s = FileDocumentStore.open(dir)) {
      s.transaction(
          tx -> {
            BEFORE.forEach((k, v) -> tx.put(k.split("/")[0], k.split("/")[1], v));
            return null;
          });
    }
    return dir;
  }

  private static Map<String, String> contents(DocumentStore s) {
    Map<String, String> out = new TreeMap<>();
    for (String c : List.of("things", "audit")) {
      for (StoredDocument d : s.list(c, Range.all())) {
        out.put(c + "/" + d.id(), d.json());
      }
    }
    return out;
  }

  private static void assertNoLeftovers(Path dataDir) throws IOException {
    try (Stream<Path> files = Files.walk(dataDir.resolve("store"))) {
      List<String> left =
          files
              .map(p -> p.getFileName().toString())
              .filter(
                  n ->
                      n.endsWith(".tmp")
                          || n.endsWith(".old")
                          || n.equals(".journal")
                          || n.equals(".rollback"))
              .toList();
      assertEquals(List.of(), left, "temporary files, old versions and journals are cleaned up");
    }
  }

  /** How many steps the transaction takes when nothing fails. */
  private int stepsOfTheTransaction() {
    FaultyDisk disk = new FaultyDisk();
    try (FileDocumentStore s = FileDocumentStore.open(seeded("count"), disk)) {
      disk.arm(0, null);
      transaction(s);
      assertEquals(new TreeMap<>(AFTER), contents(s));
    }
    return disk.steps().size();
  }

  @Test
  void anIoErrorAtAnyStepChangesNothingNowOrAfterARestart() throws IOException {
    int steps = stepsOfTheTransaction();
    int refused = 0;
    for (int k = 1; k <= steps; k++) {
      Path dir = seeded("io-" + k);
      FaultyDisk disk = new FaultyDisk();
      boolean failed;
      String at;
      try (FileDocumentStore s = FileDocumentStore.open(dir, disk)) {
        disk.arm(k, Fault.IO_ERROR);
        try {
          transaction(s);
          failed = false;
        } catch (StoreException e) {
          failed = true;
          refused++;
        }
        at = disk.steps().get(k - 1);
        disk.heal();
        assertEquals(
            new TreeMap<>(failed ? BEFORE : AFTER),
            contents(s),
            "at once, failure at step " + k + " (" + at + ")");
      }
      try (FileDocumentStore s = FileDocumentStore.open(dir)) {
        assertEquals(
            new TreeMap<>(failed ? BEFORE : AFTER),
            contents(s),
            "after a restart, failure at step " + k + " (" + at + ")");
      }
      assertNoLeftovers(dir);
    }
    // Only the tidying after the journal is deleted may fail without failing the transaction.
    assertTrue(refused >= steps - 6, refused + " of " + steps + " failures were reported");
  }

  @Test
  void aCrashAtAnyStepLeavesAllOrNothingAfterTheRestart() throws IOException {
    int steps = stepsOfTheTransaction();
    List<String> outcomes = new ArrayList<>();
    for (int k = 1; k <= steps; k++) {
      Path dir = seeded("crash-" + k);
      FaultyDisk disk = new FaultyDisk();
      String at = "?";
      try (FileDocumentStore s = FileDocumentStore.open(dir, disk)) {
        disk.arm(k, Fault.CRASH);
        try {
          transaction(s);
          fail("the crash at step " + k + " stops the transaction");
        } catch (FaultyDisk.Crash expected) {
          at = disk.steps().get(k - 1);
        }
      }
      try (FileDocumentStore s = FileDocumentStore.open(dir)) {
        Map<String, String> after = contents(s);
        boolean none = after.equals(new TreeMap<>(BEFORE));
        boolean all = after.equals(new TreeMap<>(AFTER));
        assertTrue(none || all, "crash at step " + k + " (" + at + ") left " + after.keySet());
        outcomes.add(all ? "all" : "none");
      }
      assertNoLeftovers(dir);
    }
    // Before the journal is complete nothing survives the crash; after it, everything does.
    int firstAll = outcomes.indexOf("all");
    assertTrue(firstAll > 0, outcomes.toString());
    assertFalse(outcomes.subList(firstAll, outcomes.size()).contains("none"), outcomes.toString());
  }

  @Test
  void shortWritesAreCompletedNotIgnored() {
    Path dir = seeded("short");
    FaultyDisk disk = new FaultyDisk().shortWrites(7);
    try (FileDocumentStore s = FileDocumentStore.open(dir, disk)) {
      disk.arm(0, null);
      transaction(s);
      assertTrue(
          disk.steps().stream().filter(n -> n.startsWith("write")).count() > 700,
          "many short writes");
    }
    try (FileDocumentStore s = FileDocumentStore.open(dir)) {
      assertEquals(new TreeMap<>(AFTER), contents(s));
    }
  }

  @Test
  void aDiskThatLosesBytesIsCaughtByReadingBackAndNothingChanges() {
    Path dir = seeded("lose");
    int firstWrite = stepsOfTheTransactionUntil("write a.json");
    FaultyDisk disk = new FaultyDisk();
    try (FileDocumentStore s = FileDocumentStore.open(dir, disk)) {
      disk.arm(firstWrite, Fault.LOSE_BYTES);
      StoreException e = assertThrows(StoreException.class, () -> transaction(s));
      assertTrue(e.getMessage().contains("read back"), e.getMessage());
      assertEquals(new TreeMap<>(BEFORE), contents(s));
    }
    try (FileDocumentStore s = FileDocumentStore.open(dir)) {
      assertEquals(new TreeMap<>(BEFORE), contents(s));
    }
  }

  private int stepsOfTheTransactionUntil(String prefix) {
    FaultyDisk disk = new FaultyDisk();
    try (FileDocumentStore s = FileDocumentStore.open(seeded("find-" + prefix.hashCode()), disk)) {
      disk.arm(0, null);
      transaction(s);
    }
    List<String> steps = disk.steps();
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).startsWith(prefix)) {
        return i + 1;
      }
    }
    throw new AssertionError("no step " + prefix + " in " + steps);
  }

  @Test
  void aTornJournalIsDiscardedWithALogLineAndTheStoreStarts() throws IOException {
    Path dir = seeded("torn");
    int journalWrite = stepsOfTheTransactionUntil("write .journal");
    FaultyDisk disk = new FaultyDisk();
    try (FileDocumentStore s = FileDocumentStore.open(dir, disk)) {
      // The process dies half-way through writing the journal.
      disk.arm(journalWrite, Fault.CRASH);
      assertThrows(FaultyDisk.Crash.class, () -> transaction(s));
    }
    String torn = Files.readString(dir.resolve("store/.journal"));
    assertFalse(
        torn.isEmpty() || torn.endsWith("\n"), "a journal cut in the middle of a line: " + torn);
    List<String> log = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            log.add(r.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger(FileDocumentStore.class.getName());
    logger.addHandler(capture);
    try (FileDocumentStore s = FileDocumentStore.open(dir)) {
      assertEquals(new TreeMap<>(BEFORE), contents(s));
    } finally {
      logger.removeHandler(capture);
    }
    assertTrue(
        log.stream().anyMatch(m -> m.contains("discarding a torn journal tail")), log.toString());
    assertNoLeftovers(dir);
  }

  @Test
  void aJournalWithABadChecksumIsNotApplied() throws IOException {
    Path dir = seeded("checksum");
    int journalDeleted = stepsOfTheTransactionUntil("delete .journal");
    FaultyDisk disk = new FaultyDisk();
    try (FileDocumentStore s = FileDocumentStore.open(dir, disk)) {
      disk.arm(
          stepsOfTheTransactionUntil("move a.json ->"),
          Fault.CRASH); // committed, nothing applied yet
      assertThrows(FaultyDisk.Crash.class, () -> transaction(s));
    }
    assertTrue(journalDeleted > 0);
    // One flipped byte in the first write's line: that line and everything after it are a torn
    // tail.
    Path journal = dir.resolve("store/.journal");
    byte[] bytes = Files.readAllBytes(journal);
    int inFirstLine = bytes.length > 30 ? 20 : 10;
    bytes[inFirstLine] = (byte) (bytes[inFirstLine] == 'a' ? 'b' : 'a');
    Files.write(journal, bytes);
    try (FileDocumentStore s = FileDocumentStore.open(dir)) {
      assertEquals(new TreeMap<>(BEFORE), contents(s));
    }
    assertNoLeftovers(dir);
  }

  @Test
  void whenTheUndoFailsTooTheStoreAnswersUnavailableUntilItCanUndo() throws IOException {
    Path dir = seeded("undo");
    int firstMove = stepsOfTheTransactionUntil("move a.json ->");
    FaultyDisk disk = new FaultyDisk();
    try (FileDocumentStore s = FileDocumentStore.open(dir, disk)) {
      // The first rename of the apply phase fails, and so does everything for a while after it.
      disk.arm(firstMove, Fault.IO_ERROR).thenFailing(50);
      assertThrows(StoreException.class, () -> transaction(s));
      assertThrows(
          StoreException.class, () -> s.get("things", "a"), "no read of a half-applied state");
      disk.heal();
      assertEquals(new TreeMap<>(BEFORE), contents(s), "undone once the disk works");
    }
    try (FileDocumentStore s = FileDocumentStore.open(dir)) {
      assertEquals(new TreeMap<>(BEFORE), contents(s), "and not completed at the next start");
    }
    assertNoLeftovers(dir);
  }

  @Test
  void aFailedCreateIfAbsentLeavesNoDocument() {
    Path dir = seeded("create");
    FaultyDisk disk = new FaultyDisk();
    try (FileDocumentStore s = FileDocumentStore.open(dir, disk)) {
      disk.arm(2, Fault.IO_ERROR);
      assertThrows(StoreException.class, () -> s.createIfAbsent("things", "x", "{\"x\":1}"));
      disk.heal();
      assertTrue(s.get("things", "x").isEmpty());
      assertTrue(s.createIfAbsent("things", "x", "{\"x\":1}"), "the next try writes it");
    }
  }
}
