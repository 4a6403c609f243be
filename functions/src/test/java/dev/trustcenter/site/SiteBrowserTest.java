package dev.trustcenter.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.app.Services;
import dev.trustcenter.config.Config;
import dev.trustcenter.local.LocalServer;
import dev.trustcenter.testing.Chromium;
import dev.trustcenter.testing.Forms;
import dev.trustcenter.testing.IntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The published site in real headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}), served by the local server exactly as {@code java -jar} serves it, under
 * production's Content-Security-Policy: content, the language switch, zero axe-core violations
 * (WCAG 2.x A/AA and best practices) on every kind of page, no console errors, complete without
 * JavaScript, no horizontal scrolling on a 320 px wide phone.
 *
 * <p>Without Chromium the tests are skipped with a message; with {@code CI=true} a missing browser
 * fails.
 */
@IntegrationTest
class SiteBrowserTest {
  private static final String TOKEN = "browser-test-dev-token-0123456789";

  @TempDir static Path dataDir;
  @TempDir static Path profiles;
  private static LocalServer server;
  private static ChromeDriver js;
  private static ChromeDriver noJs;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    Chromium.requireOrSkip("browser tests");
    Config config =
        Config.fromEnvironment(
            Map.of(
                "PORT",
                "0",
                "TRUST_CENTER_DATA_DIR",
                dataDir.toString(),
                "TRUST_CENTER_DEV_TOKEN",
                TOKEN));
    Services services = Services.local(config);
    SiteTestData.fill(services.store(), java.time.Instant.now());
    server = LocalServer.start(config, services);
    base = "http://localhost:" + server.port();
    js = Chromium.options().windowSize(1280, 900).consoleLogs().start(profiles);
    noJs = Chromium.options().javaScript(false).windowSize(1280, 900).consoleLogs().start(profiles);
  }

  @AfterAll
  static void stop() {
    Chromium.quit(js, noJs);
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void desktopSize() {
    js.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    js.manage().logs().get(LogType.BROWSER); // drain earlier pages' messages
  }

  // ---- content and behaviour

  @Test
  void spanishPage_showsEverySectionInSpanish() {
    js.get(base + "/es/");
    assertEquals("es", js.findElement(By.tagName("html")).getDomAttribute("lang"));
    assertEquals("Centro de confianza de Copsis", js.findElement(By.tagName("h1")).getText());
    assertEquals(
        List.of(
            "Postura de seguridad",
            "Cumplimiento",
            "Dónde están los datos",
            "Subprocesadores",
            "Recursos",
            "Supervisión de controles"),
        js.findElements(By.cssSelector("main h2")).stream().map(WebElement::getText).toList());
    assertEquals(45, js.findElements(By.cssSelector("li.control")).size());
    assertTrue(js.findElement(By.id("compliance")).getText().contains("ISO/IEC 27001:2022"));
    assertTrue(js.findElement(By.id("subprocessor-google-cloud")).getText().contains("3 entradas"));
    assertTrue(
        js.findElement(By.id("subprocessor-cloudflare"))
            .getText()
            .contains("todavía no se ha sincronizado"));
    assertTrue(
        js.findElement(By.cssSelector("li.control[data-status='failing']"))
            .getText()
            .contains("Con fallos"));
    assertNoConsoleErrors();
  }

  @Test
  void languageSwitch_leadsToTheSamePageInEnglish() {
    js.get(base + "/es/");
    js.findElement(By.cssSelector("nav.lang a")).click();
    new WebDriverWait(js, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/en/"));
    assertEquals("en", js.findElement(By.tagName("html")).getDomAttribute("lang"));
    assertEquals("Copsis Trust Center", js.findElement(By.tagName("h1")).getText());
    js.findElement(By.cssSelector("nav.lang a")).click();
    new WebDriverWait(js, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/es/"));
    assertNoConsoleErrors();
  }

  @Test
  void filters_showOnlyTheChosenStatus_andRelativeTimesAreAdded() {
    js.get(base + "/en/");
    assertFalse(
        js.findElements(By.cssSelector("time[data-relative] + .rel")).isEmpty(),
        "relative times added");
    String relative =
        js.findElement(
                By.cssSelector("li.control[data-status='failing'] time[data-relative] + .rel"))
            .getText();
    assertTrue(relative.matches("\\((\\d+ hours? ago)\\)"), relative);
    WebElement form = js.findElement(By.cssSelector("form.filters"));
    assertTrue(form.isDisplayed(), "the script reveals the filters");
    new Select(js.findElement(By.id("filter-status"))).selectByValue("failing");
    List<WebElement> visible =
        js.findElements(By.cssSelector("li.control")).stream()
            .filter(WebElement::isDisplayed)
            .toList();
    assertEquals(1, visible.size());
    assertTrue(
        visible.get(0).getText().contains("Encryption-in-Transit")
            || visible.get(0).getText().contains("Encryption in Transit"),
        visible.get(0).getText());
    assertEquals(
        "Showing 1 of 45 controls.", js.findElement(By.cssSelector(".filter-count")).getText());
    new Select(js.findElement(By.id("filter-status"))).selectByValue("");
    new Select(js.findElement(By.id("filter-category"))).selectByValue("availability");
    assertEquals(
        3,
        js.findElements(By.cssSelector("li.control")).stream()
            .filter(WebElement::isDisplayed)
            .count());
    assertNoConsoleErrors();
  }

  @Test
  void withoutJavaScript_everyPageIsComplete() {
    noJs.get(base + "/en/");
    assertEquals("Copsis Trust Center", noJs.findElement(By.tagName("h1")).getText());
    List<WebElement> controls = noJs.findElements(By.cssSelector("li.control"));
    assertEquals(45, controls.size());
    assertTrue(
        noJs.findElement(By.cssSelector("li.control[data-status='failing']")).isDisplayed(),
        "a group with a failing control is open");
    WebElement availability = noJs.findElement(By.id("category-availability"));
    assertFalse(
        availability.findElement(By.cssSelector("li.control")).isDisplayed(),
        "other groups start closed");
    availability.findElement(By.tagName("summary")).click();
    assertTrue(
        availability.findElements(By.cssSelector("li.control")).stream()
            .allMatch(WebElement::isDisplayed),
        "a group opens without script");
    assertEquals(
        base + "/api/v1/access-requests/new?lang=en&documentId=iso-27001-certificate",
        noJs.findElement(By.cssSelector("#compliance a.button")).getAttribute("href"));
    assertEquals(
        3,
        noJs.findElements(By.cssSelector("#resources a.button")).size(),
        "each document on request has its button");
    assertEquals(
        base + "/api/v1/subscriptions/new?lang=en",
        noJs.findElement(By.cssSelector(".actions a")).getAttribute("href"));
    assertFalse(
        noJs.findElement(By.cssSelector("form.filters")).isDisplayed(),
        "filters need the script, so they stay hidden");
    assertTrue(noJs.findElements(By.cssSelector(".rel")).isEmpty(), "no script ran");
    assertTrue(
        noJs.findElement(By.id("resources")).getText().contains("Google Cloud Privacy Notice"));
    Forms.follow(
        noJs, noJs.findElement(By.cssSelector("a[href='/en/subprocessors/google-cloud/']")));
    assertEquals(3, noJs.findElements(By.cssSelector("tbody tr")).size());
    noJs.get(base + "/");
    new WebDriverWait(noJs, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/es/"));
    assertEquals("Centro de confianza de Copsis", noJs.findElement(By.tagName("h1")).getText());
  }

  @Test
  void onA320PixelWidePhone_noPageScrollsSideways() {
    js.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", 320, "height", 800, "deviceScaleFactor", 2, "mobile", true));
    for (String path :
        List.of(
            "/",
            "/es/",
            "/en/",
            "/es/controls/encryption-in-transit/",
            "/en/controls/automated-backup-process/",
            "/en/subprocessors/google-cloud/",
            "/404.html")) {
      js.get(base + path);
      Number scroll = (Number) js.executeScript("return document.documentElement.scrollWidth");
      Number client = (Number) js.executeScript("return document.documentElement.clientWidth");
      assertTrue(
          scroll.intValue() <= client.intValue(),
          path + " scrolls sideways: " + scroll + " > " + client);
    }
  }

  // ---- accessibility

  @Test
  void spanishPage_hasNoAxeViolations() {
    assertNoAxeViolations("/es/");
  }

  @Test
  void englishPage_hasNoAxeViolations() {
    assertNoAxeViolations("/en/");
  }

  @Test
  void controlPages_haveNoAxeViolations() {
    assertNoAxeViolations("/es/controls/encryption-in-transit/");
    assertNoAxeViolations("/en/controls/segregation-of-environments/");
    assertNoAxeViolations("/en/controls/automated-backup-process/");
  }

  @Test
  void controlPage_withoutJavaScript_showsTheEvidenceTheStripAndWhyACheckCouldNotRun() {
    noJs.get(base + "/en/controls/encryption-in-transit/");
    String text = noJs.findElement(By.tagName("main")).getText();
    assertTrue(text.contains("What the check tests"), text);
    assertTrue(text.contains("minimum TLS version is 1.0, below 1.2"), text);
    assertTrue(
        noJs.findElement(By.cssSelector("main table")).getText().contains("min_tls_version 1.0"));
    assertEquals(90, noJs.findElements(By.cssSelector("ol.strip li")).size());
    assertTrue(noJs.findElement(By.cssSelector("ol.strip")).isDisplayed());
    assertTrue(text.contains("started failing"), text);
    noJs.get(base + "/es/controls/automated-backup-process/");
    String es = noJs.findElement(By.tagName("main")).getText();
    assertTrue(es.contains("No se pudo comprobar"), es);
    assertFalse(es.contains("Aún sin comprobar"), es);
    assertTrue(es.contains("ARCHIVE_BUCKET is not configured"), es);
  }

  @Test
  void notFoundPage_hasNoAxeViolations() {
    assertNoAxeViolations("/404.html");
  }

  @Test
  void upstreamListPages_haveNoAxeViolations() {
    assertNoAxeViolations("/en/subprocessors/google-cloud/");
    assertNoAxeViolations("/es/subprocessors/google-cloud/");
  }

  @Test
  void narrowEnglishPage_hasNoAxeViolations() {
    js.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", 320, "height", 800, "deviceScaleFactor", 2, "mobile", true));
    assertNoAxeViolations("/en/subprocessors/google-cloud/");
    assertNoAxeViolations("/en/");
  }

  private void assertNoAxeViolations(String path) {
    js.get(base + path);
    Chromium.assertNoAxeViolations(js, path);
    assertNoConsoleErrors();
  }

  private void assertNoConsoleErrors() {
    List<LogEntry> errors = Chromium.consoleWarnings(js);
    assertTrue(
        errors.isEmpty(),
        "console errors: "
            + errors.stream().map(LogEntry::getMessage).collect(Collectors.joining("\n")));
  }
}
