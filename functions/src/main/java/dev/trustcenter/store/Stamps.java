package dev.trustcenter.store;

import java.util.Optional;
import java.util.UUID;

/**
 * A stamp per collection ({@value #COLLECTION}/{@code <collection>}): a small document rewritten
 * with a new random value in the same transaction as writes to the collection. A reader that keeps
 * what it listed can then tell with one small read, instead of listing the collection again,
 * whether anything changed since: an equal stamp means no writer touched the collection since the
 * stamp was read.
 *
 * <p>Only a collection whose every writer touches its stamp may be read this way; a stamped
 * collection says so on its constant. A collection without a stamp was never written since stamps
 * were introduced, or only by hand: a reader cannot tell from it whether the collection changed.
 */
public final class Stamps {
  /** The stamps, one document per stamped collection, named after it. */
  public static final String COLLECTION = "stamps";

  private Stamps() {}

  /**
   * Gives {@code collection} a new stamp in {@code tx}. Call it once per transaction that writes to
   * the collection, after its reads.
   */
  public static void touch(DocumentStore.Transaction tx, String collection) {
    tx.put(COLLECTION, Ids.checkId(collection), "{\"stamp\":\"" + UUID.randomUUID() + "\"}");
  }

  /** The collection's stamp as stored, or empty when it has none. */
  public static Optional<String> read(DocumentStore store, String collection) {
    return store.get(COLLECTION, Ids.checkId(collection)).map(StoredDocument::json);
  }
}
