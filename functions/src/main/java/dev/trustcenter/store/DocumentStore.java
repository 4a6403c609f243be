package dev.trustcenter.store;

import java.util.List;
import java.util.Optional;

/**
 * The port every persistent piece of the trust center is stored through: named collections of JSON
 * documents with ids, read and written in serializable transactions. Adapters: Firestore in
 * production, a crash-safe file store for the local run; both pass {@code DocumentStoreContract}.
 *
 * <p>Collection paths are {@code name} or {@code name/docId/name} (Firestore's subcollections),
 * each segment matching {@link Ids#SEGMENT}; document ids match {@link Ids#DOCUMENT_ID}.
 */
public interface DocumentStore extends AutoCloseable {

  /** The document, if it exists. */
  Optional<StoredDocument> get(String collection, String id);

  /** The documents of a collection within a range of ids, ordered by id. */
  List<StoredDocument> list(String collection, Range range);

  /** Writes a document unless one with that id exists; answers whether it wrote. Atomic. */
  boolean createIfAbsent(String collection, String id, String json);

  /**
   * Runs {@code work} in one serializable transaction and returns its result. Either every write of
   * the work is applied or none is. The work may run more than once when writers contend, so it
   * must not have side effects outside the {@link Transaction}; it must do all its reads before its
   * first write. An exception thrown by the work aborts the transaction and is rethrown unchanged.
   */
  <T> T transaction(TransactionWork<T> work);

  /** Releases the adapter's resources. */
  @Override
  void close();

  /** The body of a transaction. */
  @FunctionalInterface
  interface TransactionWork<T> {
    T run(Transaction tx);
  }

  /** Reads and writes inside one transaction. */
  interface Transaction {
    Optional<StoredDocument> get(String collection, String id);

    List<StoredDocument> list(String collection, Range range);

    void put(String collection, String id, String json);

    void delete(String collection, String id);
  }
}
