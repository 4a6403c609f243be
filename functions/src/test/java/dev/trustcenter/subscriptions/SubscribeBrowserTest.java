package dev.trustcenter.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.trustcenter.app.Services;
import dev.trustcenter.config.Config;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.local.LocalServer;
import dev.trustcenter.testing.Forms;
import dev.trustcenter.testing.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Issue 15's "done when" for subscribing, in real headless Chromium: with JavaScript off, subscribe
 * by the form (a refused submit first, with the error next to its field), confirm from the mail,
 * unsubscribe with the button, in both languages; every one of these pages has no axe-core
 * violation (run in a second, JavaScript-enabled browser on the same pages).
 */
class SubscribeBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;
  @TempDir Path profiles;
  LocalServer server;
  ChromeDriver noJs;
  ChromeDriver js;
  String axe;

  @BeforeEach
  void start() throws Exception {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("Chromium or chromedriver missing (required in CI)");
      }
      Assumptions.abort("Chromium or chromedriver missing: browser test skipped");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Config config =
        Config.fromEnvironment(
            Map.of(
                "PORT",
                Integer.toString(port),
                "TRUST_CENTER_DATA_DIR",
                dir.toString(),
                "TRUST_CENTER_DEV_TOKEN",
                "browser-subscribe-token-0123456789",
                "SMTP_HOST",
                "127.0.0.1",
                "SMTP_PORT",
                Integer.toString(mail.getSmtp().getPort()),
                "MAIL_FROM",
                "trust@empresa.example"));
    server =
        LocalServer.start(
            config,
            new Services(
                config,
                FileDocumentStore.open(dir),
                new MutableClock(Instant.now()),
                "browser-subscribe-token-0123456789"));
    try (InputStream in = SubscribeBrowserTest.class.getResourceAsStream("/axe.min.js")) {
      axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    noJs = driver(true);
    js = driver(false);
  }

  private ChromeDriver driver(boolean disableJavaScript) throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
        "--user-data-dir=" + Files.createTempDirectory(profiles, "chromium").toAbsolutePath());
    if (disableJavaScript) {
      options.setExperimentalOption(
          "prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(new File("/dev/null"))
            .build();
    ChromeDriver d = new ChromeDriver(service, options);
    d.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return d;
  }

  @AfterEach
  void stop() {
    if (noJs != null) {
      noJs.quit();
    }
    if (js != null) {
      js.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  void noAxeViolations(String what) {
    ((JavascriptExecutor) js).executeScript(axe);
    Object result =
        ((JavascriptExecutor) js)
            .executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                    + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"
                    + ".then(function (r) { done(JSON.stringify({passes: r.passes.length, violations: r.violations.map(function (v) {"
                    + "  return {id: v.id, nodes: v.nodes.slice(0, 5).map(function (n) { return n.target.join(' ') + ': ' + n.failureSummary; })};"
                    + "})})); }).catch(function (e) { done('axe failed: ' + e); });");
    var parsed = com.google.gson.JsonParser.parseString(String.valueOf(result)).getAsJsonObject();
    assertTrue(parsed.get("passes").getAsInt() > 10, "axe ran on " + what);
    assertEquals(
        0,
        parsed.getAsJsonArray("violations").size(),
        "axe violations on " + what + ": " + parsed.get("violations"));
  }

  static String link(MimeMessage m, String kind) throws Exception {
    Matcher x =
        Pattern.compile("http://localhost:\\d+/api/v1/subscriptions/" + kind + "\\?token=\\S+")
            .matcher((String) m.getContent());
    assertTrue(x.find());
    return x.group();
  }

  @Test
  void subscribeConfirmAndUnsubscribeWithoutJavaScriptInBothLanguages() throws Exception {
    String base = "http://localhost:" + server.port();
    for (String lang : List.of("es", "en")) {
      boolean es = lang.equals("es");
      mail.purgeEmailFromAllMailboxes();
      String form = base + "/api/v1/subscriptions/new?lang=" + lang;
      js.get(form);
      noAxeViolations("the subscribe form (" + lang + ")");
      noJs.get(form);
      assertEquals(lang, noJs.findElement(By.tagName("html")).getAttribute("lang"));
      noJs.findElement(By.id("email")).sendKeys("browser-" + lang + "@cliente.example");
      Forms.submit(noJs, "form.form");
      assertEquals(
          es ? "Elija al menos un tema." : "Choose at least one topic.",
          noJs.findElement(By.id("topics-error")).getText());
      assertEquals(
          "browser-" + lang + "@cliente.example",
          noJs.findElement(By.id("email")).getAttribute("value"),
          "kept");

      js.get(form);
      js.findElement(By.id("email")).sendKeys("nobody");
      Forms.submit(js, "form.form");
      noAxeViolations("the form with errors (" + lang + ")");

      noJs.findElement(By.id("topic-subprocessors")).click();
      Forms.submit(noJs, "form.form");
      assertTrue(
          noJs.findElement(By.tagName("h1"))
              .getText()
              .equals(es ? "Revise su correo" : "Check your inbox"));
      assertTrue(mail.waitForIncomingEmail(5000, 1));
      MimeMessage m = mail.getReceivedMessages()[0];

      String confirm = link(m, "confirm");
      noJs.get(confirm);
      assertEquals(
          es ? "Suscripción confirmada" : "Subscription confirmed",
          noJs.findElement(By.tagName("h1")).getText());
      js.get(confirm);
      noAxeViolations("the confirmation page (" + lang + ")");

      String unsubscribe = m.getHeader("List-Unsubscribe", null).replaceAll("^<|>$", "");
      js.get(unsubscribe);
      noAxeViolations("the unsubscribe page (" + lang + ")");
      noJs.get(unsubscribe);
      Forms.submit(noJs, "form.form");
      assertEquals(
          es ? "Baja confirmada" : "Unsubscribed", noJs.findElement(By.tagName("h1")).getText());
      js.get(unsubscribe);
      Forms.submit(js, "form.form");
      noAxeViolations("the unsubscribed page (" + lang + ")");
    }
  }
}
