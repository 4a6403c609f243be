package dev.trustcenter.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.cloudflare.CloudflareApiException;
import dev.trustcenter.cloudflare.CloudflareClient;
import dev.trustcenter.cloudflare.CloudflareEdgeTls;
import dev.trustcenter.cloudflare.RetryPolicy;
import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.store.DocumentStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionInTransitCheckTest {
  @TempDir Path dir;
  private final MockWebServer server = new MockWebServer();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private EncryptionInTransitCheck check;

  @BeforeEach
  void start() throws Exception {
    server.start();
    OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build();
    CloudflareClient client =
        new CloudflareClient(
            http,
            server.url("/client/v4"),
            () -> CloudflareZones.TOKEN,
            sleeps::add,
            RetryPolicy.ofMaxAttempts(3));
    check = new EncryptionInTransitCheck(new CloudflareEdgeTls(client), CloudflareZones.ZONE_ID);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void strictTls12HttpsAndHstsPassWithTheObservedValuesAsEvidence() throws Exception {
    server.enqueue(
        CloudflareZones.ok(CloudflareZones.settings("strict", "1.2", "on", true, 31536000)));

    Finding f = check.run();

    assertEquals(CheckOutcome.PASSING, f.outcome());
    assertNull(f.note());
    assertEquals(
        Map.of(
            "ssl",
            "strict",
            "min_tls_version",
            "1.2",
            "always_use_https",
            "on",
            "hsts_enabled",
            true,
            "hsts_max_age",
            31536000L),
        f.evidence());
    RecordedRequest request = server.takeRequest();
    assertEquals(
        "/client/v4/zones/" + CloudflareZones.ZONE_ID + "/settings",
        request.getUrl().encodedPath());
    assertEquals("Bearer " + CloudflareZones.TOKEN, request.getHeaders().get("Authorization"));
    assertEquals(1, server.getRequestCount(), "one call for all settings");
  }

  @Test
  void tls13AndTls110CountAsAtLeast12() throws Exception {
    server.enqueue(
        CloudflareZones.ok(CloudflareZones.settings("strict", "1.3", "on", true, 15552000)));
    assertEquals(CheckOutcome.PASSING, check.run().outcome());
    assertTrue(
        EncryptionInTransitCheck.atLeast("1.10", 1, 2),
        "versions compare as numbers, not as text or floats");
    assertFalse(EncryptionInTransitCheck.atLeast("1.1", 1, 2));
    assertFalse(EncryptionInTransitCheck.atLeast("1.2beta", 1, 2));
    assertFalse(EncryptionInTransitCheck.atLeast(null, 1, 2));
    assertTrue(EncryptionInTransitCheck.atLeast("2.0", 1, 2));
  }

  @Test
  void flexibleSslFailsAndTheNoteSaysWhy() throws Exception {
    server.enqueue(
        CloudflareZones.ok(CloudflareZones.settings("flexible", "1.2", "on", true, 31536000)));

    Finding f = check.run();

    assertEquals(CheckOutcome.FAILING, f.outcome());
    assertEquals("flexible", f.evidence().get("ssl"));
    assertEquals("ssl is \"flexible\", expected \"strict\" (Full (strict))", f.note());
  }

  @Test
  void everyWeakSettingIsListed() throws Exception {
    server.enqueue(CloudflareZones.ok(CloudflareZones.settings("full", "1.0", "off", false, 0)));

    Finding f = check.run();

    assertEquals(CheckOutcome.FAILING, f.outcome());
    assertTrue(f.note().contains("ssl is \"full\""), f.note());
    assertTrue(f.note().contains("min_tls_version is \"1.0\""), f.note());
    assertTrue(f.note().contains("always_use_https is \"off\""), f.note());
    assertTrue(f.note().contains("HSTS is not enabled"), f.note());
    assertEquals(false, f.evidence().get("hsts_enabled"));
  }

  @Test
  void hstsWithZeroMaxAgeIsNotEnabled() throws Exception {
    server.enqueue(CloudflareZones.ok(CloudflareZones.settings("strict", "1.2", "on", true, 0)));
    Finding f = check.run();
    assertEquals(CheckOutcome.FAILING, f.outcome());
    assertTrue(f.note().contains("max_age is 0"), f.note());
  }

  @Test
  void missingSettingsFailRatherThanPass() throws Exception {
    server.enqueue(
        CloudflareZones.ok("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[]}"));
    Finding f = check.run();
    assertEquals(CheckOutcome.FAILING, f.outcome());
    assertTrue(f.note().contains("ssl is missing"), f.note());
    assertNull(f.evidence().get("ssl"));
  }

  @Test
  void successFalseOnA200IsAnErrorNotAResult() {
    server.enqueue(
        CloudflareZones.json(200, CloudflareZones.failure(1003, "Invalid or missing zone id.")));
    CloudflareApiException e = assertThrows(CloudflareApiException.class, check::run);
    assertEquals(CloudflareApiException.FailureKind.API_ERROR, e.kind());
    assertTrue(e.getMessage().contains("1003"), e.getMessage());
  }

  @Test
  void forbiddenIsAnAuthErrorWithoutTheToken() {
    server.enqueue(
        CloudflareZones.json(
            403, CloudflareZones.failure(9109, "Unauthorized to access requested resource")));
    CloudflareApiException e = assertThrows(CloudflareApiException.class, check::run);
    assertEquals(CloudflareApiException.FailureKind.AUTH, e.kind());
    assertFalse(e.getMessage().contains(CloudflareZones.TOKEN));
    assertEquals(1, server.getRequestCount(), "403 is not retried");
  }

  @Test
  void rateLimitedThenSuccessWaitsRetryAfterAndPasses() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(429)
            .setHeader("Content-Type", "application/json")
            .setHeader("Retry-After", "7")
            .setHeader("Ratelimit", "\"default\";r=0;t=7")
            .body(
                CloudflareZones.failure(
                    10000, "Rate limited. Please wait and consider throttling your request speed"))
            .build());
    server.enqueue(
        CloudflareZones.ok(CloudflareZones.settings("strict", "1.2", "on", true, 31536000)));

    assertEquals(CheckOutcome.PASSING, check.run().outcome());
    assertEquals(List.of(Duration.ofSeconds(7)), sleeps);
  }

  @Test
  void serverErrorsUntilTheLastAttemptAreAnError() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(
          new MockResponse.Builder()
              .code(502)
              .setHeader("Content-Type", "text/html")
              .body("<html>502 Bad Gateway</html>")
              .build());
    }
    CloudflareApiException e = assertThrows(CloudflareApiException.class, check::run);
    assertEquals(CloudflareApiException.FailureKind.SERVER, e.kind());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void aThrowingCloudflareCallIsRecordedAsErrorByTheRunner() throws Exception {
    server.enqueue(
        CloudflareZones.json(
            403, CloudflareZones.failure(9109, "Unauthorized to access requested resource")));
    DocumentStore store = Fakes.seededStore(dir);
    CheckRunner runner =
        new CheckRunner(
            List.of(check),
            new CheckResults(store, new SnapshotWriter(365)),
            new CheckRuns(store),
            java.time.Clock.systemUTC(),
            Duration.ofSeconds(5));
    CheckResult r = runner.runChecks().get(0);
    assertEquals(CheckOutcome.ERROR, r.outcome());
    assertTrue(r.note().startsWith("AUTH (HTTP 403)"), r.note());
    assertFalse(r.note().contains(CloudflareZones.TOKEN));
    assertFalse(r.publicEvidence(), "an error has no evidence to show");
  }

  @Test
  void withoutAZoneIdTheCheckSaysWhatIsMissing() throws Exception {
    Finding f = new EncryptionInTransitCheck(null, null).run();
    assertEquals(CheckOutcome.ERROR, f.outcome());
    assertEquals("CLOUDFLARE_ZONE_ID is not configured", f.note());
    assertEquals(0, server.getRequestCount());
  }
}
