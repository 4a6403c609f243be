package dev.trustcenter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link DocumentStore} adapter must have. Each adapter's test extends this
 * class and supplies a fresh, empty store.
 */
public abstract class DocumentStoreContract {

  /** An empty store for one test. */
  protected abstract DocumentStore store();

  /** Skips a test whose feature an adapter's test double cannot provide (see FirestoreEmulator). */
  protected void assumeSupports(String feature) {}

  private static void put(DocumentStore s, String c, String id, String json) {
    s.transaction(
        tx -> {
          tx.put(c, id, json);
          return null;
        });
  }

  private static List<String> ids(List<StoredDocument> docs) {
    return docs.stream().map(StoredDocument::id).toList();
  }

  @Test
  void missingDocumentIsEmpty() {
    assertTrue(store().get("things", "nope").isEmpty());
  }

  @Test
  void writtenDocumentReadsBackExactly() {
    DocumentStore s = store();
    String json = "{\"es\":\"Cifrado en tránsito ✓\",\"en\":\"<b>\\\"quoted\\\"</b>\",\"n\":1.5}";
    put(s, "things", "a-1", json);
    assertEquals(json, s.get("things", "a-1").orElseThrow().json());
  }

  @Test
  void putReplacesAndDeleteRemoves() {
    DocumentStore s = store();
    put(s, "things", "a", "{\"v\":1}");
    put(s, "things", "a", "{\"v\":2}");
    assertEquals("{\"v\":2}", s.get("things", "a").orElseThrow().json());
    s.transaction(
        tx -> {
          tx.delete("things", "a");
          return null;
        });
    assertTrue(s.get("things", "a").isEmpty());
  }

  @Test
  void createIfAbsentWritesOnceAndNeverOverwrites() {
    assumeSupports("create preconditions");
    DocumentStore s = store();
    assertTrue(s.createIfAbsent("log", "e1", "{\"first\":true}"));
    assertFalse(s.createIfAbsent("log", "e1", "{\"first\":false}"));
    assertEquals("{\"first\":true}", s.get("log", "e1").orElseThrow().json());
  }

  @Test
  void listOrdersByIdAndHonoursRangeAndLimit() {
    DocumentStore s = store();
    for (String id :
        List.of("2026-01-03", "2026-01-01", "2026-01-05", "2026-01-02", "2026-01-04")) {
      put(s, "events", id, "{}");
    }
    assertEquals(
        List.of("2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05"),
        ids(s.list("events", Range.all())));
    assertEquals(
        List.of("2026-01-05", "2026-01-04"), ids(s.list("events", new Range(null, null, 2, true))));
    assertEquals(
        List.of("2026-01-02", "2026-01-03"),
        ids(s.list("events", new Range("2026-01-02", "2026-01-04", 10, false))));
    assertEquals(
        List.of("2026-01-05", "2026-01-04", "2026-01-03"),
        ids(s.list("events", Range.newest("2026-01-03", 10))));
    assertTrue(s.list("empty", Range.all()).isEmpty());
  }

  @Test
  void subcollectionsAreSeparateFromTheirParents() {
    DocumentStore s = store();
    put(s, "checks", "c1", "{\"parent\":true}");
    put(s, "checks/c1/results", "r1", "{\"child\":1}");
    put(s, "checks/c2/results", "r1", "{\"child\":2}");
    assertEquals(List.of("c1"), ids(s.list("checks", Range.all())));
    assertEquals("{\"child\":1}", s.get("checks/c1/results", "r1").orElseThrow().json());
    assertEquals("{\"child\":2}", s.get("checks/c2/results", "r1").orElseThrow().json());
  }

  @Test
  void failedTransactionWritesNothing() {
    DocumentStore s = store();
    put(s, "things", "keep", "{\"v\":1}");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                s.transaction(
                    tx -> {
                      tx.put("things", "keep", "{\"v\":2}");
                      tx.put("things", "new", "{}");
                      throw new IllegalStateException("rejected by the work");
                    }));
    assertEquals("rejected by the work", thrown.getMessage());
    assertEquals("{\"v\":1}", s.get("things", "keep").orElseThrow().json());
    assertTrue(s.get("things", "new").isEmpty());
  }

  @Test
  void transactionWritesSeveralDocumentsTogetherAndReturnsItsResult() {
    DocumentStore s = store();
    String result =
        s.transaction(
            tx -> {
              assertTrue(tx.get("things", "x").isEmpty());
              assertTrue(tx.list("things", Range.all()).isEmpty());
              tx.put("things", "x", "{\"x\":1}");
              tx.put("others", "y", "{\"y\":1}");
              return "done";
            });
    assertEquals("done", result);
    assertTrue(s.get("things", "x").isPresent());
    assertTrue(s.get("others", "y").isPresent());
  }

  @Test
  void invalidNamesAreRefusedBeforeAnyWrite() {
    DocumentStore s = store();
    assertThrows(IllegalArgumentException.class, () -> s.get("things", "../etc/passwd"));
    assertThrows(IllegalArgumentException.class, () -> s.get("things", "a/b"));
    assertThrows(IllegalArgumentException.class, () -> s.get("things", ".."));
    assertThrows(IllegalArgumentException.class, () -> s.get("Things!", "a"));
    assertThrows(IllegalArgumentException.class, () -> s.get("things/a", "b"));
    assertThrows(IllegalArgumentException.class, () -> s.createIfAbsent("things", "", "{}"));
  }

  @Test
  void concurrentTransactionsNeverLoseAnUpdate() throws Exception {
    assumeSupports("transaction isolation");
    DocumentStore s = store();
    put(s, "counters", "c", "0");
    int threads = 2;
    int increments = 20;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Callable<Void> worker =
          () -> {
            for (int i = 0; i < increments; i++) {
              s.transaction(
                  tx -> {
                    int v = Integer.parseInt(tx.get("counters", "c").orElseThrow().json());
                    tx.put("counters", "c", Integer.toString(v + 1));
                    return null;
                  });
            }
            return null;
          };
      List<Future<Void>> futures = pool.invokeAll(List.of(worker, worker));
      for (Future<Void> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(
        Integer.toString(threads * increments), s.get("counters", "c").orElseThrow().json());
  }
}
