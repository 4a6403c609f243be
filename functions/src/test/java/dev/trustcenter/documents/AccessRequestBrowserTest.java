package dev.trustcenter.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.trustcenter.app.Services;
import dev.trustcenter.config.Config;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.http.Guard;
import dev.trustcenter.http.Router;
import dev.trustcenter.local.LocalServer;
import dev.trustcenter.testing.Chromium;
import dev.trustcenter.testing.FakeHttp;
import dev.trustcenter.testing.Forms;
import dev.trustcenter.testing.IntegrationTest;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;

/**
 * Issue 15's "done when", in real Chromium: with JavaScript off a visitor requests a document by
 * the form, an admin approves, the mailed link's page takes the code from the mail and downloads
 * the file, in both languages; with JavaScript on the page takes the code from the link itself.
 * Every page on the way (form, errors, result, download page, refusal) has 0 axe-core violations.
 */
@IntegrationTest
class AccessRequestBrowserTest {
  static final String TOKEN = "browser-test-dev-token-0123456789";

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dataDir;
  @TempDir Path profiles;
  @TempDir Path downloads;
  LocalServer server;
  Services services;
  Router admin;
  ChromeDriver js;
  ChromeDriver noJs;
  String base;

  @BeforeEach
  void start() throws Exception {
    Chromium.requireOrSkip("access request browser tests");
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
                dataDir.toString(),
                "TRUST_CENTER_DEV_TOKEN",
                TOKEN,
                "SMTP_HOST",
                "127.0.0.1",
                "SMTP_PORT",
                Integer.toString(mail.getSmtp().getPort()),
                "MAIL_FROM",
                "trust@empresa.example"));
    services = new Services(config, FileDocumentStore.open(dataDir), Clock.systemUTC(), TOKEN);
    server = LocalServer.start(config, services);
    base = "http://localhost:" + server.port();
    admin = new Router();
    services
        .documents()
        .registerAdmin(admin, ex -> Guard.require(services.adminAuthenticator(), ex));
    FakeHttp.Response up =
        adminCall(
            FakeHttp.request("PUT", "/v1/documents/iso-27001-certificate")
                .body("%PDF-1.7 iso".getBytes(), "application/pdf"));
    assertEquals(201, up.status(), up.text());
    js = driver(true);
    noJs = driver(false);
  }

  @AfterEach
  void stop() {
    Chromium.quit(js, noJs);
    if (server != null) {
      server.close();
    }
  }

  FakeHttp.Response adminCall(FakeHttp.Request req) throws Exception {
    FakeHttp.Response res = new FakeHttp.Response();
    admin.dispatch(
        req.header("Authorization", "Bearer " + TOKEN).header("Host", "localhost:" + server.port()),
        res);
    return res;
  }

  ChromeDriver driver(boolean javaScript) throws Exception {
    ChromeDriver driver =
        Chromium.options()
            .javaScript(javaScript)
            .windowSize(1280, 900)
            .consoleLogs()
            .pref("download.default_directory", downloads.toAbsolutePath().toString())
            .pref("download.prompt_for_download", false)
            .start(profiles);
    driver.executeCdpCommand(
        "Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
    return driver;
  }

  void assertNoAxeViolations(String what) {
    Chromium.assertNoAxeViolations(js, what);
    List<LogEntry> errors =
        Chromium.consoleWarnings(js).stream()
            // a refused form or link is answered 400/403 on purpose; Chromium logs the page's own
            // status
            .filter(
                e ->
                    !e.getMessage()
                        .matches(
                            "\\Q"
                                + base
                                + "/api/\\E\\S* - Failed to load resource: the server responded with a status of 40[0-9] .*"))
            .toList();
    assertTrue(
        errors.isEmpty(),
        "console errors on "
            + what
            + ": "
            + errors.stream().map(LogEntry::getMessage).collect(Collectors.joining("\n")));
  }

  static final Map<String, Map<String, String>> TEXT =
      Map.of(
          "es",
              Map.of(
                  "sent",
                  "Solicitud recibida",
                  "download",
                  "Descargar: Certificado ISO/IEC 27001",
                  "invalid",
                  "Enlace no válido",
                  "code",
                  "escriba este: "),
          "en",
              Map.of(
                  "sent",
                  "Request received",
                  "download",
                  "Download: ISO/IEC 27001 Certificate",
                  "invalid",
                  "Link not valid",
                  "code",
                  "enter this one: "));

  @ParameterizedTest
  @ValueSource(strings = {"es", "en"})
  void requestApproveAndDownloadWithoutJavaScriptAndEveryPageIsAccessible(String lang)
      throws Exception {
    String form =
        base + "/api/v1/access-requests/new?lang=" + lang + "&documentId=iso-27001-certificate";

    // with JavaScript: the form, and the form refused, are accessible
    js.get(form);
    assertNoAxeViolations("the form (" + lang + ")");
    Forms.submit(js, "form.form");
    assertEquals(lang, js.findElement(By.tagName("html")).getAttribute("lang"));
    assertFalse(js.findElements(By.cssSelector(".errors li")).isEmpty(), "errors are listed");
    assertNoAxeViolations("the refused form (" + lang + ")");

    // without JavaScript: a visitor fills in the form
    noJs.get(form);
    assertTrue(
        noJs.findElement(By.cssSelector("input[value=iso-27001-certificate]")).isSelected(),
        "the document the visitor came for");
    noJs.findElement(By.id("name")).sendKeys("Ana García");
    noJs.findElement(By.id("email")).sendKeys("ana-" + lang + "@cliente.example");
    noJs.findElement(By.id("company")).sendKeys("Cliente S.L.");
    noJs.findElement(By.id("ndaAccepted")).click();
    noJs.findElement(By.id("signature")).sendKeys("Ana García");
    Forms.submit(noJs, "form.form");
    assertEquals(TEXT.get(lang).get("sent"), noJs.findElement(By.tagName("h1")).getText());
    js.get(
        base
            + "/api/v1/access-requests/new?lang="
            + lang); // the result page itself needs a POST: check it via the js driver
    js.findElement(By.id("name")).sendKeys("Bo Li");
    js.findElement(By.id("email")).sendKeys("bo-" + lang + "@cliente.example");
    js.findElement(By.id("company")).sendKeys("Cliente S.L.");
    js.findElement(By.id("documentIds-first")).click();
    js.findElement(By.id("ndaAccepted")).click();
    js.findElement(By.id("signature")).sendKeys("Bo Li");
    Forms.submit(js, "form.form");
    assertEquals(TEXT.get(lang).get("sent"), js.findElement(By.tagName("h1")).getText());
    assertNoAxeViolations("the result page (" + lang + ")");

    // an admin approves Ana's request; the mail brings the link and the code
    AccessRequest ana =
        services.documents().accessRequests().list("pending").stream()
            .filter(r -> r.email().startsWith("ana-" + lang))
            .findFirst()
            .orElseThrow();
    assertEquals(lang, ana.language());
    assertEquals(
        200,
        adminCall(
                FakeHttp.request("POST", "/v1/access-requests/" + ana.id() + "/approve").json("{}"))
            .status());
    MimeMessage m = awaitMailTo(ana.email());
    String body = (String) m.getContent();
    Matcher link =
        Pattern.compile(
                "http://localhost:\\d+/api/v1/documents/iso-27001-certificate/download\\?lang="
                    + lang
                    + "#(\\S+)")
            .matcher(body);
    assertTrue(link.find(), body);
    String code = link.group(1);
    assertTrue(body.contains(TEXT.get(lang).get("code") + code), body);

    // with JavaScript the page takes the code from the link and drops it from the address bar
    js.get(link.group());
    assertEquals(code, js.findElement(By.id("grant")).getAttribute("value"));
    assertFalse(js.getCurrentUrl().contains("#"), js.getCurrentUrl());
    assertNoAxeViolations("the download page (" + lang + ")");

    // without JavaScript the visitor pastes the code from the mail
    noJs.get(link.group());
    assertEquals(TEXT.get(lang).get("download"), noJs.findElement(By.tagName("h1")).getText());
    assertEquals("", noJs.findElement(By.id("grant")).getAttribute("value"), "no script ran");
    noJs.findElement(By.id("grant")).sendKeys(code);
    noJs.findElement(By.cssSelector("form.form button[type=submit]")).click();
    Path file = downloads.resolve("iso-27001-certificate.pdf");
    long until = System.currentTimeMillis() + 15_000;
    while (!(Files.exists(file) && Files.size(file) > 0) && System.currentTimeMillis() < until) {
      Thread.sleep(100);
    }
    assertEquals("%PDF-1.7 iso", Files.readString(file), "the mailed link downloaded the document");
    Files.delete(file);

    // a wrong code gets a page in the visitor's language, accessible too
    js.get(link.group().substring(0, link.group().indexOf('#')));
    js.findElement(By.id("grant")).sendKeys("not-a-code");
    Forms.submit(js, "form.form");
    assertEquals(TEXT.get(lang).get("invalid"), js.findElement(By.tagName("h1")).getText());
    assertNoAxeViolations("a refused download (" + lang + ")");
  }

  static MimeMessage awaitMailTo(String address) throws Exception {
    long until = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < until) {
      for (MimeMessage m : mail.getReceivedMessages()) {
        if (m.getAllRecipients()[0].toString().equals(address)) {
          return m;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no mail to " + address);
  }
}
