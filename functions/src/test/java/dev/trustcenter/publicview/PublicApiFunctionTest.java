package dev.trustcenter.publicview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public API through the local server, as a client sees it. */
@IntegrationTest
class PublicApiFunctionTest {
  @TempDir static Path dataDir;
  static LocalServerFixture server;

  @BeforeAll
  static void start() throws Exception {
    server = LocalServerFixture.start(dataDir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonObject json(HttpResponse<String> r) {
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }

  private static void assertError(HttpResponse<String> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonObject error = json(r).getAsJsonObject("error");
    assertEquals(code, error.get("code").getAsString());
    assertFalse(error.get("message").getAsString().isBlank());
    assertFalse(r.body().contains("Exception"), "no stack trace or exception name in " + r.body());
  }

  @Test
  void englishViewHasTheWholeSeededTrustCenter() {
    HttpResponse<String> r = server.get("/api/v1/trust-center?lang=en");
    assertEquals(200, r.statusCode());
    assertEquals(
        "application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("en", r.headers().firstValue("Content-Language").orElseThrow());
    JsonObject body = json(r);
    assertEquals("en", body.get("language").getAsString());
    JsonArray categories = body.getAsJsonArray("categories");
    assertEquals(10, categories.size());
    assertEquals(
        "Change Management", categories.get(0).getAsJsonObject().get("name").getAsString());
    assertEquals("Communications", categories.get(9).getAsJsonObject().get("name").getAsString());
    int controls = 0;
    Set<String> ids = new HashSet<>();
    for (JsonElement c : categories) {
      for (JsonElement ctl : c.getAsJsonObject().getAsJsonArray("controls")) {
        controls++;
        JsonObject o = ctl.getAsJsonObject();
        ids.add(o.get("id").getAsString());
        assertEquals("not_yet_checked", o.get("status").getAsString(), "nothing was ever checked");
        assertTrue(o.get("lastCheckedAt").isJsonNull());
      }
    }
    assertEquals(45, controls);
    assertEquals(45, ids.size());
    assertTrue(ids.contains("encryption-in-transit"));
    assertEquals(45, body.getAsJsonObject("summary").get("notYetChecked").getAsInt());
    assertEquals(2, body.getAsJsonArray("subprocessors").size());
    assertEquals(9, body.getAsJsonArray("resources").size());
    JsonObject iso = body.getAsJsonArray("frameworks").get(0).getAsJsonObject();
    assertEquals("ISO/IEC 27001", iso.get("name").getAsString());
    assertEquals("2022", iso.get("version").getAsString());
  }

  @Test
  void spanishViewHasTheSameStructureInSpanish() {
    JsonObject es = json(server.get("/api/v1/trust-center?lang=es"));
    JsonObject en = json(server.get("/api/v1/trust-center?lang=en"));
    assertEquals("es", es.get("language").getAsString());
    assertEquals(
        "Gestión de cambios",
        es.getAsJsonArray("categories").get(0).getAsJsonObject().get("name").getAsString());
    assertEquals(en.getAsJsonArray("categories").size(), es.getAsJsonArray("categories").size());
    for (int i = 0; i < 10; i++) {
      JsonObject ce = es.getAsJsonArray("categories").get(i).getAsJsonObject();
      JsonObject cn = en.getAsJsonArray("categories").get(i).getAsJsonObject();
      assertEquals(cn.get("id"), ce.get("id"));
      assertEquals(cn.getAsJsonArray("controls").size(), ce.getAsJsonArray("controls").size());
    }
    assertNotEquals(
        en.getAsJsonObject("profile").get("tagline"), es.getAsJsonObject("profile").get("tagline"));
  }

  @Test
  void languageComesFromAcceptLanguageAndDefaultsToSpanish() {
    HttpResponse<String> none = server.get("/api/v1/trust-center");
    assertEquals("es", json(none).get("language").getAsString());
    HttpResponse<String> english =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/trust-center"))
                .header("Accept-Language", "fr-FR, en;q=0.8, es;q=0.5"));
    assertEquals("en", json(english).get("language").getAsString());
    assertEquals("Accept-Language", english.headers().firstValue("Vary").orElseThrow());
  }

  @Test
  void unsupportedLanguageIs400NamingTheSupportedOnes() {
    HttpResponse<String> r = server.get("/api/v1/trust-center?lang=fr");
    assertError(r, 400, "invalid");
    assertTrue(json(r).getAsJsonObject("error").get("message").getAsString().contains("es, en"));
    JsonObject field =
        json(r).getAsJsonObject("error").getAsJsonArray("fields").get(0).getAsJsonObject();
    assertEquals("lang", field.get("field").getAsString());
  }

  @Test
  void unknownPathIs404() {
    assertError(server.get("/api/v1/nothing"), 404, "not_found");
    assertError(server.get("/api/"), 404, "not_found");
  }

  @Test
  void wrongMethodIs405WithAllow() {
    HttpResponse<String> r =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/trust-center"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertError(r, 405, "method_not_allowed");
    assertEquals("GET, HEAD, OPTIONS", r.headers().firstValue("Allow").orElseThrow());
    HttpResponse<String> delete =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/controls/encryption-at-rest")).DELETE());
    assertError(delete, 405, "method_not_allowed");
  }

  @Test
  void oneControlIsServedAndAnUnknownOneIs404() {
    HttpResponse<String> r = server.get("/api/v1/controls/encryption-in-transit?lang=en");
    assertEquals(200, r.statusCode());
    JsonObject body = json(r);
    assertEquals("encryption-in-transit", body.getAsJsonObject("control").get("id").getAsString());
    assertEquals("Access Security", body.get("categoryName").getAsString());
    assertTrue(body.getAsJsonArray("history").isEmpty());
    assertError(server.get("/api/v1/controls/no-such-control"), 404, "not_found");
    assertError(server.get("/api/v1/controls/encryption-in-transit?lang=de"), 400, "invalid");
  }

  @Test
  void etagIsStableAndIfNoneMatchGets304() {
    HttpResponse<String> first = server.get("/api/v1/trust-center?lang=en");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertTrue(etag.startsWith("\"") && etag.endsWith("\""));
    assertEquals(
        etag,
        server.get("/api/v1/trust-center?lang=en").headers().firstValue("ETag").orElseThrow());
    assertNotEquals(
        etag,
        server.get("/api/v1/trust-center?lang=es").headers().firstValue("ETag").orElseThrow());
    HttpResponse<String> revalidated =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/trust-center?lang=en"))
                .header("If-None-Match", "\"other\", " + etag));
    assertEquals(304, revalidated.statusCode());
    assertEquals("", revalidated.body());
    assertEquals(etag, revalidated.headers().firstValue("ETag").orElseThrow());
    HttpResponse<String> weak =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/trust-center?lang=en"))
                .header("If-None-Match", "W/" + etag));
    assertEquals(304, weak.statusCode());
    HttpResponse<String> stale =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/trust-center?lang=en"))
                .header("If-None-Match", "\"stale\""));
    assertEquals(200, stale.statusCode());
    String cacheControl = first.headers().firstValue("Cache-Control").orElseThrow();
    assertTrue(
        cacheControl.contains("public")
            && cacheControl.contains("max-age=")
            && cacheControl.contains("stale-while-revalidate"));
  }

  @Test
  void corsAllowsReadingFromAnyOriginAndAnswersPreflight() {
    HttpResponse<String> r =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/trust-center"))
                .header("Origin", "https://customer.example"));
    assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    HttpResponse<String> preflight =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/trust-center"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://customer.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "if-none-match"));
    assertEquals(204, preflight.statusCode());
    assertEquals("*", preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    assertTrue(
        preflight
            .headers()
            .firstValue("Access-Control-Allow-Methods")
            .orElseThrow()
            .contains("GET"));
    assertTrue(
        preflight
            .headers()
            .firstValue("Access-Control-Allow-Headers")
            .orElseThrow()
            .contains("If-None-Match"));
    assertError(
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/unknown"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())),
        404,
        "not_found");
  }

  @Test
  void headAnswersHeadersWithoutABody() {
    HttpResponse<String> r =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/v1/trust-center?lang=en"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, r.statusCode());
    assertEquals("", r.body());
    assertTrue(r.headers().firstValue("ETag").isPresent());
  }

  @Test
  void hostilePathsAndQueriesGetCleanErrors() {
    assertError(server.get("/api/v1/controls/%3Cscript%3E?lang=en"), 404, "not_found");
    assertError(server.get("/api/v1/controls/..%2F..%2Fetc%2Fpasswd"), 404, "not_found");
    HttpResponse<String> r = server.get("/api/v1/trust-center?lang=%00%0d%0aX-Injected:%20yes");
    assertError(r, 400, "invalid");
    assertTrue(r.headers().firstValue("X-Injected").isEmpty());
  }
}
