package dev.trustcenter.subscriptions;

import dev.trustcenter.auth.RandomTokens;
import java.time.Instant;
import java.util.List;

/**
 * One subscribe request as it was mailed for confirmation (collection {@value
 * Subscriptions#REQUESTS}). Written once and never changed but for {@code confirmedAt}: the
 * confirmation link names this document, so it applies exactly these choices. Deleted once {@code
 * expiresAt} has passed ({@link Subscriptions#purgeExpiredRequests}).
 *
 * @param id {@code <expiry epoch seconds, 10 digits>-<32 random hex>}: listing by id lists by
 *     expiry
 * @param subscriberId the subscription it creates or changes ({@link Subscriptions#idOf})
 * @param webhookUrl the https URL it asks notices to be posted to, or null
 * @param confirmedAt when its link was followed, or null
 */
public record SubscriptionRequest(
    String id,
    String subscriberId,
    String email,
    String language,
    List<String> topics,
    String webhookUrl,
    Instant requestedAt,
    Instant expiresAt,
    Instant confirmedAt) {

  /** The pattern of {@link #id}. */
  static final String ID_PATTERN = "[0-9]{10}-[0-9a-f]{32}";

  static String newId(Instant expiresAt) {
    return expiryKey(expiresAt)
        + "-"
        + dev.trustcenter.http.Responses.sha256Hex(RandomTokens.randomToken(32)).substring(0, 32);
  }

  /**
   * The id prefix of requests expiring at {@code t}: ids below {@code expiryKey(now)} have expired.
   */
  static String expiryKey(Instant t) {
    return String.format("%010d", t.getEpochSecond());
  }

  SubscriptionRequest confirmed(Instant at) {
    return new SubscriptionRequest(
        id, subscriberId, email, language, topics, webhookUrl, requestedAt, expiresAt, at);
  }
}
