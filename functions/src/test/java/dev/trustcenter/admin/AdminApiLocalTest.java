package dev.trustcenter.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.testing.IntegrationTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API end to end through the local server with the dev token and the embedded store. */
@IntegrationTest
class AdminApiLocalTest {
  @TempDir Path dir;
  private AdminHttp app;

  @BeforeEach
  void start() throws Exception {
    app = AdminHttp.local(dir);
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private JsonObject publicView() {
    HttpResponse<String> r =
        app.send(HttpRequest.newBuilder(app.uri("/api/v1/trust-center?lang=en")).build());
    assertEquals(200, r.statusCode());
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }

  private static JsonArray entries(HttpResponse<String> r) {
    return JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("entries");
  }

  @Test
  void putOfAControl_showsInThePublicApiAtOnce_andInTheAuditLog() {
    publicView(); // warm the public cache so that only the invalidation hook can make the change
    // visible
    HttpResponse<String> put =
        app.put(
            "/admin/v1/controls/backup-restore-test",
            AdminHttp.control("backup-restore-test", "availability", "Backup restore test"));
    assertEquals(201, put.statusCode(), put.body());
    assertEquals(
        "/v1/controls/backup-restore-test", put.headers().firstValue("Location").orElseThrow());
    String etag = put.headers().firstValue("ETag").orElseThrow();

    JsonObject view = publicView();
    JsonObject availability = null;
    for (JsonElement c : view.getAsJsonArray("categories")) {
      if (c.getAsJsonObject().get("id").getAsString().equals("availability")) {
        availability = c.getAsJsonObject();
      }
    }
    assertTrue(
        availability.getAsJsonArray("controls").toString().contains("\"Backup restore test\""),
        availability.toString());

    HttpResponse<String> log = app.get("/admin/v1/audit-log");
    assertEquals(200, log.statusCode());
    JsonObject newest = entries(log).get(0).getAsJsonObject();
    assertEquals("local-dev", newest.get("actor").getAsString());
    assertEquals("PUT", newest.get("method").getAsString());
    assertEquals("/v1/controls/backup-restore-test", newest.get("path").getAsString());
    assertEquals("controls", newest.get("kind").getAsString());
    assertEquals("backup-restore-test", newest.get("entityId").getAsString());
    assertEquals("created", newest.get("outcome").getAsString());
    assertEquals(201, newest.get("status").getAsInt());
    assertTrue(newest.get("before").isJsonNull());
    assertTrue(newest.get("after").getAsString().startsWith("sha256:"));

    // GET answers the same ETag; a replace with it wins and is audited with both digests.
    HttpResponse<String> get = app.get("/admin/v1/controls/backup-restore-test");
    assertEquals(etag, get.headers().firstValue("ETag").orElseThrow());
    assertEquals(put.body(), get.body());
    HttpResponse<String> replaced =
        app.put(
            "/admin/v1/controls/backup-restore-test",
            AdminHttp.control("backup-restore-test", "availability", "Restore drill"),
            "If-Match",
            etag);
    assertEquals(200, replaced.statusCode(), replaced.body());
    assertTrue(publicView().toString().contains("Restore drill"));
    JsonObject second = entries(app.get("/admin/v1/audit-log")).get(0).getAsJsonObject();
    assertEquals("replaced", second.get("outcome").getAsString());
    assertEquals(newest.get("after"), second.get("before"));
  }

  @Test
  void staleIfMatch_is412_andWritesNothing() {
    HttpResponse<String> first = app.get("/admin/v1/controls/segregation-of-environments");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    String body = first.body().replace("\"periodDays\":1,", "\"periodDays\":2,");
    assertEquals(
        200,
        app.put("/admin/v1/controls/segregation-of-environments", body, "If-Match", etag)
            .statusCode());
    var before = app.everything();
    HttpResponse<String> stale =
        app.put(
            "/admin/v1/controls/segregation-of-environments",
            body.replace("\"periodDays\":2,", "\"periodDays\":3,"),
            "If-Match",
            etag);
    assertEquals(412, stale.statusCode());
    assertTrue(stale.body().contains("precondition_failed"));
    assertEquals(before, app.everything());
    HttpResponse<String> staleDelete =
        app.delete("/admin/v1/controls/segregation-of-environments", "If-Match", etag);
    assertEquals(412, staleDelete.statusCode());
    assertEquals(
        412,
        app.put(
                "/admin/v1/controls/not-there-yet",
                AdminHttp.control("not-there-yet", "availability", "X"),
                "If-Match",
                etag)
            .statusCode());
    assertEquals(
        412,
        app.put("/admin/v1/controls/segregation-of-environments", body, "If-None-Match", "*")
            .statusCode());
    assertEquals(before, app.everything());
  }

  @Test
  void everySeededEntity_isAcceptedBackUnchanged_withoutAnyWrite() {
    var before = app.everything();
    for (String kind :
        List.of("frameworks", "categories", "controls", "subprocessors", "resources")) {
      HttpResponse<String> list = app.get("/admin/v1/" + kind);
      assertEquals(200, list.statusCode());
      JsonArray items =
          JsonParser.parseString(list.body()).getAsJsonObject().getAsJsonArray("items");
      assertFalse(items.isEmpty(), kind);
      for (JsonElement item : items) {
        String id = item.getAsJsonObject().get("id").getAsString();
        HttpResponse<String> put = app.put("/admin/v1/" + kind + "/" + id, item.toString());
        assertEquals(200, put.statusCode(), kind + "/" + id + ": " + put.body());
      }
    }
    HttpResponse<String> profile = app.get("/admin/v1/profile");
    assertEquals(200, app.put("/admin/v1/profile", profile.body()).statusCode());
    assertEquals(before, app.everything(), "an unchanged PUT writes nothing");
  }

  @Test
  void getWithIfNoneMatch_is304_andListsAreInDisplayOrder() {
    HttpResponse<String> get = app.get("/admin/v1/categories/availability");
    String etag = get.headers().firstValue("ETag").orElseThrow();
    assertEquals(
        304,
        app.send(
                app.request("/admin/v1/categories/availability")
                    .header("If-None-Match", etag)
                    .build())
            .statusCode());
    JsonArray items =
        JsonParser.parseString(app.get("/admin/v1/categories").body())
            .getAsJsonObject()
            .getAsJsonArray("items");
    assertEquals(10, items.size());
    assertEquals("change-management", items.get(0).getAsJsonObject().get("id").getAsString());
    assertEquals(404, app.get("/admin/v1/controls/no-such-control").statusCode());
    assertEquals(404, app.get("/admin/v1/controls/Not_A_Slug").statusCode());
    assertEquals(405, app.delete("/admin/v1/profile").statusCode());
  }

  @Test
  void deleteOfAControl_removesItFromThePublicApi_andDeletingACategoryWithControlsIs409() {
    assertEquals(409, app.delete("/admin/v1/categories/availability").statusCode());
    HttpResponse<String> del = app.delete("/admin/v1/controls/segregation-of-environments");
    assertEquals(204, del.statusCode());
    assertFalse(publicView().toString().contains("segregation-of-environments"));
    assertEquals(404, app.delete("/admin/v1/controls/segregation-of-environments").statusCode());
    JsonObject entry = entries(app.get("/admin/v1/audit-log")).get(0).getAsJsonObject();
    assertEquals("deleted", entry.get("outcome").getAsString());
    assertTrue(entry.get("after").isJsonNull());

    // An empty category can go.
    assertEquals(
        201,
        app.put(
                "/admin/v1/categories/empty-one",
                "{\"id\":\"empty-one\",\"name\":{\"es\":\"Vacía\",\"en\":\"Empty\"},\"position\":5}")
            .statusCode());
    assertEquals(204, app.delete("/admin/v1/categories/empty-one").statusCode());
  }

  @Test
  void profile_isReplacedAndShownPublicly() {
    String body =
        """
        {"companyName":"Copsis","tagline":{"es":"Seguridad <b>primero</b>","en":"Security <b>first</b>"},
         "overview":{"es":"Resumen.\\nSegunda línea.","en":"Overview.\\nSecond line."},
         "securityContact":"mailto:security@example.com"}""";
    HttpResponse<String> r = app.put("/admin/v1/profile", body);
    assertEquals(200, r.statusCode(), r.body());
    JsonObject profile = publicView().getAsJsonObject("profile");
    assertEquals(
        "Security <b>first</b>",
        profile.get("tagline").getAsString(),
        "stored and served as plain text");
    assertEquals("mailto:security@example.com", profile.get("securityContact").getAsString());
  }

  @Test
  void missingOrWrongToken_is401_recordedWithoutTheToken() {
    HttpResponse<String> none =
        app.send(java.net.http.HttpRequest.newBuilder(app.uri("/admin/v1/controls")).build());
    assertEquals(401, none.statusCode());
    assertTrue(none.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
    String secret = "wrong-token-that-must-never-be-echoed-123";
    HttpResponse<String> wrong =
        app.send(
            java.net.http.HttpRequest.newBuilder(app.uri("/admin/v1/controls/x"))
                .header("Authorization", "Bearer " + secret)
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());
    assertEquals(401, wrong.statusCode());
    assertFalse(wrong.body().contains(secret));
    // Unknown paths are not revealed before authentication (outside /v1 the console sends everyone
    // to sign in).
    assertEquals(
        401,
        app.send(java.net.http.HttpRequest.newBuilder(app.uri("/admin/v1/nothing")).build())
            .statusCode());
    assertEquals(
        303,
        app.send(java.net.http.HttpRequest.newBuilder(app.uri("/admin/nothing")).build())
            .statusCode());

    HttpResponse<String> log = app.get("/admin/v1/audit-log?limit=3");
    assertFalse(log.body().contains(secret));
    assertFalse(log.body().contains(AdminHttp.DEV_TOKEN));
    JsonArray e = entries(log);
    assertEquals(3, e.size());
    JsonObject delete = e.get(1).getAsJsonObject();
    assertEquals("denied", delete.get("outcome").getAsString());
    assertEquals("DELETE", delete.get("method").getAsString());
    assertEquals("/v1/controls/x", delete.get("path").getAsString());
    assertEquals(401, delete.get("status").getAsInt());
    assertTrue(delete.get("actor").isJsonNull());
    assertEquals("invalid token", delete.get("reason").getAsString());
  }

  @Test
  void auditLog_filtersBySince_limitsAndExportsJsonLines_newestFirst() {
    Instant start = Instant.now();
    for (int i = 0; i < 3; i++) {
      assertEquals(
          200,
          app.put(
                  "/admin/v1/controls/segregation-of-environments",
                  app.get("/admin/v1/controls/segregation-of-environments")
                      .body()
                      .replaceFirst("\"periodDays\":\\d+", "\"periodDays\":" + (10 + i)))
              .statusCode());
    }
    HttpResponse<String> nd =
        app.send(
            app.request("/admin/v1/audit-log?since=" + start.minusSeconds(1))
                .header("Accept", "application/x-ndjson")
                .build());
    assertEquals(200, nd.statusCode());
    assertTrue(
        nd.headers().firstValue("Content-Type").orElseThrow().startsWith("application/x-ndjson"));
    String[] lines = nd.body().split("\n");
    assertEquals(3, lines.length);
    String previous = null;
    for (String line : lines) {
      JsonObject o = JsonParser.parseString(line).getAsJsonObject();
      if (previous != null) {
        assertTrue(o.get("id").getAsString().compareTo(previous) < 0, "newest first");
      }
      previous = o.get("id").getAsString();
    }
    assertEquals(
        0, entries(app.get("/admin/v1/audit-log?since=" + Instant.now().plusSeconds(60))).size());
    assertEquals(2, entries(app.get("/admin/v1/audit-log?limit=2")).size());
    HttpResponse<String> bad = app.get("/admin/v1/audit-log?since=yesterday&limit=1001");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("\"since\"") && bad.body().contains("\"limit\""), bad.body());
    assertEquals(400, app.get("/admin/v1/audit-log?limit=0").statusCode());
  }
}
