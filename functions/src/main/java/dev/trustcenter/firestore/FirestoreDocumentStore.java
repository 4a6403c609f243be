package dev.trustcenter.firestore;

import com.google.api.core.ApiFuture;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.QuerySnapshot;
import com.google.cloud.firestore.TransactionOptions;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Ids;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoreException;
import dev.trustcenter.store.StoredDocument;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The production store: each document is a Firestore document holding its JSON in one field, {@code
 * json}. Keeping the JSON whole (rather than mapping it to Firestore fields) makes reads exact,
 * keeps the domain free of Firestore types and lets both adapters share one contract. Listings
 * order by {@code k}, a copy of the id, which Firestore's automatic single-field indexes serve in
 * both directions.
 *
 * <p>The {@link Firestore} client is created on first use, not at construction, so a function that
 * never touches the store (or answers its first request from a cache) pays nothing for it.
 */
public final class FirestoreDocumentStore implements DocumentStore {
  private static final String FIELD = "json";

  /**
   * A copy of the document id to order and filter listings by: Firestore cannot scan ids in
   * descending order.
   */
  private static final String KEY = "k";

  private static final int MAX_TRANSACTION_ATTEMPTS = 10;

  private final Supplier<Firestore> factory;
  private volatile Firestore db;

  /**
   * @param factory builds the client when the store is first used
   */
  public FirestoreDocumentStore(Supplier<Firestore> factory) {
    this.factory = factory;
  }

  private Firestore db() {
    Firestore local = db;
    if (local == null) {
      synchronized (this) {
        if (db == null) {
          db = factory.get();
        }
        local = db;
      }
    }
    return local;
  }

  @Override
  public Optional<StoredDocument> get(String collection, String id) {
    return toDocument(await(ref(collection, id).get()));
  }

  @Override
  public List<StoredDocument> list(String collection, Range range) {
    return toDocuments(await(query(collection, range).get()));
  }

  @Override
  public boolean createIfAbsent(String collection, String id, String json) {
    try {
      ref(collection, id).create(Map.of(FIELD, json, KEY, id)).get();
      return true;
    } catch (ExecutionException e) {
      if (isAlreadyExists(e.getCause())) {
        return false;
      }
      throw new StoreException("Firestore create failed: " + describe(e.getCause()), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted", e);
    }
  }

  @Override
  public <T> T transaction(TransactionWork<T> work) {
    TransactionOptions options =
        TransactionOptions.createReadWriteOptionsBuilder()
            .setNumberOfAttempts(MAX_TRANSACTION_ATTEMPTS)
            .build();
    try {
      return db().runTransaction(tx -> work.run(new FirestoreTransaction(tx)), options).get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re
          && !(cause instanceof com.google.cloud.firestore.FirestoreException)
          && !(cause instanceof StatusRuntimeException)) {
        throw re;
      }
      throw new StoreException("Firestore transaction failed: " + describe(cause), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted", e);
    }
  }

  @Override
  public void close() {
    Firestore local = db;
    if (local != null) {
      try {
        local.close();
      } catch (Exception e) {
        local.shutdownNow();
      }
    }
  }

  private final class FirestoreTransaction implements Transaction {
    private final com.google.cloud.firestore.Transaction tx;

    FirestoreTransaction(com.google.cloud.firestore.Transaction tx) {
      this.tx = tx;
    }

    @Override
    public Optional<StoredDocument> get(String collection, String id) {
      return toDocument(await(tx.get(ref(collection, id))));
    }

    @Override
    public List<StoredDocument> list(String collection, Range range) {
      return toDocuments(await(tx.get(query(collection, range))));
    }

    @Override
    public void put(String collection, String id, String json) {
      tx.set(ref(collection, id), Map.of(FIELD, json, KEY, id));
    }

    @Override
    public void delete(String collection, String id) {
      tx.delete(ref(collection, id));
    }
  }

  private DocumentReference ref(String collection, String id) {
    return db().collection(Ids.checkCollection(collection)).document(Ids.checkId(id));
  }

  private Query query(String collection, Range range) {
    Query q = db().collection(Ids.checkCollection(collection));
    if (range.fromId() != null) {
      q = q.whereGreaterThanOrEqualTo(KEY, range.fromId());
    }
    if (range.toId() != null) {
      q = q.whereLessThan(KEY, range.toId());
    }
    return q.orderBy(
            KEY, range.descending() ? Query.Direction.DESCENDING : Query.Direction.ASCENDING)
        .limit(range.limit());
  }

  private static Optional<StoredDocument> toDocument(DocumentSnapshot snap) {
    if (!snap.exists()) {
      return Optional.empty();
    }
    return Optional.of(new StoredDocument(snap.getId(), jsonOf(snap)));
  }

  private static List<StoredDocument> toDocuments(QuerySnapshot result) {
    List<StoredDocument> out = new ArrayList<>();
    for (QueryDocumentSnapshot snap : result.getDocuments()) {
      out.add(new StoredDocument(snap.getId(), jsonOf(snap)));
    }
    return out;
  }

  private static String jsonOf(DocumentSnapshot snap) {
    String json = snap.getString(FIELD);
    if (json == null) {
      throw new StoreException(
          "document " + snap.getReference().getPath() + " has no json field", null);
    }
    return json;
  }

  private static <T> T await(ApiFuture<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw new StoreException("Firestore request failed: " + describe(e.getCause()), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted", e);
    }
  }

  private static boolean isAlreadyExists(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
        return true;
      }
      if (c instanceof com.google.api.gax.rpc.AlreadyExistsException) {
        return true;
      }
      if (c instanceof com.google.cloud.firestore.FirestoreException f
          && f.getStatus() != null
          && f.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable t) {
    return t == null ? "unknown" : t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
