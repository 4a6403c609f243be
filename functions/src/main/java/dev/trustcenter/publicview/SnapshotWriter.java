package dev.trustcenter.publicview;

import dev.trustcenter.content.Content;
import dev.trustcenter.content.ContentRepository;
import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.DocumentStore.Transaction;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Writes the {@link PublicSnapshot}, with its {@link ReadyAnswers} in front. Every writer of the
 * snapshot (content changes, bundles, check results, subprocessor syncs, planned changes, the seed)
 * is given this one, built by the composition root with the deployment's review period, because the
 * ready answers are rendered with it.
 */
public final class SnapshotWriter {
  private static final Logger LOG = Logger.getLogger(SnapshotWriter.class.getName());
  private final int reviewPeriodDays;

  /**
   * @param reviewPeriodDays the period of policy reviews ({@code POLICY_REVIEW_DAYS}), which the
   *     public API renders with too
   */
  public SnapshotWriter(int reviewPeriodDays) {
    this.reviewPeriodDays = reviewPeriodDays;
  }

  /** Writes the snapshot of {@code inputs} as of {@code now}, inside the writer's transaction. */
  public PublicSnapshot write(Transaction tx, Snapshots.Inputs inputs, Instant now) {
    PublicSnapshot snapshot =
        new PublicSnapshot(
            PublicSnapshot.SCHEMA_VERSION,
            now,
            inputs.contentUpdatedAt(),
            inputs.content(),
            inputs.checks(),
            inputs.upstream());
    tx.put(
        Snapshots.COLLECTION,
        Snapshots.SNAPSHOT_ID,
        ReadyAnswers.render(snapshot, reviewPeriodDays).storedForm(Json.write(snapshot)));
    return snapshot;
  }

  /** Rebuilds the snapshot from what is stored. */
  public PublicSnapshot rebuild(DocumentStore store, Instant now) {
    return store.transaction(tx -> write(tx, Snapshots.readInputs(tx), now));
  }

  /**
   * Fills an empty store with {@code seed} and its snapshot, in one transaction; does nothing if
   * content was ever written. Safe to call from every instance at startup: concurrent calls seed
   * once.
   *
   * @return whether this call seeded the store
   */
  public boolean seedIfEmpty(DocumentStore store, Content seed, Instant now) {
    return seedIfEmpty(store, () -> seed, now);
  }

  /**
   * {@link #seedIfEmpty(DocumentStore, Content, Instant)} with the seed made only when the store
   * has no content (the publisher asks at every run; the seed is parsed from the jar).
   */
  public boolean seedIfEmpty(
      DocumentStore store, java.util.function.Supplier<Content> seedSource, Instant now) {
    // Content, once written, is never removed: a plain read answers every run but the first
    // without a transaction, which decides the first.
    if (ContentRepository.exists(store)) {
      return false;
    }
    boolean seeded =
        store.transaction(
            tx -> {
              if (ContentRepository.exists(tx)) {
                return false;
              }
              var checks = Snapshots.readChecks(tx);
              var upstream = Snapshots.readUpstream(tx);
              Content seed = seedSource.get();
              ContentRepository.writeAll(tx, seed, now);
              write(tx, new Snapshots.Inputs(seed, now, checks, upstream), now);
              return true;
            });
    if (seeded) {
      LOG.info("seeded the store with the default content");
    }
    return seeded;
  }
}
