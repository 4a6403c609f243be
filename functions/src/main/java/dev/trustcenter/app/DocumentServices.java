package dev.trustcenter.app;

import dev.trustcenter.audit.AuditLog;
import dev.trustcenter.audit.AuditSink;
import dev.trustcenter.config.Config;
import dev.trustcenter.config.ConfigException;
import dev.trustcenter.content.Profile;
import dev.trustcenter.documents.AccessRequestAdminRoutes;
import dev.trustcenter.documents.AccessRequests;
import dev.trustcenter.documents.DocumentAdminRoutes;
import dev.trustcenter.documents.DocumentBucket;
import dev.trustcenter.documents.DocumentLibrary;
import dev.trustcenter.documents.FollowUp;
import dev.trustcenter.documents.Nda;
import dev.trustcenter.documents.PublicDocumentRoutes;
import dev.trustcenter.documents.Published;
import dev.trustcenter.filestore.FolderDocumentBucket;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.ClientAddress;
import dev.trustcenter.http.LinkBase;
import dev.trustcenter.http.RateLimiter;
import dev.trustcenter.http.Router;
import dev.trustcenter.mail.SmtpMailer;
import dev.trustcenter.notices.Mailer;
import dev.trustcenter.notices.WebhookSender;
import dev.trustcenter.okhttp.OkHttpWebhookSender;
import dev.trustcenter.publicview.SnapshotCache;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.site.PublicPages;
import dev.trustcenter.storage.GcsDocumentBucket;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.subscriptions.ChangeAnswerRoutes;
import dev.trustcenter.subscriptions.ChangeNotifier;
import dev.trustcenter.subscriptions.PlannedChanges;
import dev.trustcenter.subscriptions.PublicSubscriptionRoutes;
import dev.trustcenter.subscriptions.SubscriberAdminRoutes;
import dev.trustcenter.subscriptions.SubscriptionTokens;
import dev.trustcenter.subscriptions.Subscriptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Wires gated documents, access requests and subscriptions from {@link Config}; built once by
 * {@link Services#documents()}. Everything here is built eagerly but cheaply: the Cloud Storage
 * client and the SMTP session do no I/O until first used.
 */
public final class DocumentServices {

  private final Mailer mailer;
  private final DocumentLibrary library;
  private final Nda nda;
  private final AccessRequests requests;
  private final Subscriptions subscriptions;
  private final ChangeNotifier notifier;
  private final PlannedChanges plannedChanges;
  private final Clock clock;
  private final AuditSink audit;
  private final LinkBase linkBase;

  /**
   * The local server's public API address once it listens (see {@link #localUrl}); null deployed.
   */
  private volatile URI localApi;

  private final Published published;
  private final PublicPages pages;
  private final ClientAddress clientAddress;

  /**
   * @param mailer overrides the SMTP mailer (tests); null: built from {@code SMTP_*} when set
   */
  /**
   * @param secrets resolves a Secret Manager version name to its value (the secrets port), for
   *     {@code SMTP_PASSWORD_SECRET}; null until that port is wired here
   */
  DocumentServices(
      Config config,
      DocumentStore store,
      SnapshotWriter snapshotWriter,
      Clock clock,
      Deployment deployment,
      SnapshotCache snapshots,
      Mailer mailer,
      WebhookSender webhooks,
      AuditSink audit,
      java.util.function.UnaryOperator<String> secrets) {
    this.clock = clock;
    this.audit = java.util.Objects.requireNonNull(audit);
    String bucketName = config.documents().bucket();
    DocumentBucket bucket =
        deployment
            .folderInsteadOf(bucketName)
            .<DocumentBucket>map(FolderDocumentBucket::new)
            .orElseGet(
                () ->
                    bucketName != null
                        ? new LazyBucket(() -> GcsDocumentBucket.withDefaultCredentials(bucketName))
                        : new Unconfigured());
    Mailer mail =
        mailer != null ? mailer : smtp(config.mail(), deployment.plainSmtpToLoopback(), secrets);
    this.mailer = mail;
    URI siteApi = config.site().apiBaseUrl();
    URI noticesBase =
        siteApi != null
            ? siteApi
            : deployment.linksToOwnAddress()
                ? URI.create("http://localhost:" + config.local().port() + Config.Site.API_PATH)
                : null;
    // Mailed links never follow the request's Host header (anyone can send one): SITE_BASE_URL, or
    // locally the
    // server's own address.
    this.linkBase =
        ex -> {
          if (siteApi != null) {
            return siteApi;
          }
          URI own = localApi;
          if (deployment.linksToOwnAddress()) {
            return own != null ? own : noticesBase;
          }
          throw new ApiException(
              503, "site_base_url_missing", "SITE_BASE_URL must be set to build links");
        };
    RateLimiter limiter = new RateLimiter(store, clock);
    this.library = new DocumentLibrary(store, bucket, clock);
    this.nda = new Nda(store, clock);
    this.clientAddress = config.access().clientAddress();
    // Pages for browsers (forms, results, mailed links) in the site's design, with the published
    // name.
    this.pages =
        new PublicPages(
            () -> snapshots.current().map(l -> l.snapshot().content().profile()).orElse(null),
            config.site().baseUrl());
    this.published =
        new Published() {
          @Override
          public String companyName() {
            return pages.companyName();
          }

          @Override
          public String title(String documentId, dev.trustcenter.content.Language lang) {
            String resource = library.find(documentId).map(d -> d.resourceId()).orElse(documentId);
            return snapshots
                .current()
                .flatMap(
                    l ->
                        l.snapshot().content().resources().stream()
                            .filter(r -> r.id().equals(resource))
                            .findFirst())
                .map(r -> r.title().in(lang))
                .filter(t -> !t.isBlank())
                .orElse(documentId);
          }
        };
    // The answer to an access request waits this long whatever follows it (see FollowUp): long
    // enough for the
    // approval and its mail to finish while Cloud Run still gives the request its CPU.
    Duration answerAfter =
        deployment.keepsCpuAfterAnswer() ? Duration.ofMillis(50) : Duration.ofSeconds(1);
    ExecutorService followUps =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "access-request-follow-up");
              t.setDaemon(true);
              return t;
            });
    this.requests =
        new AccessRequests(
            store,
            library,
            nda,
            limiter,
            accessSettings(config.access()),
            mail,
            noticesBase,
            audit,
            clock,
            published,
            new FollowUp(followUps, answerAfter));
    this.subscriptions =
        new Subscriptions(store, new SubscriptionTokens(store, clock), limiter, mail, audit, clock)
            .company(published::companyName);
    WebhookSender hooks =
        webhooks != null
            ? webhooks
            : new LazyWebhooks(
                () -> OkHttpWebhookSender.create(clock, ChangeNotifier.DELIVERY_TIMEOUT));
    this.notifier =
        mail == null || noticesBase == null
            ? null
            : new ChangeNotifier(
                store,
                mail,
                hooks,
                subscriptions,
                noticesBase,
                Services.vendors(config).stream()
                    .collect(
                        java.util.stream.Collectors.toMap(
                            dev.trustcenter.subprocessors.Vendor::id,
                            v -> new ChangeNotifier.VendorInfo(v.name(), v.url(), v.noticeDays()))),
                () -> {
                  Profile p =
                      snapshots.current().map(l -> l.snapshot().content().profile()).orElse(null);
                  return new ChangeNotifier.CompanyInfo(
                      p == null ? "" : p.companyName(), p == null ? null : p.securityContact());
                },
                clock);
    this.plannedChanges =
        new PlannedChanges(
                store,
                snapshotWriter,
                clock,
                config.changes().subprocessorNoticeDays(),
                plannedChangeAudit(store, clock),
                subscriptions,
                mail,
                published::companyName,
                config.site().baseUrl())
            .notifier(notifier);
  }

  /**
   * The Cloud Storage bucket, built on first use: building a Storage client loads many classes and
   * looks up credentials, which the public API must not pay for on a cold start that only reads the
   * snapshot.
   */
  private static final class LazyBucket implements DocumentBucket {
    private final Services.Lazy<DocumentBucket> bucket;

    LazyBucket(java.util.function.Supplier<DocumentBucket> factory) {
      this.bucket = new Services.Lazy<>(factory);
    }

    @Override
    public void put(String object, byte[] bytes, String contentType, String sha256) {
      bucket.get().put(object, bytes, contentType, sha256);
    }

    @Override
    public boolean exists(String object) {
      return bucket.get().exists(object);
    }

    @Override
    public Download download(String object, String fileName, java.time.Duration validity) {
      return bucket.get().download(object, fileName, validity);
    }
  }

  /** The webhook sender, built on first use for the same reason as {@link LazyBucket}. */
  private static final class LazyWebhooks implements WebhookSender {
    private final Services.Lazy<WebhookSender> sender;

    LazyWebhooks(java.util.function.Supplier<WebhookSender> factory) {
      this.sender = new Services.Lazy<>(factory);
    }

    @Override
    public void post(URI url, String json, byte[] secret) {
      sender.get().post(url, json, secret);
    }
  }

  /**
   * The bucket of a deployed function without {@code DOCUMENTS_BUCKET}: uploads and downloads
   * answer 503 naming the variable, while the rest of the function (the public read API) keeps
   * working.
   */
  private static final class Unconfigured implements DocumentBucket {
    private static ApiException missing() {
      return new ApiException(
          503,
          "documents_not_configured",
          "gated documents are not available: DOCUMENTS_BUCKET is not set");
    }

    @Override
    public void put(String object, byte[] bytes, String contentType, String sha256) {
      throw missing();
    }

    @Override
    public boolean exists(String object) {
      throw missing();
    }

    @Override
    public Download download(String object, String fileName, java.time.Duration validity) {
      throw missing();
    }
  }

  private static Mailer smtp(
      Config.Mail m, boolean plainToLoopback, java.util.function.UnaryOperator<String> secrets) {
    if (m.host() == null) {
      return null;
    }
    String from = Config.require(m.from(), "MAIL_FROM");
    // A mail catcher on the developer's own machine (Mailpit, GreenMail) speaks plain SMTP;
    // anything else needs TLS.
    return new SmtpMailer(
        m.host(),
        m.port(),
        m.username(),
        () -> {
          if (m.password() != null) {
            return m.password();
          }
          if (m.passwordSecret() != null && secrets != null) {
            return secrets.apply(m.passwordSecret());
          }
          throw new ConfigException(
              m.passwordSecret() == null
                  ? "SMTP_USERNAME is set but neither SMTP_PASSWORD nor SMTP_PASSWORD_SECRET is"
                  : "SMTP_PASSWORD_SECRET cannot be resolved: no secrets port is wired");
        },
        from,
        !(plainToLoopback && (m.host().equals("localhost") || m.host().equals("127.0.0.1"))));
  }

  /** The access requests' settings from {@code ACCESS_*} (and {@code ADMIN_EMAILS}). */
  static AccessRequests.Settings accessSettings(Config.Access access) {
    return new AccessRequests.Settings(
        access.autoApproveDomains(), access.refuseFreeMail(), access.notifyEmails());
  }

  /**
   * The audit of planned subprocessor changes: the admin API's audit log, written in the
   * transaction of the action; subscribers' answers are public events.
   */
  private static PlannedChanges.Audit plannedChangeAudit(DocumentStore store, Clock clock) {
    AuditLog log = new AuditLog(store);
    return (tx, r) -> {
      java.time.Instant at = clock.instant();
      log.append(
          tx,
          new AuditLog.Entry(
              AuditLog.newId(at),
              at,
              r.actor(),
              r.method(),
              r.path(),
              PlannedChanges.AUDIT_KIND,
              r.entityId(),
              r.outcome(),
              r.status(),
              AuditLog.digest(r.beforeJson()),
              AuditLog.digest(r.afterJson()),
              r.reason(),
              r.byPublic() ? AuditLog.PUBLIC : null,
              null));
    };
  }

  /** The company's own subprocessor changes (GDPR Art. 28): scheduling, answers, applying. */
  public PlannedChanges plannedChanges() {
    return plannedChanges;
  }

  /** The public pages' renderer, for other public routes (subscriptions). */
  public PublicPages pages() {
    return pages;
  }

  /**
   * Registers the public routes (documents, NDA, access requests, subscriptions) on the public
   * API's router, and sets how the router determines client addresses ({@code CLIENT_IP_HEADER},
   * {@code TRUSTED_PROXY_HOPS}).
   */
  public void registerPublic(Router router) {
    router.clientAddress(clientAddress);
    new PublicDocumentRoutes(library, nda, requests, audit, pages, published).register(router);
    new PublicSubscriptionRoutes(subscriptions, linkBase, pages).register(router);
    new ChangeAnswerRoutes(plannedChanges, pages, clock).register(router);
  }

  /**
   * Registers the admin routes (documents, NDA, access requests, subscribers) on the admin API's
   * router.
   */
  public void registerAdmin(Router router, dev.trustcenter.documents.AdminAccess access) {
    new DocumentAdminRoutes(library, nda).register(router, access, audit);
    new AccessRequestAdminRoutes(requests, linkBase).register(router, access);
    new SubscriberAdminRoutes(subscriptions).register(router, access);
  }

  /**
   * The local server's address once it listens: the base of mailed links when {@code SITE_BASE_URL}
   * is unset.
   */
  void localUrl(URI url) {
    this.localApi = URI.create(url.toString().replaceAll("/+$", "") + Config.Site.API_PATH);
  }

  /** The outgoing mail, or null when mail is not configured. */
  public Mailer mailer() {
    return mailer;
  }

  public DocumentLibrary library() {
    return library;
  }

  public AccessRequests accessRequests() {
    return requests;
  }

  public Subscriptions subscriptions() {
    return subscriptions;
  }

  /**
   * The notifier the subprocessor sync calls; null when mail or a public base URL is not
   * configured.
   */
  public ChangeNotifier changeNotifier() {
    return notifier;
  }
}
