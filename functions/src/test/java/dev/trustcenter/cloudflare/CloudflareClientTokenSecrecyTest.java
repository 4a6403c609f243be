package dev.trustcenter.cloudflare;

import static dev.trustcenter.cloudflare.CloudflareFixtures.HTTP;
import static dev.trustcenter.cloudflare.CloudflareFixtures.TOKEN;
import static dev.trustcenter.cloudflare.CloudflareFixtures.ZONE_ID;
import static dev.trustcenter.cloudflare.CloudflareFixtures.client;
import static dev.trustcenter.cloudflare.CloudflareFixtures.json;
import static dev.trustcenter.cloudflare.CloudflareFixtures.ok;
import static dev.trustcenter.cloudflare.CloudflareFixtures.rateLimited;
import static dev.trustcenter.cloudflare.CloudflareFixtures.serverError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.cloudflare.CloudflareApiException.FailureKind;
import dev.trustcenter.cloudflare.CloudflareFixtures.RecordingSleeper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloudflareClientTokenSecrecyTest {

  private static final String SSL_STRICT =
      "{\"id\":\"ssl\",\"value\":\"strict\",\"editable\":true,\"modified_on\":null}";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();

  private final Logger logger = Logger.getLogger("dev.trustcenter.cloudflare");
  private final List<String> logLines = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
          logLines.add(formatter.format(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private Level previousLevel;

  @BeforeEach
  void captureLogs() {
    previousLevel = logger.getLevel();
    logger.setLevel(Level.ALL);
    logger.addHandler(capture);
  }

  @AfterEach
  void stopCapturingLogs() {
    logger.removeHandler(capture);
    logger.setLevel(previousLevel);
  }

  private static String everythingPrinted(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    return e.getMessage() + "\n" + e + "\n" + trace;
  }

  private void assertTokenNowhere(CloudflareApiException e) {
    assertFalse(everythingPrinted(e).contains(TOKEN), everythingPrinted(e));
    assertFalse(e.errors().toString().contains(TOKEN), e.errors().toString());
    assertTokenNotLogged();
  }

  private void assertTokenNotLogged() {
    for (String line : logLines) {
      assertFalse(line.contains(TOKEN), line);
    }
  }

  @Test
  void unauthorizedAnswerEchoingTheHeaders_leavesNoTokenInTheException() {
    server.enqueue(
        json(
            401,
            "{\"success\":false,\"errors\":[{\"code\":1000,\"message\":\"Invalid API Token; "
                + "received Authorization: Bearer "
                + TOKEN
                + "\"}],\"messages\":[],\"result\":null}"));

    CloudflareApiException e =
        assertThrows(
            CloudflareApiException.class,
            () -> client(server, sleeper, 4).zoneSetting(ZONE_ID, "ssl"));

    assertEquals(FailureKind.AUTH, e.kind());
    assertTrue(e.errors().get(0).message().contains("[redacted]"), e.errors().toString());
    assertTokenNowhere(e);
  }

  @Test
  void nonJsonAnswerEchoingTheHeaders_leavesNoTokenInTheExceptionOrLogs() {
    MockResponse echo =
        new MockResponse.Builder()
            .code(502)
            .setHeader("Content-Type", "text/plain")
            .body("upstream said: Authorization: Bearer " + TOKEN)
            .build();
    server.enqueue(echo);
    server.enqueue(echo);

    CloudflareApiException e =
        assertThrows(
            CloudflareApiException.class, () -> client(server, sleeper, 2).zoneSettings(ZONE_ID));

    assertEquals(FailureKind.SERVER, e.kind());
    assertFalse(logLines.isEmpty(), "the retry is logged");
    assertTokenNowhere(e);
  }

  @Test
  void purgeFailuresAndTimeouts_leaveNoTokenInResultsOrLogs() {
    server.enqueue(
        json(
            403,
            "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error for "
                + TOKEN
                + "\"}],\"messages\":[],\"result\":null}"));

    PurgeResult result =
        client(server, sleeper, 2).purgeFiles(ZONE_ID, List.of("https://a.example/x"));

    assertFalse(result.toString().contains(TOKEN), result.toString());
    assertTokenNotLogged();

    server.enqueue(ok(SSL_STRICT).newBuilder().headersDelay(2, TimeUnit.SECONDS).build());
    server.enqueue(ok(SSL_STRICT).newBuilder().headersDelay(2, TimeUnit.SECONDS).build());
    CloudflareApiException timeout =
        assertThrows(
            CloudflareApiException.class,
            () -> client(server, sleeper, 2).zoneSetting(ZONE_ID, "ssl"));
    assertEquals(FailureKind.NETWORK, timeout.kind());
    assertTokenNowhere(timeout);
  }

  @Test
  void everyRequestIncludingRetries_carriesTheBearerToken() throws Exception {
    server.enqueue(serverError(503));
    server.enqueue(rateLimited("1"));
    server.enqueue(ok(SSL_STRICT));

    client(server, sleeper, 4).zoneSetting(ZONE_ID, "ssl");

    for (int i = 0; i < 3; i++) {
      assertEquals("Bearer " + TOKEN, server.takeRequest().getHeaders().get("Authorization"));
    }
  }

  @Test
  void tokenWithATrailingNewline_isSentStripped() throws Exception {
    server.enqueue(ok(SSL_STRICT));
    CloudflareClient client =
        new CloudflareClient(
            HTTP, server.url("/client/v4"), () -> TOKEN + "\n", sleeper, RetryPolicy.DEFAULT);

    client.zoneSetting(ZONE_ID, "ssl");

    assertEquals("Bearer " + TOKEN, server.takeRequest().getHeaders().get("Authorization"));
  }

  @Test
  void blankToken_isAnAuthErrorAndNothingIsSent() {
    CloudflareClient client =
        new CloudflareClient(
            HTTP, server.url("/client/v4"), () -> " ", sleeper, RetryPolicy.DEFAULT);

    CloudflareApiException e =
        assertThrows(CloudflareApiException.class, () -> client.zoneSetting(ZONE_ID, "ssl"));

    assertEquals(FailureKind.AUTH, e.kind());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void token_isReadOnlyWhenARequestIsMade() {
    AtomicInteger reads = new AtomicInteger();
    CloudflareClient client =
        new CloudflareClient(
            HTTP,
            server.url("/client/v4"),
            () -> {
              reads.incrementAndGet();
              return TOKEN;
            },
            sleeper,
            RetryPolicy.DEFAULT);
    assertEquals(0, reads.get());

    server.enqueue(ok(SSL_STRICT));
    client.zoneSetting(ZONE_ID, "ssl");

    assertEquals(1, reads.get());
  }
}
