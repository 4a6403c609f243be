package dev.trustcenter.notices;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One plain-text mail to one recipient, with optional attachments (then sent as {@code
 * multipart/mixed}: the text first, each attachment after it).
 *
 * @param to the recipient's address (already validated)
 * @param subject the subject line
 * @param text the plain-text body
 * @param headers extra headers, e.g. {@code List-Unsubscribe} and {@code List-Unsubscribe-Post}
 *     (RFC 8058)
 * @param senderName the name shown with the sender's address (the company's), or null for the
 *     address alone
 * @param attachments files attached after the text, e.g. an iCalendar event; empty for none
 */
public record OutgoingMail(
    String to,
    String subject,
    String text,
    Map<String, String> headers,
    String senderName,
    List<Attachment> attachments) {
  public OutgoingMail(String to, String subject, String text, Map<String, String> headers) {
    this(to, subject, text, headers, null);
  }

  public OutgoingMail(
      String to, String subject, String text, Map<String, String> headers, String senderName) {
    this(to, subject, text, headers, senderName, List.of());
  }

  /**
   * A file attached to a mail.
   *
   * @param fileName the name a mail client shows and saves it under (no path, no line breaks)
   * @param contentType its MIME type with parameters, e.g. {@code text/calendar; charset=UTF-8;
   *     method=PUBLISH}
   * @param bytes its content
   */
  public record Attachment(String fileName, String contentType, byte[] bytes) {
    public Attachment {
      Objects.requireNonNull(fileName, "fileName");
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(bytes, "bytes");
      if (!fileName.matches("[A-Za-z0-9._-]{1,100}")) {
        throw new IllegalArgumentException("attachment file name must be a plain file name");
      }
      if (contentType.contains("\r") || contentType.contains("\n")) {
        throw new IllegalArgumentException("content type contains a line break");
      }
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }
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
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
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
