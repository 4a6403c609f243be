package dev.trustcenter.evidence;

import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.DocumentStore.Transaction;
import dev.trustcenter.store.Ids;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoredDocument;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The evidence log as stored: entries are appended inside the same store transaction as the fact
 * they record, so a fact is never stored without its entry nor an entry without its fact. Each
 * append writes the entry, the tree's {@link RightEdge} (O(log n) hashes, not the tree) and a
 * pointer from the entry's subject to its newest entry. The {@link LogPublisher} later turns the
 * entries into tiles and a signed checkpoint; until then the stored entries are the durable queue,
 * so a crash between appending and publishing loses nothing.
 *
 * <p>Layout: {@value #COLLECTION}/{@value #STATE_ID} holds the right edge; entry {@code i} is
 * document {@code i} (12 digits) of {@code evidence-log-bundles/<i / 256>/entries}, so the
 * publisher reads one bundle with one short listing; {@value #LATEST}/{@code <kind>:<subject>}
 * points at a subject's newest entry.
 */
public final class EvidenceLog {
  public static final String COLLECTION = "evidence-log";
  public static final String STATE_ID = "state";
  public static final String LATEST = "evidence-log-latest";
  private static final String BUNDLES = "evidence-log-bundles";

  private final DocumentStore store;

  public EvidenceLog(DocumentStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * The stored form of one entry: its canonical JSON and, if it commits to private values, their
   * salt.
   */
  record StoredEntry(long index, String entry, String salt) {}

  /** The stored pointer from a subject to its newest entry. */
  public record Latest(long index, String time) {}

  /** The collection holding the entries of bundle {@code n}. */
  static String bundle(long n) {
    return BUNDLES + "/" + id(n) + "/entries";
  }

  static String id(long n) {
    return String.format("%012d", n);
  }

  /**
   * Starts appending inside {@code tx}: reads the tree's state, so call it before the transaction's
   * first write (Firestore transactions read before they write).
   */
  public Appender begin(Transaction tx) {
    RightEdge edge =
        tx.get(COLLECTION, STATE_ID)
            .map(d -> Json.read(d.json(), RightEdge.class))
            .orElse(RightEdge.empty());
    return new Appender(tx, edge);
  }

  /** Appends entries within one transaction. */
  public static final class Appender {
    private final Transaction tx;
    private RightEdge edge;

    private Appender(Transaction tx, RightEdge edge) {
      this.tx = tx;
      this.edge = edge;
    }

    /** Appends {@code entry} and answers its index. */
    public long append(LogEntry entry) {
      return append(entry, null);
    }

    /**
     * Appends {@code entry}, keeping {@code salt} (of a commitment in it) privately with the stored
     * entry, and answers its index.
     *
     * @throws IllegalArgumentException if the entry is longer than {@link LogEntry#MAX_BYTES}
     */
    public long append(LogEntry entry, String salt) {
      byte[] bytes = entry.bytes();
      if (bytes.length > LogEntry.MAX_BYTES) {
        throw new IllegalArgumentException(
            "a log entry has at most " + LogEntry.MAX_BYTES + " bytes, this one " + bytes.length);
      }
      long index = edge.size();
      tx.put(
          bundle(index / Tiles.WIDTH),
          id(index),
          Json.write(new StoredEntry(index, new String(bytes, StandardCharsets.UTF_8), salt)));
      edge = edge.append(Merkle.leafHash(bytes));
      // Written at every append so that no caller can forget it; a transaction keeps only the last
      // write.
      tx.put(COLLECTION, STATE_ID, Json.write(edge));
      String latestId = entry.kind() + ":" + entry.subject();
      if (Ids.DOCUMENT_ID.matcher(latestId).matches()) {
        tx.put(LATEST, latestId, Json.write(new Latest(index, entry.time().toString())));
      }
      return index;
    }
  }

  /** The tree as appended so far. */
  public RightEdge state() {
    return store
        .get(COLLECTION, STATE_ID)
        .map(d -> Json.read(d.json(), RightEdge.class))
        .orElse(RightEdge.empty());
  }

  /** The newest entry about {@code subject} of {@code kind}, if any. */
  public Optional<Latest> latest(String kind, String subject) {
    String id = kind + ":" + subject;
    if (!Ids.DOCUMENT_ID.matcher(id).matches()) {
      return Optional.empty();
    }
    return store.get(LATEST, id).map(d -> Json.read(d.json(), Latest.class));
  }

  /** Every subject's newest entry of {@code kind}: subject to index. */
  public Map<String, Long> latestOfKind(String kind) {
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    String prefix = kind + ":";
    for (StoredDocument d :
        store.list(LATEST, new Range(prefix, kind + ";", Range.MAX_LIMIT, false))) {
      out.put(d.id().substring(prefix.length()), Json.read(d.json(), Latest.class).index());
    }
    return out;
  }

  /**
   * The stored entries {@code [from, to)}, in order.
   *
   * @throws IllegalStateException if one is missing or out of place: the store lost or moved an
   *     entry
   */
  List<StoredEntry> entries(long from, long to) {
    List<StoredEntry> out = new ArrayList<>();
    for (long b = from / Tiles.WIDTH; b * Tiles.WIDTH < to; b++) {
      long lo = Math.max(from, b * Tiles.WIDTH);
      long hi = Math.min(to, (b + 1) * Tiles.WIDTH);
      List<StoredDocument> docs =
          store.list(bundle(b), new Range(id(lo), id(hi), Tiles.WIDTH, false));
      for (StoredDocument d : docs) {
        StoredEntry e = Json.read(d.json(), StoredEntry.class);
        long expected = from + out.size();
        if (!d.id().equals(id(expected))
            || e == null
            || e.index() != expected
            || e.entry() == null) {
          throw new IllegalStateException(
              "log entry " + expected + " is missing or out of place in the store");
        }
        out.add(e);
      }
      if (out.size() != hi - from) {
        throw new IllegalStateException(
            "log entries "
                + (from + out.size())
                + " to "
                + (hi - 1)
                + " are missing from the store");
      }
    }
    return out;
  }
}
