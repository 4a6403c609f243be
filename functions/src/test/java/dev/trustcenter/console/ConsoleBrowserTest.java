package dev.trustcenter.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.testing.Chromium;
import dev.trustcenter.testing.Forms;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in real headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}), served by the local server as {@code java -jar} serves it: sign in with the
 * keyboard, edit a control, attest with a past date and see that date on the published page,
 * approve an access request, read the audit trail; zero axe-core violations (WCAG 2.x A/AA and best
 * practices) on every console page in both languages.
 *
 * <p>Without Chromium the tests are skipped with a message; with {@code CI=true} a missing browser
 * fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@IntegrationTest
class ConsoleBrowserTest {
  private static final byte[] PDF =
      "%PDF-1.7\nISO 27001 certificate\n%%EOF".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path dataDir;
  @TempDir static Path profiles;
  private static LocalServerFixture app;
  private static ChromeDriver browser;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    Chromium.requireOrSkip("console browser tests");
    app = LocalServerFixture.start(dataDir);
    base = "http://localhost:" + app.port();
    // A pending access request with its NDA evidence, as a visitor files it.
    HttpResponse<String> up =
        app.send(
            HttpRequest.newBuilder(app.uri("/admin/v1/documents/iso-27001"))
                .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN)
                .header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(PDF)));
    assertTrue(up.statusCode() == 201 || up.statusCode() == 200, up.body());
    HttpResponse<String> filed =
        app.send(
            HttpRequest.newBuilder(app.uri("/api/v1/access-requests"))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Procurement-Bot/1.0")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Ana García\",\"email\":\"ana@cliente.example\",\"company\":\"Cliente S.L.\","
                            + "\"reason\":\"Vendor review\",\"documentIds\":[\"iso-27001\"],\"ndaVersion\":1,\"ndaAccepted\":true,\"language\":\"es\"}")));
    assertEquals(202, filed.statusCode(), filed.body());
    browser = Chromium.options().windowSize(1280, 900).lang("en-US").start(profiles);
  }

  @AfterAll
  static void stop() {
    Chromium.quit(browser);
    if (app != null) {
      app.close();
    }
  }

  private static String h1() {
    return browser.findElement(By.tagName("h1")).getText();
  }

  private static void submit(String formSelector) {
    Forms.submit(browser, formSelector);
  }

  @Test
  @Order(1)
  void
      signIn_withTheKeyboard_thenEditAControl_attestWithAPastDate_approveARequest_andSeeTheAuditTrail()
          throws Exception {
    browser.get(base + "/admin/?lang=en");
    assertTrue(browser.getCurrentUrl().endsWith("/admin/sign-in"), browser.getCurrentUrl());
    // Keyboard only: Tab from the top reaches the token field; Enter submits.
    WebElement active = browser.switchTo().activeElement();
    for (int i = 0;
        i < 10 && !"token".equals(browser.switchTo().activeElement().getDomAttribute("id"));
        i++) {
      browser.switchTo().activeElement().sendKeys(Keys.TAB);
      if (i == 0 && active.equals(browser.switchTo().activeElement())) {
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
      }
    }
    WebElement token = browser.switchTo().activeElement();
    assertEquals("token", token.getDomAttribute("id"), "the token field is reachable with Tab");
    token.sendKeys(LocalServerFixture.DEV_TOKEN, Keys.ENTER);
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(d -> d.getCurrentUrl().endsWith("/admin/"));
    assertEquals("Needs attention", h1());
    assertTrue(
        browser
            .findElement(By.id("h-requests"))
            .findElement(By.xpath(".."))
            .getText()
            .contains("Ana García"));
    Object stored =
        ((JavascriptExecutor) browser)
            .executeScript(
                "return document.cookie + '|' + JSON.stringify(localStorage) + '|' + JSON.stringify(sessionStorage)");
    assertEquals(
        "|{}|{}", stored, "no token or session readable by a script, nothing in browser storage");

    // Edit a control: its period and its place in the category.
    Forms.follow(browser, browser.findElement(By.linkText("Controls")));
    Forms.follow(browser, browser.findElement(By.linkText("Background Checks")));
    WebElement period = browser.findElement(By.id("periodDays"));
    period.clear();
    period.sendKeys("120");
    new Select(browser.findElement(By.id("checkMethod"))).selectByValue("manual_attestation");
    submit("form[action$='/background-checks']");
    assertTrue(ConsoleBrowsing.notice(browser).contains("saved"), browser.getPageSource());
    assertEquals("120", browser.findElement(By.id("periodDays")).getDomProperty("value"));

    // Attest with a past date.
    String day = LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC).minusDays(40).toString();
    browser.findElement(By.id("outcome-passing")).click();
    ((JavascriptExecutor) browser)
        .executeScript("document.getElementById('performedOn').value = arguments[0]", day);
    browser.findElement(By.id("note")).sendKeys("Background checks of the 4 hires of the quarter");
    browser.findElement(By.id("evidenceUrl")).sendKeys("https://drive.example.com/d/checks-q3");
    submit("form[action$='/checks']");
    assertTrue(ConsoleBrowsing.notice(browser).contains("Recorded"), browser.getPageSource());
    WebElement time = browser.findElement(By.cssSelector("table.history time"));
    assertTrue(time.getDomAttribute("datetime").startsWith(day), time.getDomAttribute("datetime"));
    // The published page shows the day it was performed, not today.
    String published = "";
    for (int i = 0; i < 100 && !published.contains("datetime=\"" + day); i++) {
      Thread.sleep(100);
      published = app.get("/en/controls/background-checks/").body();
    }
    assertTrue(published.contains("datetime=\"" + day), "published with its own date");

    // Approve the access request for 14 days.
    Forms.follow(browser, browser.findElement(By.linkText("Access requests")));
    WebElement request = browser.findElement(By.cssSelector("article.request"));
    assertTrue(request.getText().contains("ana@cliente.example"));
    request.findElement(By.tagName("summary")).click();
    assertTrue(request.getText().contains("Procurement-Bot/1.0"), "the NDA evidence is shown");
    WebElement days = request.findElement(By.cssSelector("input[name=expiresInDays]"));
    days.clear();
    days.sendKeys("14");
    Forms.follow(browser, request.findElement(By.cssSelector("form[action$='/approve'] button")));
    assertTrue(ConsoleBrowsing.notice(browser).startsWith("Approved"), browser.getPageSource());
    assertTrue(
        browser
            .findElement(By.id("h-links"))
            .findElement(By.xpath(".."))
            .getText()
            .contains("/api/v1/documents/iso-27001"));
    String decided = browser.findElement(By.id("h-decided")).findElement(By.xpath("..")).getText();
    assertTrue(decided.contains("ana@cliente.example") && decided.contains("Approved"), decided);

    // The audit trail names all three, and filters to one.
    Forms.follow(browser, browser.findElement(By.linkText("Audit log")));
    String log = browser.findElement(By.cssSelector("table.audit")).getText();
    assertTrue(
        log.contains("background-checks") && log.contains("checks") && log.contains("controls"),
        log);
    assertTrue(log.contains("approved") || log.contains("approve"), log);
    browser.findElement(By.id("f-action")).sendKeys("checks");
    submit("form.filters-form");
    List<WebElement> rows = browser.findElements(By.cssSelector("table.audit tbody tr"));
    assertEquals(1, rows.size(), browser.findElement(By.cssSelector("table.audit")).getText());
    assertTrue(rows.get(0).getText().contains("performed " + day), rows.get(0).getText());
  }

  @Test
  @Order(2)
  void everyConsolePage_inBothLanguages_hasNoAxeViolations() {
    ConsoleBrowsing.signIn(browser, base);
    for (String lang : List.of("en", "es")) {
      for (String path :
          List.of(
              "/admin/",
              "/admin/controls",
              "/admin/controls/background-checks",
              "/admin/controls/information-security-policy",
              "/admin/controls/encryption-in-transit",
              "/admin/access-requests",
              "/admin/profile",
              "/admin/audit",
              "/admin/subprocessor-changes",
              "/admin/audit?action=checks",
              "/admin/no-such-page")) {
        browser.get(base + path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
        assertEquals(lang, browser.findElement(By.tagName("html")).getDomAttribute("lang"));
        assertNoAxeViolations(path + " (" + lang + ")");
      }
      // A form with field errors next to its fields.
      browser.get(base + "/admin/controls/background-checks?lang=" + lang);
      WebElement period = browser.findElement(By.id("periodDays"));
      period.clear();
      period.sendKeys("0");
      submit("form[action$='/background-checks']");
      assertTrue(browser.findElement(By.id("periodDays-error")).isDisplayed());
      assertNoAxeViolations("control editor with errors (" + lang + ")");
    }
    // The sign-in page, after signing out.
    Forms.follow(
        browser, browser.findElement(By.cssSelector("form[action='/admin/sign-out'] button")));
    assertTrue(browser.getCurrentUrl().endsWith("/admin/sign-in"));
    assertNoAxeViolations("/admin/sign-in");
  }

  private static void assertNoAxeViolations(String page) {
    Chromium.assertNoAxeViolations(browser, page);
  }
}
