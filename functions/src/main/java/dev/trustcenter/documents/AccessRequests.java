package dev.trustcenter.documents;

import dev.trustcenter.config.Config;
import dev.trustcenter.content.Language;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.json.Json;
import dev.trustcenter.notices.Mailer;
import dev.trustcenter.notices.OutgoingMail;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Access requests for gated documents, their decisions and the grants they produce (collections
 * {@value #REQUESTS} and {@value #GRANTS}). Every state change is one transaction over the request and its
 * grant, so a revocation is in force for the very next download.
 */
public final class AccessRequests {
  private static final Logger LOG = Logger.getLogger(AccessRequests.class.getName());
  static final String REQUESTS = "access-requests";
  static final String GRANTS = "access-grants";

  public static final int DEFAULT_DAYS = 7;
  public static final int MAX_DAYS = 90;

  /** Per client IP: 10 requests an hour (see {@link ClientInfo} for how far the IP can be trusted). */
  static final RateLimiter.Limit PER_IP = new RateLimiter.Limit("access-ip", 10, Duration.ofHours(1));
  /** Per email: 5 a day; beyond it requests are dropped silently, so the answer says nothing about the address. */
  static final RateLimiter.Limit PER_EMAIL = new RateLimiter.Limit("access-email", 5, Duration.ofDays(1));
  /** All requests together: 200 an hour, the bound that forged IPs cannot get around. */
  static final RateLimiter.Limit GLOBAL = new RateLimiter.Limit("access-all", 200, Duration.ofHours(1));

  private final DocumentStore store;
  private final DocumentLibrary library;
  private final Nda nda;
  private final RateLimiter limiter;
  private final Config.Access settings;
  private final Mailer mailer;
  private final URI autoApprovalLinkBase;
  private final AuditSink audit;
  private final Clock clock;

  /** What a visitor submits. */
  public record Submission(
      String name, String email, String company, String reason, List<String> documentIds, int ndaVersion,
      boolean ndaAccepted, Language language) {}

  /** An approval: the updated request, its grant token (shown once) and the download links. */
  public record Approval(AccessRequest request, String token, Map<String, URI> links) {}

  /**
   * @param mailer sends grantees their links; null when mail is not configured
   * @param autoApprovalLinkBase the public API's base URL used in mailed links of auto-approved requests; null:
   *     auto-approval is off because the links could not be built
   */
  public AccessRequests(
      DocumentStore store, DocumentLibrary library, Nda nda, RateLimiter limiter, Config.Access settings,
      Mailer mailer, URI autoApprovalLinkBase, AuditSink audit, Clock clock) {
    this.store = store;
    this.library = library;
    this.nda = nda;
    this.limiter = limiter;
    this.settings = settings;
    this.mailer = mailer;
    this.autoApprovalLinkBase = autoApprovalLinkBase;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Records a request after validating it. Answers nothing: the caller replies 202 whether the request was
   * stored, dropped by the per-email limit or auto-approved.
   *
   * @throws ApiException 400 for invalid fields, 409 for an outdated NDA, 429 for the IP and global limits
   */
  public void submit(Submission s, ClientInfo client) {
    Nda.Version current = nda.current();
    Form.Errors errors = new Form.Errors();
    if (!EmailAddresses.valid(s.email())) {
      errors.add("email", "is not a valid email address");
    } else if (settings.refuseFreeMail() && EmailAddresses.freeMail(s.email())) {
      errors.add("email", "must be a work address: free mail providers are not accepted");
    }
    for (String id : s.documentIds()) {
      if (library.find(id).isEmpty()) {
        errors.add("documentIds", "names an unknown document: " + id);
      }
    }
    if (!s.ndaAccepted()) {
      errors.add("ndaAccepted", "must be true: the NDA has to be accepted");
    }
    errors.check();
    if (s.ndaVersion() != current.version()) {
      throw new ApiException(409, "nda_outdated",
          "the NDA has changed: read version " + current.version() + " (GET /v1/nda) and accept it again");
    }
    if (!limiter.tryAcquire(PER_IP, client.ip()) || !limiter.tryAcquire(GLOBAL, "all")) {
      audit.record("anonymous", "access_request.submitted", REQUESTS, "rate_limited", Map.of("ip", client.ip()));
      throw new ApiException(429, "rate_limited", "too many requests; try again later", Map.of("Retry-After", "3600"), List.of());
    }
    String email = EmailAddresses.normalize(s.email());
    if (!limiter.tryAcquire(PER_EMAIL, email)) {
      audit.record(email, "access_request.submitted", REQUESTS, "rate_limited", Map.of("ip", client.ip()));
      return;
    }
    Instant now = clock.instant();
    String id = now.toString().replace(".", "_") + "-" + Secrets.randomHex(6);
    AccessRequest request =
        new AccessRequest(
            id, AccessRequest.PENDING, s.name(), email, s.company(), s.reason(), s.language().code(), s.documentIds(),
            new AccessRequest.NdaAcceptance(
                current.version(), s.language().code(), current.sha256(s.language()), now, client.ip(), client.userAgent(),
                s.name()),
            now, null, null, null, null, null, null);
    store.transaction(tx -> {
      tx.put(REQUESTS, id, Json.write(request));
      return null;
    });
    audit.record(email, "access_request.submitted", REQUESTS + "/" + id, "ok",
        Map.of("documents", String.join(",", s.documentIds()), "ndaVersion", Integer.toString(current.version())));
    if (autoApprove(email)) {
      Approval a = approve(id, DEFAULT_DAYS, "auto", autoApprovalLinkBase);
      mailLinks(a);
    }
  }

  private boolean autoApprove(String email) {
    if (autoApprovalLinkBase == null || mailer == null) {
      return false; // without a way to deliver the link, an admin decides
    }
    return settings.autoApproveDomains().stream().anyMatch(d -> EmailAddresses.inDomain(email, d));
  }

  /** The requests with a status (all when null), newest first, at most 500. */
  public List<AccessRequest> list(String status) {
    if (status != null && !List.of(AccessRequest.PENDING, AccessRequest.APPROVED, AccessRequest.DENIED, AccessRequest.REVOKED).contains(status)) {
      throw ApiException.badRequest("invalid_status", "status must be pending, approved, denied or revoked");
    }
    List<AccessRequest> out = new ArrayList<>();
    for (var d : store.list(REQUESTS, new Range(null, null, Range.MAX_LIMIT, true))) {
      AccessRequest r = Json.read(d.json(), AccessRequest.class);
      if (status == null || r.status().equals(status)) {
        out.add(r);
        if (out.size() == 500) {
          break;
        }
      }
    }
    return out;
  }

  /**
   * Approves a pending request and creates its grant.
   *
   * @param linkBase the public API's base URL, e.g. {@code https://trust.example.com/api}
   * @throws ApiException 404 unknown request, 409 not pending, 400 bad duration
   */
  public Approval approve(String id, int days, String admin, URI linkBase) {
    if (days < 1 || days > MAX_DAYS) {
      throw ApiException.badRequest("invalid_duration", "expiresInDays must be between 1 and " + MAX_DAYS);
    }
    String grantId = Secrets.randomHex(16);
    String secret = Secrets.randomToken(32);
    Instant now = clock.instant();
    Instant expires = now.plus(Duration.ofDays(days));
    AccessRequest approved = store.transaction(tx -> {
      AccessRequest r = read(tx, id);
      if (!r.status().equals(AccessRequest.PENDING)) {
        throw new ApiException(409, "not_pending", "the request is " + r.status() + ", not pending");
      }
      AccessRequest next = r.decided(AccessRequest.APPROVED, now, admin, grantId, expires);
      tx.put(REQUESTS, id, Json.write(next));
      tx.put(GRANTS, grantId,
          Json.write(new Grant(grantId, id, r.email(), r.documentIds(), Secrets.sha256Hex(secret), expires, null)));
      return next;
    });
    audit.record(admin, "access_request.approved", REQUESTS + "/" + id, "ok",
        Map.of("grant", grantId, "expiresAt", expires.toString(), "days", Integer.toString(days)));
    String token = grantId + "." + secret;
    return new Approval(approved, token, links(linkBase, approved.documentIds(), token));
  }

  static Map<String, URI> links(URI base, List<String> documentIds, String token) {
    Map<String, URI> links = new LinkedHashMap<>();
    String b = base.toString().replaceAll("/+$", "");
    for (String doc : documentIds) {
      links.put(doc, URI.create(b + "/v1/documents/" + doc + "?grant=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
    }
    return links;
  }

  /** Denies a pending request. */
  public AccessRequest deny(String id, String admin) {
    Instant now = clock.instant();
    AccessRequest denied = store.transaction(tx -> {
      AccessRequest r = read(tx, id);
      if (!r.status().equals(AccessRequest.PENDING)) {
        throw new ApiException(409, "not_pending", "the request is " + r.status() + ", not pending");
      }
      AccessRequest next = r.decided(AccessRequest.DENIED, now, admin, null, null);
      tx.put(REQUESTS, id, Json.write(next));
      return next;
    });
    audit.record(admin, "access_request.denied", REQUESTS + "/" + id, "ok", Map.of());
    return denied;
  }

  /** Revokes an approved request's grant; the next download with its token is refused. */
  public AccessRequest revoke(String id, String admin) {
    Instant now = clock.instant();
    AccessRequest revoked = store.transaction(tx -> {
      AccessRequest r = read(tx, id);
      if (!r.status().equals(AccessRequest.APPROVED)) {
        throw new ApiException(409, "not_approved", "only approved requests can be revoked; this one is " + r.status());
      }
      Optional<Grant> g = tx.get(GRANTS, r.grantId()).map(d -> Json.read(d.json(), Grant.class));
      AccessRequest next = r.revoked(now, admin);
      tx.put(REQUESTS, id, Json.write(next));
      g.ifPresent(grant -> tx.put(GRANTS, grant.id(), Json.write(new Grant(grant.id(), grant.requestId(), grant.email(),
          grant.documentIds(), grant.secretSha256(), grant.expiresAt(), now))));
      return next;
    });
    audit.record(admin, "access_request.revoked", REQUESTS + "/" + id, "ok", Map.of("grant", revoked.grantId()));
    return revoked;
  }

  /**
   * The grant a token stands for, if it lets its holder download {@code documentId} now. Unknown, malformed,
   * tampered, expired and revoked tokens all give empty: the caller answers them alike.
   */
  public Optional<Grant> authorize(String token, String documentId) {
    if (token == null) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot != 32 || token.length() != 32 + 1 + 43) {
      return Optional.empty();
    }
    String grantId = token.substring(0, dot);
    if (!grantId.matches("[0-9a-f]{32}")) {
      return Optional.empty();
    }
    Optional<Grant> grant = store.get(GRANTS, grantId).map(d -> Json.read(d.json(), Grant.class));
    if (grant.isEmpty()) {
      return Optional.empty();
    }
    boolean secretOk = Secrets.sameHash(grant.get().secretSha256(), Secrets.sha256Hex(token.substring(dot + 1)));
    return secretOk && grant.get().allows(documentId, clock.instant()) ? grant : Optional.empty();
  }

  private static AccessRequest read(DocumentStore.Transaction tx, String id) {
    if (id == null || !id.matches("[0-9TZ:_-]{20,40}-[0-9a-f]{12}")) {
      throw ApiException.notFound("no access request with that id");
    }
    return tx.get(REQUESTS, id)
        .map(d -> Json.read(d.json(), AccessRequest.class))
        .orElseThrow(() -> ApiException.notFound("no access request with that id"));
  }

  /** Mails the grantee their links when mail is configured; a failure is logged and the approval stands. */
  public void mailLinks(Approval a) {
    if (mailer == null) {
      return;
    }
    Language lang = Language.fromCode(a.request().language()).orElse(Language.DEFAULT);
    String until = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(a.request().expiresAt());
    StringBuilder body = new StringBuilder();
    if (lang == Language.EN) {
      body.append("Hello ").append(a.request().name()).append(",\n\n")
          .append("your request for security documents has been approved. These personal links work until ")
          .append(until).append(":\n\n");
    } else {
      body.append("Hola, ").append(a.request().name()).append(":\n\n")
          .append("Hemos aprobado tu solicitud de documentos de seguridad. Estos enlaces personales funcionan hasta el ")
          .append(until).append(":\n\n");
    }
    a.links().forEach((doc, url) -> body.append("  ").append(doc).append(": ").append(url).append("\n"));
    body.append(lang == Language.EN
        ? "\nPlease do not forward them: they are covered by the confidentiality agreement you accepted.\n"
        : "\nNo los reenvíes, por favor: los cubre el acuerdo de confidencialidad que aceptaste.\n");
    try {
      mailer.send(new OutgoingMail(a.request().email(),
          lang == Language.EN ? "Your access to security documents" : "Tu acceso a los documentos de seguridad",
          body.toString(), Map.of()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not mail the links of access request " + a.request().id() + ": " + e.getMessage());
    }
  }
}
