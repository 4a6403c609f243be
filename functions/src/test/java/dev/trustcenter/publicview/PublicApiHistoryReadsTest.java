package dev.trustcenter.publicview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.Language;
import dev.trustcenter.content.Seed;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A control's history (a query listing up to 90 days of results) is read once per snapshot version
 * and day, not again for the other language or each time an aged answer is re-rendered: at a year
 * of hourly checks that query lists thousands of documents.
 */
class PublicApiHistoryReadsTest {
  @TempDir Path dir;
  DocumentStore store;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  AtomicInteger historyReads = new AtomicInteger();
  PublicApi api;

  @BeforeEach
  void open() {
    store = FileDocumentStore.open(dir);
    new SnapshotWriter(365).seedIfEmpty(store, Seed.load(), clock.instant());
    SnapshotCache cache = new SnapshotCache(Snapshots.source(store), clock, Duration.ofSeconds(2));
    api =
        new PublicApi(
            cache,
            clock,
            Duration.ofSeconds(2),
            365,
            (id, now) -> {
              historyReads.incrementAndGet();
              return HistoryDigest.EMPTY;
            });
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void bothLanguagesAndAgedRerendersShareOneHistoryReadPerSnapshotVersion() {
    for (int i = 0; i < 10; i++) {
      api.control("encryption-at-rest", Language.EN);
      api.control("encryption-at-rest", Language.ES);
      clock.advance(Duration.ofSeconds(5)); // past the render and snapshot cache periods
    }
    assertEquals(1, historyReads.get());
    api.control("encryption-in-transit", Language.EN);
    assertEquals(2, historyReads.get(), "another control has its own history");
  }

  @Test
  void aRecordedResultReadsTheDigestAgainANewDayDoesNot() {
    api.control("encryption-at-rest", Language.EN);
    store.transaction(
        tx -> {
          tx.put(
              Snapshots.CHECK_SUMMARIES,
              "encryption-at-rest",
              Json.write(new CheckSummary(CheckOutcome.PASSING, clock.instant(), clock.instant())));
          return null;
        });
    new SnapshotWriter(365).rebuild(store, clock.instant());
    clock.advance(Duration.ofSeconds(5));
    api.control("encryption-at-rest", Language.EN);
    assertEquals(2, historyReads.get(), "a new snapshot version");
    String before = new String(api.control("encryption-at-rest", Language.EN).body());
    clock.advance(Duration.ofDays(1));
    String after = new String(api.control("encryption-at-rest", Language.EN).body());
    assertEquals(2, historyReads.get(), "the digest is read as of the time of reading");
    assertNotEquals(before, after, "a new day moves the window of days");
  }
}
