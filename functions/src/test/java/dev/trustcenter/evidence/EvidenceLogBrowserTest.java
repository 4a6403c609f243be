package dev.trustcenter.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.Seed;
import dev.trustcenter.controls.CheckResult;
import dev.trustcenter.controls.CheckResults;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.testing.Chromium;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The control page's in-browser check in real headless Chromium: WebCrypto Ed25519 verifies the
 * checkpoint and the page recomputes the latest result's inclusion proof from the published tiles;
 * a changed entry fails it.
 */
@IntegrationTest
class EvidenceLogBrowserTest {
  @TempDir Path dir;
  LocalServerFixture app;
  ChromeDriver browser;

  @BeforeEach
  void start() throws Exception {
    Chromium.requireOrSkip("evidence log browser tests");
    app = LocalServerFixture.start(dir.resolve("data"));
    CheckResults results = new CheckResults(app.services().store(), new SnapshotWriter(365));
    Instant t = Instant.parse("2026-03-01T10:00:00Z");
    String control = Seed.load().controls().get(0).id();
    // Enough results for a full tile and bundle, so the proof spans tile levels and partial tiles.
    List<CheckResult> many = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String c = Seed.load().controls().get(1 + i % 5).id();
      many.add(
          new CheckResult(
              c, CheckOutcome.PASSING, t.plusSeconds(i), "check", Map.of(), null, null, false));
    }
    results.record(many, t.plusSeconds(300));
    results.record(
        List.of(
            new CheckResult(
                control,
                CheckOutcome.FAILING,
                t.plusSeconds(400),
                "check",
                Map.of("on", false),
                "off",
                null,
                true)),
        t.plusSeconds(400));
    app.services().sitePublisher().publish();

    browser = Chromium.options().start(dir);
  }

  @AfterEach
  void stop() {
    Chromium.quit(browser);
    if (app != null) {
      app.close();
    }
  }

  private WebElement check(String lang) throws Exception {
    Path page;
    try (var pages = Files.walk(dir.resolve("data/site/" + lang + "/controls"))) {
      page =
          pages
              .filter(p -> p.endsWith("index.html"))
              .filter(
                  p -> {
                    try {
                      return Files.readString(p).contains("data-log-index=\"300\"");
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .findFirst()
              .orElseThrow();
    }
    String rel =
        dir.resolve("data/site")
            .relativize(page)
            .toString()
            .replace(File.separatorChar, '/')
            .replace("index.html", "");
    browser.get(app.uri("/" + rel).toString());
    WebElement out = browser.findElement(By.cssSelector("section.evidence .evidence-check"));
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(d -> out.getAttribute("data-result") != null);
    return out;
  }

  @Test
  void theBrowserVerifiesTheCheckpointAndTheInclusionOfTheLatestResult() throws Exception {
    WebElement en = check("en");
    assertEquals("verified", en.getAttribute("data-result"), en.getText());
    assertTrue(en.getText().startsWith("Verified in your browser"), en.getText());
    WebElement es = check("es");
    assertTrue(es.getText().startsWith("Verificado en su navegador"), es.getText());
  }

  @Test
  void aChangedEntryFailsTheCheckInTheBrowser() throws Exception {
    Path bundle = dir.resolve("data/site/log/tile/entries/001.p/45");
    String text = Files.readString(bundle, StandardCharsets.ISO_8859_1);
    Files.writeString(
        bundle,
        text.replace("\"on\":false", "\"on\":true!").replace("true!", "true "),
        StandardCharsets.ISO_8859_1);
    WebElement en = check("en");
    assertEquals("failed", en.getAttribute("data-result"), en.getText());
    assertTrue(en.getText().contains("not included in the signed tree"), en.getText());
  }
}
