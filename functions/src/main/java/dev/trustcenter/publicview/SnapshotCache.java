package dev.trustcenter.publicview;

import dev.trustcenter.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The instance's copy of the public snapshot. It reads the snapshot document at most once per
 * {@code ttl} (one document read, shared by all requests in that window) and parses it again only
 * when its bytes changed, and only when asked: the {@link ReadyAnswers} at its front are read
 * without parsing the rest, so a cold instance can answer from them first. A failed read keeps
 * serving the last good copy, so a store outage degrades to slightly stale data.
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

  private record Entry(Copy copy, Instant readAt) {}

  /**
   * One stored form of the snapshot as read, parsed on first use: the whole snapshot, or only its
   * ready answers.
   */
  public static final class Copy {
    private final String raw;
    private volatile Loaded loaded;
    private volatile Optional<ReadyAnswers> ready;

    Copy(String raw) {
      this.raw = raw;
    }

    /** The whole snapshot, parsed once. */
    public Loaded loaded() {
      Loaded l = loaded;
      if (l == null) {
        synchronized (this) {
          l = loaded;
          if (l == null) {
            l =
                new Loaded(
                    Json.read(raw, PublicSnapshot.class),
                    dev.trustcenter.http.Responses.etag(
                        raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            loaded = l;
          }
        }
      }
      return l;
    }

    /** The ready answers at its front, read without parsing the rest. */
    public Optional<ReadyAnswers> ready() {
      Optional<ReadyAnswers> r = ready;
      if (r == null) {
        synchronized (this) {
          r = ready;
          if (r == null) {
            r = ReadyAnswers.peek(raw);
            ready = r;
          }
        }
      }
      return r;
    }
  }

  public SnapshotCache(SnapshotSource source, Clock clock, Duration ttl) {
    this.source = source;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** The current snapshot, or empty if none was ever published. */
  public Optional<Loaded> current() {
    return copy().map(Copy::loaded);
  }

  /**
   * The current copy of the stored snapshot, parsed only as far as asked, or empty if none was ever
   * published.
   */
  public Optional<Copy> copy() {
    Entry e = entry;
    Instant now = clock.instant();
    if (e != null && now.isBefore(e.readAt.plus(ttl))) {
      return Optional.of(e.copy);
    }
    // Stale: one request reads the store; the others keep answering from the copy meanwhile
    // (milliseconds), so
    // a revalidation never stalls the instance. Without a ttl they wait for that read instead.
    boolean fresh = ttl.isZero();
    if (e != null && !fresh && !refreshing.tryLock()) {
      return Optional.of(e.copy);
    }
    if (e == null || fresh) {
      refreshing.lock();
    }
    try {
      e = entry;
      if (e != null && now.isBefore(e.readAt.plus(ttl))) {
        return Optional.of(e.copy);
      }
      Optional<String> doc;
      try {
        doc = source.read();
      } catch (RuntimeException failure) {
        if (e != null) {
          java.util.logging.Logger.getLogger(SnapshotCache.class.getName())
              .warning("snapshot read failed, serving the last good copy: " + failure.getMessage());
          return Optional.of(e.copy);
        }
        throw failure;
      }
      if (doc.isEmpty()) {
        entry = null;
        return Optional.empty();
      }
      String raw = doc.get();
      Copy copy = e != null && e.copy.raw.equals(raw) ? e.copy : new Copy(raw);
      entry = new Entry(copy, now);
      return Optional.of(copy);
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
