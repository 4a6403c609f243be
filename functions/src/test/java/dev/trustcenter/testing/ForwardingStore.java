package dev.trustcenter.testing;

import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoredDocument;
import java.util.List;
import java.util.Optional;

/**
 * A store that passes every call to another, for tests that count a store's writes or make some of
 * them fail: override {@link #beforeWrite}, called before each write inside a transaction.
 */
public class ForwardingStore implements DocumentStore {
  private final DocumentStore delegate;

  public ForwardingStore(DocumentStore delegate) {
    this.delegate = delegate;
  }

  /**
   * Called before a transaction's write reaches the store; throwing aborts the transaction.
   *
   * @param kind {@code put} or {@code delete}
   * @param nth the write's number within its transaction, from 1
   */
  protected void beforeWrite(String kind, String collection, int nth) {}

  @Override
  public Optional<StoredDocument> get(String collection, String id) {
    return delegate.get(collection, id);
  }

  @Override
  public List<StoredDocument> list(String collection, Range range) {
    return delegate.list(collection, range);
  }

  @Override
  public boolean createIfAbsent(String collection, String id, String json) {
    return delegate.createIfAbsent(collection, id, json);
  }

  @Override
  public <T> T transaction(TransactionWork<T> work) {
    return delegate.transaction(
        tx ->
            work.run(
                new Transaction() {
                  private int writes;

                  @Override
                  public Optional<StoredDocument> get(String collection, String id) {
                    return tx.get(collection, id);
                  }

                  @Override
                  public List<StoredDocument> list(String collection, Range range) {
                    return tx.list(collection, range);
                  }

                  @Override
                  public void put(String collection, String id, String json) {
                    beforeWrite("put", collection, ++writes);
                    tx.put(collection, id, json);
                  }

                  @Override
                  public void delete(String collection, String id) {
                    beforeWrite("delete", collection, ++writes);
                    tx.delete(collection, id);
                  }
                }));
  }

  /** Closes nothing: the store passed in belongs to the test. */
  @Override
  public void close() {}
}
