package dev.trustcenter.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console over HTTP as a browser would use it, without a browser: the dev-token sign-in and its
 * cookie, the CSRF token every write needs, the security headers, field errors and the 412 of a
 * concurrent change.
 */
@IntegrationTest
class ConsoleHttpTest {
  @TempDir Path dir;
  private LocalServerFixture app;
  private ConsoleClient browser;

  @BeforeEach
  void start() throws Exception {
    app = LocalServerFixture.start(dir);
    browser = new ConsoleClient(app, "en");
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private static Map<String, String> controlForm(
      String csrf, String etag, String periodDays, String titleEn) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("csrf", csrf);
    f.put("etag", etag);
    f.put("categoryId", "availability");
    f.put("titleEs", "Pruebas de restauración");
    f.put("titleEn", titleEn);
    f.put("descriptionEs", "Se restaura una copia cada trimestre.");
    f.put("descriptionEn", "A backup is restored every quarter.");
    f.put("checkMethod", "manual_attestation");
    f.put("periodDays", periodDays);
    f.put("position", "15");
    return f;
  }

  @Test
  void signIn_exchangesTheTokenForAStrictHttpOnlySessionCookie_andPagesSendAStrictCsp() {
    HttpResponse<String> first = browser.get("/admin/");
    assertEquals(303, first.statusCode());
    assertEquals("/admin/sign-in", first.headers().firstValue("Location").orElseThrow());
    HttpResponse<String> form = browser.get("/admin/sign-in");
    assertEquals(200, form.statusCode());
    String csp = form.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(
        csp.contains("default-src 'none'")
            && csp.contains("form-action 'self'")
            && csp.contains("frame-ancestors 'none'"),
        csp);
    assertEquals("no-store", form.headers().firstValue("Cache-Control").orElseThrow());
    assertTrue(
        first.headers().allValues("Set-Cookie").stream()
            .anyMatch(
                c ->
                    c.startsWith("tc_admin_csrf=")
                        && c.contains("HttpOnly")
                        && c.contains("SameSite=Strict")
                        && c.contains("Path=/admin")));

    HttpResponse<String> wrong =
        browser.post(
            "/admin/sign-in",
            Map.of("csrf", ConsoleClient.csrf(form.body()), "token", "not-the-token"));
    assertEquals(401, wrong.statusCode());
    assertFalse(browser.cookies().map().containsKey("tc_admin_session"));
    HttpResponse<String> noCsrf =
        browser.post("/admin/sign-in", Map.of("token", LocalServerFixture.DEV_TOKEN));
    assertEquals(403, noCsrf.statusCode());
    assertFalse(browser.cookies().map().containsKey("tc_admin_session"));

    HttpResponse<String> ok =
        browser.post(
            "/admin/sign-in",
            Map.of("csrf", ConsoleClient.csrf(form.body()), "token", LocalServerFixture.DEV_TOKEN));
    assertEquals(303, ok.statusCode());
    String session =
        ok.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("tc_admin_session="))
            .findFirst()
            .orElseThrow();
    assertTrue(
        session.contains("HttpOnly")
            && session.contains("SameSite=Strict")
            && session.contains("Max-Age=3600")
            && session.contains("Path=/admin"),
        session);
    assertFalse(
        session.contains(LocalServerFixture.DEV_TOKEN), "the token itself never becomes a cookie");
    assertFalse(
        ok.headers().firstValue("Location").orElseThrow().contains(LocalServerFixture.DEV_TOKEN));

    HttpResponse<String> home = browser.get("/admin/");
    assertEquals(200, home.statusCode());
    assertTrue(home.body().contains("<h1>Needs attention</h1>"), home.body());
    // A fresh install is not "all clear": nothing has been checked yet.
    assertTrue(home.body().contains("Never checked (45)"), home.body());
    assertFalse(home.body().contains("Nothing needs your attention"));
    assertFalse(home.body().contains(LocalServerFixture.DEV_TOKEN));
    assertFalse(home.body().contains("<script"), "no script");
    assertFalse(
        home.body().matches("(?s).*(src|href)=\"https?://.*"), "nothing from another origin");
    assertEquals(200, browser.get("/admin/assets/site.css").statusCode());
    assertEquals(200, browser.get("/admin/assets/admin.css").statusCode());
  }

  @Test
  void everyPage_rendersInBothLanguages() {
    browser.signIn();
    for (String path :
        List.of(
            "/admin/",
            "/admin/controls",
            "/admin/controls/background-checks",
            "/admin/access-requests",
            "/admin/profile",
            "/admin/audit")) {
      HttpResponse<String> es = browser.get(path + "?lang=es");
      assertEquals(200, es.statusCode(), path);
      assertTrue(es.body().contains("<html lang=\"es\">") && es.body().contains("Consola"), path);
      HttpResponse<String> en = browser.get(path + "?lang=en");
      assertEquals(200, en.statusCode(), path);
      assertTrue(en.body().contains("<html lang=\"en\">") && en.body().contains("Console"), path);
    }
  }

  @Test
  void aWriteWithoutTheCsrfToken_orFromAnotherSite_isRefused_andChangesNothing() {
    String csrf = browser.signIn();
    String page = browser.get("/admin/controls/background-checks").body();
    String tag = ConsoleClient.etag(page);
    assertEquals(
        403,
        browser
            .post("/admin/controls/background-checks", controlForm("", tag, "90", "Changed"))
            .statusCode());
    assertEquals(
        403,
        browser
            .post(
                "/admin/controls/background-checks",
                controlForm("forged-token-forged-token-forged-token-123", tag, "90", "Changed"))
            .statusCode());
    assertEquals(
        403,
        browser
            .post(
                "/admin/controls/background-checks",
                controlForm(csrf, tag, "90", "Changed"),
                "Sec-Fetch-Site",
                "cross-site")
            .statusCode());
    assertEquals(
        403,
        browser
            .post(
                "/admin/controls/background-checks",
                controlForm(csrf, tag, "90", "Changed"),
                "Origin",
                "https://evil.example")
            .statusCode());
    assertFalse(browser.get("/admin/controls/background-checks").body().contains("Changed"));
  }

  @Test
  void editingAControl_showsFieldErrorsNextToTheField_andAConcurrentChangeAs409() {
    String csrf = browser.signIn();
    String tag = ConsoleClient.etag(browser.get("/admin/controls/background-checks").body());
    HttpResponse<String> invalid =
        browser.post(
            "/admin/controls/background-checks", controlForm(csrf, tag, "0", "Background checks"));
    assertEquals(400, invalid.statusCode());
    assertTrue(invalid.body().contains("id=\"periodDays-error\""), invalid.body());
    assertTrue(invalid.body().contains("aria-invalid=\"true\""));
    assertTrue(invalid.body().contains("value=\"0\""), "the admin's input is kept");

    HttpResponse<String> saved =
        browser.post(
            "/admin/controls/background-checks",
            controlForm(csrf, tag, "120", "Background checks of new hires"));
    assertEquals(303, saved.statusCode(), saved.body());
    assertTrue(
        browser
            .get("/admin/controls/background-checks?saved=1")
            .body()
            .contains("Background checks of new hires"));

    // Someone else saved in between: the old tag no longer matches.
    HttpResponse<String> stale =
        browser.post(
            "/admin/controls/background-checks", controlForm(csrf, tag, "30", "My stale edit"));
    assertEquals(409, stale.statusCode());
    assertTrue(stale.body().contains("Someone else changed this control"), stale.body());
    assertTrue(
        stale.body().contains("value=\"My stale edit\""), "the admin's values stay in the form");
    String apiView =
        app.send(
                HttpRequest.newBuilder(app.uri("/admin/v1/controls/background-checks"))
                    .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN))
            .body();
    assertTrue(apiView.contains("\"periodDays\":120"), apiView);
    String log =
        app.send(
                HttpRequest.newBuilder(app.uri("/admin/v1/audit-log"))
                    .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN))
            .body();
    assertTrue(
        log.contains(
            "\"actor\":\"local-dev\",\"method\":\"PUT\",\"path\":\"/v1/controls/background-checks\""),
        log);
  }

  @Test
  void editingTheProfile_savesAndPublishes_andNamesABadField() {
    String csrf = browser.signIn();
    String page = browser.get("/admin/profile").body();
    Map<String, String> f = new LinkedHashMap<>();
    f.put("csrf", csrf);
    f.put("etag", ConsoleClient.etag(page));
    f.put("companyName", "Copsis");
    f.put("taglineEs", "Seguridad primero");
    f.put("taglineEn", "Security first");
    f.put("overviewEs", "Resumen.");
    f.put("overviewEn", "Overview.");
    f.put("securityContact", "http://insecure.example.com");
    HttpResponse<String> bad = browser.post("/admin/profile", f);
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("id=\"securityContact-error\""), bad.body());
    f.put("securityContact", "mailto:security@copsis.example");
    assertEquals(303, browser.post("/admin/profile", f).statusCode());
    String profile =
        app.send(
                HttpRequest.newBuilder(app.uri("/admin/v1/profile"))
                    .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN))
            .body();
    assertTrue(
        profile.contains("mailto:security@copsis.example") && profile.contains("Security first"),
        profile);
    assertEquals(
        409, browser.post("/admin/profile", f).statusCode(), "the old ETag no longer matches");
  }

  @Test
  void theAuditLog_filtersAndPagesThroughTheWholeLog() {
    browser.signIn();
    for (int i = 0; i < 60; i++) {
      String id = "cat-" + i;
      HttpResponse<String> r =
          app.send(
              HttpRequest.newBuilder(app.uri("/admin/v1/categories/" + id))
                  .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN)
                  .header("Content-Type", "application/json")
                  .PUT(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"id\":\""
                              + id
                              + "\",\"name\":{\"es\":\"C\",\"en\":\"C\"},\"position\":"
                              + (1000 + i)
                              + "}")));
      assertEquals(201, r.statusCode(), r.body());
    }
    HttpResponse<String> first = browser.get("/admin/audit?action=categories");
    assertEquals(50, first.body().split("<tr><td><time").length - 1);
    assertTrue(
        first.body().contains(">cat-59<") && !first.body().contains(">cat-9<"), "newest first");
    // Mustache escapes = and & in attributes; a browser reads them back.
    Matcher older = Pattern.compile("href=\"(/admin/audit\\?before[^\"]+)\"").matcher(first.body());
    assertTrue(older.find(), first.body());
    HttpResponse<String> second =
        browser.get(older.group(1).replace("&#61;", "=").replace("&amp;", "&"));
    assertEquals(10, second.body().split("<tr><td><time").length - 1, second.body());
    assertTrue(second.body().contains(">cat-0<") && !second.body().contains(">cat-59<"));
    assertFalse(second.body().contains("audit?before"), "no older page after the oldest entry");
    HttpResponse<String> one = browser.get("/admin/audit?target=cat-7&action=categories");
    assertEquals(1, one.body().split("<tr><td><time").length - 1);
    assertEquals(
        200,
        browser.get("/admin/audit?from=not-a-date").statusCode(),
        "a bad date is named next to its field");
    assertTrue(browser.get("/admin/audit?from=not-a-date").body().contains("id=\"from-error\""));
  }

  @Test
  void signOut_endsTheSession() {
    String csrf = browser.signIn();
    assertEquals(303, browser.post("/admin/sign-out", Map.of("csrf", csrf)).statusCode());
    assertNotNull(browser.cookies().map().get("tc_admin_csrf"));
    assertFalse(browser.cookies().map().containsKey("tc_admin_session"));
    assertEquals(303, browser.get("/admin/").statusCode());
  }
}
