package dev.trustcenter.config;

import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.firestore.FirestoreClients;
import dev.trustcenter.firestore.FirestoreDocumentStore;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.trustcenter.PublicApi;
import dev.trustcenter.trustcenter.SnapshotCache;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The composition root: builds each adapter and service once per instance, lazily, from one {@link Config}.
 * Deployed functions share {@link #instance()}; the local server builds its own with {@link #local}, and tests
 * pass their own store and clock.
 */
public final class Services implements AutoCloseable {
  private static Services production;

  private final Config config;
  private final DocumentStore store;
  private final Clock clock;
  private final Lazy<SnapshotCache> snapshots;
  private final Lazy<PublicApi> publicApi;

  public Services(Config config, DocumentStore store, Clock clock) {
    this.config = config;
    this.store = store;
    this.clock = clock;
    this.snapshots = new Lazy<>(() -> new SnapshotCache(store, clock, Duration.ofSeconds(config.publicCacheSeconds())));
    this.publicApi =
        new Lazy<>(() -> new PublicApi(snapshots.get(), clock, Duration.ofSeconds(Math.max(1, config.publicCacheSeconds()))));
  }

  /** The deployed functions' services: Firestore through application default credentials. */
  public static synchronized Services instance() {
    if (production == null) {
      Config config = Config.load();
      production = new Services(config, firestore(config), Clock.systemUTC());
    }
    return production;
  }

  /**
   * The local server's services: the embedded file store in {@code TRUST_CENTER_DATA_DIR}, or Firestore when
   * {@code FIRESTORE_EMULATOR_HOST} is set.
   */
  public static Services local(Config config) {
    DocumentStore store =
        config.firestoreEmulatorHost() != null ? firestore(config) : FileDocumentStore.open(config.dataDir());
    return new Services(config, store, Clock.systemUTC());
  }

  private static DocumentStore firestore(Config config) {
    return new FirestoreDocumentStore(
        () -> FirestoreClients.create(config.projectId(), config.firestoreDatabase(), config.firestoreEmulatorHost()));
  }

  public Config config() {
    return config;
  }

  public DocumentStore store() {
    return store;
  }

  public Clock clock() {
    return clock;
  }

  public SnapshotCache snapshots() {
    return snapshots.get();
  }

  public PublicApi publicApi() {
    return publicApi.get();
  }

  @Override
  public void close() {
    store.close();
  }

  /** A value built on first use, once. */
  static final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    Lazy(Supplier<T> factory) {
      this.factory = factory;
    }

    @Override
    public T get() {
      T v = value;
      if (v == null) {
        synchronized (this) {
          if (value == null) {
            value = factory.get();
          }
          v = value;
        }
      }
      return v;
    }
  }
}
