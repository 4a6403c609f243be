package dev.trustcenter.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.store.Range;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export and import page over HTTP as a browser would use it: the download, an uploaded
 * bundle's dry run shown field by field (changing nothing), the CSRF token on both multipart forms,
 * a bad bundle's errors by path, and the confirmed import.
 */
@IntegrationTest
class BundleConsoleHttpTest {
  @TempDir Path dir;
  private LocalServerFixture app;
  private ConsoleClient browser;

  @BeforeEach
  void start() throws Exception {
    app = LocalServerFixture.start(dir);
    browser = new ConsoleClient(app, "en");
  }

  @AfterEach
  void stop() {
    app.close();
  }

  /** The bundle form as a browser sends it; {@code file} (may be null) goes as field "bundle". */
  private HttpResponse<String> postMultipart(
      String path, Map<String, String> fields, String file, String... headers) {
    return browser.multipart(
        path,
        fields,
        file == null
            ? null
            : new ConsoleClient.Part(
                "bundle", "export.json", "application/json", file.getBytes(StandardCharsets.UTF_8)),
        headers);
  }

  private Map<String, String> everything() {
    Map<String, String> all = new LinkedHashMap<>();
    for (String c :
        List.of("profile", "controls", "categories", "meta", "public", "nda", "audit-log")) {
      app.services().store().list(c, Range.all()).forEach(d -> all.put(c + "/" + d.id(), d.json()));
    }
    return all;
  }

  @Test
  void exportDownloads_dryRunShowsEachChangedField_changesNothing_thenTheConfirmedImportApplies() {
    String csrf = browser.signIn();
    HttpResponse<String> page = browser.get("/admin/bundle");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("href=\"/admin/bundle\" aria-current=\"page\""), page.body());
    assertTrue(page.body().contains("enctype=\"multipart/form-data\""), page.body());

    HttpResponse<String> export = browser.get("/admin/bundle/export");
    assertEquals(200, export.statusCode(), export.body());
    assertTrue(
        export.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"));
    JsonObject bundle = JsonParser.parseString(export.body()).getAsJsonObject();
    JsonObject control = bundle.getAsJsonArray("controls").get(0).getAsJsonObject();
    String id = control.get("id").getAsString();
    String oldTitle = control.getAsJsonObject("title").get("en").getAsString();
    control.getAsJsonObject("title").addProperty("en", "Renamed <by> the bundle");
    var before = everything();

    HttpResponse<String> noToken =
        postMultipart("/admin/bundle/check", Map.of(), bundle.toString());
    assertEquals(403, noToken.statusCode(), noToken.body());
    HttpResponse<String> crossSite =
        postMultipart(
            "/admin/bundle/check",
            Map.of("csrf", csrf),
            bundle.toString(),
            "Sec-Fetch-Site",
            "cross-site");
    assertEquals(403, crossSite.statusCode(), crossSite.body());

    HttpResponse<String> dry =
        postMultipart("/admin/bundle/check", Map.of("csrf", csrf), bundle.toString());
    assertEquals(200, dry.statusCode(), dry.body());
    assertEquals(before, everything(), "the dry run changed nothing");
    var doc = Jsoup.parse(dry.body());
    var row = doc.select("table.history tbody tr").first();
    assertEquals("title.en", row.select("td").get(0).text(), dry.body());
    assertEquals(oldTitle, row.select("td").get(1).text());
    assertEquals("Renamed <by> the bundle", row.select("td").get(2).text());
    assertTrue(doc.select("table.history caption").text().contains(id));
    String carried = doc.select("form[action=/admin/bundle/import] input[name=bundle]").val();
    assertEquals(bundle, JsonParser.parseString(carried).getAsJsonObject());

    String basis = doc.select("form[action=/admin/bundle/import] input[name=basis]").val();
    assertTrue(basis.startsWith("sha256:"), basis);
    HttpResponse<String> imported =
        postMultipart(
            "/admin/bundle/import", Map.of("csrf", csrf, "bundle", carried, "basis", basis), null);
    assertEquals(303, imported.statusCode(), imported.body());
    assertEquals(
        "/admin/bundle?imported=1", imported.headers().firstValue("Location").orElseThrow());
    assertTrue(browser.get("/admin/bundle?imported=1").body().contains("The bundle was imported"));
    String stored = app.services().store().get("controls", id).orElseThrow().json();
    assertTrue(stored.contains("Renamed \\u003cby\\u003e the bundle"), stored);
  }

  @Test
  void aBadBundle_isShownWithEachFieldPath_andChangesNothing() {
    String csrf = browser.signIn();
    JsonObject bundle =
        JsonParser.parseString(browser.get("/admin/bundle/export").body()).getAsJsonObject();
    bundle.getAsJsonArray("controls").get(2).getAsJsonObject().addProperty("periodDays", 0);
    var before = everything();

    HttpResponse<String> r =
        postMultipart("/admin/bundle/check", Map.of("csrf", csrf), bundle.toString());

    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("<code>controls[2].periodDays</code>"), r.body());
    assertTrue(r.body().contains("This bundle cannot be imported; nothing was changed."));
    assertFalse(r.body().contains("action=\"/admin/bundle/import\""), "no import offered");
    HttpResponse<String> version =
        postMultipart("/admin/bundle/check", Map.of("csrf", csrf), "{\"schemaVersion\":9}");
    assertEquals(400, version.statusCode());
    assertTrue(version.body().contains("<code>schemaVersion</code>"), version.body());
    HttpResponse<String> none = postMultipart("/admin/bundle/check", Map.of("csrf", csrf), null);
    assertEquals(400, none.statusCode());
    assertEquals(before, everything());
  }
}
