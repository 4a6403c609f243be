package dev.trustcenter.publicview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.content.Seed;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoreException;
import dev.trustcenter.store.StoredDocument;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public read path: at most one document read per cache period, and the last good copy on
 * failure.
 */
class SnapshotCacheTest {
  @TempDir Path dir;
  private FileDocumentStore files;
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicBoolean down = new AtomicBoolean();
  private Instant now = Instant.parse("2026-11-28T10:00:00Z");

  /** The file store, counting single-document reads and failing on demand. */
  private DocumentStore store;

  @BeforeEach
  void setUp() {
    files = FileDocumentStore.open(dir);
    new SnapshotWriter(365).seedIfEmpty(files, Seed.load(), now);
    store =
        new DocumentStore() {
          @Override
          public Optional<StoredDocument> get(String collection, String id) {
            reads.incrementAndGet();
            if (down.get()) {
              throw new StoreException("unavailable", null);
            }
            return files.get(collection, id);
          }

          @Override
          public List<StoredDocument> list(String collection, Range range) {
            return files.list(collection, range);
          }

          @Override
          public boolean createIfAbsent(String collection, String id, String json) {
            return files.createIfAbsent(collection, id, json);
          }

          @Override
          public <T> T transaction(TransactionWork<T> work) {
            return files.transaction(work);
          }

          @Override
          public void close() {}
        };
  }

  @AfterEach
  void tearDown() {
    files.close();
  }

  private Clock clock() {
    return new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now;
      }
    };
  }

  @Test
  void readsTheStoreAtMostOncePerPeriod() {
    SnapshotCache cache =
        new SnapshotCache(Snapshots.source(store), clock(), Duration.ofSeconds(2));
    for (int i = 0; i < 100; i++) {
      assertTrue(cache.current().isPresent());
    }
    assertEquals(1, reads.get());
    now = now.plusSeconds(3);
    cache.current();
    assertEquals(2, reads.get());
  }

  @Test
  void anUnchangedSnapshotKeepsItsVersionAndAChangedOneGetsANewOne() {
    SnapshotCache cache = new SnapshotCache(Snapshots.source(store), clock(), Duration.ZERO);
    SnapshotCache.Loaded first = cache.current().orElseThrow();
    assertSame(
        first, cache.current().orElseThrow(), "not parsed again when the bytes are the same");
    new SnapshotWriter(365).rebuild(files, now.plusSeconds(1));
    assertNotEquals(first.version(), cache.current().orElseThrow().version());
  }

  @Test
  void aFailedReadServesTheLastGoodCopy() {
    SnapshotCache cache = new SnapshotCache(Snapshots.source(store), clock(), Duration.ZERO);
    SnapshotCache.Loaded good = cache.current().orElseThrow();
    down.set(true);
    assertSame(good, cache.current().orElseThrow());
  }

  @Test
  void withoutAnyCopyAFailureIsReported() {
    down.set(true);
    SnapshotCache cache = new SnapshotCache(Snapshots.source(store), clock(), Duration.ZERO);
    assertThrows(StoreException.class, cache::current);
  }

  @Test
  void withoutATtlARequestWaitsForARunningReadInsteadOfAnsweringTheOldCopy() throws Exception {
    java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    AtomicBoolean block = new AtomicBoolean();
    SnapshotSource source =
        () -> {
          Optional<String> raw = Snapshots.source(store).read();
          if (block.get()) {
            reading.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return raw;
        };
    SnapshotCache cache = new SnapshotCache(source, clock(), Duration.ZERO);
    SnapshotCache.Loaded old = cache.current().orElseThrow();
    // A slow read of the old snapshot is under way when a write commits; a request after the write
    // must see it.
    block.set(true);
    Thread slow = new Thread(cache::current);
    slow.start();
    reading.await();
    block.set(false);
    new SnapshotWriter(365).rebuild(files, now.plusSeconds(1));
    java.util.concurrent.FutureTask<SnapshotCache.Loaded> after =
        new java.util.concurrent.FutureTask<>(() -> cache.current().orElseThrow());
    new Thread(after).start();
    Thread.sleep(200);
    release.countDown();
    assertNotEquals(old.version(), after.get(5, java.util.concurrent.TimeUnit.SECONDS).version());
    slow.join();
  }
}
