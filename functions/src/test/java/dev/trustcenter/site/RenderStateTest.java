package dev.trustcenter.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.store.DocumentStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The render state is stored whole and then as the entries changed since: a publish that changes a
 * few pages rewrites only those, and every reader, this instance or another, sees the same state.
 */
class RenderStateTest {
  private static final String BUILD = "build-1";
  private static final Instant AT = Instant.parse("2026-12-06T12:00:00Z");

  @TempDir Path dataDir;
  private DocumentStore store;

  @BeforeEach
  void open() {
    store = FileDocumentStore.open(dataDir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static RenderState state(int pages, String changedTo) {
    Map<String, RenderState.Page> p = new LinkedHashMap<>();
    Map<String, SiteRenderer.HistoryPrint> h = new LinkedHashMap<>();
    for (int i = 0; i < pages; i++) {
      p.put("/en/controls/c" + i + "/index.html", new RenderState.Page("in" + i, "sha" + i));
      h.put("c" + i, new SiteRenderer.HistoryPrint("d" + i, AT, AT.plusSeconds(60), "p" + i));
    }
    if (changedTo != null) {
      p.put("/en/controls/c0/index.html", new RenderState.Page(changedTo, "sha-" + changedTo));
      h.put("c0", new SiteRenderer.HistoryPrint("d-" + changedTo, AT, AT, changedTo));
      p.remove("/en/controls/c1/index.html");
      h.remove("c1");
      p.put("/en/controls/new/index.html", new RenderState.Page("in-new", "sha-new"));
    }
    return new RenderState(BUILD, p, h);
  }

  /** 300 pages, each with new inputs, and no histories. */
  private static RenderState everyPageChanged() {
    Map<String, RenderState.Page> p = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      p.put("/en/controls/c" + i + "/index.html", new RenderState.Page("v2-" + i, "sha" + i));
    }
    return new RenderState(BUILD, p, Map.of());
  }

  private Optional<String> stored(String doc) {
    return store.get(SitePublisher.COLLECTION, doc).map(d -> d.json());
  }

  private static void assertSame(RenderState expected, RenderState actual) {
    assertEquals(expected.size(), actual.size());
    Map<String, String> published = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      published.put("/en/controls/c" + i + "/index.html", "sha" + i);
    }
    published.put("/en/controls/c0/index.html", "sha-x");
    published.put("/en/controls/new/index.html", "sha-new");
    SiteRenderer.Reuse e = expected.reuse(published);
    SiteRenderer.Reuse a = actual.reuse(published);
    for (String path : published.keySet()) {
      for (String inputs : new String[] {"in0", "in1", "in2", "x", "in-new", "other"}) {
        assertEquals(e.published(path, inputs), a.published(path, inputs), path + " " + inputs);
      }
    }
    for (String id : new String[] {"c0", "c1", "c2", "new"}) {
      assertEquals(e.history(id), a.history(id), id);
    }
  }

  @Test
  void aFewChanges_areStoredAlone_andReadBackWithTheWholeStateByAnyInstance() {
    RenderState.Kept kept = new RenderState.Kept();
    RenderState first = state(300, null);
    kept.write(store, first, RenderState.NONE);
    String whole = stored(RenderState.DOC).orElseThrow();
    assertTrue(stored(RenderState.CHANGES).isEmpty());

    RenderState changed = state(300, "x");
    kept.write(store, changed, kept.read(store, BUILD));
    assertEquals(whole, stored(RenderState.DOC).orElseThrow(), "the whole state is not rewritten");
    String changes = stored(RenderState.CHANGES).orElseThrow();
    assertTrue(changes.length() < whole.length() / 20, changes.length() + " of " + whole.length());

    assertSame(changed, kept.read(store, BUILD));
    assertSame(changed, RenderState.read(store, BUILD));
    assertSame(changed, new RenderState.Kept().read(store, BUILD));
  }

  @Test
  void manyChanges_rewriteTheWholeState_andDropTheChanges() {
    RenderState.Kept kept = new RenderState.Kept();
    kept.write(store, state(300, null), RenderState.NONE);
    String whole = stored(RenderState.DOC).orElseThrow();
    kept.write(store, state(300, "x"), kept.read(store, BUILD));
    assertTrue(stored(RenderState.CHANGES).isPresent());

    // Every entry changed: more than an eighth.
    RenderState rewritten = everyPageChanged();
    kept.write(store, rewritten, kept.read(store, BUILD));
    assertNotEquals(whole, stored(RenderState.DOC).orElseThrow());
    assertTrue(stored(RenderState.CHANGES).isEmpty());
    assertEquals(300, RenderState.read(store, BUILD).size());
    assertEquals(
        "sha5",
        RenderState.read(store, BUILD)
            .reuse(Map.of("/en/controls/c5/index.html", "sha5"))
            .published("/en/controls/c5/index.html", "v2-5"));
  }

  @Test
  void changesOverAnotherWholeState_orUnreadable_areIgnored_leavingTheWholeState() {
    RenderState.Kept kept = new RenderState.Kept();
    RenderState first = state(300, null);
    kept.write(store, first, RenderState.NONE);
    kept.write(store, state(300, "x"), kept.read(store, BUILD));
    String changes = stored(RenderState.CHANGES).orElseThrow();

    // Another instance writes a new whole state; the changes left over from the first are not
    // its: put them back as if that instance's delete had been lost.
    RenderState.Kept other = new RenderState.Kept();
    other.read(store, BUILD);
    other.write(store, everyPageChanged(), first);
    store.transaction(
        tx -> {
          tx.put(SitePublisher.COLLECTION, RenderState.CHANGES, changes);
          return null;
        });
    RenderState read = new RenderState.Kept().read(store, BUILD);
    assertEquals(300, read.size());
    assertEquals(
        null,
        read.reuse(Map.of("/en/controls/new/index.html", "sha-new"))
            .published("/en/controls/new/index.html", "in-new"),
        "the changes of another whole state are not applied");

    store.transaction(
        tx -> {
          tx.put(SitePublisher.COLLECTION, RenderState.CHANGES, "{\"pages\":[");
          return null;
        });
    assertEquals(300, kept.read(store, BUILD).size(), "unreadable changes: the whole state");
  }
}
