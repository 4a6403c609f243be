package dev.trustcenter.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.app.Services;
import dev.trustcenter.config.Config;
import dev.trustcenter.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop on the local server: the task reads Cloudflare (a MockWebServer speaking its API),
 * records the result, and the public API shows the status and the history.
 */
@IntegrationTest
class ControlChecksEndToEndTest {
  private static final String DEV_TOKEN = "dev-token-for-the-e2e-test-0123456789";
  private static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
  @TempDir Path dir;
  private final MockWebServer cloudflare = new MockWebServer();
  private final HttpClient http = HttpClient.newHttpClient();
  private LocalServer server;

  /** What the zone's {@code ssl} setting is; the test changes it between runs. */
  private volatile String ssl = "strict";

  private final java.util.List<String> settingsAuthorizations =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    // Cloudflare by path: the checks read the zone settings; the local publisher (at startup and
    // after each run)
    // purges the cache, which is accepted.
    cloudflare.setDispatcher(
        new mockwebserver3.Dispatcher() {
          @Override
          public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            if (path.endsWith("/purge_cache")) {
              return new MockResponse.Builder()
                  .code(200)
                  .setHeader("Content-Type", "application/json")
                  .body(
                      "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"purge\"}}")
                  .build();
            }
            if (path.endsWith("/settings")) {
              settingsAuthorizations.add(request.getHeaders().get("Authorization"));
              return zone(ssl);
            }
            return new MockResponse.Builder().code(404).build();
          }
        });
    cloudflare.start();
    Config config =
        Config.fromEnvironment(
            Map.of(
                "PORT",
                "0",
                "TRUST_CENTER_DATA_DIR",
                dir.toString(),
                "TRUST_CENTER_DEV_TOKEN",
                DEV_TOKEN,
                // Deployed, trust-api would serve its copy for a minute; the local server must show
                // the run at once.
                "PUBLIC_CACHE_SECONDS",
                "60",
                "CLOUDFLARE_API_BASE_URL",
                cloudflare.url("/client/v4").toString(),
                "CLOUDFLARE_ZONE_ID",
                ZONE,
                "CLOUDFLARE_API_TOKEN",
                "cf-local-token-abcdef"));
    server = LocalServer.start(config, Services.local(config));
  }

  @AfterEach
  void stop() {
    server.close();
    cloudflare.close();
  }

  private static MockResponse zone(String ssl) {
    String body =
        "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":["
            + "{\"id\":\"always_use_https\",\"value\":\"on\",\"editable\":true,\"modified_on\":null},"
            + "{\"id\":\"min_tls_version\",\"value\":\"1.2\",\"editable\":true,\"modified_on\":\"2025-03-01T12:00:00.000000Z\"},"
            + "{\"id\":\"security_header\",\"value\":{\"strict_transport_security\":{\"enabled\":true,\"max_age\":31536000,"
            + "\"include_subdomains\":true,\"preload\":false,\"nosniff\":true}},\"editable\":true,\"modified_on\":null},"
            + "{\"id\":\"ssl\",\"value\":\""
            + ssl
            + "\",\"editable\":true,\"modified_on\":null}]}";
    return new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private HttpResponse<String> runTask() throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + server.port() + "/tasks/run-control-checks"))
            .header("Authorization", "Bearer " + DEV_TOKEN)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonObject control() throws Exception {
    HttpResponse<String> res =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:"
                            + server.port()
                            + "/api/v1/controls/encryption-in-transit?lang=en"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, res.statusCode(), res.body());
    assertTrue(res.headers().firstValue("ETag").isPresent());
    return JsonParser.parseString(res.body()).getAsJsonObject();
  }

  private static String outcomeOf(JsonObject run, String checkId) {
    for (var e : run.getAsJsonObject("run").getAsJsonArray("checks")) {
      if (e.getAsJsonObject().get("checkId").getAsString().equals(checkId)) {
        return e.getAsJsonObject().get("outcome").getAsString()
            + "|"
            + e.getAsJsonObject().get("note");
      }
    }
    throw new AssertionError(checkId + " not in " + run);
  }

  @Test
  void strictThenFlexibleShowsPassingThenFailingWithBothInTheHistory() throws Exception {
    ssl = "strict";
    HttpResponse<String> first = runTask();
    assertEquals(200, first.statusCode(), first.body());
    JsonObject run = JsonParser.parseString(first.body()).getAsJsonObject();
    assertEquals("passing|null", outcomeOf(run, "cloudflare-zone-tls"));
    assertEquals(
        "error|\"ARCHIVE_BUCKET is not configured; DOCUMENTS_BUCKET is not configured\"",
        outcomeOf(run, "storage-encryption-at-rest"));
    assertEquals(
        "error|\"ARCHIVE_BUCKET is not configured\"", outcomeOf(run, "storage-firestore-backups"));
    assertEquals(java.util.List.of("Bearer cf-local-token-abcdef"), settingsAuthorizations);

    JsonObject passing = control();
    assertEquals("passing", passing.getAsJsonObject("control").get("status").getAsString());
    JsonObject evidence =
        passing.getAsJsonArray("history").get(0).getAsJsonObject().getAsJsonObject("evidence");
    assertEquals(
        JsonParser.parseString(
            "{\"ssl\":\"strict\",\"min_tls_version\":\"1.2\",\"always_use_https\":\"on\",\"hsts_enabled\":true,\"hsts_max_age\":31536000}"),
        evidence);

    ssl = "flexible";
    assertEquals(200, runTask().statusCode());

    JsonObject failing = control();
    assertEquals("failing", failing.getAsJsonObject("control").get("status").getAsString());
    JsonArray history = failing.getAsJsonArray("history");
    assertEquals(2, history.size());
    assertEquals("failing", history.get(0).getAsJsonObject().get("outcome").getAsString());
    assertEquals(
        "flexible",
        history.get(0).getAsJsonObject().getAsJsonObject("evidence").get("ssl").getAsString());
    assertEquals("passing", history.get(1).getAsJsonObject().get("outcome").getAsString());
  }

  @Test
  void theTaskNeedsTheDevToken() throws Exception {
    HttpResponse<String> res =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + server.port() + "/tasks/run-control-checks"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, res.statusCode());
    assertTrue(settingsAuthorizations.isEmpty());
  }
}
