package dev.trustcenter.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.trustcenter.notices.OutgoingMail;
import dev.trustcenter.testing.IntegrationTest;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mails with attachments reach a real SMTP server as multipart/mixed, text first. */
@IntegrationTest
class SmtpMailerAttachmentsTest {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  SmtpMailer mailer() {
    return new SmtpMailer(
        "127.0.0.1", mail.getSmtp().getPort(), null, () -> null, "trust@empresa.example", false);
  }

  @Test
  void aMailWithAnAttachmentArrivesAsTextThenTheFile() throws Exception {
    byte[] ics = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".getBytes(StandardCharsets.UTF_8);
    mailer()
        .send(
            new OutgoingMail(
                "cliente@example.com",
                "Cambio previsto",
                "Texto del aviso: día efectivo",
                Map.of("List-Unsubscribe", "<https://x.example/u>"),
                "Empresa",
                List.of(
                    new OutgoingMail.Attachment(
                        "change.ics", "text/calendar; charset=UTF-8; method=PUBLISH", ics))));
    MimeMessage[] got = mail.getReceivedMessages();
    assertEquals(1, got.length);
    assertTrue(got[0].getContentType().startsWith("multipart/mixed"), got[0].getContentType());
    Multipart parts = (Multipart) got[0].getContent();
    assertEquals(2, parts.getCount());
    assertEquals("Texto del aviso: día efectivo", parts.getBodyPart(0).getContent());
    Part file = parts.getBodyPart(1);
    assertEquals(Part.ATTACHMENT, file.getDisposition());
    assertEquals("change.ics", file.getFileName());
    assertTrue(file.getContentType().startsWith("text/calendar"), file.getContentType());
    assertArrayEquals(ics, file.getInputStream().readAllBytes());
    assertEquals("<https://x.example/u>", got[0].getHeader("List-Unsubscribe")[0]);
  }

  @Test
  void aMailWithoutAttachmentsStaysPlainText() throws Exception {
    mailer().send(new OutgoingMail("cliente@example.com", "Hola", "Solo texto", Map.of()));
    MimeMessage got = mail.getReceivedMessages()[0];
    assertTrue(got.getContentType().startsWith("text/plain"), got.getContentType());
    assertEquals("Solo texto", got.getContent());
  }

  @Test
  void anAttachmentNameWithAPathOrLineBreakIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new OutgoingMail.Attachment("../x.ics", "text/calendar", new byte[0]));
    assertThrows(
        IllegalArgumentException.class,
        () -> new OutgoingMail.Attachment("x.ics", "text/calendar\r\nBcc: a@b", new byte[0]));
  }
}
