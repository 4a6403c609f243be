package dev.trustcenter.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.content.Language;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.ClientInfo;
import dev.trustcenter.http.RateLimiter;
import dev.trustcenter.json.Json;
import dev.trustcenter.notices.OutgoingMail;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.testing.MutableClock;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the attacks on subscribing of issue 14: items 5 (SSRF by webhook URL) and 6 (a link
 * confirms another request).
 */
class SubscriptionAttacksTest {
  static final URI BASE = URI.create("https://trust.example.com/api");
  @TempDir Path dir;
  DocumentStore store;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  List<OutgoingMail> sent = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * DNS as the attacker set it up: every name public except the ones aimed at this machine or the
   * metadata server.
   */
  Subscriptions subscriptions;

  @BeforeEach
  void open() {
    store = FileDocumentStore.open(dir);
    subscriptions =
        new Subscriptions(
            store,
            new SubscriptionTokens(store, clock),
            new RateLimiter(store, clock),
            sent::add,
            (a, b, c, d, e) -> {},
            clock,
            host ->
                new InetAddress[] {
                  InetAddress.getByName(
                      host.startsWith("rebind.")
                          ? "127.0.0.1"
                          : host.startsWith("meta.") ? "169.254.169.254" : "93.184.216.34")
                });
  }

  @AfterEach
  void close() {
    store.close();
  }

  String confirmToken(OutgoingMail m) {
    Matcher x = Pattern.compile("/confirm\\?token=(\\S+)").matcher(m.text());
    assertTrue(x.find(), m.text());
    return URLDecoder.decode(x.group(1), StandardCharsets.UTF_8);
  }

  void subscribe(String email, Language lang, List<String> topics, String hook, String ip) {
    subscriptions.subscribe(
        new Subscriptions.Request(email, lang, topics, hook == null ? null : URI.create(hook)),
        new ClientInfo(ip, "test"),
        BASE);
  }

  @Test
  void theVictimsLinkStoresTheVictimsChoicesNotTheAttackersLaterRequest() {
    subscribe(
        "victim@client.example",
        Language.ES,
        List.of("subprocessors"),
        "https://hooks.client.example/trust",
        "192.0.2.10");
    String victimsLink = confirmToken(sent.get(0));
    assertTrue(
        sent.get(0).text().contains("https://hooks.client.example/trust"),
        "the mail shows the webhook it confirms");
    clock.advance(Duration.ofMinutes(5));
    subscribe(
        "victim@client.example",
        Language.EN,
        List.of("controls", "documents"),
        "https://collector.attacker.example/steal",
        "198.51.100.66");
    assertTrue(
        sent.get(1).text().contains("https://collector.attacker.example/steal"),
        "the victim would see whose webhook it is");

    Subscriptions.Confirmation c = subscriptions.confirm(victimsLink);
    Subscriber stored =
        Json.read(
            store
                .get(Subscriptions.COLLECTION, Subscriptions.idOf("victim@client.example"))
                .orElseThrow()
                .json(),
            Subscriber.class);
    assertEquals("https://hooks.client.example/trust", stored.webhookUrl());
    assertEquals(List.of("subprocessors"), stored.topics());
    assertEquals("es", stored.language());
    assertEquals(Subscriber.CONFIRMED, stored.status());
    assertEquals(stored, c.subscriber());

    Subscriptions.Confirmation again = subscriptions.confirm(victimsLink);
    assertTrue(again.again());
    assertNull(again.newWebhookSecret(), "a second click shows no secret and changes nothing");
    assertEquals(
        stored,
        Json.read(
            store.get(Subscriptions.COLLECTION, stored.id()).orElseThrow().json(),
            Subscriber.class));
  }

  @Test
  void aConfirmationLinkExpiresAfterSevenDaysAndExpiredRequestsArePurged() {
    subscribe("late@client.example", Language.EN, List.of("subprocessors"), null, "192.0.2.10");
    String token = confirmToken(sent.get(0));
    assertEquals(1, store.list(Subscriptions.REQUESTS, dev.trustcenter.store.Range.all()).size());
    clock.advance(Duration.ofDays(7).plusSeconds(1));
    assertEquals(
        400, assertThrows(ApiException.class, () -> subscriptions.confirm(token)).status());
    assertEquals(1, subscriptions.purgeExpiredRequests());
    assertEquals(0, store.list(Subscriptions.REQUESTS, dev.trustcenter.store.Range.all()).size());
    assertTrue(
        store.get(Subscriptions.COLLECTION, Subscriptions.idOf("late@client.example")).isEmpty(),
        "never confirmed, never stored");
  }

  @Test
  void webhookUrlsAimedAtThisMachineOrPrivateNetworksAreRefusedNamingTheField() {
    for (String hook :
        List.of(
            "https://127.0.0.1/h",
            "https://[::1]/h",
            "https://169.254.169.254/computeMetadata/v1/",
            "https://metadata.google.internal/computeMetadata/v1/",
            "https://localhost/h",
            "https://10.1.2.3/h",
            "https://100.64.1.1/h",
            "https://[fd00::1]/h",
            "https://[::ffff:127.0.0.1]/h",
            "https://0.0.0.0/h",
            "https://rebind.attacker.example/h",
            "https://meta.attacker.example/h")) {
      ApiException e =
          assertThrows(
              ApiException.class,
              () ->
                  subscribe(
                      "ops@client.example",
                      Language.EN,
                      List.of("subprocessors"),
                      hook,
                      "192.0.2.11"),
              hook);
      assertEquals(400, e.status(), hook);
      assertTrue(
          e.fields().stream().anyMatch(f -> f.field().equals("webhookUrl")),
          hook + ": " + e.fields());
    }
    assertEquals(0, sent.size(), "nothing was mailed");
    assertEquals(
        0,
        store.list(Subscriptions.REQUESTS, dev.trustcenter.store.Range.all()).size(),
        "nothing was stored");
  }
}
