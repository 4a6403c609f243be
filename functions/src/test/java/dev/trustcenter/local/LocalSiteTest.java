package dev.trustcenter.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.app.Services;
import dev.trustcenter.config.Config;
import dev.trustcenter.testing.IntegrationTest;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site as the local server runs it: published at startup, served at /, republished by the task.
 */
@IntegrationTest
class LocalSiteTest {
  private static final String TOKEN = "local-site-test-dev-token-0123456789";
  @TempDir static Path dataDir;
  private static LocalServer server;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(dataDir.resolve("outside.txt"), "must not be served");
    Config config =
        Config.fromEnvironment(
            Map.of(
                "PORT",
                "0",
                "TRUST_CENTER_DATA_DIR",
                dataDir.toString(),
                "TRUST_CENTER_DEV_TOKEN",
                TOKEN));
    server = LocalServer.start(config, Services.local(config));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theSiteIsServedRightAfterStartup_withTheHeadersItWasPublishedWith() throws Exception {
    HttpResponse<String> root = get("/");
    assertEquals(200, root.statusCode());
    assertTrue(root.body().contains("url=/es/"));
    HttpResponse<String> es = get("/es/");
    assertEquals(200, es.statusCode());
    assertEquals("text/html; charset=utf-8", es.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(
        "public, max-age=60, must-revalidate",
        es.headers().firstValue("Cache-Control").orElseThrow());
    assertTrue(
        es.headers()
            .firstValue("Content-Security-Policy")
            .orElseThrow()
            .contains("script-src 'self'"));
    assertTrue(es.body().contains("<html lang=\"es\">"));
    String css = es.body().replaceAll("(?s).*href=\"(/assets/site\\.[0-9a-f]{8}\\.css)\".*", "$1");
    HttpResponse<String> asset = get(css);
    assertEquals(
        "public, max-age=31536000, immutable",
        asset.headers().firstValue("Cache-Control").orElseThrow());
    assertEquals(
        "text/css; charset=utf-8", asset.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(
        "application/json; charset=utf-8",
        get("/trust.json").headers().firstValue("Content-Type").orElseThrow());
    assertEquals("/en/", get("/en").headers().firstValue("Location").orElseThrow());
    assertEquals(301, get("/en").statusCode());
    HttpResponse<String> missing = get("/nope/");
    assertEquals(404, missing.statusCode());
    assertTrue(missing.body().contains("Página no encontrada"));
    assertEquals(405, post("/es/", null).statusCode());
  }

  @Test
  void nothingOutsideThePublishedSiteCanBeReached() throws Exception {
    for (String path :
        new String[] {
          "/../outside.txt",
          "/es/../../outside.txt",
          "/%2e%2e/outside.txt",
          "/es/%2e%2e/%2e%2e/outside.txt",
          "/..%2foutside.txt",
          "/site-manifest.json",
          "/site-manifest.log",
          "/store/",
          "/.well-known/../../outside.txt"
        }) {
      try (Socket s = new Socket("localhost", server.port())) {
        // A raw request: HTTP clients normalize dot segments before sending them.
        s.getOutputStream()
            .write(
                ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(
            answer.startsWith("HTTP/1.1 404") || answer.startsWith("HTTP/1.1 400"),
            path + ": " + answer.lines().findFirst().orElse(""));
        assertTrue(!answer.contains("must not be served"), path);
      }
    }
  }

  @Test
  void publishTask_needsTheDevToken_andSaysWhatItDid() throws Exception {
    HttpResponse<String> anonymous = post("/tasks/publish-site", null);
    assertEquals(401, anonymous.statusCode());
    assertEquals(401, post("/tasks/publish-site", "wrong-token-wrong-token-wrong").statusCode());
    HttpResponse<String> ok = post("/tasks/publish-site", TOKEN);
    assertEquals(200, ok.statusCode(), ok.body());
    JsonObject result = JsonParser.parseString(ok.body()).getAsJsonObject();
    assertTrue(result.get("complete").getAsBoolean());
    assertEquals(
        0, result.getAsJsonArray("uploaded").size(), "published at startup, nothing changed since");
    assertEquals(0, result.getAsJsonArray("purged").size());
    assertTrue(result.get("purgeSkipped").isJsonNull());
    assertTrue(
        result.getAsJsonArray("notes").get(0).getAsString().contains("security.txt not published"));
    assertEquals(
        405,
        HTTP.send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + server.port() + "/tasks/publish-site"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .statusCode());
  }
}
