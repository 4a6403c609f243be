package dev.trustcenter.console;

import static dev.trustcenter.subprocessors.SyncPages.baseline;
import static dev.trustcenter.subprocessors.SyncPages.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.json.Json;
import dev.trustcenter.subprocessors.SubprocessorSync;
import dev.trustcenter.subprocessors.SyncPages;
import dev.trustcenter.subscriptions.Subscriber;
import dev.trustcenter.subscriptions.Subscriptions;
import dev.trustcenter.testing.Chromium;
import dev.trustcenter.testing.Forms;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The console's operations pages in real headless Chromium, set up as {@link ConsoleBrowserTest}
 * is: upload a document with the file picker, run a sync, review a held list as a diff and accept
 * it; zero axe-core violations on every new page in both languages, including an upload refused
 * with its error next to the field.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@IntegrationTest
class ConsoleOperationsBrowserTest {
  private static final String CF_PATH = "/gdpr/subprocessors/cloudflare-services/";
  private static final String GCP_PATH = "/terms/subprocessors";

  @TempDir static Path dataDir;
  @TempDir static Path profiles;
  @TempDir static Path files;
  private static final SyncPages.Site site = new SyncPages.Site();
  private static MockWebServer vendors;
  private static LocalServerFixture app;
  private static ChromeDriver browser;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    Chromium.requireOrSkip("console operations browser tests");
    vendors = new MockWebServer();
    vendors.setDispatcher(site);
    vendors.start();
    site.page(GCP_PATH, page(baseline()));
    site.page(CF_PATH, page(baseline()));
    app =
        LocalServerFixture.start(
            dataDir,
            Map.of(
                "GCP_SUBPROCESSORS_URL", vendors.url(GCP_PATH).toString(),
                "CLOUDFLARE_SUBPROCESSORS_URL", vendors.url(CF_PATH).toString()));
    base = "http://localhost:" + app.port();
    Instant at = Instant.parse("2026-11-02T10:00:00Z");
    Subscriber ana =
        new Subscriber(
            Subscriptions.idOf("ana@cliente.example"),
            "ana@cliente.example",
            Subscriber.CONFIRMED,
            "es",
            List.of("subprocessors"),
            null,
            null,
            at,
            at,
            null,
            null);
    app.services()
        .store()
        .transaction(
            tx -> {
              tx.put(Subscriptions.COLLECTION, ana.id(), Json.write(ana));
              return null;
            });
    // A check run with a failure, so the runs table has rows of both kinds.
    Instant ran = Instant.parse("2026-12-01T06:00:00Z");
    new dev.trustcenter.controls.CheckRuns(app.services().store())
        .save(
            new dev.trustcenter.controls.CheckRuns.Run(
                dev.trustcenter.controls.CheckRuns.newId(ran),
                ran,
                ran.plusSeconds(3),
                true,
                List.of(
                    new dev.trustcenter.controls.CheckRuns.Entry(
                        "automated-backups",
                        "automated-backups",
                        dev.trustcenter.content.CheckOutcome.FAILING,
                        "no backup in the last 24 hours",
                        true))));
    browser = Chromium.options().windowSize(1280, 900).lang("en-US").start(profiles);
  }

  @AfterAll
  static void stop() throws IOException {
    Chromium.quit(browser);
    if (app != null) {
      app.close();
    }
    if (vendors != null) {
      vendors.close();
    }
  }

  @Test
  @Order(1)
  void uploadADocument_thenSyncReviewTheHeldListAsADiffAndAcceptIt() throws Exception {
    ConsoleBrowsing.signIn(browser, base);
    Forms.follow(browser, browser.findElement(By.linkText("Documents")));
    assertEquals("Documents", browser.findElement(By.tagName("h1")).getText());
    Path pdf = files.resolve("SOC 2 Type II.pdf");
    Files.write(pdf, "%PDF-1.7\nSOC 2 Type II report\n%%EOF".getBytes(StandardCharsets.UTF_8));
    browser.findElement(By.id("doc-id")).sendKeys("soc2-report");
    browser.findElement(By.id("doc-file")).sendKeys(pdf.toAbsolutePath().toString());
    Forms.submit(browser, "form[action='/admin/documents']");
    assertTrue(
        ConsoleBrowsing.notice(browser).contains("“soc2-report” was uploaded"),
        browser.getPageSource());
    String card = browser.findElement(By.cssSelector("article.document")).getText();
    assertTrue(card.contains("soc2-report.pdf") && card.contains("application/pdf"), card);
    String api =
        app.send(
                HttpRequest.newBuilder(app.uri("/admin/v1/documents"))
                    .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN))
            .body();
    assertTrue(
        api.contains(
            "\"sha256\":\""
                + dev.trustcenter.http.Responses.sha256Hex(Files.readAllBytes(pdf))
                + "\""),
        "the very bytes of the file were stored: " + api);

    // Sync now, then the vendor's list shrinks: it is held and shown as a diff.
    Forms.follow(browser, browser.findElement(By.linkText("Subprocessor lists")));
    Forms.submit(browser, "form[action='/admin/lists/sync']");
    assertTrue(ConsoleBrowsing.notice(browser).contains("The sync ran"), browser.getPageSource());
    site.page(
        CF_PATH,
        page(
            List.of(
                SyncPages.row("Affiliates", "Example Ltd", "Ireland", "Customer support"),
                SyncPages.row("Support", "New Desk GmbH", "Germany", "Ticketing"))));
    Forms.submit(browser, "form[action='/admin/lists/sync']");
    WebElement held = browser.findElement(By.cssSelector("article.held"));
    String diff = held.getText();
    assertTrue(diff.contains("1 added, 5 removed and 1 changed"), diff);
    assertTrue(diff.contains("New Desk GmbH") && diff.contains("Example Inc."), diff);
    assertTrue(diff.contains("United Kingdom") && diff.contains("Ireland"), diff);
    assertNoAxeViolations("/admin/lists with a held list (en)");
    browser.get(base + "/admin/lists?lang=es");
    assertNoAxeViolations("/admin/lists with a held list (es)");
    browser.get(base + "/admin/lists?lang=en");
    Forms.submit(browser, "form[action='/admin/lists/cloudflare/accept']");
    assertTrue(ConsoleBrowsing.notice(browser).contains("was accepted"), browser.getPageSource());
    assertTrue(app.services().store().get(SubprocessorSync.PENDING, "cloudflare").isEmpty());
    String changes = app.get("/api/v1/subprocessors/changes").body();
    assertTrue(changes.contains("New Desk GmbH"), "the accepted changes are public: " + changes);
  }

  @Test
  @Order(2)
  void everyOperationsPage_inBothLanguages_hasNoAxeViolations() throws Exception {
    ConsoleBrowsing.signIn(browser, base);
    for (String lang : List.of("en", "es")) {
      for (String path :
          List.of(
              "/admin/documents",
              "/admin/lists",
              "/admin/subscribers",
              "/admin/subscribers?status=pending",
              "/admin/runs",
              "/admin/runs?kind=sync")) {
        browser.get(base + path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
        assertEquals(lang, browser.findElement(By.tagName("html")).getDomAttribute("lang"));
        // Open every confirmation so its form is checked too.
        for (WebElement d : browser.findElements(By.cssSelector("details.confirm summary"))) {
          d.click();
        }
        assertNoAxeViolations(path + " (" + lang + ")");
      }
      // An upload refused: the error next to the file field.
      browser.get(base + "/admin/documents?lang=" + lang);
      Path exe = files.resolve("tool-" + lang + ".exe");
      Files.write(exe, new byte[] {'M', 'Z', 0, 0});
      browser.findElement(By.id("doc-id")).sendKeys("tool");
      browser.findElement(By.id("doc-file")).sendKeys(exe.toAbsolutePath().toString());
      Forms.submit(browser, "form[action='/admin/documents']");
      assertTrue(browser.findElement(By.id("file-error")).isDisplayed());
      assertNoAxeViolations("documents with an upload error (" + lang + ")");
    }
    String error = browser.findElement(By.id("file-error")).getText();
    assertTrue(error.contains("no es un tipo de archivo que se pueda compartir"), error);
  }

  private static void assertNoAxeViolations(String page) {
    Chromium.assertNoAxeViolations(browser, page);
  }
}
