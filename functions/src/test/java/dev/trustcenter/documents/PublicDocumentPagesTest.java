package dev.trustcenter.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request form and the pages people reach from mailed links, as a browser gets them from the
 * local server: HTML in the visitor's language with the company's name, never raw JSON.
 */
@IntegrationTest
class PublicDocumentPagesTest {
  static final String DEV_TOKEN = "test-dev-token-0123456789abcdef";
  static final String BROWSER_ACCEPT =
      "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  LocalServer server;
  Services services;
  Router admin;
  HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

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
    services = new Services(config, FileDocumentStore.open(dir), clock, DEV_TOKEN);
    server = LocalServer.start(config, services);
    admin = new Router();
    services
        .documents()
        .registerAdmin(admin, ex -> Guard.require(services.adminAuthenticator(), ex));
    upload("iso-27001-certificate");
    upload("pentest-summary");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  FakeHttp.Response admin(FakeHttp.Request req) throws Exception {
    FakeHttp.Response res = new FakeHttp.Response();
    admin.dispatch(
        req.header("Authorization", "Bearer " + DEV_TOKEN)
            .header("Host", "localhost:" + server.port()),
        res);
    return res;
  }

  void upload(String id) throws Exception {
    FakeHttp.Response r =
        admin(
            FakeHttp.request("PUT", "/v1/documents/" + id)
                .body(("%PDF " + id).getBytes(), "application/pdf"));
    assertEquals(201, r.status(), r.text());
  }

  URI url(String path) {
    return URI.create("http://localhost:" + server.port() + path);
  }

  HttpResponse<String> browse(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(url(path)).header("Accept", BROWSER_ACCEPT).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> submitForm(String path, String form) throws Exception {
    return http.send(
        HttpRequest.newBuilder(url(path))
            .header("Accept", BROWSER_ACCEPT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String validForm(String lang) {
    return "language="
        + lang
        + "&ndaVersion=1&documentIds=iso-27001-certificate&documentIds=pentest-summary&name="
        + enc("Ana García")
        + "&email=ana%40cliente.example&company="
        + enc("Cliente S.L.")
        + "&reason=&ndaAccepted=true&signature="
        + enc("ana  garcía");
  }

  static Document html(HttpResponse<String> r) {
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), r.body());
    return Jsoup.parse(r.body());
  }

  @Test
  void theFormOffersDocumentsByTitleAndTheNdaInForceInThePagesLanguage() throws Exception {
    Document es = html(browse("/api/v1/access-requests/new?lang=es&documentId=pentest-summary"));
    assertEquals("es", es.selectFirst("html").attr("lang"));
    assertTrue(
        es.title().startsWith("Solicitar documentos · Centro de confianza de Copsis"), es.title());
    assertTrue(es.selectFirst(".lead").text().contains("Copsis"));
    assertEquals(
        "Certificado ISO/IEC 27001", es.selectFirst("label[for=documentIds-first]").text());
    assertTrue(
        es.selectFirst("input[value=pentest-summary]").hasAttr("checked"),
        "the document the visitor came for");
    assertFalse(es.selectFirst("input[value=iso-27001-certificate]").hasAttr("checked"));
    assertEquals("Acuerdo de confidencialidad, versión 1", es.selectFirst("#nda-heading").text());
    assertTrue(es.selectFirst("#nda").text().contains("usted acepta"), "the NDA in Spanish, usted");
    assertEquals("/api/v1/access-requests?lang=es", es.selectFirst("form").attr("action"));
    assertEquals("post", es.selectFirst("form").attr("method"));
    assertEquals("1", es.selectFirst("input[name=ndaVersion]").val());
    for (String field : new String[] {"name", "email", "company", "reason", "signature"}) {
      assertNotNull(es.selectFirst("label[for=" + field + "]"), field + " has a label");
    }
    assertEquals(
        "/api/v1/access-requests/new?documentId=pentest-summary&lang=en",
        es.selectFirst("nav.lang a").attr("href"));
    assertTrue(
        es.selectFirst("link[rel=stylesheet]")
            .attr("href")
            .matches("/assets/site\\.[0-9a-f]{8}\\.css"));

    HttpResponse<String> unsupported = browse("/api/v1/access-requests/new?lang=fr");
    assertEquals(200, unsupported.statusCode(), "a page never answers a browser with a JSON error");
    assertEquals("es", html(unsupported).selectFirst("html").attr("lang"));

    Document en = html(browse("/api/v1/access-requests/new?lang=en"));
    assertEquals(
        "ISO/IEC 27001 Certificate", en.selectFirst("label[for=documentIds-first]").text());
    assertTrue(en.selectFirst("#nda").text().startsWith("Confidentiality agreement"));
  }

  @Test
  void aValidFormIsStoredAndAnsweredWithAPageInItsLanguage() throws Exception {
    HttpResponse<String> r = submitForm("/api/v1/access-requests?lang=en", validForm("en"));
    assertEquals(202, r.statusCode(), r.body());
    Document d = html(r);
    assertEquals("Request received", d.selectFirst("h1").text());
    assertTrue(d.selectFirst("main").text().contains("ana@cliente.example"));
    AccessRequest stored = services.documents().accessRequests().list("pending").get(0);
    assertEquals(
        java.util.List.of("iso-27001-certificate", "pentest-summary"), stored.documentIds());
    assertEquals("Ana García", stored.nda().typedName());
    assertEquals("en", stored.language());
  }

  @Test
  void fieldErrorsAreShownNextToTheirFieldsWithWhatWasTypedAndNothingIsStored() throws Exception {
    String form =
        "language=es&ndaVersion=1&name="
            + enc("Ana\nBcc: x@evil.example")
            + "&email=not-an-email&company="
            + enc("Cliente S.L.")
            + "&reason="
            + enc("Revisión\nde proveedor")
            + "&signature=Otro";
    HttpResponse<String> r = submitForm("/api/v1/access-requests?lang=es", form);
    assertEquals(400, r.statusCode());
    Document d = html(r);
    assertEquals("es", d.selectFirst("html").attr("lang"));
    assertNotNull(d.selectFirst("#name-error"));
    assertEquals("true", d.selectFirst("#name").attr("aria-invalid"));
    assertTrue(
        d.selectFirst("#email-error").text().startsWith("Escriba una dirección de correo válida"));
    assertNotNull(d.selectFirst("#documentIds-error"));
    assertNotNull(d.selectFirst("#ndaAccepted-error"));
    assertNull(d.selectFirst("#company-error"));
    assertNull(d.selectFirst("#reason-error"), "the reason may have several lines");
    assertEquals("not-an-email", d.selectFirst("#email").val(), "what was typed is kept");
    assertEquals("Revisión\nde proveedor", d.selectFirst("#reason").val());
    assertEquals(4, d.select(".errors li").size(), d.select(".errors").text());
    assertEquals(
        "#documentIds-first", d.selectFirst(".errors a").attr("href"), "in the form's order");
    assertEquals("#name", d.select(".errors a").get(1).attr("href"));
    assertEquals(0, services.documents().accessRequests().list(null).size());

    HttpResponse<String> json =
        http.send(
            HttpRequest.newBuilder(url("/api/v1/access-requests"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"A\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(400, json.statusCode());
    assertTrue(json.body().startsWith("{\"error\":"), "an API client still gets JSON");
  }

  @Test
  void aSignatureThatIsNotTheNameIsRefused() throws Exception {
    HttpResponse<String> r =
        submitForm(
            "/api/v1/access-requests?lang=en",
            validForm("en").replace("signature=ana", "signature=bob"));
    assertEquals(400, r.statusCode());
    assertTrue(html(r).selectFirst("#signature-error").text().startsWith("Type your name exactly"));
  }

  @Test
  void anNdaChangedWhileFillingTheFormShowsTheNewOneToAcceptAgain() throws Exception {
    FakeHttp.Response put =
        admin(
            FakeHttp.request("PUT", "/v1/nda")
                .json("{\"text\":{\"es\":\"Nuevo acuerdo\",\"en\":\"New agreement\"}}"));
    assertEquals(200, put.status(), put.text());
    HttpResponse<String> r = submitForm("/api/v1/access-requests?lang=en", validForm("en"));
    assertEquals(409, r.statusCode());
    Document d = html(r);
    assertEquals("New agreement", d.selectFirst("#nda").text());
    assertEquals("2", d.selectFirst("input[name=ndaVersion]").val());
    assertFalse(d.selectFirst("#ndaAccepted").hasAttr("checked"));
    assertTrue(d.selectFirst("#ndaAccepted-error").text().contains("changed"));
    assertEquals("ana@cliente.example", d.selectFirst("#email").val());
  }

  String approve(String lang) throws Exception {
    assertEquals(
        202,
        submitForm(
                "/api/v1/access-requests?lang=" + lang,
                validForm(lang).replace("&documentIds=pentest-summary", ""))
            .statusCode());
    String id = services.documents().accessRequests().list("pending").get(0).id();
    FakeHttp.Response a =
        admin(
            FakeHttp.request("POST", "/v1/access-requests/" + id + "/approve")
                .json("{\"expiresInDays\":1}"));
    assertEquals(200, a.status(), a.text());
    return com.google.gson.JsonParser.parseString(a.text())
        .getAsJsonObject()
        .getAsJsonObject("links")
        .get("iso-27001-certificate")
        .getAsString();
  }

  @Test
  void theMailedLinkOpensAPageThatNeverSeesTheTokenAndPostsIt() throws Exception {
    URI link = URI.create(approve("es"));
    assertNull(link.getRawQuery().contains("grant") ? "grant in query" : null);
    HttpResponse<String> page = browse(link.getRawPath() + "?" + link.getRawQuery());
    assertEquals(200, page.statusCode());
    Document d = html(page);
    assertEquals("Descargar: Certificado ISO/IEC 27001", d.selectFirst("h1").text());
    assertEquals("", d.selectFirst("#grant").val(), "the server never had the token");
    assertTrue(d.selectFirst("label[for=grant]").text().equals("Código de acceso"));
    String script = d.selectFirst("script:not([src])").data();
    assertEquals(PublicDocumentRoutes.DOWNLOAD_SCRIPT, script);
    String hash =
        java.util.Base64.getEncoder()
            .encodeToString(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
    assertTrue(
        page.headers()
            .firstValue("Content-Security-Policy")
            .orElseThrow()
            .contains("'sha256-" + hash + "'"));
    assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElseThrow());

    HttpResponse<String> file =
        submitForm(d.selectFirst("form").attr("action"), "grant=" + enc(link.getFragment()));
    assertEquals(200, file.statusCode());
    assertEquals("%PDF iso-27001-certificate", file.body());
  }

  @Test
  void expiredRevokedInvalidAndUncoveredLinksGetAPageInTheVisitorsLanguage() throws Exception {
    URI link = URI.create(approve("es"));
    String token = link.getFragment();
    String action = link.getRawPath() + "?lang=es";

    Document invalid = html(submitForm(action, "grant=" + enc(token.substring(0, 75) + "x")));
    assertEquals("Enlace no válido", invalid.selectFirst("h1").text());
    assertFalse(invalid.outerHtml().contains(token.substring(33, 60)), "the token is never echoed");
    assertTrue(
        invalid
            .selectFirst("main a")
            .attr("href")
            .startsWith("/api/v1/access-requests/new?documentId=iso-27001-certificate"));

    HttpResponse<String> other =
        submitForm("/api/v1/documents/pentest-summary/download?lang=en", "grant=" + enc(token));
    assertEquals(403, other.statusCode());
    assertEquals("Document not included", html(other).selectFirst("h1").text());

    HttpResponse<String> unknown =
        submitForm("/api/v1/documents/no-such-doc/download?lang=en", "grant=" + enc(token));
    assertEquals(404, unknown.statusCode());
    assertEquals("Document not found", html(unknown).selectFirst("h1").text());

    clock.advance(Duration.ofDays(1));
    HttpResponse<String> expired = submitForm(action, "grant=" + enc(token));
    assertEquals(403, expired.statusCode());
    assertEquals("Enlace caducado", html(expired).selectFirst("h1").text());
    assertTrue(html(expired).selectFirst("main p").text().contains("2026-03-03 10:00 UTC"));
  }

  @Test
  void aRevokedLinkSaysSoAndAnOldLinkWithTheTokenInTheQueryNeverDownloads() throws Exception {
    URI link = URI.create(approve("en"));
    String token = link.getFragment();
    HttpResponse<String> old =
        browse("/api/v1/documents/iso-27001-certificate?grant=" + enc(token) + "&lang=en");
    assertEquals(200, old.statusCode());
    assertEquals(
        "Download: ISO/IEC 27001 Certificate",
        html(old).selectFirst("h1").text(),
        "a page with a button, not the file");
    assertEquals(token, html(old).selectFirst("#grant").val());

    String id = services.documents().accessRequests().list("approved").get(0).id();
    assertEquals(
        200, admin(FakeHttp.request("POST", "/v1/access-requests/" + id + "/revoke")).status());
    HttpResponse<String> revoked =
        submitForm(link.getRawPath() + "?lang=en", "grant=" + enc(token));
    assertEquals(403, revoked.statusCode());
    assertEquals("Access withdrawn", html(revoked).selectFirst("h1").text());
    assertTrue(html(revoked).selectFirst(".brand").text().contains("Copsis"));
  }
}
