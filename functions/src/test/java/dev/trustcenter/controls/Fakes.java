package dev.trustcenter.controls;

import dev.trustcenter.content.Seed;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.store.DocumentStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shared doubles of the controls tests: our own ports faked, and a seeded store. */
final class Fakes {
  static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");

  private Fakes() {}

  /** A file store in {@code dir} holding the seed content and its snapshot. */
  static DocumentStore seededStore(Path dir) {
    DocumentStore store = FileDocumentStore.open(dir);
    new SnapshotWriter(365).seedIfEmpty(store, Seed.load(), NOW.minusSeconds(3600));
    return store;
  }

  /** A clock that tests move by hand. */
  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

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
  }

  /** Buckets by name; an unknown name fails as the real adapter does for a missing bucket. */
  static final class FakeBuckets implements BucketInspector {
    final Map<String, BucketFacts> byName = new HashMap<>();

    FakeBuckets with(BucketFacts f) {
      byName.put(f.name(), f);
      return this;
    }

    @Override
    public BucketFacts inspect(String bucket) {
      BucketFacts f = byName.get(bucket);
      if (f == null) {
        throw new IllegalStateException("bucket " + bucket + " does not exist");
      }
      return f;
    }
  }

  /** A private bucket as the infrastructure creates it: PAP enforced, uniform access, no CMEK. */
  static BucketFacts privateBucket(String name) {
    return new BucketFacts(
        name, "123456789012", "enforced", true, false, 0, false, 604800, null, "EUROPE-WEST1");
  }

  static DatabaseFacts database(
      String project, String pitr, List<DatabaseFacts.BackupSchedule> schedules) {
    return new DatabaseFacts(
        "projects/" + project + "/databases/(default)",
        "eur3",
        pitr,
        "DELETE_PROTECTION_ENABLED",
        "604800s",
        schedules);
  }
}
