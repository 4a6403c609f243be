package dev.trustcenter.app;

import dev.trustcenter.audit.AuditLog;
import dev.trustcenter.audit.AuditSink;
import dev.trustcenter.auth.Authenticator;
import dev.trustcenter.auth.DevTokenAuthenticator;
import dev.trustcenter.auth.IapAuthenticator;
import dev.trustcenter.auth.OidcAuthenticator;
import dev.trustcenter.cloudflare.CloudflareClient;
import dev.trustcenter.cloudflare.CloudflareEdgeTls;
import dev.trustcenter.config.Config;
import dev.trustcenter.config.DeployedFunction;
import dev.trustcenter.controls.BucketInspector;
import dev.trustcenter.controls.CheckResults;
import dev.trustcenter.controls.CheckRunner;
import dev.trustcenter.controls.CheckRuns;
import dev.trustcenter.controls.Checks;
import dev.trustcenter.controls.ControlCheckAdminRoutes;
import dev.trustcenter.controls.DatabaseInspector;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.filestore.FilePageArchive;
import dev.trustcenter.filestore.FolderSiteBucket;
import dev.trustcenter.firestore.FirestoreClients;
import dev.trustcenter.firestore.FirestoreDatabaseInspector;
import dev.trustcenter.firestore.FirestoreDocumentStore;
import dev.trustcenter.firestore.FirestoreRestReader;
import dev.trustcenter.gcp.MetadataServerRegion;
import dev.trustcenter.okhttp.HttpClients;
import dev.trustcenter.okhttp.IdTokenPublishTrigger;
import dev.trustcenter.okhttp.OkHttpVendorPages;
import dev.trustcenter.publicview.HistoryDigest;
import dev.trustcenter.publicview.PublicApi;
import dev.trustcenter.publicview.PublicHistory;
import dev.trustcenter.publicview.SnapshotCache;
import dev.trustcenter.publicview.SnapshotSource;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.secrets.ConfiguredSecrets;
import dev.trustcenter.secrets.Secret;
import dev.trustcenter.secrets.SecretManagerSecrets;
import dev.trustcenter.secrets.SecretSource;
import dev.trustcenter.site.PublishTrigger;
import dev.trustcenter.site.SitePublisher;
import dev.trustcenter.storage.CloudStoragePageArchive;
import dev.trustcenter.storage.GcsBucketInspector;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.subprocessors.ChangeEvent;
import dev.trustcenter.subprocessors.PageArchive;
import dev.trustcenter.subprocessors.SubprocessorReads;
import dev.trustcenter.subprocessors.SubprocessorSync;
import dev.trustcenter.subprocessors.Vendor;
import dev.trustcenter.subscriptions.SubprocessorChangeEvent;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The composition root: builds each adapter and service once per instance, lazily, from one {@link
 * Config}. Deployed functions share {@link #instance()}; the local server builds its own with
 * {@link #local}, and tests pass their own store and clock.
 */
public final class Services implements AutoCloseable {
  private static Services production;

  private final Config config;
  private final DocumentStore store;
  private final SnapshotWriter snapshotWriter;
  private final Clock clock;
  private final Deployment deployment;
  private final FirestoreRestReader restReader;
  private final Lazy<SnapshotCache> snapshots;
  private final Lazy<PublicApi> publicApi;
  private final Lazy<CloudflareClient> cloudflare;
  private final Lazy<BucketInspector> buckets;
  private final Lazy<DatabaseInspector> database;
  private final Lazy<SubprocessorSync> subprocessorSync;
  private final Lazy<SubprocessorReads> subprocessorReads;
  private final Lazy<SecretSource> secrets;
  private final Lazy<DocumentServices> documents;
  private final Lazy<SiteServices> site;
  private final Lazy<PublishTrigger> publishTrigger;

  /**
   * @param devToken the local server's development token, accepted on admin and task endpoints;
   *     null for deployed functions, which never accept one
   */
  public Services(Config config, DocumentStore store, Clock clock, String devToken) {
    this.config = config;
    this.store = store;
    this.snapshotWriter = new SnapshotWriter(config.checks().reviewPeriodDays());
    this.clock = clock;
    // Firestore's REST reader for the public read path (snapshot and history digests), one for both
    // so
    // that they share its access token; null with the embedded store. Building it does no I/O.
    this.restReader =
        store instanceof FirestoreDocumentStore
            ? new FirestoreRestReader(
                config.store().emulatorHost(),
                config.store().projectId(),
                config.store().database(),
                clock)
            : null;
    // Decided here once: every difference between the local server and a deployed function below
    // asks this value.
    this.deployment = Deployment.of(config.local(), devToken);
    this.secrets =
        new Lazy<>(
            () ->
                deployment.secretsFromEnvironment()
                    ? new ConfiguredSecrets(config)
                    : new SecretManagerSecrets(config));
    // In one process the public API shares it with every writer (admin API, tasks), and not all
    // of them tell the cache: it reads the snapshot on every request (one file read) so that a
    // change shows at once. Deployed, trust-api re-reads it every PUBLIC_CACHE_SECONDS.
    this.snapshots =
        new Lazy<>(
            () ->
                new SnapshotCache(
                    snapshotSource(),
                    clock,
                    deployment.singleProcess()
                        ? Duration.ZERO
                        : Duration.ofSeconds(config.store().publicCacheSeconds())));
    this.publicApi =
        new Lazy<>(
            () ->
                new PublicApi(
                    snapshots.get(),
                    clock,
                    Duration.ofSeconds(Math.max(1, config.store().publicCacheSeconds())),
                    config.checks().reviewPeriodDays(),
                    publicHistory()));
    // The token: locally CLOUDFLARE_API_TOKEN; deployed, Secret Manager
    // (CLOUDFLARE_API_TOKEN_SECRET).
    this.cloudflare =
        new Lazy<>(
            () ->
                CloudflareClient.create(
                    HttpClients.shared(),
                    config.cloudflare().apiBaseUrl(),
                    () -> secrets.get().secret(Secret.CLOUDFLARE_API_TOKEN)));
    this.buckets = new Lazy<>(GcsBucketInspector::withDefaultCredentials);
    this.database =
        new Lazy<>(
            () ->
                FirestoreDatabaseInspector.withDefaultCredentials(
                    HttpClients.shared(),
                    Config.require(config.store().projectId(), "GOOGLE_CLOUD_PROJECT"),
                    config.store().database()));
    this.subprocessorSync =
        new Lazy<>(
            () ->
                new SubprocessorSync(
                        store,
                        snapshotWriter,
                        OkHttpVendorPages.create(config.site().baseUrl(), clock),
                        pageArchive(),
                        vendors(config),
                        clock)
                    .onChanges(this::subprocessorChangesRecorded)
                    .afterRun(() -> publishTrigger().requestPublish("subprocessor sync")));
    this.subprocessorReads =
        new Lazy<>(
            () ->
                new SubprocessorReads(
                    store,
                    vendors(config),
                    () -> publicApi.get().snapshot(),
                    config.site().baseUrl()));
    this.documents =
        new Lazy<>(
            () ->
                new DocumentServices(
                    config,
                    store,
                    snapshotWriter,
                    clock,
                    deployment,
                    snapshots.get(),
                    null,
                    null,
                    documentAudit(),
                    name -> secrets.get().secret(Secret.SMTP_PASSWORD)));
    this.site =
        new Lazy<>(
            () -> new SiteServices(config, store, snapshotWriter, clock, deployment, cloudflare));
    this.publishTrigger =
        new Lazy<>(
            () -> {
              if (deployment.singleProcess()) {
                return site.get().inProcessTrigger();
              }
              if (config.site().publishUrl() != null) {
                return IdTokenPublishTrigger.fromApplicationDefault(config.site().publishUrl());
              }
              return reason ->
                  Logger.getLogger(Services.class.getName())
                      .info(
                          "PUBLISH_SITE_URL is not set: the change ("
                              + reason
                              + ") is published by the daily run");
            });
  }

  /**
   * The bucket {@code ARCHIVE_BUCKET}; with stand-ins, or locally when it is unset, {@code
   * <folder>/archive}.
   */
  private PageArchive pageArchive() {
    String bucket = config.sync().archiveBucket();
    return deployment
        .folderInsteadOf(bucket)
        .<PageArchive>map(folder -> new FilePageArchive(folder.resolve("archive")))
        .orElseGet(
            () -> CloudStoragePageArchive.inBucket(Config.require(bucket, "ARCHIVE_BUCKET")));
  }

  /**
   * The services of a deployed function: Firestore through application default credentials. Fails
   * at startup naming a variable the function requires and does not have.
   */
  public static synchronized Services instance(DeployedFunction function) {
    return production != null ? production : instance(Config.load(function));
  }

  /** The services of a deployed function whose configuration is already read. */
  public static synchronized Services instance(Config config) {
    if (production == null) {
      production = new Services(config, firestore(config), Clock.systemUTC(), null);
    }
    return production;
  }

  /**
   * The local server's services: the embedded file store in {@code TRUST_CENTER_DATA_DIR}, or
   * Firestore when {@code FIRESTORE_EMULATOR_HOST} is set.
   */
  public static Services local(Config config) {
    DocumentStore store =
        config.store().emulatorHost() != null
            ? firestore(config)
            : FileDocumentStore.open(config.local().dataDir());
    String devToken = config.local().devToken() != null ? config.local().devToken() : randomToken();
    return new Services(config, store, Clock.systemUTC(), devToken);
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static DocumentStore firestore(Config config) {
    return new FirestoreDocumentStore(
        () ->
            FirestoreClients.create(
                config.store().projectId(),
                config.store().database(),
                config.store().emulatorHost()));
  }

  /**
   * The public read path's source of the snapshot: with Firestore, its REST API (no gRPC on a cold
   * start); with the embedded store, the store itself.
   */
  private SnapshotSource snapshotSource() {
    if (restReader != null) {
      return () -> restReader.readJson(Snapshots.COLLECTION, Snapshots.SNAPSHOT_ID);
    }
    return Snapshots.source(store);
  }

  /**
   * The public read path's control histories: one digest document, with Firestore through its REST
   * API too; a control without a digest yet is listed through the store.
   */
  private PublicHistory publicHistory() {
    CheckResults results = new CheckResults(store, snapshotWriter);
    if (restReader == null) {
      return results::publicDigest;
    }
    return (id, now) ->
        restReader
            .readJson(HistoryDigest.COLLECTION, id)
            .map(HistoryDigest::parse)
            .orElseGet(() -> results.publicDigest(id, now));
  }

  public Config config() {
    return config;
  }

  public DocumentStore store() {
    return store;
  }

  /** The one writer of the public snapshot, rendering its ready answers with the review period. */
  public SnapshotWriter snapshotWriter() {
    return snapshotWriter;
  }

  public Clock clock() {
    return clock;
  }

  /** The local server's development token, or null in deployed functions. */
  public String devToken() {
    return deployment.devToken();
  }

  /** Who may call the admin API: admins with a Google ID token; locally also the dev token. */
  public Authenticator adminAuthenticator() {
    return authenticator(config.auth().adminEmails(), "ADMIN_EMAILS");
  }

  /**
   * Who may use the admin API and console through Identity-Aware Proxy (its signed header), or null
   * when {@code IAP_AUDIENCE} is unset: then that header is not trusted at all.
   */
  public IapAuthenticator iapAuthenticator() {
    Config.Auth auth = config.auth();
    if (auth.iapAudience() == null) {
      return null;
    }
    return new IapAuthenticator(
        auth.iapAudience(),
        auth.iapJwksUrl(),
        Config.require(auth.adminEmails(), "ADMIN_EMAILS"),
        clock);
  }

  /**
   * The admin console's pages (served by {@code trust-admin} at {@code /admin/}); locally with the
   * dev-token sign-in form and its sessions, deployed behind Identity-Aware Proxy only.
   */
  public dev.trustcenter.admin.AdminPages adminConsole() {
    return new dev.trustcenter.console.AdminConsole(
        store,
        clock,
        config.checks().reviewPeriodDays(),
        deployment.acceptsDevToken(),
        new dev.trustcenter.mail.MimeMultipartParser());
  }

  /** The admins' daily reminder digest ({@code send-reminders}). */
  public dev.trustcenter.admin.Reminders reminders() {
    return new dev.trustcenter.admin.Reminders(
        store,
        clock,
        documents().mailer(),
        dev.trustcenter.admin.Reminders.recipients(config.digest().recipients()),
        config.checks().reviewPeriodDays(),
        () -> documents().accessRequests().list(dev.trustcenter.documents.AccessRequest.PENDING));
  }

  /**
   * Who may run tasks: the scheduler's (and callers') service accounts; locally also the dev token.
   */
  public Authenticator taskAuthenticator() {
    return authenticator(config.auth().taskInvokerEmails(), "TASK_INVOKER_EMAILS");
  }

  private Authenticator authenticator(List<String> emails, String emailsVariable) {
    Config.Auth auth = config.auth();
    if (deployment.acceptsDevToken()) {
      Authenticator dev = new DevTokenAuthenticator(deployment.devToken());
      return auth.audiences().isEmpty() || emails.isEmpty()
          ? dev
          : dev.or(
              new OidcAuthenticator(
                  auth.issuer(), auth.jwksUrl(), auth.audiences(), emails, clock));
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

  /**
   * Runs the automated control checks; the cloud clients are built only when a check first needs
   * them.
   */
  public CheckRunner checkRunner() {
    var runs = new CheckRuns(store);
    var checks =
        Checks.all(
            checkSettings(config),
            new CloudflareEdgeTls(cloudflare.get()),
            b -> buckets.get().inspect(b),
            () -> database.get().inspect(),
            () -> MetadataServerRegion.inRuntime().region(),
            runs,
            clock);
    return new CheckRunner(
            checks, new CheckResults(store, snapshotWriter), runs, clock, Duration.ofSeconds(120))
        .afterRun(() -> publishTrigger().requestPublish("control checks"));
  }

  /** What the control checks read from the configuration. */
  static Checks.Settings checkSettings(Config config) {
    return new Checks.Settings(
        config.cloudflare().zoneId(),
        config.sync().archiveBucket(),
        config.documents().bucket(),
        config.site().bucket(),
        config.store().projectId(),
        config.checks().nonProductionProjects(),
        config.checks().dataResidency());
  }

  /** The vendors whose subprocessor lists are synced, with the pages of {@code config.sync()}. */
  static List<Vendor> vendors(Config config) {
    return Vendor.synced(config.sync().googleCloudUrl(), config.sync().cloudflareUrl());
  }

  /** The admin API's routes for attestations and reviews (registered by the admin function). */
  public ControlCheckAdminRoutes controlCheckAdminRoutes() {
    return new ControlCheckAdminRoutes(store, new CheckResults(store, snapshotWriter), clock);
  }

  /** The subprocessor sync (fetcher, archive and the two vendors of {@code config.sync()}). */
  public SubprocessorSync subprocessorSync() {
    return subprocessorSync.get();
  }

  /** The public reads of the synced lists and their changes. */
  public SubprocessorReads subprocessorReads() {
    return subprocessorReads.get();
  }

  /** The secrets (Cloudflare API token, SMTP password). */
  public SecretSource secrets() {
    return secrets.get();
  }

  /**
   * The admin audit log as the documents capability records into it (downloads, requests,
   * decisions).
   */
  private AuditSink documentAudit() {
    return new AuditLog(store).sink(clock);
  }

  /**
   * How long the sync (or an admin's acceptance) itself drains the outbox after queuing its
   * notices; the scheduled {@code deliver-notices} delivers whatever is left.
   */
  static final Duration DRAIN_AFTER_SYNC = Duration.ofSeconds(60);

  /**
   * After the sync recorded changes: queue the notices (idempotent per event) in the outbox and,
   * when any was new, drain it for a bounded time. Delivery never runs inside the sync's
   * transactions and no subscriber can hold it for longer than that budget plus one page at its
   * worst.
   */
  private void subprocessorChangesRecorded(List<ChangeEvent> events) {
    var notifier = documents().changeNotifier();
    if (notifier != null) {
      if (notifier.notify(events.stream().map(Services::toNotice).toList()) > 0) {
        notifier.drain(DRAIN_AFTER_SYNC);
      }
    }
  }

  private static SubprocessorChangeEvent toNotice(ChangeEvent e) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (e.group() != null && !e.group().isEmpty()) {
      fields.put("group", e.group());
    }
    if (e.countries() != null && !e.countries().isEmpty()) {
      fields.put("countries", String.join(", ", e.countries()));
    }
    if (e.activity() != null && !e.activity().isEmpty()) {
      fields.put("activity", e.activity());
    }
    if (e.kind().equals(ChangeEvent.CHANGED) && e.fields() != null) {
      fields.keySet().retainAll(e.fields());
    }
    var kind =
        switch (e.kind()) {
          case ChangeEvent.ADDED -> SubprocessorChangeEvent.ChangeKind.ADDED;
          case ChangeEvent.REMOVED -> SubprocessorChangeEvent.ChangeKind.REMOVED;
          default -> SubprocessorChangeEvent.ChangeKind.CHANGED;
        };
    return new SubprocessorChangeEvent(e.vendor(), kind, e.name(), fields, e.detectedAt(), e.id());
  }

  /** Gated documents, access requests and subscriptions. */
  public DocumentServices documents() {
    return documents.get();
  }

  /** Renders and publishes the static site (see {@link SiteServices} for the adapters chosen). */
  public SitePublisher sitePublisher() {
    return site.get().publisher();
  }

  /**
   * What other capabilities call after a change the site shows: locally the in-process publisher;
   * deployed, a call to {@code publish-site} at {@code PUBLISH_SITE_URL} (so functions without the
   * site bucket can ask).
   */
  public PublishTrigger publishTrigger() {
    return publishTrigger.get();
  }

  /** The local server's site folder, or null when the site goes to {@code SITE_BUCKET}. */
  public FolderSiteBucket localSiteFolder() {
    return site.get().folder();
  }

  /**
   * The local server's URL once it listens: the site's base URL, and the base of mailed links, when
   * {@code SITE_BASE_URL} is unset.
   */
  public void localSiteUrl(URI url) {
    site.get().localUrl(url);
    documents.get().localUrl(url);
  }

  @Override
  public void close() {
    if (secrets.value instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // closing on shutdown: nothing left to do
      }
    }
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
