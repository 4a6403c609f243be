package dev.trustcenter.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.json.Json;
import dev.trustcenter.mail.SmtpMailer;
import dev.trustcenter.okhttp.OkHttpWebhookSender;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.MutableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 2: one stalled webhook made the sync take 94 s and delayed every later subscriber.
 * Here the first subscriber in the outbox's order has a webhook that never answers in time; the ten
 * others, and every mail, must not wait for it, though only two notices are sent at once.
 */
@IntegrationTest
class SlowWebhookTest {
  static final Duration TIMEOUT = Duration.ofSeconds(3);

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @StartStop private final MockWebServer hooks = new MockWebServer();
  @TempDir Path dir;
  DocumentStore store;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  Map<String, Long> arrivedNanos = new ConcurrentHashMap<>();

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aStalledWebhookDelaysNoOtherNoticeAndIsRetriedLater() throws Exception {
    store = FileDocumentStore.open(dir);
    hooks.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            arrivedNanos.put(r.getUrl().encodedPath(), System.nanoTime());
            return r.getUrl().encodedPath().equals("/slow")
                ? new MockResponse.Builder().headersDelay(6, TimeUnit.SECONDS).code(200).build()
                : new MockResponse.Builder().code(204).build();
          }
        });
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      emails.add("hook" + i + "@client.example");
    }
    emails.sort(Comparator.comparing(Subscriptions::idOf));
    String slow = emails.get(0); // first in the outbox's order
    String secret =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    for (String e : emails) {
      String path = e.equals(slow) ? "/slow" : "/fast/" + e.substring(0, e.indexOf('@'));
      Subscriber s =
          new Subscriber(
              Subscriptions.idOf(e),
              e,
              Subscriber.CONFIRMED,
              "en",
              List.of("subprocessors"),
              hooks.url(path).toString(),
              secret,
              clock.instant(),
              clock.instant(),
              null,
              null);
      store.createIfAbsent(Subscriptions.COLLECTION, s.id(), Json.write(s));
    }
    Subscriptions subscriptions =
        new Subscriptions(
            store, new SubscriptionTokens(store, clock), null, null, (a, b, c, d, x) -> {}, clock);
    ChangeNotifier notifier =
        new ChangeNotifier(
            store,
            new SmtpMailer(
                "127.0.0.1",
                mail.getSmtp().getPort(),
                null,
                () -> null,
                "trust@empresa.example",
                false),
            OkHttpWebhookSender.loopbackForTests(new OkHttpClient(), clock, TIMEOUT),
            subscriptions,
            URI.create("https://trust.example.com/api"),
            Map.of(
                "cloudflare",
                new ChangeNotifier.VendorInfo(
                    "Cloudflare",
                    URI.create("https://www.cloudflare.com/gdpr/subprocessors/"),
                    30)),
            () -> new ChangeNotifier.CompanyInfo("Empresa S.A.", null),
            clock,
            4,
            TIMEOUT);
    notifier.notify(
        List.of(
            new SubprocessorChangeEvent(
                "cloudflare",
                SubprocessorChangeEvent.ChangeKind.ADDED,
                "New Vendor",
                Map.of(),
                Instant.parse("2026-03-02T09:00:00Z"),
                "cf-slow-1")));

    NoticeOutbox.Result r = notifier.drain(Duration.ofMinutes(1));
    long ended = System.nanoTime();

    assertEquals(
        new NoticeOutbox.Result(22, 21, 1, 0, true),
        r,
        "10 webhooks and 11 mails sent, the stalled webhook failed");
    assertEquals(11, arrivedNanos.size());
    // Measured from the moment the stalled hook was called (the first notice of the drain, after
    // the JVM's
    // warm-up): sent one after the other, every later notice would wait for its whole timeout.
    long stalledAt = arrivedNanos.get("/slow");
    for (Map.Entry<String, Long> a : arrivedNanos.entrySet()) {
      long after = (a.getValue() - stalledAt) / 1_000_000;
      assertTrue(
          after < TIMEOUT.toMillis() - 500,
          a.getKey() + " came " + after + " ms after the stalled hook: it waited for its timeout");
    }
    long drainMillis = (ended - stalledAt) / 1_000_000;
    assertTrue(
        drainMillis < TIMEOUT.toMillis() + 2000,
        "the drain ended " + drainMillis + " ms after the stalled call began");
    assertTrue(mail.waitForIncomingEmail(5000, 11));
    List<NoticeOutbox.Delivery> left =
        store.list(NoticeOutbox.OUTBOX, Range.all()).stream()
            .map(d -> Json.read(d.json(), NoticeOutbox.Delivery.class))
            .toList();
    assertEquals(1, left.size());
    assertEquals(Subscriptions.idOf(slow), left.get(0).subscriberId());
    assertEquals(1, left.get(0).attempts(), "kept for a later drain");
  }
}
