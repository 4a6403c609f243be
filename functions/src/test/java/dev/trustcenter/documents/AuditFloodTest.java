package dev.trustcenter.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.audit.AuditLog;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 4: 1,100 anonymous refused downloads wrote 1,100 audit entries, and the endpoint's
 * newest 1,000 hid an admin's NDA change. Refusals are now aggregated, admin actions can be
 * filtered apart, and a cursor pages over the whole log.
 */
@IntegrationTest
class AuditFloodTest {
  @TempDir Path dir;
  LocalServerFixture app;

  @BeforeEach
  void start() throws Exception {
    app = LocalServerFixture.start(dir);
  }

  @AfterEach
  void stop() {
    app.close();
  }

  HttpRequest.Builder admin(String path) {
    return HttpRequest.newBuilder(app.uri(path))
        .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN);
  }

  static JsonObject json(HttpResponse<String> r) {
    assertEquals(200, r.statusCode(), r.body());
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }

  @Test
  void aFloodOfAnonymousRefusalsNeitherFloodsTheLogNorHidesAnAdminAction() throws Exception {
    assertEquals(
        201,
        app.send(
                admin("/admin/v1/documents/iso-27001-certificate")
                    .header("Content-Type", "application/pdf")
                    .PUT(HttpRequest.BodyPublishers.ofString("%PDF x")))
            .statusCode());
    assertEquals(
        200,
        app.send(
                admin("/admin/v1/nda")
                    .header("Content-Type", "application/json")
                    .PUT(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"text\":{\"es\":\"Acuerdo 2\",\"en\":\"Agreement 2\"}}")))
            .statusCode());
    String bogus = "0".repeat(32) + "." + "A".repeat(43);
    for (int i = 0; i < 1100; i++) {
      HttpResponse<String> r =
          app.send(
              HttpRequest.newBuilder(app.uri("/api/v1/documents/iso-27001-certificate/download"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"grant\":\"" + bogus + "\"}")));
      assertEquals(403, r.statusCode());
    }
    int stored =
        app.services().store().list(AuditLog.COLLECTION, dev.trustcenter.store.Range.all()).size();
    assertTrue(stored < 10, "one entry for the refusals of the hour, not 1,100: " + stored);

    JsonArray newest = json(app.send(admin("/admin/v1/audit-log"))).getAsJsonArray("entries");
    JsonObject refusal = newest.get(0).getAsJsonObject();
    assertEquals("anonymous", refusal.get("actor").getAsString());
    assertEquals("public", refusal.get("origin").getAsString());
    assertEquals(1100, refusal.get("count").getAsInt(), "how often it happened is kept");
    assertTrue(
        newest.toString().contains("nda.replaced"),
        "the admin's NDA change is still on the first page");

    JsonArray adminOnly =
        json(app.send(admin("/admin/v1/audit-log?origin=admin"))).getAsJsonArray("entries");
    assertEquals("nda.replaced", adminOnly.get(0).getAsJsonObject().get("kind").getAsString());
    for (JsonElement e : adminOnly) {
      assertTrue(
          e.getAsJsonObject().get("origin") == null
              || e.getAsJsonObject().get("origin").isJsonNull(),
          "no public event among admin actions");
    }
    assertEquals(400, app.send(admin("/admin/v1/audit-log?origin=everyone")).statusCode());
    assertEquals(400, app.send(admin("/admin/v1/audit-log?cursor=../x")).statusCode());
  }

  @Test
  void aCursorPagesOverTheWholeLogNewestFirstWithoutRepeats() throws Exception {
    for (int i = 0; i < 7; i++) {
      assertEquals(
          200,
          app.send(
                  admin("/admin/v1/nda")
                      .header("Content-Type", "application/json")
                      .PUT(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"text\":{\"es\":\"Acuerdo "
                                  + i
                                  + "\",\"en\":\"Agreement "
                                  + i
                                  + "\"}}")))
              .statusCode());
    }
    int all =
        app.services().store().list(AuditLog.COLLECTION, dev.trustcenter.store.Range.all()).size();
    assertTrue(all >= 7);
    Set<String> seen = new HashSet<>();
    String last = null;
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page =
          json(
              app.send(
                  admin(
                      "/admin/v1/audit-log?limit=2"
                          + (cursor == null ? "" : "&cursor=" + cursor))));
      for (JsonElement e : page.getAsJsonArray("entries")) {
        String id = e.getAsJsonObject().get("id").getAsString();
        assertTrue(seen.add(id), "no entry twice");
        assertTrue(last == null || id.compareTo(last) < 0, "newest first across pages");
        last = id;
      }
      cursor = page.has("cursor") ? page.get("cursor").getAsString() : null;
      pages++;
    } while (cursor != null && pages < 100);
    assertEquals(all, seen.size(), "every entry reached");
    assertNull(cursor);
  }
}
