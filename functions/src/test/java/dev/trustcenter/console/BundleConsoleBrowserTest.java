package dev.trustcenter.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.testing.Chromium;
import dev.trustcenter.testing.Forms;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The import dry run in real headless Chromium: download nothing, upload an edited export through
 * the file input, read the diff, in both languages, with zero axe-core violations (WCAG 2.x A/AA
 * and best practices) on the page, the diff and a refused bundle.
 */
@IntegrationTest
class BundleConsoleBrowserTest {

  @TempDir static Path dataDir;
  @TempDir static Path profiles;
  @TempDir static Path files;
  private static LocalServerFixture app;
  private static ChromeDriver browser;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    Chromium.requireOrSkip("bundle browser test");
    app = LocalServerFixture.start(dataDir);
    base = "http://localhost:" + app.port();
    browser = Chromium.options().windowSize(1280, 900).lang("en-US").start(profiles);
  }

  @AfterAll
  static void stop() {
    Chromium.quit(browser);
    if (app != null) {
      app.close();
    }
  }

  /** An export with one control renamed and one control added, as a file on disk. */
  private static Path editedExport() throws IOException {
    String export =
        app.send(
                HttpRequest.newBuilder(app.uri("/admin/v1/export"))
                    .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN))
            .body();
    JsonObject bundle = JsonParser.parseString(export).getAsJsonObject();
    bundle
        .getAsJsonArray("controls")
        .get(0)
        .getAsJsonObject()
        .getAsJsonObject("title")
        .addProperty("en", "Renamed by the bundle");
    bundle
        .getAsJsonArray("controls")
        .add(
            JsonParser.parseString(
                "{\"id\":\"restore-drill\",\"categoryId\":\"availability\",\"title\":{\"es\":\"Simulacro de restauración\",\"en\":\"Restore drill\"},"
                    + "\"description\":{\"es\":\"Se restaura una copia.\",\"en\":\"A backup is restored.\"},"
                    + "\"checkMethod\":\"manual_attestation\",\"periodDays\":90,\"position\":15}"));
    Path file = files.resolve("edited-export.json");
    Files.writeString(file, bundle.toString());
    return file;
  }

  @Test
  void importDryRun_showsTheDiff_inBothLanguages_withNoAxeViolations() throws Exception {
    browser.get(base + "/admin/sign-in?lang=en");
    browser.findElement(By.id("token")).sendKeys(LocalServerFixture.DEV_TOKEN, Keys.ENTER);
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(d -> d.getCurrentUrl().endsWith("/admin/"));
    Forms.follow(browser, browser.findElement(By.linkText("Export and import")));
    assertEquals("Export and import", browser.findElement(By.tagName("h1")).getText());
    assertNoAxeViolations("/admin/bundle (en)");
    Path file = editedExport();

    for (String lang : List.of("en", "es")) {
      browser.get(base + "/admin/bundle?lang=" + lang);
      browser.findElement(By.id("bundle-file")).sendKeys(file.toAbsolutePath().toString());
      Forms.submit(browser, "form[action='/admin/bundle/check']");
      WebElement diff = browser.findElement(By.id("h-diff")).findElement(By.xpath(".."));
      String text = diff.getText();
      assertTrue(text.contains("restore-drill"), text);
      assertTrue(text.contains("title.en") && text.contains("Renamed by the bundle"), text);
      assertEquals(
          1,
          browser.findElements(By.cssSelector("form[action='/admin/bundle/import']")).size(),
          "the import is offered once checked");
      assertNoAxeViolations("the dry run (" + lang + ")");
    }
    // Nothing changed: the API still has the control's old title and no new control.
    String controls =
        app.send(
                HttpRequest.newBuilder(app.uri("/admin/v1/controls"))
                    .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN))
            .body();
    assertTrue(
        !controls.contains("restore-drill") && !controls.contains("Renamed by the bundle"),
        controls);

    // A refused bundle: its errors by field, also without violations.
    Path bad = files.resolve("bad.json");
    Files.writeString(bad, "{\"schemaVersion\":1,\"profile\":{}}");
    browser.get(base + "/admin/bundle?lang=en");
    browser.findElement(By.id("bundle-file")).sendKeys(bad.toAbsolutePath().toString());
    Forms.submit(browser, "form[action='/admin/bundle/check']");
    String alert = browser.findElement(By.cssSelector(".alert")).getText();
    assertTrue(alert.contains("profile.companyName") && alert.contains("controls"), alert);
    assertNoAxeViolations("a refused bundle");
  }

  private static void assertNoAxeViolations(String page) {
    Chromium.assertNoAxeViolations(browser, page);
  }
}
