package dev.trustcenter.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.app.Services;
import dev.trustcenter.config.Config;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.http.Guard;
import dev.trustcenter.http.Router;
import dev.trustcenter.local.LocalServer;
import dev.trustcenter.testing.FakeHttp;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.MutableClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nu.validator.client.EmbeddedValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages the public API gives a browser (the request and subscribe forms, each refused with its
 * errors, the result pages and every page a mailed link opens) pass the Nu HTML Checker with no
 * error, in both languages, as the local server serves them.
 */
@IntegrationTest
class PublicPagesNuCheckTest {
  private static final String DEV_TOKEN = "test-dev-token-0123456789abcdef";
  private static final String BROWSER =
      "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  @TempDir Path dir;
  private LocalServer server;
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void start() throws Exception {
    Config config =
        Config.fromEnvironment(
            Map.of(
                "PORT",
                "0",
                "TRUST_CENTER_DATA_DIR",
                dir.toString(),
                "TRUST_CENTER_DEV_TOKEN",
                DEV_TOKEN));
    Services services =
        new Services(
            config,
            FileDocumentStore.open(dir),
            new MutableClock(Instant.parse("2026-03-02T10:00:00Z")),
            DEV_TOKEN);
    server = LocalServer.start(config, services);
    Router admin = new Router();
    services
        .documents()
        .registerAdmin(admin, ex -> Guard.require(services.adminAuthenticator(), ex));
    FakeHttp.Response up = new FakeHttp.Response();
    admin.dispatch(
        FakeHttp.request("PUT", "/v1/documents/iso-27001-certificate")
            .body("%PDF iso".getBytes(), "application/pdf")
            .header("Authorization", "Bearer " + DEV_TOKEN),
        up);
    assertEquals(201, up.status(), up.text());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
            .header("Accept", BROWSER)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
            .header("Accept", BROWSER)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void everyFormAndResultPageHasNoNuHtmlCheckerError() throws Exception {
    EmbeddedValidator nu = new EmbeddedValidator();
    nu.setOutputFormat(EmbeddedValidator.OutputFormat.JSON);
    List<String> checked = new ArrayList<>();
    for (String lang : List.of("es", "en")) {
      Map<String, HttpResponse<String>> pages = new java.util.LinkedHashMap<>();
      pages.put(
          "access form",
          get("/api/v1/access-requests/new?lang=" + lang + "&documentId=iso-27001-certificate"));
      pages.put(
          "access form refused",
          post(
              "/api/v1/access-requests?lang=" + lang,
              "language="
                  + lang
                  + "&ndaVersion=1&name=A&email=not-an-address&company=&signature=B"));
      pages.put(
          "access request sent",
          post(
              "/api/v1/access-requests?lang=" + lang,
              "language="
                  + lang
                  + "&ndaVersion=1&documentIds=iso-27001-certificate&name="
                  + enc("Ana García")
                  + "&email=ana%40cliente.example&company="
                  + enc("Cliente S.L.")
                  + "&reason=&ndaAccepted=true&signature="
                  + enc("Ana García")));
      pages.put(
          "download page", get("/api/v1/documents/iso-27001-certificate/download?lang=" + lang));
      pages.put(
          "download refused",
          post(
              "/api/v1/documents/iso-27001-certificate/download?lang=" + lang,
              "grant=not-a-grant"));
      pages.put("subscribe form", get("/api/v1/subscriptions/new?lang=" + lang));
      pages.put(
          "subscribe form refused",
          post("/api/v1/subscriptions?lang=" + lang, "email=nope&language=" + lang));
      pages.put(
          "confirm link not valid", get("/api/v1/subscriptions/confirm?token=nope&lang=" + lang));
      pages.put(
          "unsubscribe link not valid",
          get("/api/v1/subscriptions/unsubscribe?token=nope&lang=" + lang));
      for (Map.Entry<String, HttpResponse<String>> e : pages.entrySet()) {
        HttpResponse<String> r = e.getValue();
        String what = lang + " " + e.getKey() + " (" + r.statusCode() + ")";
        assertTrue(
            r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
            what + ": " + r.body());
        assertEquals(
            List.of(),
            NuHtmlCheckTest.errors(nu, r.body().getBytes(StandardCharsets.UTF_8)),
            "Nu HTML Checker errors on " + what);
        checked.add(what);
      }
    }
    System.out.println(
        "Nu HTML Checker: " + checked.size() + " public pages, 0 errors: " + checked);
    assertEquals(18, checked.size());
  }
}
