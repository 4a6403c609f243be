package dev.trustcenter.subscriptions;

import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.ContentRepository;
import dev.trustcenter.content.Control;
import dev.trustcenter.content.Resource;
import dev.trustcenter.content.Text;
import dev.trustcenter.documents.DocumentLibrary;
import dev.trustcenter.documents.GatedDocument;
import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoredDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds what the {@code controls} and {@code documents} topics tell, by comparing the store with
 * what was last seen (collection {@value #COLLECTION}): a control whose checks went from passing to
 * failing or back (from its check summary: the later of its last passing and last failing check), a
 * gated document that is new or has new bytes. Whatever records those (the hourly checks, an
 * admin's upload) needs no hook: the drain looks. The first look only records what it sees, so
 * switching this on does not announce the whole past.
 *
 * <p>Events have ids made of what changed and when, so looking twice (a crash between queuing and
 * recording what was seen) queues nothing twice.
 */
final class ChangeWatch {
  static final String COLLECTION = "notice-watch";

  private final DocumentStore store;

  private record Seen(Map<String, String> values) {}

  ChangeWatch(DocumentStore store) {
    this.store = store;
  }

  /**
   * The control changes since the last look; records what it saw once {@code queue} took the
   * events.
   */
  List<NoticeEvent> controls(java.util.function.Consumer<List<NoticeEvent>> queue) {
    Map<String, CheckSummary> checks = new LinkedHashMap<>();
    for (StoredDocument d : store.list(Snapshots.CHECK_SUMMARIES, Range.all())) {
      checks.put(d.id(), Json.read(d.json(), CheckSummary.class));
    }
    Map<String, String> now = new LinkedHashMap<>();
    Map<String, Instant> since = new LinkedHashMap<>();
    for (Map.Entry<String, CheckSummary> e : checks.entrySet()) {
      CheckSummary s = e.getValue();
      if (s.lastPassingAt() == null && s.lastFailingAt() == null) {
        continue;
      }
      boolean failing =
          s.lastPassingAt() == null
              || (s.lastFailingAt() != null && s.lastFailingAt().isAfter(s.lastPassingAt()));
      now.put(
          e.getKey(),
          failing ? NoticeEvent.ControlChange.FAILING : NoticeEvent.ControlChange.RECOVERED);
      // Looked at every few minutes and checked hourly, the latest failure is the one that began
      // the run of failures.
      since.put(e.getKey(), failing ? s.lastFailingAt() : s.lastPassingAt());
    }
    Optional<Seen> before = seen("controls");
    List<NoticeEvent> events = new ArrayList<>();
    if (before.isPresent()) {
      Map<String, Text> titles = new LinkedHashMap<>();
      for (StoredDocument d : store.list(ContentRepository.CONTROLS, Range.all())) {
        Control c = Json.read(d.json(), Control.class);
        titles.put(c.id(), c.title());
      }
      for (Map.Entry<String, String> e : now.entrySet()) {
        String was = before.get().values().get(e.getKey());
        if (was != null && !was.equals(e.getValue()) && titles.containsKey(e.getKey())) {
          events.add(
              NoticeEvent.of(
                  new NoticeEvent.ControlChange(
                      e.getKey(),
                      titles(titles.get(e.getKey())),
                      e.getValue(),
                      since.get(e.getKey()))));
        }
      }
    }
    return handOver("controls", now, events, queue);
  }

  /**
   * The documents added or replaced since the last look; records what it saw once {@code queue}
   * took the events.
   */
  List<NoticeEvent> documents(java.util.function.Consumer<List<NoticeEvent>> queue) {
    Map<String, String> now = new LinkedHashMap<>();
    Map<String, GatedDocument> docs = new LinkedHashMap<>();
    for (StoredDocument d : store.list(DocumentLibrary.COLLECTION, Range.all())) {
      GatedDocument g = Json.read(d.json(), GatedDocument.class);
      if (g.sha256() != null) {
        now.put(g.id(), g.sha256());
        docs.put(g.id(), g);
      }
    }
    Optional<Seen> before = seen("documents");
    List<NoticeEvent> events = new ArrayList<>();
    if (before.isPresent()) {
      Map<String, Text> titles = new LinkedHashMap<>();
      for (StoredDocument d : store.list(ContentRepository.RESOURCES, Range.all())) {
        Resource r = Json.read(d.json(), Resource.class);
        titles.put(r.id(), r.title());
      }
      for (Map.Entry<String, String> e : now.entrySet()) {
        String was = before.get().values().get(e.getKey());
        if (e.getValue().equals(was)) {
          continue;
        }
        GatedDocument g = docs.get(e.getKey());
        Text title = g.resourceId() == null ? null : titles.get(g.resourceId());
        events.add(
            NoticeEvent.of(
                new NoticeEvent.DocumentChange(
                    g.id(),
                    title == null ? Map.of("es", g.id(), "en", g.id()) : titles(title),
                    was == null
                        ? NoticeEvent.DocumentChange.ADDED
                        : NoticeEvent.DocumentChange.REPLACED,
                    g.sha256(),
                    g.updatedAt() == null ? Instant.EPOCH : g.updatedAt())));
      }
    }
    return handOver("documents", now, events, queue);
  }

  /**
   * Hands {@code events} to {@code queue}, then records {@code now} as what was seen under {@code
   * id}: when the queue fails, the same changes are found again on the next look.
   */
  private List<NoticeEvent> handOver(
      String id,
      Map<String, String> now,
      List<NoticeEvent> events,
      java.util.function.Consumer<List<NoticeEvent>> queue) {
    queue.accept(events);
    store.transaction(
        tx -> {
          tx.put(COLLECTION, id, Json.write(new Seen(now)));
          return null;
        });
    return events;
  }

  private Optional<Seen> seen(String id) {
    return store.get(COLLECTION, id).map(d -> Json.read(d.json(), Seen.class));
  }

  private static Map<String, String> titles(Text t) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("es", t.es());
    m.put("en", t.en());
    return m;
  }
}
