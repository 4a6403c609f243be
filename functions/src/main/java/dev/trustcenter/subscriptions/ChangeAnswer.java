package dev.trustcenter.subscriptions;

import java.time.Instant;
import java.util.Objects;

/**
 * A subscriber's answer to a {@link PlannedChange}, given through the signed link of its notice
 * (collection {@value PlannedChanges#ANSWERS}, id {@code <change>:<subscriber>}: one answer per
 * subscriber and change). An acknowledgement may be followed by an objection; an objection stays.
 *
 * @param kind {@value #ACKNOWLEDGED} or {@value #OBJECTED}
 * @param email the subscriber's address when they answered (the link proved it)
 * @param language the subscriber's language, for the receipt and the company's reply
 * @param reason for an objection: what the subscriber wrote (may be empty)
 * @param reply the company's answer to an objection, mailed to the subscriber; null until answered
 */
public record ChangeAnswer(
    String id,
    String changeId,
    String subscriberId,
    String email,
    String language,
    String kind,
    String reason,
    Instant at,
    String reply,
    Instant repliedAt,
    String repliedBy) {
  public static final String ACKNOWLEDGED = "acknowledged";
  public static final String OBJECTED = "objected";

  public ChangeAnswer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(changeId, "changeId");
    Objects.requireNonNull(subscriberId, "subscriberId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
  }

  static String idOf(String changeId, String subscriberId) {
    return changeId + ":" + subscriberId;
  }

  ChangeAnswer replied(String text, Instant when, String by) {
    return new ChangeAnswer(
        id, changeId, subscriberId, email, language, kind, reason, at, text, when, by);
  }
}
