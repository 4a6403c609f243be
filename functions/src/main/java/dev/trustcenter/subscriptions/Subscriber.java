package dev.trustcenter.subscriptions;

import java.time.Instant;
import java.util.List;

/**
 * Someone who subscribed to updates (collection {@code subscribers}; the id is derived from the
 * email, so one address has one subscription).
 *
 * @param status {@code pending} until the address is confirmed, then {@code confirmed}; {@code
 *     unsubscribed}
 * @param language {@code es} or {@code en}: every mail to them is in it
 * @param topics of {@link Subscriptions#TOPICS}
 * @param webhookUrl an https URL that also receives signed JSON notices, or null
 * @param webhookSecret base64url HMAC key for the webhook signatures, or null; shown once on
 *     confirmation
 * @param requested written by earlier versions (the latest request, applied by any confirmation
 *     link); no longer written: a request is now a {@link SubscriptionRequest} of its own
 */
public record Subscriber(
    String id,
    String email,
    String status,
    String language,
    List<String> topics,
    String webhookUrl,
    String webhookSecret,
    Instant createdAt,
    Instant confirmedAt,
    Instant unsubscribedAt,
    Preferences requested) {

  public static final String PENDING = "pending";
  public static final String CONFIRMED = "confirmed";
  public static final String UNSUBSCRIBED = "unsubscribed";

  /** Language, topics and webhook of one subscribe request. */
  public record Preferences(String language, List<String> topics, String webhookUrl, Instant at) {}

  public boolean wants(String topic) {
    return CONFIRMED.equals(status) && topics != null && topics.contains(topic);
  }
}
