package dev.trustcenter.config;

import dev.trustcenter.auth.Authenticator;
import dev.trustcenter.auth.DevTokenAuthenticator;
import dev.trustcenter.auth.OidcAuthenticator;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.firestore.FirestoreClients;
import dev.trustcenter.filestore.FolderSiteBucket;
import dev.trustcenter.firestore.FirestoreDocumentStore;
import dev.trustcenter.site.PublishTrigger;
import dev.trustcenter.site.SitePublisher;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.trustcenter.PublicApi;
import dev.trustcenter.trustcenter.SnapshotCache;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
  private final String devToken;
  private final Lazy<SnapshotCache> snapshots;
  private final Lazy<PublicApi> publicApi;
  private final Lazy<SiteServices> site;

  /**
   * @param devToken the local server's development token, accepted on admin and task endpoints; null for
   *     deployed functions, which never accept one
   */
  public Services(Config config, DocumentStore store, Clock clock, String devToken) {
    this.config = config;
    this.store = store;
    this.clock = clock;
    this.devToken = devToken;
    this.snapshots = new Lazy<>(() -> new SnapshotCache(store, clock, Duration.ofSeconds(config.store().publicCacheSeconds())));
    this.publicApi =
        new Lazy<>(() -> new PublicApi(snapshots.get(), clock, Duration.ofSeconds(Math.max(1, config.store().publicCacheSeconds()))));
    this.site = new Lazy<>(() -> new SiteServices(config, store, clock, devToken != null));
  }

  /** The deployed functions' services: Firestore through application default credentials. */
  public static synchronized Services instance() {
    if (production == null) {
      Config config = Config.load();
      production = new Services(config, firestore(config), Clock.systemUTC(), null);
    }
    return production;
  }

  /**
   * The local server's services: the embedded file store in {@code TRUST_CENTER_DATA_DIR}, or Firestore when
   * {@code FIRESTORE_EMULATOR_HOST} is set.
   */
  public static Services local(Config config) {
    DocumentStore store =
        config.store().emulatorHost() != null ? firestore(config) : FileDocumentStore.open(config.local().dataDir());
    String devToken = config.local().devToken() != null ? config.local().devToken() : randomToken();
    return new Services(config, store, Clock.systemUTC(), devToken);
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static DocumentStore firestore(Config config) {
    return new FirestoreDocumentStore(
        () -> FirestoreClients.create(config.store().projectId(), config.store().database(), config.store().emulatorHost()));
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

  /** The local server's development token, or null in deployed functions. */
  public String devToken() {
    return devToken;
  }

  /** Who may call the admin API: admins with a Google ID token; locally also the dev token. */
  public Authenticator adminAuthenticator() {
    return authenticator(config.auth().adminEmails(), "ADMIN_EMAILS");
  }

  /** Who may run tasks: the scheduler's (and callers') service accounts; locally also the dev token. */
  public Authenticator taskAuthenticator() {
    return authenticator(config.auth().taskInvokerEmails(), "TASK_INVOKER_EMAILS");
  }

  private Authenticator authenticator(List<String> emails, String emailsVariable) {
    Config.Auth auth = config.auth();
    if (devToken != null) {
      Authenticator dev = new DevTokenAuthenticator(devToken);
      return auth.audiences().isEmpty() || emails.isEmpty()
          ? dev
          : dev.or(new OidcAuthenticator(auth.issuer(), auth.jwksUrl(), auth.audiences(), emails, clock));
    }
    return new OidcAuthenticator(
        auth.issuer(),
        auth.jwksUrl(),
        Config.require(auth.audiences(), "OIDC_AUDIENCE"),
        Config.require(emails, emailsVariable),
        clock);
  }

  public SnapshotCache snapshots() {
    return snapshots.get();
  }

  public PublicApi publicApi() {
    return publicApi.get();
  }

  /** Renders and publishes the static site (see {@link SiteServices} for the adapters chosen). */
  public SitePublisher sitePublisher() {
    return site.get().publisher();
  }

  /** What other capabilities call after a change the site shows. */
  public PublishTrigger publishTrigger() {
    return site.get().trigger();
  }

  /** The local server's site folder, or null when the site goes to {@code SITE_BUCKET}. */
  public FolderSiteBucket localSiteFolder() {
    return site.get().folder();
  }

  /** The local server's URL once it listens: the site's base URL when {@code SITE_BASE_URL} is unset. */
  public void localSiteUrl(URI url) {
    site.get().localUrl(url);
  }

  @Override
  public void close() {
    if (site.isBuilt()) {
      site.get().close();
    }
    store.close();
  }

  /** A value built on first use, once. */
  static final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    Lazy(Supplier<T> factory) {
      this.factory = factory;
    }

    boolean isBuilt() {
      return value != null;
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
