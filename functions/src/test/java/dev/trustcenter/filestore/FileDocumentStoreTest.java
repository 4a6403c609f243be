package dev.trustcenter.filestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.DocumentStoreContract;
import dev.trustcenter.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract against the file store, plus what only a file store has to prove: restarts and
 * crashes.
 */
class FileDocumentStoreTest extends DocumentStoreContract {
  @TempDir Path dataDir;
  private FileDocumentStore store;

  @BeforeEach
  void open() {
    store = FileDocumentStore.open(dataDir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Override
  protected DocumentStore store() {
    return store;
  }

  /**
   * Larger documents are kept read while their file is unchanged; an edit by hand, in place or by
   * replacing the file, is read at the next get.
   */
  @Test
  void aLargeDocumentChangedOnDiskIsReadAgain() throws Exception {
    String big = "{\"v\":\"" + "a".repeat(FileDocumentStore.KEEP_FROM) + "\"}";
    store.transaction(
        tx -> {
          tx.put("things", "big", big);
          return null;
        });
    assertEquals(big, store.get("things", "big").orElseThrow().json());
    Path file = dataDir.resolve("store/things/big.json");

    // In place, same size: the modification time tells.
    String edited = big.replace("\"v\"", "\"w\"");
    var before = Files.getLastModifiedTime(file);
    Files.writeString(file, edited);
    Files.setLastModifiedTime(
        file, java.nio.file.attribute.FileTime.fromMillis(before.toMillis() + 5_000));
    assertEquals(edited, store.get("things", "big").orElseThrow().json());

    // Replaced by another file of the same size and time: the file's identity tells.
    String replaced = big.replace("\"v\"", "\"x\"");
    var time = Files.getLastModifiedTime(file);
    Path other = dataDir.resolve("other.json");
    Files.writeString(other, replaced);
    Files.setLastModifiedTime(other, time);
    Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertEquals(replaced, store.get("things", "big").orElseThrow().json());
    assertEquals(replaced, store.list("things", dev.trustcenter.store.Range.all()).get(0).json());

    Files.delete(file);
    assertTrue(store.get("things", "big").isEmpty());
  }

  @Test
  void dataSurvivesARestart() {
    store.createIfAbsent("things", "a", "{\"kept\":true}");
    store.close();
    store = FileDocumentStore.open(dataDir);
    assertEquals("{\"kept\":true}", store.get("things", "a").orElseThrow().json());
  }

  @Test
  void aSecondOpenOfTheSameDirectoryIsRefused() {
    StoreException e = assertThrows(StoreException.class, () -> FileDocumentStore.open(dataDir));
    assertTrue(e.getMessage().contains("in use"), e.getMessage());
  }

  @Test
  void aTransactionCutShortByACrashIsCompletedOnTheNextStart() throws Exception {
    store.createIfAbsent("things", "a", "{\"v\":1}");
    store.close();
    // What a crash after the journal was written and before it was applied leaves behind.
    Path root = dataDir.resolve("store");
    Files.writeString(
        root.resolve(".journal"),
        "[{\"path\":\"things/a.json\",\"json\":\"{\\\"v\\\":2}\"},{\"path\":\"things/b.json\",\"json\":\"{}\"},"
            + "{\"path\":\"things/gone.json\",\"json\":null}]");
    Files.writeString(root.resolve("things/gone.json"), "{}");
    Files.writeString(root.resolve("things/a.json.123.tmp"), "{\"torn");
    store = FileDocumentStore.open(dataDir);
    assertEquals("{\"v\":2}", store.get("things", "a").orElseThrow().json());
    assertTrue(store.get("things", "b").isPresent());
    assertTrue(store.get("things", "gone").isEmpty());
    assertFalse(Files.exists(root.resolve(".journal")));
    assertFalse(Files.exists(root.resolve("things/a.json.123.tmp")));
  }

  @Test
  void aJournalThatPointsOutsideTheStoreIsRefused() throws Exception {
    store.close();
    Files.writeString(
        dataDir.resolve("store/.journal"), "[{\"path\":\"../../escape.json\",\"json\":\"{}\"}]");
    assertThrows(StoreException.class, () -> FileDocumentStore.open(dataDir));
    assertFalse(Files.exists(dataDir.getParent().resolve("escape.json")));
    Files.delete(dataDir.resolve("store/.journal"));
    store = FileDocumentStore.open(dataDir);
  }
}
