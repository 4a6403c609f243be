package dev.trustcenter.cloudflare;

import static dev.trustcenter.cloudflare.CloudflareFixtures.ZONE_ID;
import static dev.trustcenter.cloudflare.CloudflareFixtures.client;
import static dev.trustcenter.cloudflare.CloudflareFixtures.ok;
import static dev.trustcenter.cloudflare.CloudflareFixtures.rateLimited;
import static dev.trustcenter.cloudflare.CloudflareFixtures.serverError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.cloudflare.CloudflareApiException.FailureKind;
import dev.trustcenter.cloudflare.CloudflareFixtures.RecordingSleeper;
import dev.trustcenter.http.Retries;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class CloudflareClientRetryTest {

  private static final String SSL_STRICT =
      "{\"id\":\"ssl\",\"value\":\"strict\",\"editable\":true,\"modified_on\":null}";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();

  private Optional<String> readSsl(int maxAttempts) {
    return client(server, sleeper, maxAttempts).zoneSetting(ZONE_ID, "ssl").stringValue();
  }

  private CloudflareApiException readSslFails(int maxAttempts) {
    return assertThrows(CloudflareApiException.class, () -> readSsl(maxAttempts));
  }

  /** Backoff with half jitter: attempt n waits between step/2 and step, step = 1 s * 2^(n-1). */
  private static void assertBackoff(Duration sleep, int attempt) {
    long step = 1000L << (attempt - 1);
    long millis = sleep.toMillis();
    assertTrue(millis >= step / 2 && millis <= step, "attempt " + attempt + " slept " + sleep);
  }

  @Test
  void rateLimitedWithRetryAfter_waitsThatLongThenSucceeds() {
    server.enqueue(rateLimited("3"));
    server.enqueue(ok(SSL_STRICT));

    assertEquals(Optional.of("strict"), readSsl(4));

    assertEquals(List.of(Duration.ofSeconds(3)), sleeper.sleeps);
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void rateLimitedWithoutRetryAfter_waitsForTheRatelimitReset() {
    server.enqueue(rateLimited(null)); // Ratelimit: "default";r=0;t=42
    server.enqueue(ok(SSL_STRICT));

    assertEquals(Optional.of("strict"), readSsl(4));

    assertEquals(List.of(Duration.ofSeconds(42)), sleeper.sleeps);
  }

  @Test
  void rateLimitedWithALongRetryAfter_waitsAtMostTheCap() {
    server.enqueue(rateLimited("300"));
    server.enqueue(ok(SSL_STRICT));

    readSsl(4);

    assertEquals(List.of(RetryPolicy.DEFAULT.maxRetryAfter()), sleeper.sleeps);
  }

  @Test
  void rateLimitedWithoutAnyHint_backsOffExponentially() {
    server.enqueue(new MockResponse.Builder().code(429).body("").build());
    server.enqueue(ok(SSL_STRICT));

    readSsl(4);

    assertBackoff(sleeper.sleeps.get(0), 1);
  }

  @Test
  void rateLimitedOnEveryAttempt_isRateLimitedAfterMaxAttempts() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(rateLimited("5"));
    }

    CloudflareApiException e = readSslFails(4);

    assertEquals(FailureKind.RATE_LIMITED, e.kind());
    assertEquals(429, e.httpStatus());
    assertEquals(10000, e.errors().get(0).code());
    assertEquals(4, server.getRequestCount());
    assertEquals(
        List.of(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)),
        sleeper.sleeps);
  }

  @Test
  void serverErrorThenSuccess_backsOffOnceAndSucceeds() {
    server.enqueue(serverError(502));
    server.enqueue(ok(SSL_STRICT));

    assertEquals(Optional.of("strict"), readSsl(4));

    assertEquals(1, sleeper.sleeps.size());
    assertBackoff(sleeper.sleeps.get(0), 1);
  }

  @Test
  void serverErrorOnEveryAttempt_isAServerErrorAfterGrowingBackoffs() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(serverError(503));
    }

    CloudflareApiException e = readSslFails(4);

    assertEquals(FailureKind.SERVER, e.kind());
    assertEquals(503, e.httpStatus());
    assertEquals(4, server.getRequestCount());
    assertEquals(3, sleeper.sleeps.size());
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertBackoff(sleeper.sleeps.get(attempt - 1), attempt);
    }
  }

  @Test
  void timeoutThenSuccess_isRetried() {
    server.enqueue(ok(SSL_STRICT).newBuilder().headersDelay(2, TimeUnit.SECONDS).build());
    server.enqueue(ok(SSL_STRICT));

    assertEquals(Optional.of("strict"), readSsl(4));

    assertEquals(1, sleeper.sleeps.size());
  }

  @Test
  void timeoutOnEveryAttempt_isANetworkErrorWithoutStatus() {
    server.enqueue(ok(SSL_STRICT).newBuilder().headersDelay(2, TimeUnit.SECONDS).build());
    server.enqueue(ok(SSL_STRICT).newBuilder().headersDelay(2, TimeUnit.SECONDS).build());

    CloudflareApiException e = readSslFails(2);

    assertEquals(FailureKind.NETWORK, e.kind());
    assertEquals(0, e.httpStatus());
    assertInstanceOf(InterruptedIOException.class, e.getCause());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void interruptedWhileWaiting_stopsWithANetworkErrorAndKeepsTheInterrupt() {
    server.enqueue(serverError(500));
    Retries.Sleeper interrupted =
        duration -> {
          throw new InterruptedException();
        };
    CloudflareClient client =
        new CloudflareClient(
            CloudflareFixtures.HTTP,
            server.url("/client/v4"),
            () -> CloudflareFixtures.TOKEN,
            interrupted,
            RetryPolicy.DEFAULT);

    try {
      CloudflareApiException e =
          assertThrows(CloudflareApiException.class, () -> client.zoneSetting(ZONE_ID, "ssl"));
      assertEquals(FailureKind.NETWORK, e.kind());
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
    assertEquals(1, server.getRequestCount());
  }
}
