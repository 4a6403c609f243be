package dev.trustcenter.publicview;

import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.Content;
import dev.trustcenter.content.ContentRepository;
import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.DocumentStore.Transaction;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoredDocument;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Builds, stores and reads the {@link PublicSnapshot}. Writers call {@link #readInputs} before
 * their first write and {@link #write} after, inside their own transaction, so content and snapshot
 * never disagree.
 */
public final class Snapshots {
  private static final Logger LOG = Logger.getLogger(Snapshots.class.getName());
  public static final String COLLECTION = "public";
  public static final String SNAPSHOT_ID = "snapshot";

  /**
   * One document per control id with its {@link CheckSummary}, maintained as check results are
   * recorded.
   */
  public static final String CHECK_SUMMARIES = "check-summaries";

  /**
   * One document per vendor with its last good subprocessor list, written by {@code
   * SubprocessorSync}.
   */
  public static final String UPSTREAM_LISTS = "subprocessor-lists";

  private Snapshots() {}

  /** What a snapshot is built from, read inside a transaction. */
  public record Inputs(
      Content content,
      Instant contentUpdatedAt,
      Map<String, CheckSummary> checks,
      Map<String, PublicSnapshot.Upstream> upstream) {
    public Inputs {
      upstream = upstream == null ? Map.of() : Map.copyOf(upstream);
    }

    /**
     * The same inputs with {@code vendor}'s upstream summary replaced (its list is written in the
     * same transaction).
     */
    public Inputs withUpstream(String vendor, PublicSnapshot.Upstream summary) {
      Map<String, PublicSnapshot.Upstream> copy = new LinkedHashMap<>(upstream);
      copy.put(vendor, summary);
      return new Inputs(content, contentUpdatedAt, checks, copy);
    }
  }

  /** Reads everything a snapshot is built from. */
  public static Inputs readInputs(Transaction tx) {
    Map<String, CheckSummary> checks = new LinkedHashMap<>();
    for (StoredDocument d : tx.list(CHECK_SUMMARIES, Range.all())) {
      checks.put(d.id(), Json.read(d.json(), CheckSummary.class));
    }
    return new Inputs(
        ContentRepository.read(tx), ContentRepository.updatedAt(tx), checks, readUpstream(tx));
  }

  /** The upstream list summaries, by vendor id (Gson skips the entries themselves). */
  static Map<String, PublicSnapshot.Upstream> readUpstream(Transaction tx) {
    Map<String, PublicSnapshot.Upstream> upstream = new LinkedHashMap<>();
    for (StoredDocument d : tx.list(UPSTREAM_LISTS, Range.all())) {
      upstream.put(d.id(), Json.read(d.json(), PublicSnapshot.Upstream.class));
    }
    return upstream;
  }

  /** Writes the snapshot of {@code inputs} as of {@code now}. */
  public static PublicSnapshot write(Transaction tx, Inputs inputs, Instant now) {
    PublicSnapshot snapshot =
        new PublicSnapshot(
            PublicSnapshot.SCHEMA_VERSION,
            now,
            inputs.contentUpdatedAt(),
            inputs.content(),
            inputs.checks(),
            inputs.upstream());
    tx.put(COLLECTION, SNAPSHOT_ID, Json.write(snapshot));
    return snapshot;
  }

  /** Rebuilds the snapshot from what is stored. */
  public static PublicSnapshot rebuild(DocumentStore store, Instant now) {
    return store.transaction(tx -> write(tx, readInputs(tx), now));
  }

  /**
   * Fills an empty store with {@code seed} and its snapshot, in one transaction; does nothing if
   * content was ever written. Safe to call from every instance at startup: concurrent calls seed
   * once.
   *
   * @return whether this call seeded the store
   */
  public static boolean seedIfEmpty(DocumentStore store, Content seed, Instant now) {
    boolean seeded =
        store.transaction(
            tx -> {
              if (ContentRepository.exists(tx)) {
                return false;
              }
              Map<String, CheckSummary> checks = new LinkedHashMap<>();
              for (StoredDocument d : tx.list(CHECK_SUMMARIES, Range.all())) {
                checks.put(d.id(), Json.read(d.json(), CheckSummary.class));
              }
              Map<String, PublicSnapshot.Upstream> upstream = readUpstream(tx);
              ContentRepository.writeAll(tx, seed, now);
              write(tx, new Inputs(seed, now, checks, upstream), now);
              return true;
            });
    if (seeded) {
      LOG.info("seeded the store with the default content");
    }
    return seeded;
  }

  /** The stored snapshot as raw JSON, if one was ever written. */
  public static Optional<StoredDocument> readRaw(DocumentStore store) {
    return store.get(COLLECTION, SNAPSHOT_ID);
  }

  /** A {@link SnapshotSource} reading through the store port. */
  public static SnapshotSource source(DocumentStore store) {
    return () -> readRaw(store).map(StoredDocument::json);
  }
}
