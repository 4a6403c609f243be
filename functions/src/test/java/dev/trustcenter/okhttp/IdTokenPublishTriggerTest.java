package dev.trustcenter.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class IdTokenPublishTriggerTest {
  private static final String ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.test-id-token.signature";
  @StartStop private final MockWebServer publishSite = new MockWebServer();

  private IdTokenPublishTrigger trigger(java.util.function.Supplier<String> token) {
    return new IdTokenPublishTrigger(
        URI.create(publishSite.url("/").toString()),
        token,
        HttpClient.newHttpClient(),
        Duration.ofSeconds(5));
  }

  @Test
  void postsToPublishSite_withTheIdTokenAsBearer() throws Exception {
    publishSite.enqueue(new MockResponse.Builder().code(200).body("{\"complete\":true}").build());
    trigger(() -> ID_TOKEN).requestPublish("admin write");
    RecordedRequest request = publishSite.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("POST", request.getMethod());
    assertEquals("/", request.getUrl().encodedPath());
    assertEquals("Bearer " + ID_TOKEN, request.getHeaders().get("Authorization"));
  }

  @Test
  void failures_areLoggedWithoutTheToken_andNeverThrownAtTheCaller() {
    publishSite.enqueue(new MockResponse.Builder().code(403).body("forbidden").build());
    StringBuilder logged = new StringBuilder();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            logged.append(r.getMessage()).append('\n');
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger log = Logger.getLogger(IdTokenPublishTrigger.class.getName());
    log.addHandler(capture);
    try {
      trigger(() -> ID_TOKEN).requestPublish("sync");
      trigger(
              () -> {
                throw new IllegalStateException(
                    "cannot get an ID token: metadata server unreachable");
              })
          .requestPublish("checks");
    } finally {
      log.removeHandler(capture);
    }
    assertTrue(
        logged.toString().contains("publish-site answered 403 after sync"), logged.toString());
    assertTrue(logged.toString().contains("metadata server unreachable"), logged.toString());
    assertTrue(!logged.toString().contains(ID_TOKEN));
    assertEquals(1, publishSite.getRequestCount());
  }
}
