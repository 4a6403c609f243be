package dev.trustcenter.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.testing.Chromium;
import dev.trustcenter.testing.Forms;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The content editors in real headless Chromium, on the same local-server fixture as {@link
 * ConsoleBrowserTest}: edit the ISO 27001 certificate and a subprocessor as an admin does and find
 * the change on the published site; zero axe-core violations (WCAG 2.x A/AA and best practices) on
 * every content page in both languages, with field errors shown and after a 412.
 *
 * <p>Without Chromium the tests are skipped with a message; with {@code CI=true} a missing browser
 * fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@IntegrationTest
class ContentEditorsBrowserTest {

  @TempDir static Path dataDir;
  @TempDir static Path profiles;
  private static LocalServerFixture app;
  private static ChromeDriver browser;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    Chromium.requireOrSkip("content editor browser tests");
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

  private static void type(String id, String text) {
    WebElement e = browser.findElement(By.id(id));
    e.clear();
    e.sendKeys(text);
  }

  private static void date(String id, String day) {
    ((JavascriptExecutor) browser)
        .executeScript("document.getElementById(arguments[0]).value = arguments[1]", id, day);
  }

  private static void assertPublished(String path, String text) throws InterruptedException {
    String page = "";
    for (int i = 0; i < 100 && !page.contains(text); i++) {
      Thread.sleep(100);
      page = app.get(path).body();
    }
    assertTrue(page.contains(text), "published " + path + " shows " + text);
  }

  @Test
  @Order(1)
  void anAdminEditsTheIsoCertificateAndASubprocessor_andTheSiteShowsBoth() throws Exception {
    ConsoleBrowsing.signIn(browser, base);
    Forms.follow(browser, browser.findElement(By.linkText("Content")));
    Forms.follow(browser, browser.findElement(By.linkText("Frameworks and certificates")));
    Forms.follow(browser, browser.findElement(By.partialLinkText("ISO/IEC 27001")));
    type("certificationBody", "AENOR");
    type("certificateNumber", "SI-0456/2025");
    date("validFrom", "2025-03-01");
    date("validUntil", "2028-02-28");
    type("scopeEs", "Desarrollo y operación de la plataforma SaaS.");
    type("scopeEn", "Development and operation of the SaaS platform.");
    type("verifyUrl", "https://www.aenor.com/certificacion/certificados-emitidos");
    Forms.submit(browser, "form[action$='/frameworks/iso-27001']");
    assertTrue(ConsoleBrowsing.notice(browser).startsWith("Saved"), browser.getPageSource());
    assertEquals(
        "SI-0456/2025", browser.findElement(By.id("certificateNumber")).getDomProperty("value"));
    assertPublished("/en/", "SI-0456/2025");

    Forms.follow(browser, browser.findElement(By.linkText("Content")));
    Forms.follow(browser, browser.findElement(By.linkText("Subprocessors")));
    Forms.follow(browser, browser.findElement(By.linkText("Cloudflare")));
    type("dataLocationsEs", "Unión Europea\nEstados Unidos");
    type("dataLocationsEn", "European Union\nUnited States");
    Forms.submit(browser, "form[action$='/subprocessors/cloudflare']");
    assertTrue(ConsoleBrowsing.notice(browser).startsWith("Saved"), browser.getPageSource());
    assertPublished("/es/", "Unión Europea, Estados Unidos");
  }

  @Test
  @Order(2)
  void everyContentPage_inBothLanguages_hasNoAxeViolations() {
    ConsoleBrowsing.signIn(browser, base);
    for (String lang : List.of("en", "es")) {
      for (String path :
          List.of(
              "/admin/content",
              "/admin/content/frameworks",
              "/admin/content/frameworks/iso-27001",
              "/admin/content/frameworks/_new",
              "/admin/content/categories",
              "/admin/content/categories/availability",
              "/admin/content/categories/_new",
              "/admin/content/subprocessors",
              "/admin/content/subprocessors/cloudflare",
              "/admin/content/subprocessors/_new",
              "/admin/content/resources",
              "/admin/content/resources/privacy-notice",
              "/admin/content/resources/_new",
              "/admin/content/nda")) {
        browser.get(base + path + "?lang=" + lang);
        assertEquals(lang, browser.findElement(By.tagName("html")).getDomAttribute("lang"));
        assertNoAxeViolations(path + " (" + lang + ")");
      }
      // A certificate with errors next to its fields.
      browser.get(base + "/admin/content/frameworks/iso-27001?lang=" + lang);
      date("validFrom", "2026-03-01");
      date("validUntil", "2025-03-01");
      type("verifyUrl", "http://insecure.example.com");
      Forms.submit(browser, "form[action$='/frameworks/iso-27001']");
      assertTrue(browser.findElement(By.id("validUntil-error")).isDisplayed());
      assertTrue(browser.findElement(By.id("verifyUrl-error")).isDisplayed());
      assertEquals(
          "true", browser.findElement(By.id("validUntil")).getDomAttribute("aria-invalid"));
      assertNoAxeViolations("certificate editor with errors (" + lang + ")");
      // A subprocessor saved from a page opened before someone else's change (412).
      browser.get(base + "/admin/content/subprocessors/cloudflare?lang=" + lang);
      String other = lang.equals("es") ? "Notas de otra persona." : "Someone else's notes.";
      String json =
          app.send(
                  java.net.http.HttpRequest.newBuilder(
                          app.uri("/admin/v1/subprocessors/cloudflare"))
                      .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN))
              .body();
      JsonObject sp = JsonParser.parseString(json).getAsJsonObject();
      sp.getAsJsonObject("notes").addProperty(lang, other);
      assertEquals(
          200,
          app.send(
                  java.net.http.HttpRequest.newBuilder(
                          app.uri("/admin/v1/subprocessors/cloudflare"))
                      .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN)
                      .header("Content-Type", "application/json")
                      .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(sp.toString())))
              .statusCode());
      type("name", "Cloudflare, Inc.");
      Forms.submit(browser, "form[action$='/subprocessors/cloudflare']");
      assertTrue(
          ConsoleBrowsing.notice(browser)
              .startsWith(lang.equals("es") ? "Otra persona cambió" : "Someone else changed"),
          ConsoleBrowsing.notice(browser));
      assertEquals(
          "Cloudflare, Inc.", browser.findElement(By.id("name")).getDomProperty("value"), "kept");
      assertNoAxeViolations("subprocessor editor after a 412 (" + lang + ")");
    }
  }

  private static void assertNoAxeViolations(String page) {
    Chromium.assertNoAxeViolations(browser, page);
  }
}
