package dev.trustcenter.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.trustcenter.app.Services;
import dev.trustcenter.config.Config;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.local.LocalServer;
import dev.trustcenter.testing.Chromium;
import dev.trustcenter.testing.Forms;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 15's "done when" for subscribing, in real headless Chromium: with JavaScript off, subscribe
 * by the form (a refused submit first, with the error next to its field), confirm from the mail,
 * unsubscribe with the button, in both languages; every one of these pages has no axe-core
 * violation (run in a second, JavaScript-enabled browser on the same pages).
 */
@IntegrationTest
class SubscribeBrowserTest {

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;
  @TempDir Path profiles;
  LocalServer server;
  ChromeDriver noJs;
  ChromeDriver js;

  @BeforeEach
  void start() throws Exception {
    Chromium.requireOrSkip("subscription browser test");
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
    noJs = Chromium.options().javaScript(false).windowSize(1280, 900).start(profiles);
    js = Chromium.options().windowSize(1280, 900).start(profiles);
  }

  @AfterEach
  void stop() {
    Chromium.quit(noJs, js);
    if (server != null) {
      server.close();
    }
  }

  void noAxeViolations(String what) {
    Chromium.assertNoAxeViolations(js, what);
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
