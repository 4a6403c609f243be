package dev.trustcenter.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.nimbusds.jose.jwk.RSAKey;
import dev.trustcenter.auth.TestIssuer;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.testing.FakeHttp;
import dev.trustcenter.testing.IntegrationTest;
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

/** The local server honours the OIDC variables: a test issuer's ID tokens reach the admin API. */
@IntegrationTest
class AdminOidcTest {
  @StartStop private final MockWebServer jwks = new MockWebServer();
  @TempDir Path dir;
  private AdminHttp app;
  private RSAKey key;

  @BeforeEach
  void start() throws Exception {
    TestIssuer issuer = new TestIssuer(jwks);
    key = issuer.newKey("k1", true);
    app =
        new AdminHttp(
            Map.of(
                "PORT",
                "0",
                "TRUST_CENTER_DATA_DIR",
                dir.toString(),
                "TRUST_CENTER_DEV_TOKEN",
                AdminHttp.DEV_TOKEN,
                "ADMIN_EMAILS",
                TestIssuer.ADMIN,
                "OIDC_AUDIENCE",
                "https://trust-admin.example.run.app," + TestIssuer.AUDIENCE,
                "OIDC_JWKS_URL",
                jwks.url("/oauth2/v3/certs").toString()));
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private HttpResponse<String> as(String token, String path) {
    return app.send(
        HttpRequest.newBuilder(app.uri(path)).header("Authorization", "Bearer " + token).build());
  }

  @Test
  void anAdminsIdToken_isAccepted_andTheirEmailIsAudited() {
    String token = TestIssuer.sign(key, TestIssuer.ADMIN, Instant.now(), b -> b);
    assertEquals(200, as(token, "/admin/v1/controls").statusCode());
    HttpResponse<String> put =
        app.send(
            HttpRequest.newBuilder(app.uri("/admin/v1/categories/new-cat"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"id\":\"new-cat\",\"name\":{\"es\":\"Nueva\",\"en\":\"New\"},\"position\":1}"))
                .build());
    assertEquals(201, put.statusCode(), put.body());
    JsonObject entry =
        JsonParser.parseString(as(token, "/admin/v1/audit-log?limit=1").body())
            .getAsJsonObject()
            .getAsJsonArray("entries")
            .get(0)
            .getAsJsonObject();
    assertEquals(TestIssuer.ADMIN, entry.get("actor").getAsString());
  }

  @Test
  void aNonAdminsValidToken_is403_andTheDenialNamesThem_butNeverTheToken() {
    String token = TestIssuer.sign(key, "mallory@example.com", Instant.now(), b -> b);
    HttpResponse<String> r = as(token, "/admin/v1/controls");
    assertEquals(403, r.statusCode());
    assertFalse(r.body().contains(token));
    String log = app.get("/admin/v1/audit-log?limit=1").body();
    JsonObject entry =
        JsonParser.parseString(log)
            .getAsJsonObject()
            .getAsJsonArray("entries")
            .get(0)
            .getAsJsonObject();
    assertEquals("mallory@example.com", entry.get("actor").getAsString());
    assertEquals(403, entry.get("status").getAsInt());
    assertEquals("denied", entry.get("outcome").getAsString());
    assertFalse(log.contains(token.substring(token.lastIndexOf('.') + 1)));
  }

  @Test
  void anExpiredToken_is401_withWwwAuthenticate() {
    String token = TestIssuer.sign(key, TestIssuer.ADMIN, Instant.now().minusSeconds(7200), b -> b);
    HttpResponse<String> r = as(token, "/admin/v1/controls");
    assertEquals(401, r.statusCode());
    assertTrue(r.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
  }

  @Test
  void extensionRoutes_runOnlyForAuthenticatedAdmins_andSeeThePrincipal() throws Exception {
    AdminRoutes whoami =
        (router, ctx) ->
            router.add(
                "GET",
                "/v1/whoami",
                ex ->
                    dev.trustcenter.http.Responses.json(
                        ex.response(), 200, Map.of("email", ctx.principal(ex).email())));
    AdminServer f =
        new AdminServer(
            app.services.adminAuthenticator(),
            app.store(),
            new SnapshotWriter(365),
            app.services.clock(),
            () -> {},
            java.util.List.of(whoami));
    var res = new FakeHttp.Response();
    f.service(
        FakeHttp.request("GET", "/v1/whoami")
            .header("Authorization", "Bearer " + AdminHttp.DEV_TOKEN),
        res);
    assertEquals(200, res.status());
    assertTrue(res.text().contains("local-dev"));
    var denied = new FakeHttp.Response();
    f.service(FakeHttp.request("GET", "/v1/whoami"), denied);
    assertEquals(401, denied.status());
  }
}
