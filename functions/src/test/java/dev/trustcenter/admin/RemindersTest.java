package dev.trustcenter.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.trustcenter.app.SendRemindersFunction;
import dev.trustcenter.content.Certificate;
import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.Content;
import dev.trustcenter.content.Control;
import dev.trustcenter.content.Framework;
import dev.trustcenter.content.Language;
import dev.trustcenter.content.Seed;
import dev.trustcenter.documents.AccessRequest;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.json.Json;
import dev.trustcenter.mail.SmtpMailer;
import dev.trustcenter.notices.Mailer;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.testing.FakeHttp;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admins' daily digest through a real SMTP server (GreenMail) with a fixed clock: what it lists
 * in each admin's language, one mail a day however often the trigger fires, a retry after the mail
 * server refused, and no mail when nothing is due.
 */
@IntegrationTest
class RemindersTest {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  static final Instant NOW = Instant.parse("2026-12-06T07:00:00Z");

  @TempDir Path dir;
  private FileDocumentStore store;
  private MutableClock clock;
  private final List<AccessRequest> pending = new ArrayList<>();
  private Control overdue;
  private Control dueSoon;

  @BeforeEach
  void seed() {
    store = FileDocumentStore.open(dir);
    clock = new MutableClock(NOW);
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** The seed, with a certificate ending in 30 days, one control overdue and one due in 5 days. */
  private void somethingDue() {
    Content seed = Seed.load();
    List<Framework> frameworks = new ArrayList<>(seed.frameworks());
    Framework f = frameworks.get(0);
    frameworks.set(
        0,
        new Framework(
            f.id(),
            f.name(),
            f.version(),
            f.description(),
            new Certificate(
                "Example Certification Body",
                "EX-1234",
                null,
                LocalDate.parse("2024-01-07"),
                LocalDate.parse("2027-01-05"),
                null),
            f.position()));
    Content content =
        new Content(
            seed.profile(),
            frameworks,
            seed.categories(),
            seed.controls(),
            seed.subprocessors(),
            seed.resources());
    overdue = content.controls().get(0);
    dueSoon = content.controls().get(1);
    new SnapshotWriter(365).seedIfEmpty(store, content, NOW.minus(Duration.ofDays(400)));
    store.transaction(
        tx -> {
          Instant lastOverdue = NOW.minus(Duration.ofDays(overdue.periodDays() + 3L));
          Instant lastDue = NOW.minus(Duration.ofDays(dueSoon.periodDays() - 5L));
          tx.put(
              Snapshots.CHECK_SUMMARIES,
              overdue.id(),
              Json.write(new CheckSummary(CheckOutcome.PASSING, lastOverdue, lastOverdue)));
          tx.put(
              Snapshots.CHECK_SUMMARIES,
              dueSoon.id(),
              Json.write(new CheckSummary(CheckOutcome.PASSING, lastDue, lastDue)));
          return null;
        });
    store.transaction(tx -> new SnapshotWriter(365).write(tx, Snapshots.readInputs(tx), NOW));
    pending.add(request("2026-12-03T09:00:00Z-a", "Ana García", NOW.minus(Duration.ofDays(3))));
    pending.add(request("2026-12-05T09:00:00Z-b", "Bo Jensen", NOW.minus(Duration.ofDays(1))));
  }

  private static AccessRequest request(String id, String name, Instant at) {
    return new AccessRequest(
        id,
        AccessRequest.PENDING,
        name,
        name.toLowerCase().replace(' ', '.').replace('í', 'i') + "@cliente.example",
        "Cliente S.L.",
        "Vendor review",
        "es",
        List.of("iso-27001"),
        null,
        at,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private Reminders reminders(Mailer mailer) {
    return new Reminders(
        store,
        clock,
        mailer,
        Reminders.recipients(List.of("ana@example.com", "bob@example.com:en")),
        365,
        () -> List.copyOf(pending));
  }

  private static Mailer smtp() {
    return new SmtpMailer(
        "127.0.0.1", mail.getSmtp().getPort(), null, () -> null, "trust@example.com", false);
  }

  private static String to(MimeMessage m) throws Exception {
    return m.getAllRecipients()[0].toString();
  }

  @Test
  void eachAdminGetsOneDigestInTheirLanguage_andARetriedTriggerSendsNothingMore() throws Exception {
    somethingDue();
    Reminders reminders = reminders(smtp());

    Reminders.Result first = reminders.run();

    assertEquals(2, first.sent(), first.toString());
    assertEquals(4, first.items(), "1 overdue, 1 due soon, 1 certificate, 1 waiting request");
    MimeMessage[] received = mail.getReceivedMessages();
    assertEquals(2, received.length);
    MimeMessage es = to(received[0]).equals("ana@example.com") ? received[0] : received[1];
    MimeMessage en = es == received[0] ? received[1] : received[0];
    String company = Seed.load().profile().companyName();
    assertEquals(company + ": 4 asunto(s) requieren su atención", es.getSubject());
    assertEquals(company + ": 4 item(s) need your attention", en.getSubject());
    String esText = GreenMailUtil.getBody(es);
    String enText = GreenMailUtil.getBody(en);
    String text = javaMailText(es);
    assertTrue(text.contains("Controles vencidos (1):"), text);
    assertTrue(
        text.contains(
            "- "
                + overdue.title().in(Language.ES)
                + ": venció el "
                + LocalDate.parse("2026-12-06").minusDays(3)),
        text);
    assertTrue(text.contains("Controles que vencen en los próximos 14 días (1):"), text);
    assertTrue(
        text.contains("- " + dueSoon.title().in(Language.ES) + ": vence el 2026-12-11"), text);
    assertTrue(text.contains(": válido hasta el 2027-01-05"), text);
    assertTrue(
        text.contains(
            "- Ana García <ana.garcia@cliente.example>, Cliente S.L.: espera desde el 2026-12-03"),
        text);
    assertFalse(text.contains("Bo Jensen"), "a request waiting one day is not listed yet");
    String english = javaMailText(en);
    assertTrue(english.contains("Overdue controls (1):"), english);
    assertTrue(english.contains("- " + dueSoon.title().in(Language.EN) + ": due on 2026-12-11"));
    assertTrue(english.contains("waiting since 2026-12-03"), english);
    assertFalse(esText.isEmpty() || enText.isEmpty());

    // Cloud Scheduler retries, or fires again later the same day: nothing more is sent.
    clock.advance(Duration.ofHours(3));
    Reminders.Result again = reminders.run();
    assertEquals(0, again.sent());
    assertEquals(2, again.alreadySent());
    assertEquals(2, mail.getReceivedMessages().length);

    // The next day brings the next digest.
    clock.advance(Duration.ofDays(1));
    assertEquals(2, reminders.run().sent());
    assertEquals(4, mail.getReceivedMessages().length);
  }

  @Test
  void aDigestTheMailServerRefused_isSentByTheRetry_andOnlyThatOne() throws Exception {
    somethingDue();
    Mailer real = smtp();
    AtomicInteger calls = new AtomicInteger();
    Mailer flaky =
        m -> {
          if (m.to().equals("bob@example.com") && calls.incrementAndGet() == 1) {
            throw new Mailer.MailException("451 try again later", null);
          }
          real.send(m);
        };
    SendRemindersFunction function =
        new SendRemindersFunction(
            new dev.trustcenter.auth.DevTokenAuthenticator(AdminHttp.DEV_TOKEN), reminders(flaky));

    // The mail server refuses Bob's digest: the function answers 502, so Cloud Scheduler retries.
    FakeHttp.Response first = trigger(function);
    assertEquals(502, first.status(), first.text());
    assertTrue(first.text().contains("\"sent\":1") && first.text().contains("\"failed\":1"));
    assertEquals(1, mail.getReceivedMessages().length);

    // The retry mails Bob's digest only.
    FakeHttp.Response retry = trigger(function);
    assertEquals(200, retry.status(), retry.text());
    assertTrue(retry.text().contains("\"sent\":1") && retry.text().contains("\"alreadySent\":1"));
    MimeMessage[] received = mail.getReceivedMessages();
    assertEquals(2, received.length);
    assertEquals("ana@example.com", to(received[0]));
    assertEquals("bob@example.com", to(received[1]));
  }

  @Test
  void nothingDue_sendsNothing() {
    new SnapshotWriter(365).seedIfEmpty(store, Seed.load(), NOW);
    Reminders.Result r = reminders(smtp()).run();
    assertEquals(0, r.items());
    assertEquals(0, r.sent());
    assertEquals(0, mail.getReceivedMessages().length);
  }

  @Test
  void digestRecipients_takeAnOptionalLanguage() {
    assertEquals(
        List.of(
            new Reminders.Recipient("a@example.com", Language.ES),
            new Reminders.Recipient("b@example.com", Language.EN)),
        Reminders.recipients(List.of("a@example.com", " b@example.com:en ")));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> Reminders.recipients(List.of("a@example.com:fr")));
  }

  private static FakeHttp.Response trigger(SendRemindersFunction function) throws Exception {
    FakeHttp.Response answer = new FakeHttp.Response();
    function.service(
        FakeHttp.request("POST", "/").header("Authorization", "Bearer " + AdminHttp.DEV_TOKEN),
        answer);
    return answer;
  }

  @Test
  void adminDigestEmails_defaultsToTheAdmins_andRefusesAnUnknownLanguage() {
    assertEquals(
        List.of("a@example.com"),
        dev.trustcenter.config.Config.fromEnvironment(
                java.util.Map.of("ADMIN_EMAILS", "a@example.com"))
            .digest()
            .recipients());
    assertEquals(
        List.of("d@example.com:en"),
        dev.trustcenter.config.Config.fromEnvironment(
                java.util.Map.of(
                    "ADMIN_EMAILS", "a@example.com", "ADMIN_DIGEST_EMAILS", "d@example.com:en"))
            .digest()
            .recipients());
    org.junit.jupiter.api.Assertions.assertThrows(
        dev.trustcenter.config.ConfigException.class,
        () ->
            dev.trustcenter.config.Config.fromEnvironment(
                java.util.Map.of("ADMIN_DIGEST_EMAILS", "d@example.com:fr")));
  }

  private static String javaMailText(MimeMessage m) throws Exception {
    Object content = m.getContent();
    if (content instanceof String s) {
      return s;
    }
    return GreenMailUtil.getBody(m);
  }
}
