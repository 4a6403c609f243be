package dev.trustcenter.site;

import dev.trustcenter.json.Json;
import dev.trustcenter.site.CdnCache.FailedPurge;
import dev.trustcenter.store.DocumentStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * URLs whose purge failed, kept in the store ({@value SitePublisher#COLLECTION}/{@value #DOC})
 * until a later publish purges them: a failed purge is retried, never dropped.
 */
final class PendingPurges {
  static final String DOC = "pending-purge";

  private PendingPurges() {}

  private record Stored(List<FailedPurge> urls) {}

  static List<FailedPurge> read(DocumentStore store) {
    return store
        .get(SitePublisher.COLLECTION, DOC)
        .map(d -> Json.read(d.json(), Stored.class))
        .map(s -> s.urls() == null ? List.<FailedPurge>of() : s.urls())
        .orElse(List.of());
  }

  /**
   * Replaces the pending URLs with {@code failed}; writes nothing when that is what is stored
   * (nothing pending before or after: most publishes).
   */
  static void replace(DocumentStore store, List<FailedPurge> failed) {
    String json = Json.write(new Stored(List.copyOf(failed)));
    store.transaction(
        tx -> {
          boolean same =
              tx.get(SitePublisher.COLLECTION, DOC).map(d -> d.json().equals(json)).orElse(false);
          if (!same) {
            tx.put(SitePublisher.COLLECTION, DOC, json);
          }
          return null;
        });
  }

  /**
   * Adds {@code more} to what is pending (a URL already pending keeps one entry, with the newer
   * reason).
   */
  static void add(DocumentStore store, List<FailedPurge> more) {
    store.transaction(
        tx -> {
          Map<String, FailedPurge> all = new LinkedHashMap<>();
          tx.get(SitePublisher.COLLECTION, DOC)
              .map(d -> Json.read(d.json(), Stored.class))
              .filter(s -> s.urls() != null)
              .ifPresent(s -> s.urls().forEach(f -> all.put(f.url(), f)));
          more.forEach(f -> all.put(f.url(), f));
          tx.put(
              SitePublisher.COLLECTION, DOC, Json.write(new Stored(new ArrayList<>(all.values()))));
          return null;
        });
  }
}
