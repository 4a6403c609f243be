package dev.trustcenter.subscriptions;

import dev.trustcenter.content.Language;
import dev.trustcenter.documents.AuditSink;
import dev.trustcenter.documents.ClientInfo;
import dev.trustcenter.documents.EmailAddresses;
import dev.trustcenter.documents.Form;
import dev.trustcenter.documents.RateLimiter;
import dev.trustcenter.documents.Secrets;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.json.Json;
import dev.trustcenter.notices.Mailer;
import dev.trustcenter.notices.OutgoingMail;
import dev.trustcenter.store.DocumentStore;
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
 * Subscriptions to updates with double opt-in (collection {@value #COLLECTION}). Subscribing mails a signed
 * confirmation link; only confirmed subscribers get notices; every mail carries a one-click unsubscribe link
 * (RFC 8058). The answer to a subscribe request never says whether the address was known.
 */
public final class Subscriptions {
  public static final String COLLECTION = "subscribers";
  public static final List<String> TOPICS = List.of("subprocessors", "controls", "documents");
  static final Duration CONFIRM_VALIDITY = Duration.ofDays(7);

  static final RateLimiter.Limit PER_IP = new RateLimiter.Limit("subscribe-ip", 10, Duration.ofHours(1));
  /** Per address: 3 confirmation mails a day, so the form cannot be used to flood someone's inbox. */
  static final RateLimiter.Limit PER_EMAIL = new RateLimiter.Limit("subscribe-email", 3, Duration.ofDays(1));
  static final RateLimiter.Limit GLOBAL = new RateLimiter.Limit("subscribe-all", 300, Duration.ofHours(1));

  private final DocumentStore store;
  private final SubscriptionTokens tokens;
  private final RateLimiter limiter;
  private final Mailer mailer;
  private final AuditSink audit;
  private final Clock clock;

  /** What a visitor asks for. */
  public record Request(String email, Language language, List<String> topics, URI webhookUrl) {}

  /** @param mailer null when mail is not configured: subscribing then answers 503 */
  public Subscriptions(
      DocumentStore store, SubscriptionTokens tokens, RateLimiter limiter, Mailer mailer, AuditSink audit, Clock clock) {
    this.store = store;
    this.tokens = tokens;
    this.limiter = limiter;
    this.mailer = mailer;
    this.audit = audit;
    this.clock = clock;
  }

  /** The subscriber id of an address: one subscription per address, whatever its letter case. */
  public static String idOf(String email) {
    return Secrets.sha256Hex("subscriber:" + email.toLowerCase(Locale.ROOT)).substring(0, 32);
  }

  /** The https webhook URL of a form field; errors go to {@code errors}. */
  public static URI webhookUrl(String value, Form.Errors errors) {
    if (value == null) {
      return null;
    }
    try {
      URI u = new URI(value);
      if (!"https".equals(u.getScheme()) || u.getHost() == null || u.getUserInfo() != null || u.getFragment() != null) {
        errors.add("webhookUrl", "must be an https URL without credentials or fragment");
        return null;
      }
      return u;
    } catch (java.net.URISyntaxException e) {
      errors.add("webhookUrl", "must be an https URL");
      return null;
    }
  }

  /**
   * Records the request and mails a confirmation link, unless a limit applies.
   *
   * @param apiBase the public API's base URL for the links in the mail
   * @throws ApiException 400 invalid fields, 429 IP or global limit, 503 mail not configured
   */
  public void subscribe(Request r, ClientInfo client, URI apiBase) {
    if (mailer == null) {
      throw new ApiException(503, "mail_not_configured", "subscriptions are not available: mail is not configured");
    }
    Form.Errors errors = new Form.Errors();
    if (!EmailAddresses.valid(r.email())) {
      errors.add("email", "is not a valid email address");
    }
    if (r.topics().isEmpty() || !TOPICS.containsAll(r.topics())) {
      errors.add("topics", "must list one or more of " + String.join(", ", TOPICS));
    }
    errors.check();
    if (!limiter.tryAcquire(PER_IP, client.ip()) || !limiter.tryAcquire(GLOBAL, "all")) {
      throw new ApiException(429, "rate_limited", "too many requests; try again later", Map.of("Retry-After", "3600"), List.of());
    }
    String email = EmailAddresses.normalize(r.email());
    String id = idOf(email);
    if (!limiter.tryAcquire(PER_EMAIL, email)) {
      audit.record(email, "subscription.requested", COLLECTION + "/" + id, "rate_limited", Map.of("ip", client.ip()));
      return;
    }
    Instant now = clock.instant();
    Subscriber.Preferences prefs =
        new Subscriber.Preferences(r.language().code(), List.copyOf(r.topics()), r.webhookUrl() == null ? null : r.webhookUrl().toString(), now);
    store.transaction(tx -> {
      Optional<Subscriber> cur = tx.get(COLLECTION, id).map(d -> Json.read(d.json(), Subscriber.class));
      Subscriber next =
          cur.map(s -> new Subscriber(s.id(), s.email(), s.status(), s.language(), s.topics(), s.webhookUrl(), s.webhookSecret(),
                  s.createdAt(), s.confirmedAt(), s.unsubscribedAt(), prefs))
              .orElse(new Subscriber(id, email, Subscriber.PENDING, prefs.language(), prefs.topics(), null, null, now, null, null, prefs));
      tx.put(COLLECTION, id, Json.write(next));
      return null;
    });
    String confirm = link(apiBase, "confirm", tokens.issue(SubscriptionTokens.CONFIRM, id, now.plus(CONFIRM_VALIDITY)));
    mailer.send(Notices.confirmation(email, r.language(), r.topics(), URI.create(confirm), unsubscribeUrl(apiBase, id)));
    audit.record(email, "subscription.requested", COLLECTION + "/" + id, "ok",
        Map.of("topics", String.join(",", r.topics()), "language", r.language().code()));
  }

  /** The one-click unsubscribe link of a subscriber. */
  public URI unsubscribeUrl(URI apiBase, String subscriberId) {
    return URI.create(link(apiBase, "unsubscribe", tokens.issue(SubscriptionTokens.UNSUBSCRIBE, subscriberId, null)));
  }

  private static String link(URI apiBase, String action, String token) {
    return apiBase.toString().replaceAll("/+$", "") + "/v1/subscriptions/" + action + "?token="
        + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }

  /** A confirmation: the subscriber and, when a webhook was set up just now, its signing secret (shown once). */
  public record Confirmation(Subscriber subscriber, String newWebhookSecret) {}

  /**
   * Confirms the latest request of the token's subscriber.
   *
   * @throws ApiException 400 for an invalid or expired link
   */
  public Confirmation confirm(String token) {
    String id = tokens.verify(SubscriptionTokens.CONFIRM, token)
        .orElseThrow(() -> ApiException.badRequest("invalid_link", "this confirmation link is invalid or has expired"));
    Instant now = clock.instant();
    String secret = Secrets.randomToken(32);
    Confirmation c = store.transaction(tx -> {
      Subscriber s = tx.get(COLLECTION, id).map(d -> Json.read(d.json(), Subscriber.class))
          .orElseThrow(() -> ApiException.badRequest("invalid_link", "this confirmation link is invalid or has expired"));
      Subscriber.Preferences p = s.requested();
      if (p == null) {
        return new Confirmation(s, null); // already applied: a second click changes nothing
      }
      boolean newHook = p.webhookUrl() != null && (!p.webhookUrl().equals(s.webhookUrl()) || s.webhookSecret() == null);
      String hookSecret = p.webhookUrl() == null ? null : newHook ? secret : s.webhookSecret();
      Subscriber next = new Subscriber(s.id(), s.email(), Subscriber.CONFIRMED, p.language(), p.topics(), p.webhookUrl(),
          hookSecret, s.createdAt(), now, null, null);
      tx.put(COLLECTION, id, Json.write(next));
      return new Confirmation(next, newHook ? secret : null);
    });
    audit.record(c.subscriber().email(), "subscription.confirmed", COLLECTION + "/" + id, "ok",
        Map.of("topics", String.join(",", c.subscriber().topics())));
    return c;
  }

  /** The subscriber a valid unsubscribe token names (for the confirmation page), if any. */
  public Optional<Subscriber> forUnsubscribe(String token) {
    return tokens.verify(SubscriptionTokens.UNSUBSCRIBE, token)
        .flatMap(id -> store.get(COLLECTION, id))
        .map(d -> Json.read(d.json(), Subscriber.class));
  }

  /**
   * Unsubscribes the token's subscriber; repeating it is harmless.
   *
   * @throws ApiException 400 for an invalid link
   */
  public Subscriber unsubscribe(String token) {
    String id = tokens.verify(SubscriptionTokens.UNSUBSCRIBE, token)
        .orElseThrow(() -> ApiException.badRequest("invalid_link", "this unsubscribe link is invalid"));
    Instant now = clock.instant();
    Subscriber done = store.transaction(tx -> {
      Subscriber s = tx.get(COLLECTION, id).map(d -> Json.read(d.json(), Subscriber.class))
          .orElseThrow(() -> ApiException.badRequest("invalid_link", "this unsubscribe link is invalid"));
      if (Subscriber.UNSUBSCRIBED.equals(s.status())) {
        return s;
      }
      Subscriber next = new Subscriber(s.id(), s.email(), Subscriber.UNSUBSCRIBED, s.language(), s.topics(), null, null,
          s.createdAt(), s.confirmedAt(), now, null);
      tx.put(COLLECTION, id, Json.write(next));
      return next;
    });
    Map<String, String> details = new LinkedHashMap<>();
    audit.record(done.email(), "subscription.unsubscribed", COLLECTION + "/" + id, "ok", details);
    return done;
  }
}
