package dev.trustcenter.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.notices.WebhookSender;
import dev.trustcenter.notices.WebhookSignature;
import dev.trustcenter.testing.MutableClock;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class OkHttpWebhookSenderTest {
  static final byte[] SECRET =
      "subscriber-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  static final String BODY =
      "{\"type\":\"subprocessors.changed\",\"events\":[{\"name\":\"Vendor Ñ\"}]}";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  private final List<Duration> sleeps = new ArrayList<>();

  private OkHttpWebhookSender sender(int attempts) {
    return new OkHttpWebhookSender(
        new OkHttpClient(),
        clock,
        attempts,
        Duration.ofSeconds(1),
        sleeps::add,
        Duration.ofSeconds(15),
        Dns.SYSTEM,
        true);
  }

  @Test
  void deliveryCarriesAVerifiableSignatureOverTimestampAndBody() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());
    sender(3).post(server.url("/hooks/trust").uri(), BODY, SECRET);
    RecordedRequest r = server.takeRequest();
    assertEquals("POST", r.getMethod());
    assertEquals("application/json; charset=utf-8", r.getHeaders().get("Content-Type"));
    String body = r.getBody().utf8();
    assertEquals(BODY, body);
    String sig = r.getHeaders().get(WebhookSignature.HEADER);
    assertTrue(sig.startsWith("t=" + clock.instant().getEpochSecond() + ",v1="), sig);
    assertTrue(sig.matches("t=\\d+,v1=[0-9a-f]{64}"), sig);
    assertTrue(WebhookSignature.verify(sig, body, SECRET));
    assertFalse(
        WebhookSignature.verify(sig, body.replace("Ñ", "N"), SECRET), "a changed body fails");
    assertFalse(
        WebhookSignature.verify(sig, body, "another-secret".getBytes(StandardCharsets.UTF_8)),
        "another key fails");
    assertFalse(
        WebhookSignature.verify(sig.replaceFirst("t=\\d+", "t=1"), body, SECRET),
        "a changed timestamp fails");
    assertEquals(List.of(), sleeps);
  }

  @Test
  void serverErrorsAreRetriedWithDoublingBackoffAndEachAttemptSignedAnew() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(429).build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    OkHttpWebhookSender s =
        new OkHttpWebhookSender(
            new OkHttpClient(),
            clock,
            4,
            Duration.ofSeconds(1),
            d -> {
              sleeps.add(d);
              clock.advance(d);
            },
            Duration.ofSeconds(15),
            Dns.SYSTEM,
            true);
    s.post(server.url("/h").uri(), BODY, SECRET);
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeps);
    assertEquals(3, server.getRequestCount());
    String t1 = server.takeRequest().getHeaders().get(WebhookSignature.HEADER);
    server.takeRequest();
    String t3 = server.takeRequest().getHeaders().get(WebhookSignature.HEADER);
    assertFalse(t1.equals(t3), "a retry carries a fresh timestamp");
  }

  @Test
  void attemptsAreBoundedAndClientErrorsAreNotRetried() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(500).build());
    }
    assertThrows(
        WebhookSender.WebhookException.class,
        () -> sender(3).post(server.url("/h").uri(), BODY, SECRET));
    assertEquals(3, server.getRequestCount());
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeps);

    server.enqueue(new MockResponse.Builder().code(410).build());
    assertThrows(
        WebhookSender.WebhookException.class,
        () -> sender(3).post(server.url("/h").uri(), BODY, SECRET));
    assertEquals(4, server.getRequestCount(), "410 is final");
  }

  @Test
  void redirectsAreNotFollowed() {
    server.enqueue(
        new MockResponse.Builder()
            .code(302)
            .addHeader("Location", server.url("/elsewhere"))
            .build());
    assertThrows(
        WebhookSender.WebhookException.class,
        () -> sender(2).post(server.url("/h").uri(), BODY, SECRET));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aSenderWithoutAnyAttemptIsRefusedWhenBuilt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sender(0));
    assertEquals("attempts must be at least 1: 0", e.getMessage());
  }

  @Test
  void plainHttpToAnotherHostIsRefused() {
    assertThrows(
        WebhookSender.WebhookException.class,
        () -> sender(1).post(java.net.URI.create("http://example.com/hook"), BODY, SECRET));
  }

  /** The production sender's checks, with a DNS that answers what the attacker chose. */
  private OkHttpWebhookSender strict(Dns dns) {
    return new OkHttpWebhookSender(
        new OkHttpClient(),
        clock,
        1,
        Duration.ZERO,
        sleeps::add,
        Duration.ofSeconds(5),
        dns,
        false);
  }

  private static Dns answering(AtomicInteger lookups, String... addresses) {
    return host -> {
      lookups.incrementAndGet();
      List<InetAddress> out = new ArrayList<>();
      for (String a : addresses) {
        out.add(InetAddress.getByAddress(host, InetAddress.getByName(a).getAddress()));
      }
      return out;
    };
  }

  @Test
  void theProductionSenderRefusesLoopbackAndInternalTargetsWithoutConnecting() {
    // The attack of issue 14 item 5: a webhook aimed at this machine or the metadata server.
    int port = server.getPort();
    OkHttpWebhookSender s = strict(Dns.SYSTEM);
    for (String url :
        List.of(
            "https://127.0.0.1:" + port + "/h",
            "https://localhost:" + port + "/h",
            "https://[::1]:" + port + "/h",
            "https://[::ffff:127.0.0.1]:" + port + "/h",
            "https://169.254.169.254/computeMetadata/v1/",
            "https://metadata.google.internal/computeMetadata/v1/",
            "https://metadata.google.internal./x",
            "https://10.0.0.1/h",
            "https://100.64.0.1/h",
            "https://0.0.0.0:" + port + "/h",
            "https://[fd00::1]/h",
            "http://localhost:" + port + "/h",
            "https://2130706433:" + port + "/h")) {
      assertThrows(
          WebhookSender.WebhookException.class, () -> s.post(URI.create(url), BODY, SECRET), url);
    }
    assertEquals(0, server.getRequestCount(), "no request reached the loopback server");
  }

  @Test
  void aNameThatResolvesToLoopbackIsRefusedAndNothingIsConnected() {
    AtomicInteger lookups = new AtomicInteger();
    OkHttpWebhookSender s = strict(answering(lookups, "127.0.0.1", "169.254.169.254"));
    assertThrows(
        WebhookSender.WebhookException.class,
        () ->
            s.post(
                URI.create("https://rebind.attacker.example:" + server.getPort() + "/h"),
                BODY,
                SECRET));
    assertEquals(1, lookups.get(), "resolved once");
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void theCheckedDnsReturnsOnlyTheAddressesItChecked() throws UnknownHostException {
    AtomicInteger lookups = new AtomicInteger();
    Dns checked =
        new OkHttpWebhookSender.CheckedDns(
            answering(lookups, "127.0.0.1", "8.8.8.8", "10.1.2.3", "2606:4700::1111"), false);
    List<InetAddress> got = checked.lookup("mixed.example");
    assertEquals(
        List.of("8.8.8.8", "2606:4700:0:0:0:0:0:1111"),
        got.stream().map(InetAddress::getHostAddress).toList());
    assertEquals(1, lookups.get());
    assertThrows(UnknownHostException.class, () -> checked.lookup("metadata.google.internal"));
    assertEquals(1, lookups.get(), "a refused name is not even resolved");
  }
}
