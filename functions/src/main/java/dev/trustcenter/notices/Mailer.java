package dev.trustcenter.notices;

/**
 * Sends mail. Adapter: {@code mail.SmtpMailer} (Jakarta Mail over SMTP). A call returns once the
 * mail server accepted the message; it throws {@link MailException} when it did not, so the caller
 * may release its claim and let a retry send it.
 */
@FunctionalInterface
public interface Mailer {
  void send(OutgoingMail mail);

  /** The mail server did not take the message. The message never contains the password. */
  final class MailException extends RuntimeException {
    public MailException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
