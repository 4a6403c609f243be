package dev.trustcenter.mail;

import dev.trustcenter.notices.Mailer;
import dev.trustcenter.notices.OutgoingMail;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Sends mail over SMTP with Jakarta Mail (Eclipse Angus), plain text, or {@code multipart/mixed}
 * when the mail has attachments: STARTTLS required on port 587 and other ports except 465 (implicit
 * TLS) and, for tests against a local server, when {@code requireTls} is false. The password is
 * fetched through {@code password} when the session is first built and never logged.
 */
public final class SmtpMailer implements Mailer {
  private final Session session;
  private final InternetAddress from;

  /**
   * @param username null for an unauthenticated relay
   * @param password supplies the password (e.g. from Secret Manager); called once
   * @param from the {@code From} address, {@code MAIL_FROM}
   * @param requireTls false only for a test server on this machine
   */
  public SmtpMailer(
      String host,
      int port,
      String username,
      Supplier<String> password,
      String from,
      boolean requireTls) {
    Objects.requireNonNull(host, "host");
    try {
      this.from = new InternetAddress(Objects.requireNonNull(from, "from"), true);
    } catch (jakarta.mail.internet.AddressException e) {
      throw new IllegalArgumentException("MAIL_FROM is not a valid address", e);
    }
    Properties p = new Properties();
    boolean implicitTls = port == 465;
    String proto = implicitTls ? "smtps" : "smtp";
    p.put("mail.transport.protocol", proto);
    p.put("mail." + proto + ".host", host);
    p.put("mail." + proto + ".port", Integer.toString(port));
    p.put("mail." + proto + ".connectiontimeout", "10000");
    p.put("mail." + proto + ".timeout", "20000");
    p.put("mail." + proto + ".writetimeout", "20000");
    if (requireTls && !implicitTls) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    if (requireTls) {
      p.put("mail." + proto + ".ssl.checkserveridentity", "true");
    }
    Authenticator auth = null;
    if (username != null) {
      p.put("mail." + proto + ".auth", "true");
      String user = username;
      auth =
          new Authenticator() {
            private String secret;

            @Override
            protected synchronized PasswordAuthentication getPasswordAuthentication() {
              if (secret == null) {
                secret = password.get();
              }
              return new PasswordAuthentication(user, secret);
            }
          };
    }
    this.session = Session.getInstance(p, auth);
  }

  @Override
  public void send(OutgoingMail mail) {
    try {
      MimeMessage m = new MimeMessage(session);
      m.setFrom(
          mail.senderName() == null
              ? from
              : new InternetAddress(
                  from.getAddress(), mail.senderName(), StandardCharsets.UTF_8.name()));
      m.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
      m.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
      if (mail.attachments().isEmpty()) {
        m.setText(mail.text(), StandardCharsets.UTF_8.name());
      } else {
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), StandardCharsets.UTF_8.name());
        mixed.addBodyPart(text);
        for (OutgoingMail.Attachment a : mail.attachments()) {
          MimeBodyPart part = new MimeBodyPart();
          part.setDataHandler(
              new jakarta.activation.DataHandler(
                  new ByteArrayDataSource(a.bytes(), a.contentType())));
          part.setFileName(a.fileName());
          part.setDisposition(Part.ATTACHMENT);
          mixed.addBodyPart(part);
        }
        m.setContent(mixed);
      }
      m.setSentDate(new Date());
      for (Map.Entry<String, String> h : mail.headers().entrySet()) {
        m.setHeader(h.getKey(), h.getValue());
      }
      m.setHeader("Auto-Submitted", "auto-generated");
      Transport.send(m);
    } catch (java.io.UnsupportedEncodingException e) {
      throw new MailException("the sender name cannot be encoded", e);
    } catch (MessagingException e) {
      // The message of a MessagingException names the server's answer, never our password.
      throw new MailException("the mail server did not accept the message: " + e.getMessage(), e);
    }
  }
}
