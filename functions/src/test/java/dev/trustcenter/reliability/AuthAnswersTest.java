package dev.trustcenter.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.RSAKey;
import dev.trustcenter.auth.TestIssuer;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forged and invalid credentials against the running local server, as the attack sent them: every
 * 401 is the same answer, so a forger learns nothing about what was wrong; the admin API's audit
 * log keeps the exact reason. A ten-year token and a look-alike address (KELVIN SIGN) are refused.
 */
@IntegrationTest
class AuthAnswersTest {
  @StartStop private final MockWebServer jwks = new MockWebServer();
  @TempDir Path dir;
  private LocalServerFixture app;
  private RSAKey key;

  @BeforeEach
  void start() throws Exception {
    TestIssuer issuer = new TestIssuer(jwks);
    key = issuer.newKey("k1", true);
    app =
        LocalServerFixture.start(
            dir,
            Map.of(
                "ADMIN_EMAILS",
                "kate@example.com",
                "TASK_INVOKER_EMAILS",
                "scheduler@example.com",
                "OIDC_AUDIENCE",
                TestIssuer.AUDIENCE,
                "OIDC_JWKS_URL",
                jwks.url("/oauth2/v3/certs").toString()));
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private HttpResponse<String> as(String authorization, String method, String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(app.uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return app.send(b);
  }

  @Test
  void every401IsTheSameAnswer_andTheAuditLogKeepsTheReason() {
    Instant now = Instant.now();
    Map<String, String> forged = new LinkedHashMap<>();
    forged.put("missing", null);
    forged.put("not a JWT", "Bearer aaaa.bbbb.cccc");
    forged.put(
        "expired",
        "Bearer "
            + TestIssuer.sign(
                key,
                "kate@example.com",
                now,
                b ->
                    b.issueTime(Date.from(now.minusSeconds(3000)))
                        .expirationTime(Date.from(now.minusSeconds(600)))));
    forged.put(
        "wrong audience",
        "Bearer "
            + TestIssuer.sign(
                key, "kate@example.com", now, b -> b.audience("https://other.example.com")));
    forged.put(
        "lifetime exceeds one hour",
        "Bearer "
            + TestIssuer.sign(
                key,
                "kate@example.com",
                now,
                b -> b.expirationTime(Date.from(now.plus(Duration.ofDays(3653))))));
    String first = null;
    for (Map.Entry<String, String> f : forged.entrySet()) {
      for (String path : new String[] {"/admin/v1/controls", "/tasks/run-control-checks"}) {
        HttpResponse<String> r = as(f.getValue(), path.startsWith("/tasks") ? "POST" : "GET", path);
        assertEquals(401, r.statusCode(), f.getKey() + " at " + path);
        assertFalse(r.body().contains(f.getKey()), "the answer does not say why: " + r.body());
        if (first == null) {
          first = r.body();
        }
        assertEquals(first, r.body(), "the same answer for " + f.getKey() + " at " + path);
      }
    }
    String audit =
        as("Bearer " + LocalServerFixture.DEV_TOKEN, "GET", "/admin/v1/audit-log?limit=100").body();
    for (String reason : forged.keySet()) {
      assertTrue(audit.contains(reason), "the audit log keeps \"" + reason + "\": " + audit);
    }
  }

  @Test
  void aLookAlikeAddressIsForbidden() {
    String kelvin =
        "Bearer " + TestIssuer.sign(key, "\u212Aate@example.com", Instant.now(), b -> b);
    assertEquals(403, as(kelvin, "GET", "/admin/v1/controls").statusCode());
    String real = "Bearer " + TestIssuer.sign(key, "Kate@Example.com", Instant.now(), b -> b);
    assertEquals(200, as(real, "GET", "/admin/v1/controls").statusCode());
  }
}
