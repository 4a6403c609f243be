package dev.trustcenter.subscriptions;

import dev.trustcenter.audit.AuditSink;
import dev.trustcenter.auth.RandomTokens;
import dev.trustcenter.content.Language;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.ClientInfo;
import dev.trustcenter.http.FieldReader;
import dev.trustcenter.http.RateLimiter;
import dev.trustcenter.json.Json;
import dev.trustcenter.notices.EmailAddresses;
import dev.trustcenter.notices.Mailer;
import dev.trustcenter.notices.WebhookAddresses;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoredDocument;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Subscriptions to updates with double opt-in (collection {@value #COLLECTION}). Subscribing mails
 * a signed confirmation link; only confirmed subscribers get notices; every mail carries a
 * one-click unsubscribe link (RFC 8058). The answer to a subscribe request never says whether the
 * address was known.
 */
public final class Subscriptions {
  public static final String COLLECTION = "subscribers";

  /**
   * Subscription requests waiting for (or recently given) confirmation; see {@link
   * SubscriptionRequest}.
   */
  public static final String REQUESTS = "subscription-requests";

  private static final int PURGE_PAGE = 400;
  public static final List<String> TOPICS = List.of("subprocessors", "controls", "documents");
  static final Duration CONFIRM_VALIDITY = Duration.ofDays(7);

  static final RateLimiter.Limit PER_IP =
      new RateLimiter.Limit("subscribe-ip", 10, Duration.ofHours(1));

  /**
   * Per address: 3 confirmation mails a day, so the form cannot be used to flood someone's inbox.
   */
  static final RateLimiter.Limit PER_EMAIL =
      new RateLimiter.Limit("subscribe-email", 3, Duration.ofDays(1));

  static final RateLimiter.Limit GLOBAL =
      new RateLimiter.Limit("subscribe-all", 300, Duration.ofHours(1));

  private final DocumentStore store;
  private final SubscriptionTokens tokens;
  private final RateLimiter limiter;
  private final Mailer mailer;
  private final AuditSink audit;
  private final Clock clock;
  private final WebhookAddresses.Resolver resolver;
  private volatile java.util.function.Supplier<String> companyName = () -> "";

  /** What a visitor asks for. */
  public record Request(String email, Language language, List<String> topics, URI webhookUrl) {}

  /**
   * @param mailer null when mail is not configured: subscribing then answers 503
   */
  public Subscriptions(
      DocumentStore store,
      SubscriptionTokens tokens,
      RateLimiter limiter,
      Mailer mailer,
      AuditSink audit,
      Clock clock) {
    this(store, tokens, limiter, mailer, audit, clock, WebhookAddresses.Resolver.SYSTEM);
  }

  /**
   * @param resolver resolves a webhook URL's host, to refuse names that point at non-public
   *     addresses
   */
  public Subscriptions(
      DocumentStore store,
      SubscriptionTokens tokens,
      RateLimiter limiter,
      Mailer mailer,
      AuditSink audit,
      Clock clock,
      WebhookAddresses.Resolver resolver) {
    this.resolver = resolver;
    this.store = store;
    this.tokens = tokens;
    this.limiter = limiter;
    this.mailer = mailer;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Sets where the company's name (for the confirmation mail's subject, sender and text) is read
   * from.
   */
  public Subscriptions company(java.util.function.Supplier<String> name) {
    this.companyName = java.util.Objects.requireNonNull(name);
    return this;
  }

  /** The subscriber id of an address: one subscription per address, whatever its letter case. */
  public static String idOf(String email) {
    return dev.trustcenter.http.Responses.sha256Hex("subscriber:" + email.toLowerCase(Locale.ROOT))
        .substring(0, 32);
  }

  /** The https webhook URL of a form field; errors go to {@code errors}. */
  public static URI webhookUrl(String value, FieldReader errors) {
    if (value == null) {
      return null;
    }
    try {
      URI u = new URI(value);
      if (!"https".equals(u.getScheme())
          || u.getHost() == null
          || u.getUserInfo() != null
          || u.getFragment() != null
          || !u.isAbsolute()
          || u.isOpaque()) {
        errors.reject("webhookUrl", "must be an https URL without credentials or fragment");
        return null;
      }
      return u;
    } catch (java.net.URISyntaxException e) {
      errors.reject("webhookUrl", "must be an https URL");
      return null;
    }
  }

  /**
   * Records the request and mails a confirmation link, unless a limit applies. The request is kept
   * apart from the subscription (collection {@value #REQUESTS}, under a random id the link
   * carries), so the link confirms exactly what this request asked, whatever later requests for the
   * same address ask.
   *
   * @param apiBase the public API's base URL for the links in the mail
   * @throws ApiException 400 invalid fields (a webhook URL aimed at a non-public address among
   *     them), 429 IP or global limit, 503 mail not configured
   */
  public void subscribe(Request r, ClientInfo client, URI apiBase) {
    if (mailer == null) {
      throw new ApiException(
          503, "mail_not_configured", "subscriptions are not available: mail is not configured");
    }
    FieldReader errors = FieldReader.withoutBody();
    if (!EmailAddresses.valid(r.email())) {
      errors.reject("email", "is not a valid email address");
    }
    if (r.topics().isEmpty() || !TOPICS.containsAll(r.topics())) {
      errors.reject("topics", "must list one or more of " + String.join(", ", TOPICS));
    }
    if (r.webhookUrl() != null) {
      WebhookAddresses.refusal(r.webhookUrl(), resolver)
          .ifPresent(why -> errors.reject("webhookUrl", why));
    }
    errors.finish();
    if (!limiter.tryAcquire(PER_IP, client.ip()) || !limiter.tryAcquire(GLOBAL, "all")) {
      throw ApiException.rateLimited(Duration.ofHours(1));
    }
    String email = EmailAddresses.normalize(r.email());
    String id = idOf(email);
    if (!limiter.tryAcquire(PER_EMAIL, email)) {
      audit.record(
          email,
          "subscription.requested",
          COLLECTION + "/" + id,
          "rate_limited",
          Map.of("ip", client.ip()));
      return;
    }
    Instant now = clock.instant();
    Instant expires = now.plus(CONFIRM_VALIDITY);
    SubscriptionRequest request =
        new SubscriptionRequest(
            SubscriptionRequest.newId(expires),
            id,
            email,
            r.language().code(),
            List.copyOf(r.topics()),
            r.webhookUrl() == null ? null : r.webhookUrl().toString(),
            now,
            expires,
            null);
    if (!store.createIfAbsent(REQUESTS, request.id(), Json.write(request))) {
      throw new IllegalStateException("request id collision"); // 128 random bits: does not happen
    }
    String confirm =
        link(apiBase, "confirm", tokens.issue(SubscriptionTokens.CONFIRM, request.id(), expires));
    mailer.send(
        Notices.confirmation(
            email,
            r.language(),
            new Notices.Company(companyName.get(), null),
            r.topics(),
            request.webhookUrl(),
            URI.create(confirm),
            unsubscribeUrl(apiBase, id)));
    audit.record(
        email,
        "subscription.requested",
        COLLECTION + "/" + id,
        "ok",
        Map.of("topics", String.join(",", r.topics()), "language", r.language().code()));
  }

  /** The one-click unsubscribe link of a subscriber. */
  public URI unsubscribeUrl(URI apiBase, String subscriberId) {
    return URI.create(
        link(
            apiBase,
            "unsubscribe",
            tokens.issue(SubscriptionTokens.UNSUBSCRIBE, subscriberId, null)));
  }

  /**
   * How long after a change's effective day its answer links still open a page (saying answers are
   * closed) rather than an invalid-link page.
   */
  static final Duration ANSWER_LINK_GRACE = Duration.ofDays(90);

  /**
   * The signed link of a notice's Acknowledge or Object button for {@code subscriberId}: it opens a
   * page with a button; only that page's POST records anything.
   */
  public URI answerUrl(URI apiBase, boolean object, String subscriberId, PlannedChange change) {
    String token =
        tokens.issue(
            object ? SubscriptionTokens.OBJECT : SubscriptionTokens.ACKNOWLEDGE,
            subscriberId + "~" + change.id(),
            change.effectiveAt().plus(ANSWER_LINK_GRACE));
    return URI.create(link(apiBase, "changes/" + (object ? "object" : "acknowledge"), token));
  }

  /** The subscriber id and change id a valid answer link names. */
  Optional<String[]> verifyAnswer(boolean object, String token) {
    return tokens
        .verify(object ? SubscriptionTokens.OBJECT : SubscriptionTokens.ACKNOWLEDGE, token)
        .map(id -> id.split("~", 2));
  }

  private static String link(URI apiBase, String action, String token) {
    return apiBase.toString().replaceAll("/+$", "")
        + "/v1/subscriptions/"
        + action
        + "?token="
        + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }

  /**
   * A confirmation: the subscriber and, when a webhook was set up just now, its signing secret
   * (shown once); {@code again} when the link had been used before (nothing changed this time).
   */
  public record Confirmation(Subscriber subscriber, String newWebhookSecret, boolean again) {
    public Confirmation(Subscriber subscriber, String newWebhookSecret) {
      this(subscriber, newWebhookSecret, false);
    }
  }

  /**
   * Applies the request the link was mailed for: its language, topics and webhook, never those of
   * another request for the same address. A second click changes nothing.
   *
   * @throws ApiException 400 for an invalid or expired link
   */
  public Confirmation confirm(String token) {
    String requestId =
        tokens
            .verify(SubscriptionTokens.CONFIRM, token)
            .orElseThrow(Subscriptions::invalidConfirmLink);
    Instant now = clock.instant();
    String secret = RandomTokens.randomToken(32);
    Confirmation c =
        store.transaction(
            tx -> {
              SubscriptionRequest p =
                  tx.get(REQUESTS, requestId)
                      .map(d -> Json.read(d.json(), SubscriptionRequest.class))
                      .orElseThrow(Subscriptions::invalidConfirmLink);
              Optional<Subscriber> cur =
                  tx.get(COLLECTION, p.subscriberId())
                      .map(d -> Json.read(d.json(), Subscriber.class));
              if (p.confirmedAt() != null && cur.isPresent()) {
                return new Confirmation(cur.get(), null, true);
              }
              Subscriber s = cur.orElse(null);
              boolean newHook =
                  p.webhookUrl() != null
                      && (s == null
                          || !p.webhookUrl().equals(s.webhookUrl())
                          || s.webhookSecret() == null);
              String hookSecret =
                  p.webhookUrl() == null ? null : newHook ? secret : s.webhookSecret();
              Subscriber next =
                  new Subscriber(
                      p.subscriberId(),
                      p.email(),
                      Subscriber.CONFIRMED,
                      p.language(),
                      p.topics(),
                      p.webhookUrl(),
                      hookSecret,
                      s == null ? now : s.createdAt(),
                      now,
                      null,
                      null);
              tx.put(COLLECTION, next.id(), Json.write(next));
              tx.put(REQUESTS, p.id(), Json.write(p.confirmed(now)));
              return new Confirmation(next, newHook ? secret : null);
            });
    if (!c.again()) {
      audit.record(
          c.subscriber().email(),
          "subscription.confirmed",
          COLLECTION + "/" + c.subscriber().id(),
          "ok",
          Map.of("topics", String.join(",", c.subscriber().topics())));
    }
    return c;
  }

  /** A confirmation link that does not verify, or whose request is gone. */
  private static ApiException invalidConfirmLink() {
    return ApiException.badRequest(
        "invalid_link", "this confirmation link is invalid or has expired");
  }

  /** An unsubscribe link that does not verify, or whose subscriber is gone. */
  private static ApiException invalidUnsubscribeLink() {
    return ApiException.badRequest("invalid_link", "this unsubscribe link is invalid");
  }

  /**
   * Deletes the subscription requests whose links have expired (confirmed or not): pending requests
   * never pile up. Pages through them, a few hundred per transaction.
   *
   * @return how many were deleted
   */
  public int purgeExpiredRequests() {
    String until = SubscriptionRequest.expiryKey(clock.instant());
    int deleted = 0;
    while (true) {
      List<StoredDocument> page = store.list(REQUESTS, new Range(null, until, PURGE_PAGE, false));
      if (page.isEmpty()) {
        return deleted;
      }
      store.transaction(
          tx -> {
            for (StoredDocument d : page) {
              tx.delete(REQUESTS, d.id());
            }
            return null;
          });
      deleted += page.size();
    }
  }

  /**
   * A subscriber or an unconfirmed request as an admin sees it: never a token, a webhook secret or
   * the webhook's address (only whether there is one).
   *
   * @param id the subscriber id ({@link #idOf})
   * @param status {@code confirmed}, {@code unsubscribed} or {@code pending} (not confirmed yet)
   * @param createdAt when the subscription (or, pending, the request) was made
   * @param expiresAt for a pending request, when its confirmation link stops working; else null
   */
  public record Listed(
      String id,
      String email,
      String status,
      String language,
      List<String> topics,
      boolean webhook,
      Instant createdAt,
      Instant confirmedAt,
      Instant unsubscribedAt,
      Instant expiresAt) {}

  /** One page of a listing and where the next starts (null after the last). */
  public record Page(List<Listed> items, String next) {}

  /** Largest page of {@link #list}. */
  public static final int MAX_LIST = 200;

  /**
   * Lists subscriptions a page at a time.
   *
   * @param pending false: the subscribers (confirmed or unsubscribed) by id; true: the requests not
   *     confirmed yet whose link still works, oldest first
   * @param after the {@code next} of the previous page, or null for the first
   * @param limit 1 to {@value #MAX_LIST}
   */
  public Page list(boolean pending, String after, int limit) {
    if (limit < 1 || limit > MAX_LIST) {
      throw ApiException.invalid(
          List.of(new ApiException.FieldError("limit", "must be between 1 and " + MAX_LIST)));
    }
    if (after != null && !after.matches("[0-9a-f]{32}|" + SubscriptionRequest.ID_PATTERN)) {
      throw ApiException.invalid(
          List.of(new ApiException.FieldError("after", "must be the next value of a page")));
    }
    List<Listed> items = new java.util.ArrayList<>();
    if (!pending) {
      List<StoredDocument> page =
          store.list(COLLECTION, new Range(justAfter(after), null, limit + 1, false));
      for (StoredDocument d : page.subList(0, Math.min(limit, page.size()))) {
        Subscriber s = Json.read(d.json(), Subscriber.class);
        items.add(
            new Listed(
                s.id(),
                s.email(),
                s.status(),
                s.language(),
                s.topics() == null ? List.of() : s.topics(),
                s.webhookUrl() != null,
                s.createdAt(),
                s.confirmedAt(),
                s.unsubscribedAt(),
                null));
      }
      return new Page(items, page.size() > limit ? items.get(items.size() - 1).id() : null);
    }
    // Requests whose link still works, oldest first; confirmed ones are skipped, so a page may
    // take more than one read.
    String live = SubscriptionRequest.expiryKey(clock.instant());
    String cursor = after == null || after.compareTo(live) < 0 ? live : justAfter(after);
    String last = null;
    while (true) {
      List<StoredDocument> page = store.list(REQUESTS, new Range(cursor, null, PURGE_PAGE, false));
      for (StoredDocument d : page) {
        SubscriptionRequest r = Json.read(d.json(), SubscriptionRequest.class);
        if (r.confirmedAt() != null) {
          continue;
        }
        if (items.size() == limit) {
          return new Page(items, last);
        }
        items.add(
            new Listed(
                r.subscriberId(),
                r.email(),
                Subscriber.PENDING,
                r.language(),
                r.topics() == null ? List.of() : r.topics(),
                r.webhookUrl() != null,
                r.requestedAt(),
                null,
                null,
                r.expiresAt()));
        last = r.id();
      }
      if (page.size() < PURGE_PAGE) {
        return new Page(items, null);
      }
      cursor = justAfter(page.get(page.size() - 1).id());
    }
  }

  /** The smallest id after {@code id} (ids compare as strings), or null for the start. */
  private static String justAfter(String id) {
    return id == null ? null : id + "\u0000";
  }

  /**
   * Removes a subscription for good: the subscriber and every request for the address whose link
   * still works, so no notice goes out and no mailed link brings it back. Deliveries already queued
   * are dropped by the outbox, which reads the subscriber before sending.
   *
   * @param admin who removes it, for the audit log
   * @return the status it had ({@code pending} when only requests existed)
   * @throws ApiException 404 when there is no such subscriber or request
   */
  public String remove(String id, String admin) {
    if (id == null || !id.matches("[0-9a-f]{32}")) {
      throw ApiException.notFound("no such subscriber");
    }
    List<String> requests = new java.util.ArrayList<>();
    String cursor = SubscriptionRequest.expiryKey(clock.instant());
    while (true) {
      List<StoredDocument> page = store.list(REQUESTS, new Range(cursor, null, PURGE_PAGE, false));
      for (StoredDocument d : page) {
        SubscriptionRequest r = Json.read(d.json(), SubscriptionRequest.class);
        if (id.equals(r.subscriberId())) {
          requests.add(r.id());
        }
      }
      if (page.size() < PURGE_PAGE) {
        break;
      }
      cursor = justAfter(page.get(page.size() - 1).id());
    }
    String status =
        store.transaction(
            tx -> {
              Optional<Subscriber> s =
                  tx.get(COLLECTION, id).map(d -> Json.read(d.json(), Subscriber.class));
              if (s.isEmpty() && requests.isEmpty()) {
                throw ApiException.notFound("no such subscriber");
              }
              s.ifPresent(x -> tx.delete(COLLECTION, id));
              requests.forEach(r -> tx.delete(REQUESTS, r));
              return s.map(Subscriber::status).orElse(Subscriber.PENDING);
            });
    Map<String, String> details = new LinkedHashMap<>();
    details.put("status", status);
    details.put("requests", Integer.toString(requests.size()));
    audit.record(admin, "subscription.removed", COLLECTION + "/" + id, "ok", details);
    return status;
  }

  /** The subscriber a valid unsubscribe token names (for the confirmation page), if any. */
  public Optional<Subscriber> forUnsubscribe(String token) {
    return tokens
        .verify(SubscriptionTokens.UNSUBSCRIBE, token)
        .flatMap(id -> store.get(COLLECTION, id))
        .map(d -> Json.read(d.json(), Subscriber.class));
  }

  /**
   * Unsubscribes the token's subscriber; repeating it is harmless.
   *
   * @throws ApiException 400 for an invalid link
   */
  public Subscriber unsubscribe(String token) {
    String id =
        tokens
            .verify(SubscriptionTokens.UNSUBSCRIBE, token)
            .orElseThrow(Subscriptions::invalidUnsubscribeLink);
    Instant now = clock.instant();
    Subscriber done =
        store.transaction(
            tx -> {
              Subscriber s =
                  tx.get(COLLECTION, id)
                      .map(d -> Json.read(d.json(), Subscriber.class))
                      .orElseThrow(Subscriptions::invalidUnsubscribeLink);
              if (Subscriber.UNSUBSCRIBED.equals(s.status())) {
                return s;
              }
              Subscriber next =
                  new Subscriber(
                      s.id(),
                      s.email(),
                      Subscriber.UNSUBSCRIBED,
                      s.language(),
                      s.topics(),
                      null,
                      null,
                      s.createdAt(),
                      s.confirmedAt(),
                      now,
                      null);
              tx.put(COLLECTION, id, Json.write(next));
              return next;
            });
    Map<String, String> details = new LinkedHashMap<>();
    audit.record(done.email(), "subscription.unsubscribed", COLLECTION + "/" + id, "ok", details);
    return done;
  }
}
