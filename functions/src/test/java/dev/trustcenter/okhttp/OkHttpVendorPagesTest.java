package dev.trustcenter.okhttp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.subprocessors.FetchException;
import dev.trustcenter.subprocessors.FetchException.FailureKind;
import dev.trustcenter.subprocessors.FetchedPage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The fetcher against a local HTTP server speaking like the vendors' sites (and their bot
 * protection).
 */
class OkHttpVendorPagesTest {
  static final String PAGE =
      "<!DOCTYPE html><html><head><title>Subprocessors</title></head><body><h2>Affiliates</h2><table>"
          + "<tr><th>Entity</th><th>Country</th></tr><tr><td>Example Ltd</td><td>Ireland</td></tr></table></body></html>";
  static final Instant NOW = Instant.parse("2026-03-02T03:15:00Z");

  @StartStop private final MockWebServer server = new MockWebServer();
  private final List<Duration> sleeps = new ArrayList<>();

  private OkHttpVendorPages pages(long maxBytes) {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofMillis(300))
            .callTimeout(Duration.ofSeconds(5))
            .build();
    return new OkHttpVendorPages(
        http,
        OkHttpVendorPages.userAgent(URI.create("https://trust.example.com")),
        new OkHttpVendorPages.Policy(3, Duration.ofSeconds(2), maxBytes),
        sleeps::add,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private OkHttpVendorPages pages() {
    return pages(OkHttpVendorPages.DEFAULT_MAX_BYTES);
  }

  private URI url(String path) {
    return server.url(path).uri();
  }

  private static MockResponse html(String body) {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "text/html; charset=utf-8")
        .body(body)
        .build();
  }

  @Test
  void aPageIsFetchedWithItsHashSizeAndTimeAndPoliteHeaders() throws Exception {
    server.enqueue(html(PAGE));
    FetchedPage page = pages().fetch(url("/terms/subprocessors"));
    byte[] bytes = PAGE.getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(bytes, page.body());
    assertEquals(bytes.length, page.size());
    assertEquals(dev.trustcenter.http.Responses.sha256Hex(bytes), page.sha256());
    assertEquals(64, page.sha256().length());
    assertEquals(NOW, page.fetchedAt());
    assertEquals(200, page.status());
    assertEquals(url("/terms/subprocessors"), page.finalUrl());
    RecordedRequest r = server.takeRequest();
    assertEquals(
        "TrustCenterBot/1.0 (+https://trust.example.com)", r.getHeaders().get("User-Agent"));
    assertEquals("en", r.getHeaders().get("Accept-Language"));
    assertTrue(r.getHeaders().get("Accept").startsWith("text/html"));
  }

  @Test
  void serverErrorsAreRetriedWithExponentialBackoffUntilTheyPass() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).body("busy").build());
    server.enqueue(new MockResponse.Builder().code(502).body("busy").build());
    server.enqueue(html(PAGE));
    FetchedPage page = pages().fetch(url("/p"));
    assertEquals(200, page.status());
    assertEquals(3, server.getRequestCount());
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4)), sleeps);
  }

  @Test
  void serverErrorsOnEveryAttemptFailNamingTheStatusAndTheAttempts() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(500).body("down").build());
    }
    FetchException e = assertThrows(FetchException.class, () -> pages().fetch(url("/p")));
    assertEquals(FailureKind.STATUS, e.kind());
    assertEquals("HTTP 500 after 3 attempts", e.getMessage());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void aClientErrorIsNotRetried() {
    server.enqueue(
        new MockResponse.Builder()
            .code(404)
            .setHeader("Content-Type", "text/html")
            .body("<p>gone</p>")
            .build());
    FetchException e = assertThrows(FetchException.class, () -> pages().fetch(url("/p")));
    assertEquals("HTTP 404", e.getMessage());
    assertEquals(1, server.getRequestCount());
    assertTrue(sleeps.isEmpty());
  }

  @Test
  void aTimeoutIsRetriedAndThenFailsAsATimeout() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(html(PAGE).newBuilder().headersDelay(2, TimeUnit.SECONDS).build());
    }
    FetchException e = assertThrows(FetchException.class, () -> pages().fetch(url("/p")));
    assertEquals(FailureKind.TIMEOUT, e.kind());
    assertEquals("timed out after 3 attempts", e.getMessage());
    assertEquals(2, sleeps.size());
  }

  @Test
  void aTimeoutThenSuccessYieldsThePage() throws Exception {
    server.enqueue(html(PAGE).newBuilder().headersDelay(2, TimeUnit.SECONDS).build());
    server.enqueue(html(PAGE));
    assertEquals(200, pages().fetch(url("/p")).status());
  }

  @Test
  void theCfMitigatedHeaderIsABotChallengeAndNotRetried() {
    server.enqueue(
        new MockResponse.Builder()
            .code(403)
            .setHeader("cf-mitigated", "challenge")
            .setHeader("Content-Type", "text/html")
            .body("<html><head><title>Just a moment...</title></head></html>")
            .build());
    FetchException e = assertThrows(FetchException.class, () -> pages().fetch(url("/p")));
    assertEquals(FailureKind.CHALLENGE, e.kind());
    assertTrue(e.getMessage().contains("cf-mitigated"), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aChallengePageServedWith200IsABotChallenge() {
    server.enqueue(
        html(
            "<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>"));
    FetchException e = assertThrows(FetchException.class, () -> pages().fetch(url("/p")));
    assertEquals(FailureKind.CHALLENGE, e.kind());
    assertTrue(e.getMessage().startsWith("bot challenge"), e.getMessage());
  }

  @Test
  void aChallengePageServedWith503WithoutTheHeaderIsNamedAsAChallenge() {
    server.enqueue(
        new MockResponse.Builder()
            .code(503)
            .setHeader("Content-Type", "text/html")
            .body("<html><head><title>Just a moment...</title></head></html>")
            .build());
    FetchException e = assertThrows(FetchException.class, () -> pages().fetch(url("/p")));
    assertEquals(FailureKind.CHALLENGE, e.kind());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aBodyThatIsNotHtmlIsRefused() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/pdf")
            .body("%PDF-1.7")
            .build());
    FetchException e = assertThrows(FetchException.class, () -> pages().fetch(url("/p")));
    assertEquals(FailureKind.NOT_HTML, e.kind());
    assertEquals("not HTML (Content-Type: application/pdf)", e.getMessage());
  }

  @Test
  void aBodyWithoutContentTypeIsRefused() {
    server.enqueue(
        new MockResponse.Builder().code(200).removeHeader("Content-Type").body(PAGE).build());
    assertEquals(
        FailureKind.NOT_HTML,
        assertThrows(FetchException.class, () -> pages().fetch(url("/p"))).kind());
  }

  @Test
  void anOversizedBodyIsRefusedWhetherDeclaredOrStreamed() {
    server.enqueue(html("x".repeat(2000)));
    FetchException declared =
        assertThrows(FetchException.class, () -> pages(1000).fetch(url("/p")));
    assertEquals(FailureKind.TOO_LARGE, declared.kind());

    okio.Buffer chunked = new okio.Buffer().writeUtf8("y".repeat(3000));
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "text/html")
            .chunkedBody(chunked, 100)
            .build());
    FetchException streamed =
        assertThrows(FetchException.class, () -> pages(1000).fetch(url("/p")));
    assertEquals(FailureKind.TOO_LARGE, streamed.kind());
  }

  @Test
  void aRedirectWithinTheHostIsFollowedAndTheFinalUrlRecorded() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(301)
            .setHeader("Location", "/terms/subprocessors/")
            .build());
    server.enqueue(
        new MockResponse.Builder().code(302).setHeader("Location", "index?hl=en").build());
    server.enqueue(html(PAGE));
    FetchedPage page = pages().fetch(url("/terms/subprocessors"));
    assertEquals(url("/terms/subprocessors/index?hl=en"), page.finalUrl());
    assertEquals(url("/terms/subprocessors"), page.requestedUrl());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void aRedirectToAnotherHostIsRefusedWithoutFollowingIt() {
    server.enqueue(
        new MockResponse.Builder()
            .code(302)
            .setHeader("Location", "https://evil.example.net/list")
            .build());
    FetchException e = assertThrows(FetchException.class, () -> pages().fetch(url("/p")));
    assertEquals(FailureKind.REDIRECT, e.kind());
    assertTrue(e.getMessage().contains("evil.example.net"), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void endlessRedirectsStopAfterFive() {
    for (int i = 0; i < 7; i++) {
      server.enqueue(
          new MockResponse.Builder().code(302).setHeader("Location", "/loop" + i).build());
    }
    FetchException e = assertThrows(FetchException.class, () -> pages().fetch(url("/p")));
    assertEquals("more than 5 redirects", e.getMessage());
    assertEquals(6, server.getRequestCount());
  }
}
