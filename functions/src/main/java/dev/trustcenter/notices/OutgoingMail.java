package dev.trustcenter.notices;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One plain-text mail to one recipient.
 *
 * @param to the recipient's address (already validated)
 * @param subject the subject line
 * @param text the plain-text body
 * @param headers extra headers, e.g. {@code List-Unsubscribe} and {@code List-Unsubscribe-Post}
 *     (RFC 8058)
 * @param senderName the name shown with the sender's address (the company's), or null for the
 *     address alone
 */
public record OutgoingMail(
    String to, String subject, String text, Map<String, String> headers, String senderName) {
  public OutgoingMail(String to, String subject, String text, Map<String, String> headers) {
    this(to, subject, text, headers, null);
  }

  public OutgoingMail {
    if (senderName != null
        && (senderName.isBlank() || senderName.chars().anyMatch(Character::isISOControl))) {
      senderName = null;
    }
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    headers = Map.copyOf(new LinkedHashMap<>(headers));
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (h.getValue().contains("\r") || h.getValue().contains("\n")) {
        throw new IllegalArgumentException("header " + h.getKey() + " contains a line break");
      }
    }
    if (subject.contains("\r") || subject.contains("\n")) {
      throw new IllegalArgumentException("subject contains a line break");
    }
  }
}
