package dev.trustcenter.publicview;

import dev.trustcenter.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The instance's copy of the public snapshot. It reads the snapshot document at most once per
 * {@code ttl} (one document read, shared by all requests in that window) and parses it again only
 * when its bytes changed. A failed read keeps serving the last good copy, so a store outage
 * degrades to slightly stale data.
 *
 * <p>A {@code ttl} of zero reads the document on every call and never answers from a copy while
 * another call reads: every request sees every write that committed before it (the local server,
 * whose writers share this process but do not all announce their writes).
 */
public final class SnapshotCache {
  private final SnapshotSource source;
  private final Clock clock;
  private final Duration ttl;
  private volatile Entry entry;
  private final java.util.concurrent.locks.ReentrantLock refreshing =
      new java.util.concurrent.locks.ReentrantLock();

  /** A parsed snapshot and the hash of its stored form, which identifies it. */
  public record Loaded(PublicSnapshot snapshot, String version) {}

  private record Entry(Loaded loaded, String raw, Instant readAt) {}

  public SnapshotCache(SnapshotSource source, Clock clock, Duration ttl) {
    this.source = source;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** The current snapshot, or empty if none was ever published. */
  public Optional<Loaded> current() {
    Entry e = entry;
    Instant now = clock.instant();
    if (e != null && now.isBefore(e.readAt.plus(ttl))) {
      return Optional.of(e.loaded);
    }
    // Stale: one request reads the store; the others keep answering from the copy meanwhile
    // (milliseconds), so
    // a revalidation never stalls the instance. Without a ttl they wait for that read instead.
    boolean fresh = ttl.isZero();
    if (e != null && !fresh && !refreshing.tryLock()) {
      return Optional.of(e.loaded);
    }
    if (e == null || fresh) {
      refreshing.lock();
    }
    try {
      e = entry;
      if (e != null && now.isBefore(e.readAt.plus(ttl))) {
        return Optional.of(e.loaded);
      }
      Optional<String> doc;
      try {
        doc = source.read();
      } catch (RuntimeException failure) {
        if (e != null) {
          java.util.logging.Logger.getLogger(SnapshotCache.class.getName())
              .warning("snapshot read failed, serving the last good copy: " + failure.getMessage());
          return Optional.of(e.loaded);
        }
        throw failure;
      }
      if (doc.isEmpty()) {
        entry = null;
        return Optional.empty();
      }
      String raw = doc.get();
      Loaded loaded =
          e != null && e.raw.equals(raw)
              ? e.loaded
              : new Loaded(
                  Json.read(raw, PublicSnapshot.class),
                  dev.trustcenter.http.Responses.etag(
                      raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      entry = new Entry(loaded, raw, now);
      return Optional.of(loaded);
    } finally {
      refreshing.unlock();
    }
  }

  /**
   * Forgets the copy, so the next request reads the store (used after a write in the same process).
   */
  public void invalidate() {
    entry = null;
  }
}
