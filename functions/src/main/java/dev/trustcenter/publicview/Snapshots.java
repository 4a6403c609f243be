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

/**
 * Reads the {@link PublicSnapshot} and what it is built from. Writers call {@link #readInputs}
 * before their first write and {@link SnapshotWriter#write} after, inside their own transaction, so
 * content and snapshot never disagree.
 */
public final class Snapshots {
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
    return new Inputs(
        ContentRepository.read(tx),
        ContentRepository.updatedAt(tx),
        readChecks(tx),
        readUpstream(tx));
  }

  /** The check summaries, by control id. */
  static Map<String, CheckSummary> readChecks(Transaction tx) {
    Map<String, CheckSummary> checks = new LinkedHashMap<>();
    for (StoredDocument d : tx.list(CHECK_SUMMARIES, Range.all())) {
      checks.put(d.id(), Json.read(d.json(), CheckSummary.class));
    }
    return checks;
  }

  /** The upstream list summaries, by vendor id (Gson skips the entries themselves). */
  static Map<String, PublicSnapshot.Upstream> readUpstream(Transaction tx) {
    Map<String, PublicSnapshot.Upstream> upstream = new LinkedHashMap<>();
    for (StoredDocument d : tx.list(UPSTREAM_LISTS, Range.all())) {
      upstream.put(d.id(), Json.read(d.json(), PublicSnapshot.Upstream.class));
    }
    return upstream;
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
