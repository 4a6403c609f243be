package dev.trustcenter.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.testing.IntegrationTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's findings on controls: deleting one that holds evidence, and positions within a
 * category.
 */
@IntegrationTest
class ControlLifecycleTest {
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

  private HttpResponse<String> attest(String id, String note) {
    return app.send(
        app.request("/admin/v1/controls/" + id + "/checks")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"outcome\":\"passing\",\"note\":\""
                        + note
                        + "\",\"evidenceUrl\":\"https://drive.example.com/x\"}"))
            .build());
  }

  private JsonObject control(String id) {
    JsonObject view =
        JsonParser.parseString(
                app.send(
                        HttpRequest.newBuilder(
                                app.uri("/api/v1/trust-center/controls/" + id + "?lang=en"))
                            .build())
                    .body())
            .getAsJsonObject();
    return view;
  }

  @Test
  void
      deletingAControlThatHoldsEvidence_needsConfirmation_andItsResultsNeverComeBackUnderTheSameId() {
    assertEquals(
        201,
        app.put(
                "/admin/v1/controls/restore-drill",
                AdminHttp.control("restore-drill", "availability", "Restore drill"))
            .statusCode());
    assertEquals(201, attest("restore-drill", "first drill").statusCode());
    var before = app.everything();

    HttpResponse<String> refused = app.delete("/admin/v1/controls/restore-drill");
    assertEquals(409, refused.statusCode(), refused.body());
    assertTrue(
        refused.body().contains("has_history") && refused.body().contains("history\\u003dretire"),
        refused.body());
    assertEquals(before, app.everything(), "a refused delete changes nothing");

    assertEquals(204, app.delete("/admin/v1/controls/restore-drill?history=retire").statusCode());
    JsonObject entry =
        JsonParser.parseString(app.get("/admin/v1/audit-log").body())
            .getAsJsonObject()
            .getAsJsonArray("entries")
            .get(0)
            .getAsJsonObject();
    assertEquals("deleted", entry.get("outcome").getAsString());

    // Re-created with the same id: a new control, never checked, with no history.
    assertEquals(
        201,
        app.put(
                "/admin/v1/controls/restore-drill",
                AdminHttp.control("restore-drill", "availability", "Restore drill"))
            .statusCode());
    HttpResponse<String> history = app.get("/admin/v1/controls/restore-drill/checks");
    assertEquals(
        0,
        JsonParser.parseString(history.body()).getAsJsonObject().getAsJsonArray("results").size(),
        history.body());
    String publicView =
        app.send(HttpRequest.newBuilder(app.uri("/api/v1/trust-center?lang=en")).build()).body();
    int at = publicView.indexOf("\"id\":\"restore-drill\"");
    assertTrue(
        at > 0 && publicView.substring(at, publicView.indexOf('}', at)).contains("not_yet_checked"),
        publicView);

    // Its new results are its own; a control with no results is deleted without confirmation.
    assertEquals(201, attest("restore-drill", "second drill").statusCode());
    String again = app.get("/admin/v1/controls/restore-drill/checks").body();
    assertTrue(again.contains("second drill") && !again.contains("first drill"), again);
    assertEquals(
        201,
        app.put(
                "/admin/v1/controls/never-checked",
                AdminHttp.control("never-checked", "availability", "N"))
            .statusCode());
    assertEquals(204, app.delete("/admin/v1/controls/never-checked").statusCode());
  }

  @Test
  void aControlsPosition_countsWithinItsCategory() {
    // The seed numbers each category's controls 10, 20, 30...; position 15 lands second in its
    // category.
    assertEquals(
        201,
        app.put(
                "/admin/v1/controls/backup-restore-test",
                AdminHttp.control("backup-restore-test", "availability", "Backup restore test"))
            .statusCode());
    JsonObject view =
        JsonParser.parseString(
                app.send(HttpRequest.newBuilder(app.uri("/api/v1/trust-center?lang=en")).build())
                    .body())
            .getAsJsonObject();
    List<String> availability = new ArrayList<>();
    for (JsonElement c : view.getAsJsonArray("categories")) {
      if (c.getAsJsonObject().get("id").getAsString().equals("availability")) {
        c.getAsJsonObject()
            .getAsJsonArray("controls")
            .forEach(x -> availability.add(x.getAsJsonObject().get("id").getAsString()));
      }
    }
    assertEquals(4, availability.size(), availability.toString());
    assertEquals("backup-restore-test", availability.get(1), availability.toString());
    // The admin list is grouped by category, in the categories' order.
    var items =
        JsonParser.parseString(app.get("/admin/v1/controls").body())
            .getAsJsonObject()
            .getAsJsonArray("items");
    List<String> categoriesInOrder = new ArrayList<>();
    for (JsonElement i : items) {
      String cat = i.getAsJsonObject().get("categoryId").getAsString();
      if (categoriesInOrder.isEmpty()
          || !categoriesInOrder.get(categoriesInOrder.size() - 1).equals(cat)) {
        assertFalse(categoriesInOrder.contains(cat), "controls of " + cat + " are together");
        categoriesInOrder.add(cat);
      }
    }
    assertEquals(10, categoriesInOrder.size());
  }
}
