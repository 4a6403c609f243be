package dev.trustcenter.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.ECKey;
import dev.trustcenter.auth.TestIap;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * trust-admin behind Identity-Aware Proxy: it verifies the signed header itself, on the API and the
 * audit log.
 */
@IntegrationTest
class AdminIapTest {
  static final String ADMIN = "compliance@example.com";
  @StartStop private final MockWebServer jwks = new MockWebServer();
  @TempDir Path dir;
  private LocalServerFixture app;
  private ECKey key;

  @BeforeEach
  void start() throws Exception {
    TestIap iap = new TestIap(jwks);
    key = TestIap.newKey("iap-1");
    iap.publish(key);
    app =
        LocalServerFixture.start(
            dir,
            Map.of(
                "ADMIN_EMAILS",
                ADMIN,
                "IAP_AUDIENCE",
                TestIap.AUDIENCE,
                "IAP_JWKS_URL",
                jwks.url("/iap/verify/public_key-jwk").toString()));
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private HttpResponse<String> get(String path, String assertion, String bearer) {
    HttpRequest.Builder b = HttpRequest.newBuilder(app.uri(path));
    if (assertion != null) {
      b.header("x-goog-iap-jwt-assertion", assertion);
    }
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return app.send(b);
  }

  @Test
  void anAdminLetThroughByIap_usesTheApi_andIsAuditedByEmail() {
    String assertion = TestIap.sign(key, TestIap.claims(ADMIN, Instant.now()).build());
    assertEquals(200, get("/admin/v1/controls", assertion, null).statusCode());
    HttpResponse<String> put =
        app.send(
            HttpRequest.newBuilder(app.uri("/admin/v1/categories/iap-cat"))
                .header("x-goog-iap-jwt-assertion", assertion)
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"id\":\"iap-cat\",\"name\":{\"es\":\"Nueva\",\"en\":\"New\"},\"position\":1}")));
    assertEquals(201, put.statusCode(), put.body());
    String log = get("/admin/v1/audit-log", assertion, null).body();
    assertTrue(
        log.contains("\"actor\":\"" + ADMIN + "\"") && log.contains("\"entityId\":\"iap-cat\""),
        log);
  }

  @Test
  void aForgedHeader_isRefused_evenWithAValidBearerToken_andTheDenialIsAudited() {
    ECKey forger = TestIap.newKey("iap-1");
    String forged = TestIap.sign(forger, TestIap.claims(ADMIN, Instant.now()).build());
    HttpResponse<String> r = get("/admin/v1/controls", forged, LocalServerFixture.DEV_TOKEN);
    assertEquals(401, r.statusCode(), r.body());
    String log = get("/admin/v1/audit-log", null, LocalServerFixture.DEV_TOKEN).body();
    assertTrue(
        log.contains("\"outcome\":\"denied\"") && log.contains("IAP assertion was rejected"), log);
    assertTrue(
        !log.contains(forged.substring(forged.lastIndexOf('.') + 1)),
        "the assertion never reaches the log");
  }

  @Test
  void theConsole_trustsIapsHeader_withoutASignInOfItsOwn() {
    String assertion = TestIap.sign(key, TestIap.claims(ADMIN, Instant.now()).build());
    HttpResponse<String> page = get("/admin/", assertion, null);
    assertEquals(200, page.statusCode(), page.body());
    assertTrue(page.body().contains(ADMIN), "the console names who IAP let in");
    String forged =
        TestIap.sign(TestIap.newKey("iap-1"), TestIap.claims(ADMIN, Instant.now()).build());
    assertEquals(401, get("/admin/", forged, null).statusCode());
  }

  @Test
  void someoneNotAnAdmin_is403() {
    String assertion =
        TestIap.sign(key, TestIap.claims("visitor@example.com", Instant.now()).build());
    assertEquals(403, get("/admin/v1/controls", assertion, null).statusCode());
  }

  @Test
  void withoutIapAudience_theHeaderIsNotTrusted() throws Exception {
    app.close();
    app = LocalServerFixture.start(dir.resolve("plain"), Map.of("ADMIN_EMAILS", ADMIN));
    String assertion = TestIap.sign(key, TestIap.claims(ADMIN, Instant.now()).build());
    assertEquals(401, get("/admin/v1/controls", assertion, null).statusCode());
  }
}
