package dev.trustcenter.documents;

import dev.trustcenter.audit.AuditSink;
import dev.trustcenter.auth.RandomTokens;
import dev.trustcenter.content.Language;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.ClientInfo;
import dev.trustcenter.http.FieldReader;
import dev.trustcenter.http.RateLimiter;
import dev.trustcenter.i18n.Messages;
import dev.trustcenter.json.Json;
import dev.trustcenter.notices.EmailAddresses;
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
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Access requests for gated documents, their decisions and the grants they produce (collections
 * {@value #REQUESTS} and {@value #GRANTS}). Every state change is one transaction over the request
 * and its grant, so a revocation is in force for the very next download.
 */
public final class AccessRequests {
  private static final Logger LOG = Logger.getLogger(AccessRequests.class.getName());
  static final String REQUESTS = "access-requests";
  static final String GRANTS = "access-grants";

  public static final int DEFAULT_DAYS = 7;
  public static final int MAX_DAYS = 90;

  /**
   * Per client address (IPv6: per /64): 10 requests an hour. The address is the one the trusted
   * proxies report ({@link ClientInfo}), so a client cannot pick it.
   */
  static final RateLimiter.Limit PER_IP =
      new RateLimiter.Limit("access-ip", 10, Duration.ofHours(1));

  /**
   * Per mailbox (lower case, without {@code +tag}): 3 requests a day, so at most 3 mails a day
   * reach a mailbox through this form; beyond it requests are dropped silently, so the answer says
   * nothing about the address.
   */
  static final RateLimiter.Limit PER_MAILBOX =
      new RateLimiter.Limit("access-mailbox", 3, Duration.ofDays(1));

  /**
   * Mails to requesters (auto-approved links), all together: 100 an hour. Beyond it the service
   * degrades instead of refusing: requests are still taken, and wait for an admin's decision
   * instead of being approved at once.
   */
  static final RateLimiter.Limit GLOBAL_MAIL =
      new RateLimiter.Limit("access-mail-all", 100, Duration.ofHours(1));

  /** Mails telling admins that a request waits: 20 an hour, the rest are only in the list. */
  static final RateLimiter.Limit ADMIN_MAIL =
      new RateLimiter.Limit("access-admin-mail", 20, Duration.ofHours(1));

  /**
   * All requests together: 2,000 an hour, only a bound on what the store takes in. At 10 an hour
   * per address it takes 200 addresses to reach it, which a few spoofed headers can no longer fake.
   */
  static final RateLimiter.Limit GLOBAL =
      new RateLimiter.Limit("access-all", 2000, Duration.ofHours(1));

  private final DocumentStore store;
  private final DocumentLibrary library;
  private final Nda nda;
  private final RateLimiter limiter;
  private final Settings settings;
  private final Mailer mailer;
  private final URI autoApprovalLinkBase;
  private final AuditSink audit;
  private final Clock clock;
  private final Published published;
  private final FollowUp followUp;
  private final Map<Language, Messages> messages = Messages.loadAll();

  /** What a visitor submits. */
  public record Submission(
      String name,
      String email,
      String company,
      String reason,
      List<String> documentIds,
      int ndaVersion,
      boolean ndaAccepted,
      Language language) {}

  /**
   * How access requests are decided, as the operator configured it (the composition root builds it
   * from {@code ACCESS_*}).
   *
   * @param autoApproveDomains requests from addresses in these domains are approved at once (when
   *     their links can be mailed); the others wait for an admin
   * @param refuseFreeMail whether addresses of free mail providers are refused
   * @param notifyEmails who is mailed when a request waits for a decision; empty: nobody
   */
  public record Settings(
      List<String> autoApproveDomains, boolean refuseFreeMail, List<String> notifyEmails) {
    public Settings {
      autoApproveDomains = List.copyOf(autoApproveDomains);
      notifyEmails = List.copyOf(notifyEmails);
    }
  }

  /** An approval: the updated request, its grant token (shown once) and the download links. */
  public record Approval(AccessRequest request, String token, Map<String, URI> links) {}

  /**
   * Titles and the company's name for installs that publish none (tests of the request flow alone).
   */
  static final Published NO_CONTENT =
      new Published() {
        @Override
        public String companyName() {
          return "";
        }

        @Override
        public String title(String documentId, Language lang) {
          return documentId;
        }
      };

  /**
   * @param settings auto-approval, free mail and who is told of waiting requests
   * @param mailer sends grantees their links; null when mail is not configured
   * @param autoApprovalLinkBase the public API's base URL used in mailed links of auto-approved
   *     requests; null: auto-approval is off because the links could not be built
   * @param published the company's name and the documents' titles, for mails
   * @param followUp runs what follows an accepted request off the request thread and fixes the
   *     answer's time
   */
  public AccessRequests(
      DocumentStore store,
      DocumentLibrary library,
      Nda nda,
      RateLimiter limiter,
      Settings settings,
      Mailer mailer,
      URI autoApprovalLinkBase,
      AuditSink audit,
      Clock clock,
      Published published,
      FollowUp followUp) {
    this.store = store;
    this.library = library;
    this.nda = nda;
    this.limiter = limiter;
    this.settings = settings;
    this.mailer = mailer;
    this.autoApprovalLinkBase = autoApprovalLinkBase;
    this.audit = audit;
    this.clock = clock;
    this.published = published;
    this.followUp = followUp;
  }

  /**
   * Records a request after validating it. Answers nothing: the caller replies 202 whether the
   * request was stored, dropped by the per-mailbox limit or auto-approved, and this returns at the
   * same time in each case (the approval and the mails run off the request thread, see {@link
   * FollowUp}).
   *
   * @throws ApiException 400 for invalid fields, 409 for an outdated NDA, 429 for the address and
   *     global limits
   */
  public void submit(Submission s, ClientInfo client) {
    long started = System.nanoTime();
    Nda.Version current = nda.current();
    FieldReader errors = FieldReader.withoutBody();
    if (!EmailAddresses.valid(s.email())) {
      errors.reject("email", "is not a valid email address");
    } else if (settings.refuseFreeMail() && EmailAddresses.freeMail(s.email())) {
      errors.reject("email", "must be a work address: free mail providers are not accepted");
    }
    for (String id : s.documentIds()) {
      if (library.find(id).isEmpty()) {
        errors.reject("documentIds", "names an unknown document: " + id);
      }
    }
    if (!s.ndaAccepted()) {
      errors.reject("ndaAccepted", "must be true: the NDA has to be accepted");
    }
    errors.finish();
    if (s.ndaVersion() != current.version()) {
      throw new ApiException(
          409,
          "nda_outdated",
          "the NDA has changed: read version "
              + current.version()
              + " (GET /v1/nda) and accept it again");
    }
    if (!limiter.tryAcquire(PER_IP, client.limitKey()) || !limiter.tryAcquire(GLOBAL, "all")) {
      audit.record(
          "anonymous",
          "access_request.submitted",
          REQUESTS,
          "rate_limited",
          Map.of("ip", client.ip()));
      throw ApiException.rateLimited(Duration.ofHours(1));
    }
    String email = EmailAddresses.normalize(s.email());
    if (!limiter.tryAcquire(PER_MAILBOX, EmailAddresses.mailbox(email))) {
      audit.record(
          email, "access_request.submitted", REQUESTS, "rate_limited", Map.of("ip", client.ip()));
      followUp.run(null, started);
      return;
    }
    Instant now = clock.instant();
    String id = now.toString().replace(".", "_") + "-" + RandomTokens.randomHex(6);
    AccessRequest request =
        new AccessRequest(
            id,
            AccessRequest.PENDING,
            s.name(),
            email,
            s.company(),
            s.reason(),
            s.language().code(),
            s.documentIds(),
            new AccessRequest.NdaAcceptance(
                current.version(),
                s.language().code(),
                current.sha256(s.language()),
                now,
                client.ip(),
                client.userAgent(),
                s.name()),
            now,
            null,
            null,
            null,
            null,
            null,
            null);
    store.transaction(
        tx -> {
          tx.put(REQUESTS, id, Json.write(request));
          return null;
        });
    audit.record(
        email,
        "access_request.submitted",
        REQUESTS + "/" + id,
        "ok",
        Map.of(
            "documents",
            String.join(",", s.documentIds()),
            "ndaVersion",
            Integer.toString(current.version())));
    followUp.run(
        () -> {
          if (autoApprove(email) && limiter.tryAcquire(GLOBAL_MAIL, "all")) {
            mailLinks(approve(id, DEFAULT_DAYS, "auto", autoApprovalLinkBase));
          } else {
            notifyAdmins(request);
          }
        },
        started);
  }

  private boolean autoApprove(String email) {
    if (autoApprovalLinkBase == null || mailer == null) {
      return false; // without a way to deliver the link, an admin decides
    }
    return settings.autoApproveDomains().stream().anyMatch(d -> EmailAddresses.inDomain(email, d));
  }

  /** The requests with a status (all when null), newest first, at most 500. */
  public List<AccessRequest> list(String status) {
    if (status != null
        && !List.of(
                AccessRequest.PENDING,
                AccessRequest.APPROVED,
                AccessRequest.DENIED,
                AccessRequest.REVOKED)
            .contains(status)) {
      throw ApiException.invalid(
          List.of(
              new ApiException.FieldError(
                  "status", "must be pending, approved, denied or revoked")));
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
      throw ApiException.invalid(
          List.of(
              new ApiException.FieldError(
                  "expiresInDays", "must be a whole number between 1 and " + MAX_DAYS)));
    }
    String grantId = RandomTokens.randomHex(16);
    String secret = RandomTokens.randomToken(32);
    Instant now = clock.instant();
    Instant expires = now.plus(Duration.ofDays(days));
    AccessRequest approved =
        update(
            id,
            (tx, r) -> {
              requirePending(r);
              tx.put(
                  GRANTS,
                  grantId,
                  Json.write(
                      new Grant(
                          grantId,
                          id,
                          r.email(),
                          r.documentIds(),
                          dev.trustcenter.http.Responses.sha256Hex(secret),
                          expires,
                          null)));
              return r.decided(AccessRequest.APPROVED, now, admin, grantId, expires);
            });
    audit.record(
        admin,
        "access_request.approved",
        REQUESTS + "/" + id,
        "ok",
        Map.of("grant", grantId, "expiresAt", expires.toString(), "days", Integer.toString(days)));
    String token = grantId + "." + secret;
    return new Approval(
        approved, token, links(linkBase, approved.documentIds(), token, approved.language()));
  }

  /**
   * The download links of a grant: the page {@code /v1/documents/{id}/download?lang=} with the
   * token in the URL's fragment, which browsers never send to a server (so no request log keeps
   * it); the page posts it.
   */
  static Map<String, URI> links(URI base, List<String> documentIds, String token, String lang) {
    Map<String, URI> links = new LinkedHashMap<>();
    String b = base.toString().replaceAll("/+$", "");
    for (String doc : documentIds) {
      links.put(
          doc,
          URI.create(
              b
                  + "/v1/documents/"
                  + URLEncoder.encode(doc, StandardCharsets.UTF_8)
                  + "/download?lang="
                  + lang
                  + "#"
                  + token));
    }
    return links;
  }

  /** Denies a pending request. */
  public AccessRequest deny(String id, String admin) {
    Instant now = clock.instant();
    AccessRequest denied =
        update(
            id,
            (tx, r) -> {
              requirePending(r);
              return r.decided(AccessRequest.DENIED, now, admin, null, null);
            });
    audit.record(admin, "access_request.denied", REQUESTS + "/" + id, "ok", Map.of());
    return denied;
  }

  /** Revokes an approved request's grant; the next download with its token is refused. */
  public AccessRequest revoke(String id, String admin) {
    Instant now = clock.instant();
    AccessRequest revoked =
        update(
            id,
            (tx, r) -> {
              if (!r.status().equals(AccessRequest.APPROVED)) {
                throw new ApiException(
                    409,
                    "not_approved",
                    "only approved requests can be revoked; this one is " + r.status());
              }
              Optional<Grant> g =
                  tx.get(GRANTS, r.grantId()).map(d -> Json.read(d.json(), Grant.class));
              g.ifPresent(
                  grant ->
                      tx.put(
                          GRANTS,
                          grant.id(),
                          Json.write(
                              new Grant(
                                  grant.id(),
                                  grant.requestId(),
                                  grant.email(),
                                  grant.documentIds(),
                                  grant.secretSha256(),
                                  grant.expiresAt(),
                                  now))));
              return r.revoked(now, admin);
            });
    audit.record(
        admin,
        "access_request.revoked",
        REQUESTS + "/" + id,
        "ok",
        Map.of("grant", revoked.grantId()));
    return revoked;
  }

  /** What a token is worth for one document now. */
  public enum Verdict {
    /** It lets its holder download the document. */
    OK,
    /** Unknown, malformed or tampered: nothing is known about it, and nothing is told. */
    INVALID,
    /** A genuine grant that has expired. */
    EXPIRED,
    /** A genuine grant that an admin revoked. */
    REVOKED,
    /** A genuine, working grant that does not cover this document. */
    NOT_COVERED
  }

  /** A verdict and, unless {@link Verdict#INVALID}, the grant the token stands for. */
  public record Check(Verdict verdict, Grant grant) {}

  /**
   * What a token is worth for {@code documentId} now. Only a token whose secret matches learns more
   * than {@link Verdict#INVALID}: unknown, malformed and tampered tokens are answered alike.
   */
  public Check check(String token, String documentId) {
    if (token == null) {
      return new Check(Verdict.INVALID, null);
    }
    token = token.strip();
    int dot = token.indexOf('.');
    if (dot != 32 || token.length() != 32 + 1 + 43) {
      return new Check(Verdict.INVALID, null);
    }
    String grantId = token.substring(0, dot);
    if (!grantId.matches("[0-9a-f]{32}")) {
      return new Check(Verdict.INVALID, null);
    }
    Optional<Grant> grant = store.get(GRANTS, grantId).map(d -> Json.read(d.json(), Grant.class));
    if (grant.isEmpty()
        || !RandomTokens.sameHash(
            grant.get().secretSha256(),
            dev.trustcenter.http.Responses.sha256Hex(token.substring(dot + 1)))) {
      return new Check(Verdict.INVALID, null);
    }
    Grant g = grant.get();
    if (g.revokedAt() != null) {
      return new Check(Verdict.REVOKED, g);
    }
    if (!clock.instant().isBefore(g.expiresAt())) {
      return new Check(Verdict.EXPIRED, g);
    }
    return new Check(g.allows(documentId, clock.instant()) ? Verdict.OK : Verdict.NOT_COVERED, g);
  }

  /**
   * The grant a token stands for, if it lets its holder download {@code documentId} now (see {@link
   * #check}).
   */
  public Optional<Grant> authorize(String token, String documentId) {
    Check c = check(token, documentId);
    return c.verdict() == Verdict.OK ? Optional.of(c.grant()) : Optional.empty();
  }

  /**
   * Changes one request in one transaction: {@code step} checks the request as stored, writes what
   * goes with the change (its grant) and returns the request's next state, which is stored. Every
   * read of {@code step} comes before any write, as Firestore's transactions require.
   *
   * @throws ApiException 404 when there is no such request, or what {@code step} throws
   */
  private AccessRequest update(
      String id, BiFunction<DocumentStore.Transaction, AccessRequest, AccessRequest> step) {
    return store.transaction(
        tx -> {
          AccessRequest next = step.apply(tx, read(tx, id));
          tx.put(REQUESTS, id, Json.write(next));
          return next;
        });
  }

  private static void requirePending(AccessRequest r) {
    if (!r.status().equals(AccessRequest.PENDING)) {
      throw new ApiException(409, "not_pending", "the request is " + r.status() + ", not pending");
    }
  }

  private static AccessRequest read(DocumentStore.Transaction tx, String id) {
    if (id == null || !id.matches("[0-9TZ:_-]{20,40}-[0-9a-f]{12}")) {
      throw ApiException.notFound("no access request with that id");
    }
    return tx.get(REQUESTS, id)
        .map(d -> Json.read(d.json(), AccessRequest.class))
        .orElseThrow(() -> ApiException.notFound("no access request with that id"));
  }

  /**
   * Mails the grantee their links when mail is configured; a failure is logged and the approval
   * stands.
   */
  public void mailLinks(Approval a) {
    if (mailer == null) {
      return;
    }
    Language lang = Language.fromCode(a.request().language()).orElse(Language.DEFAULT);
    Messages m = messages.get(lang);
    String company = published.companyName();
    String until =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC)
            .format(a.request().expiresAt());
    StringBuilder body = new StringBuilder();
    body.append(m.format("mailGreeting", a.request().name()))
        .append("\n\n")
        .append(m.format("mailAccessApprovedText", company, until))
        .append("\n\n");
    a.links()
        .forEach(
            (doc, url) ->
                body.append(published.title(doc, lang)).append(":\n  ").append(url).append("\n\n"));
    body.append(m.format("mailAccessCode", a.token()))
        .append("\n\n")
        .append(m.get("mailAccessDoNotForward"))
        .append("\n\n")
        .append("-- \n")
        .append(m.format("siteTitle", company))
        .append("\n");
    send(
        a.request().email(),
        m.format("mailAccessApprovedSubject", company),
        body.toString(),
        lang,
        "links of access request " + a.request().id());
  }

  /**
   * Tells the admins (ACCESS_NOTIFY_EMAILS, else ADMIN_EMAILS) that a request waits for a decision.
   */
  private void notifyAdmins(AccessRequest r) {
    if (mailer == null
        || settings.notifyEmails().isEmpty()
        || !limiter.tryAcquire(ADMIN_MAIL, "all")) {
      return;
    }
    Messages m = messages.get(Language.DEFAULT);
    String company = published.companyName();
    StringBuilder body = new StringBuilder();
    body.append(m.format("mailAdminRequestText", r.name(), r.email(), r.company())).append("\n\n");
    for (String doc : r.documentIds()) {
      body.append("  - ").append(published.title(doc, Language.DEFAULT)).append("\n");
    }
    if (!r.reason().isBlank()) {
      body.append("\n")
          .append(m.get("mailAdminRequestReason"))
          .append("\n")
          .append(r.reason())
          .append("\n");
    }
    body.append("\n").append(m.format("mailAdminRequestDecide", r.id())).append("\n");
    for (String admin : settings.notifyEmails()) {
      send(
          admin,
          m.format("mailAdminRequestSubject", company, r.company()),
          body.toString(),
          Language.DEFAULT,
          "admin notice of access request " + r.id());
    }
  }

  private void send(String to, String subject, String text, Language lang, String what) {
    try {
      mailer.send(
          new OutgoingMail(
              to,
              subject,
              text,
              Map.of(),
              messages.get(lang).format("siteTitle", published.companyName()).strip()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not mail the " + what + ": " + e.getMessage());
    }
  }
}
