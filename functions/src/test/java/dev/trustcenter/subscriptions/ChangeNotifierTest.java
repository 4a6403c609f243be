package dev.trustcenter.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.content.Language;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.http.ClientInfo;
import dev.trustcenter.http.RateLimiter;
import dev.trustcenter.notices.Mailer;
import dev.trustcenter.notices.OutgoingMail;
import dev.trustcenter.notices.WebhookSender;
import dev.trustcenter.notices.WebhookSignature;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.testing.MutableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notifier's exactly-once bookkeeping when sending fails, and its webhook deliveries. */
class ChangeNotifierTest {
  static final URI BASE = URI.create("https://trust.example.com/api");
  @TempDir Path dir;
  DocumentStore store;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  // The outbox sends on a pool of threads: what the fakes count is shared between them.
  List<OutgoingMail> sent = java.util.Collections.synchronizedList(new ArrayList<>());
  java.util.concurrent.atomic.AtomicInteger failuresLeft =
      new java.util.concurrent.atomic.AtomicInteger();
  Mailer mailer =
      m -> {
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          throw new Mailer.MailException("451 try later", null);
        }
        sent.add(m);
      };
  List<String> hookBodies = java.util.Collections.synchronizedList(new ArrayList<>());
  List<byte[]> hookSecrets = java.util.Collections.synchronizedList(new ArrayList<>());
  WebhookSender hooks =
      (url, json, secret) -> {
        hookBodies.add(json);
        hookSecrets.add(secret);
      };
  Subscriptions subscriptions;
  ChangeNotifier notifier;

  @BeforeEach
  void open() {
    store = FileDocumentStore.open(dir);
    subscriptions =
        new Subscriptions(
            store,
            new SubscriptionTokens(store, clock),
            new RateLimiter(store, clock),
            mailer,
            (a, b, c, d, e) -> {},
            clock,
            host -> new java.net.InetAddress[] {java.net.InetAddress.getByName("93.184.216.34")});
    notifier =
        new ChangeNotifier(
            store,
            mailer,
            hooks,
            subscriptions,
            BASE,
            Map.of(
                "cloudflare",
                new ChangeNotifier.VendorInfo(
                    "Cloudflare",
                    URI.create(
                        "https://www.cloudflare.com/gdpr/subprocessors/cloudflare-services/"),
                    30)),
            () -> new ChangeNotifier.CompanyInfo("Empresa S.A.", "mailto:security@empresa.example"),
            clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  String confirmedSubscriber(String email, Language lang, String webhook) {
    subscriptions.subscribe(
        new Subscriptions.Request(
            email, lang, List.of("subprocessors"), webhook == null ? null : URI.create(webhook)),
        new ClientInfo("192.0.2.1", "test"),
        BASE);
    OutgoingMail confirmation = sent.remove(sent.size() - 1);
    Matcher m = Pattern.compile("token=(\\S+)").matcher(confirmation.text());
    assertTrue(m.find());
    Subscriptions.Confirmation c =
        subscriptions.confirm(
            java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8));
    return c.newWebhookSecret();
  }

  static List<SubprocessorChangeEvent> event(String id) {
    return List.of(
        new SubprocessorChangeEvent(
            "cloudflare",
            SubprocessorChangeEvent.ChangeKind.CHANGED,
            "Vendor",
            Map.of("countries", "EU"),
            Instant.parse("2026-03-01T00:00:00Z"),
            id));
  }

  NoticeOutbox.Result deliver(List<SubprocessorChangeEvent> events) {
    notifier.notify(events);
    return notifier.drain(java.time.Duration.ofMinutes(1));
  }

  @Test
  void aFailedSendIsRetriedByALaterDrainAndThenNeverAgain() {
    confirmedSubscriber("ana@cliente.example", Language.ES, null);
    failuresLeft.set(1);
    assertEquals(new NoticeOutbox.Result(1, 0, 1, 0, true), deliver(event("cf-1")));
    assertEquals(0, sent.size());
    clock.advance(java.time.Duration.ofMinutes(2));
    assertEquals(new NoticeOutbox.Result(0, 1, 0, 0, true), deliver(event("cf-1")));
    assertEquals(new NoticeOutbox.Result(0, 0, 0, 0, true), deliver(event("cf-1")));
    assertEquals(1, sent.size());
    OutgoingMail m = sent.get(0);
    assertTrue(m.text().contains("- Cambio: Vendor (países: EU)"), m.text());
    assertTrue(m.text().contains("security@empresa.example"), m.text());
    assertTrue(
        m.headers()
            .get("List-Unsubscribe")
            .startsWith("<https://trust.example.com/api/v1/subscriptions/unsubscribe?token="));
  }

  @Test
  void webhookSubscribersGetASignedJsonDeliveryOnce() {
    String secret =
        confirmedSubscriber(
            "ops@client.example", Language.EN, "https://hooks.client.example/trust");
    assertTrue(secret != null && secret.length() >= 43, "the secret is shown once on confirmation");
    assertEquals(new NoticeOutbox.Result(2, 2, 0, 0, true), deliver(event("cf-2")));
    assertEquals(new NoticeOutbox.Result(0, 0, 0, 0, true), deliver(event("cf-2")));
    assertEquals(1, hookBodies.size());
    assertTrue(hookBodies.get(0).contains("\"eventId\":\"cf-2\""), hookBodies.get(0));
    assertTrue(hookBodies.get(0).contains("\"deliveryIds\":["), hookBodies.get(0));
    // Detected 2026-03-01T00:00Z, sent 2026-03-02T10:00Z: 28 whole days of Cloudflare's 30 left.
    assertTrue(hookBodies.get(0).contains("\"noticeDays\":30"), hookBodies.get(0));
    assertTrue(hookBodies.get(0).contains("\"noticeDaysLeftAtMost\":28"), hookBodies.get(0));
    String header = WebhookSignature.header(1, hookBodies.get(0), hookSecrets.get(0));
    assertTrue(
        WebhookSignature.verify(
            header, hookBodies.get(0), java.util.Base64.getUrlDecoder().decode(secret)),
        "signed with the secret the subscriber was shown");
  }

  @Test
  void someoneWhoUnsubscribedWhileTheirNoticeWaitedIsNotTold() {
    confirmedSubscriber("gone@client.example", Language.EN, null);
    confirmedSubscriber("stays@client.example", Language.EN, null);
    failuresLeft.set(2);
    assertEquals(
        new NoticeOutbox.Result(2, 0, 2, 0, true),
        deliver(event("cf-3")),
        "both wait in the outbox");
    subscriptions.unsubscribe(
        subscriptions
            .unsubscribeUrl(BASE, Subscriptions.idOf("gone@client.example"))
            .getQuery()
            .substring("token=".length()));
    clock.advance(java.time.Duration.ofMinutes(2));
    assertEquals(
        new NoticeOutbox.Result(0, 1, 0, 0, true), notifier.drain(java.time.Duration.ofMinutes(1)));
    assertEquals(List.of("stays@client.example"), sent.stream().map(OutgoingMail::to).toList());
    assertEquals(0, store.list(NoticeOutbox.OUTBOX, dev.trustcenter.store.Range.all()).size());
  }
}
