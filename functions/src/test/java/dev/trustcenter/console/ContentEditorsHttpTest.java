package dev.trustcenter.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The content editors (frameworks and certificates, categories, subprocessors, resources, the NDA)
 * over HTTP as a browser uses them: a valid save changes the data, is audited and published; bad
 * input is named next to its field in the page's language and changes nothing; a version changed by
 * someone else (412) saves nothing and keeps the admin's values.
 */
@IntegrationTest
class ContentEditorsHttpTest {
  @TempDir Path dir;
  private LocalServerFixture app;

  @BeforeEach
  void start() throws Exception {
    app = LocalServerFixture.start(dir);
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private String stored(ConsoleClient c, String path) {
    HttpResponse<String> r = c.api("GET", path, null);
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  /** Waits until the published page contains {@code text} (the local server publishes at once). */
  private void assertPublished(String path, String text) throws InterruptedException {
    String page = "";
    for (int i = 0; i < 100 && !page.contains(text); i++) {
      Thread.sleep(100);
      page = app.get(path).body();
    }
    assertTrue(page.contains(text), "published " + path + " shows " + text + ": " + page);
  }

  private static Map<String, String> frameworkForm(String csrf, String etag) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("csrf", csrf);
    f.put("etag", etag);
    f.put("name", "ISO/IEC 27001");
    f.put("version", "2022");
    f.put("descriptionEs", "Sistema de gestión de seguridad de la información.");
    f.put("descriptionEn", "Information security management system.");
    f.put("position", "0");
    f.put("certificationBody", "AENOR");
    f.put("certificateNumber", "SI-0123/2025");
    f.put("validFrom", "2025-03-01");
    f.put("validUntil", "2028-02-28");
    f.put("scopeEs", "Desarrollo y operación de la plataforma.");
    f.put("scopeEn", "Development and operation of the platform.");
    f.put("verifyUrl", "https://www.aenor.com/certificacion/certificados-emitidos");
    return f;
  }

  @Test
  void aCertificate_isSavedAndPublished_aBadDateIsNamedInSpanish_andAStaleFormSavesNothing()
      throws Exception {
    ConsoleClient es = new ConsoleClient(app, "es");
    String csrf = es.signIn();
    HttpResponse<String> list = es.get("/admin/content/frameworks");
    assertEquals(200, list.statusCode());
    assertTrue(
        list.body().contains("Marcos y certificados") && list.body().contains("ISO/IEC 27001"));
    String page = es.get("/admin/content/frameworks/iso-27001").body();
    String tag = ConsoleClient.etag(page);

    Map<String, String> bad = frameworkForm(csrf, tag);
    bad.put("validUntil", "2024-02-28");
    HttpResponse<String> refused = es.post("/admin/content/frameworks/iso-27001", bad);
    assertEquals(400, refused.statusCode());
    assertEquals(
        "Esta fecha no puede ser anterior a la fecha de inicio.",
        ConsoleClient.fieldError(refused.body(), "validUntil"));
    assertTrue(
        refused
            .body()
            .contains(
                "aria-describedby=\"validUntil-hint validUntil-error\" aria-invalid=\"true\""),
        refused.body());
    assertEquals("SI-0123/2025", ConsoleClient.value(refused.body(), "certificateNumber"), "kept");
    assertFalse(stored(es, "/v1/frameworks/iso-27001").contains("SI-0123/2025"), "nothing saved");

    HttpResponse<String> saved =
        es.post("/admin/content/frameworks/iso-27001", frameworkForm(csrf, tag));
    assertEquals(303, saved.statusCode(), saved.body());
    assertEquals(
        "/admin/content/frameworks/iso-27001?saved=1",
        saved.headers().firstValue("Location").orElseThrow());
    JsonObject certificate =
        JsonParser.parseString(stored(es, "/v1/frameworks/iso-27001"))
            .getAsJsonObject()
            .getAsJsonObject("certificate");
    assertEquals("AENOR", certificate.get("certificationBody").getAsString());
    assertEquals("2028-02-28", certificate.get("validUntil").getAsString());
    assertEquals(
        "Development and operation of the platform.",
        certificate.getAsJsonObject("scope").get("en").getAsString());
    assertTrue(es.get("/admin/content/frameworks/iso-27001?saved=1").body().contains("Guardado."));
    assertPublished("/en/", "SI-0123/2025");
    assertTrue(
        stored(es, "/v1/audit-log")
            .contains("\"method\":\"PUT\",\"path\":\"/v1/frameworks/iso-27001\""));

    // The form opened before the save still carries the old version.
    Map<String, String> stale = frameworkForm(csrf, tag);
    stale.put("certificateNumber", "SI-9999/2025");
    HttpResponse<String> conflict = es.post("/admin/content/frameworks/iso-27001", stale);
    assertEquals(409, conflict.statusCode());
    assertTrue(conflict.body().contains("Otra persona cambió este elemento"), conflict.body());
    assertEquals("SI-9999/2025", ConsoleClient.value(conflict.body(), "certificateNumber"));
    assertFalse(stored(es, "/v1/frameworks/iso-27001").contains("SI-9999/2025"));

    // Emptying every certificate field removes the certificate.
    Map<String, String> none = frameworkForm(csrf, ConsoleClient.etag(conflict.body()));
    for (String k :
        List.of(
            "certificationBody",
            "certificateNumber",
            "validFrom",
            "validUntil",
            "scopeEs",
            "scopeEn",
            "verifyUrl")) {
      none.put(k, "");
    }
    assertEquals(303, es.post("/admin/content/frameworks/iso-27001", none).statusCode());
    assertTrue(stored(es, "/v1/frameworks/iso-27001").contains("\"certificate\":null"));
  }

  @Test
  void aCertificateExpiringSoon_linksFromNeedsAttentionToItsEditor() {
    ConsoleClient en = new ConsoleClient(app, "en");
    String csrf = en.signIn();
    Map<String, String> f =
        frameworkForm(
            csrf, ConsoleClient.etag(en.get("/admin/content/frameworks/iso-27001").body()));
    f.put("validUntil", java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30).toString());
    assertEquals(303, en.post("/admin/content/frameworks/iso-27001", f).statusCode());
    String home = en.get("/admin/").body();
    assertTrue(
        home.contains(
            "<a href=\"/admin/content/frameworks/iso-27001\"><strong>ISO/IEC 27001 2022</strong></a>"),
        home);
  }

  @Test
  void aCategory_isCreatedOnce_namedInBothLanguages_andOneWithControlsIsNotDeleted()
      throws Exception {
    ConsoleClient es = new ConsoleClient(app, "es");
    String csrf = es.signIn();
    assertEquals(200, es.get("/admin/content/categories/_new").statusCode());
    Map<String, String> f = new LinkedHashMap<>();
    f.put("csrf", csrf);
    f.put("etag", "");
    f.put("id", "privacy");
    f.put("nameEs", "x".repeat(201));
    f.put("nameEn", "Privacy");
    f.put("position", "95");
    HttpResponse<String> tooLong = es.post("/admin/content/categories", f);
    assertEquals(400, tooLong.statusCode());
    assertEquals(
        "Escriba como máximo 200 caracteres.", ConsoleClient.fieldError(tooLong.body(), "nameEs"));
    assertEquals(404, es.api("GET", "/v1/categories/privacy", null).statusCode());

    f.put("id", "Privacidad Datos");
    f.put("nameEs", "Privacidad");
    HttpResponse<String> badId = es.post("/admin/content/categories", f);
    assertEquals(400, badId.statusCode());
    assertTrue(ConsoleClient.fieldError(badId.body(), "id").startsWith("Use letras minúsculas"));

    f.put("id", "privacy");
    HttpResponse<String> created = es.post("/admin/content/categories", f);
    assertEquals(303, created.statusCode(), created.body());
    assertTrue(stored(es, "/v1/categories/privacy").contains("\"es\":\"Privacidad\""));
    assertPublished("/es/", "Privacidad");

    f.put("nameEn", "Someone else's privacy");
    HttpResponse<String> again = es.post("/admin/content/categories", f);
    assertEquals(409, again.statusCode());
    assertTrue(again.body().contains("Ya existe un elemento con el identificador «privacy»"));
    assertFalse(stored(es, "/v1/categories/privacy").contains("Someone else"));

    // A category with controls stays; an empty one goes, once confirmed.
    String availability = es.get("/admin/content/categories/availability").body();
    Map<String, String> del = new LinkedHashMap<>();
    del.put("csrf", csrf);
    del.put("etag", ConsoleClient.etag(availability));
    del.put("confirm", "on");
    HttpResponse<String> refused = es.post("/admin/content/categories/availability/delete", del);
    assertEquals(409, refused.statusCode());
    assertTrue(refused.body().contains("esta categoría todavía tiene controles"), refused.body());
    assertEquals(200, es.api("GET", "/v1/categories/availability", null).statusCode());

    String privacy = es.get("/admin/content/categories/privacy").body();
    del.put("etag", ConsoleClient.etag(privacy));
    del.remove("confirm");
    assertEquals(400, es.post("/admin/content/categories/privacy/delete", del).statusCode());
    del.put("confirm", "on");
    HttpResponse<String> deleted = es.post("/admin/content/categories/privacy/delete", del);
    assertEquals(303, deleted.statusCode(), deleted.body());
    assertEquals(404, es.api("GET", "/v1/categories/privacy", null).statusCode());
  }

  private static Map<String, String> subprocessorForm(String csrf, String etag) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("csrf", csrf);
    f.put("etag", etag);
    f.put("name", "Google Cloud");
    f.put("purposeEs", "Infraestructura en la nube.");
    f.put("purposeEn", "Cloud infrastructure.");
    f.put("dataLocationsEs", "Unión Europea\nEstados Unidos");
    f.put("dataLocationsEn", "European Union\nUnited States");
    f.put("subprocessorListUrl", "https://cloud.google.com/terms/subprocessors");
    f.put("dpaUrl", "https://cloud.google.com/terms/data-processing-addendum");
    f.put("notesEs", "Región europe-west1.");
    f.put("notesEn", "Region europe-west1.");
    f.put("position", "0");
    return f;
  }

  @Test
  void aSubprocessor_keepsItsLocationsInPairs_namesAMissingTranslation_andAStaleFormSavesNothing()
      throws Exception {
    ConsoleClient en = new ConsoleClient(app, "en");
    String csrf = en.signIn();
    String tag = ConsoleClient.etag(en.get("/admin/content/subprocessors/google-cloud").body());
    Map<String, String> f = subprocessorForm(csrf, tag);
    f.put("dataLocationsEn", "European Union");
    HttpResponse<String> unpaired = en.post("/admin/content/subprocessors/google-cloud", f);
    assertEquals(400, unpaired.statusCode());
    assertEquals(
        "This cannot be empty.", ConsoleClient.fieldError(unpaired.body(), "dataLocationsEn"));
    f.put("dataLocationsEn", "European Union\nUnited States");
    f.put("dpaUrl", "http://cloud.google.com/dpa");
    HttpResponse<String> insecure = en.post("/admin/content/subprocessors/google-cloud", f);
    assertEquals(400, insecure.statusCode());
    assertEquals(
        "The address must start with https:.", ConsoleClient.fieldError(insecure.body(), "dpaUrl"));
    assertFalse(stored(en, "/v1/subprocessors/google-cloud").contains("europe-west1"));

    HttpResponse<String> saved =
        en.post("/admin/content/subprocessors/google-cloud", subprocessorForm(csrf, tag));
    assertEquals(303, saved.statusCode(), saved.body());
    String json = stored(en, "/v1/subprocessors/google-cloud");
    assertTrue(
        json.contains(
            "\"dataLocations\":[{\"es\":\"Unión Europea\",\"en\":\"European Union\"},"
                + "{\"es\":\"Estados Unidos\",\"en\":\"United States\"}]"),
        json);
    assertPublished("/en/", "United States");
    String page = en.get("/admin/content/subprocessors/google-cloud").body();
    assertTrue(page.contains(">Unión Europea&#10;Estados Unidos</textarea>"), page);

    HttpResponse<String> stale =
        en.post("/admin/content/subprocessors/google-cloud", subprocessorForm(csrf, tag));
    assertEquals(409, stale.statusCode());
    assertTrue(stale.body().contains("Someone else changed this after you opened it"));

    // It still owns resources.
    Map<String, String> del = new LinkedHashMap<>();
    del.put("csrf", csrf);
    del.put("etag", ConsoleClient.etag(page));
    del.put("confirm", "on");
    HttpResponse<String> refused = en.post("/admin/content/subprocessors/google-cloud/delete", del);
    assertEquals(409, refused.statusCode());
    assertTrue(refused.body().contains("resources still belong to this subprocessor"));
  }

  @Test
  void aResource_isCreatedWithItsOwner_andABadLinkIsNamedInSpanish() throws Exception {
    ConsoleClient es = new ConsoleClient(app, "es");
    String csrf = es.signIn();
    String form = es.get("/admin/content/resources/_new").body();
    assertTrue(form.contains("<option value=\"cloudflare\">Cloudflare</option>"), form);
    Map<String, String> f = new LinkedHashMap<>();
    f.put("csrf", csrf);
    f.put("etag", "");
    f.put("id", "pentest-summary-2026");
    f.put("titleEs", "Resumen de la prueba de penetración 2026");
    f.put("titleEn", "Penetration test summary 2026");
    f.put("owner", "company");
    f.put("kind", "pentest");
    f.put("url", "ftp://files.example.com/pentest.pdf");
    f.put("position", "40");
    HttpResponse<String> bad = es.post("/admin/content/resources", f);
    assertEquals(400, bad.statusCode());
    assertEquals(
        "La dirección debe empezar por https:.", ConsoleClient.fieldError(bad.body(), "url"));
    assertEquals(404, es.api("GET", "/v1/resources/pentest-summary-2026", null).statusCode());
    f.put("url", "");
    HttpResponse<String> created = es.post("/admin/content/resources", f);
    assertEquals(303, created.statusCode(), created.body());
    String json = stored(es, "/v1/resources/pentest-summary-2026");
    assertTrue(json.contains("\"url\":null") && json.contains("\"owner\":\"company\""), json);
    assertPublished("/es/", "Resumen de la prueba de penetración 2026");
    assertTrue(es.get("/admin/content/resources").body().contains("a petición"));

    // Deleting from a page opened before someone else's change deletes nothing.
    String opened = es.get("/admin/content/resources/pentest-summary-2026").body();
    String changed = json.replace("\"kind\":\"pentest\"", "\"kind\":\"pentest-report\"");
    assertEquals(200, es.api("PUT", "/v1/resources/pentest-summary-2026", changed).statusCode());
    Map<String, String> del = new LinkedHashMap<>();
    del.put("csrf", csrf);
    del.put("etag", ConsoleClient.etag(opened));
    del.put("confirm", "on");
    HttpResponse<String> stale =
        es.post("/admin/content/resources/pentest-summary-2026/delete", del);
    assertEquals(409, stale.statusCode());
    assertTrue(stale.body().contains("así que no se eliminó nada"), stale.body());
    assertEquals(200, es.api("GET", "/v1/resources/pentest-summary-2026", null).statusCode());
    del.put("etag", ConsoleClient.etag(stale.body()));
    HttpResponse<String> deleted =
        es.post("/admin/content/resources/pentest-summary-2026/delete", del);
    assertEquals(303, deleted.statusCode(), deleted.body());
    assertTrue(
        es.get(deleted.headers().firstValue("Location").orElseThrow())
            .body()
            .contains("Se eliminó «pentest-summary-2026»"));
    assertEquals(404, es.api("GET", "/v1/resources/pentest-summary-2026", null).statusCode());
  }

  @Test
  void theNda_publishesANewVersion_onlyForANewText_andNeverOverAVersionPublishedMeanwhile() {
    ConsoleClient es = new ConsoleClient(app, "es");
    String csrf = es.signIn();
    String page = es.get("/admin/content/nda").body();
    String tag = ConsoleClient.etag(page);
    assertEquals("\"v1\"", tag);
    Map<String, String> f = new LinkedHashMap<>();
    f.put("csrf", csrf);
    f.put("etag", tag);
    f.put("textEs", "   ");
    f.put("textEn", "Confidentiality agreement, version 2.");
    HttpResponse<String> empty = es.post("/admin/content/nda", f);
    assertEquals(400, empty.statusCode());
    assertEquals(
        "Este campo no puede quedar vacío.", ConsoleClient.fieldError(empty.body(), "textEs"));
    assertTrue(stored(es, "/v1/nda").contains("\"version\":1"));

    f.put("textEs", "Acuerdo de confidencialidad, versión 2.");
    HttpResponse<String> saved = es.post("/admin/content/nda", f);
    assertEquals(303, saved.statusCode(), saved.body());
    assertTrue(es.get("/admin/content/nda?saved=1").body().contains("La versión 2 está en vigor"));
    assertTrue(stored(es, "/v1/nda").contains("\"version\":2"));
    assertTrue(app.get("/api/v1/nda?lang=es").body().contains("versión 2"), "in force publicly");

    f.put("etag", "\"v2\"");
    HttpResponse<String> same = es.post("/admin/content/nda", f);
    assertEquals(
        "/admin/content/nda?unchanged=1", same.headers().firstValue("Location").orElseThrow());
    assertTrue(stored(es, "/v1/nda").contains("\"version\":2"), "the same text is no new version");

    f.put("etag", tag);
    f.put("textEs", "Mi versión antigua.");
    HttpResponse<String> stale = es.post("/admin/content/nda", f);
    assertEquals(409, stale.statusCode());
    assertTrue(stale.body().contains("Otra persona publicó una versión nueva"), stale.body());
    assertTrue(stale.body().contains(">Mi versión antigua.</textarea>"), "the admin's text kept");
    assertTrue(stored(es, "/v1/nda").contains("\"version\":2"));
    long replaced = stored(es, "/v1/audit-log").split("nda.replaced", -1).length - 1;
    assertEquals(1, replaced, "one version published, one audit entry");
  }

  @Test
  void theNdaApi_tagsTheVersion_refusesAStaleIfMatch_andNamesEachLanguage() {
    ConsoleClient c = new ConsoleClient(app, "en");
    HttpResponse<String> got = c.api("GET", "/v1/nda", null);
    assertEquals("\"v1\"", got.headers().firstValue("ETag").orElseThrow());
    String body = "{\"text\":{\"es\":\"Acuerdo 2\",\"en\":\"Agreement 2\"}}";
    HttpResponse<String> stale =
        app.send(
            java.net.http.HttpRequest.newBuilder(app.uri("/admin/v1/nda"))
                .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN)
                .header("Content-Type", "application/json")
                .header("If-Match", "\"v7\"")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
    assertEquals(412, stale.statusCode(), stale.body());
    assertTrue(stale.body().contains("precondition_failed"));
    HttpResponse<String> bad =
        c.api("PUT", "/v1/nda", "{\"text\":{\"es\":\"\",\"en\":\"Agreement 2\"},\"x\":1}");
    assertEquals(400, bad.statusCode());
    assertTrue(
        bad.body()
                .contains(
                    "{\"field\":\"text.es\",\"message\":\"must not be empty\",\"code\":\"empty\"")
            && bad.body().contains("\"code\":\"unknown_field\""),
        bad.body());
    assertTrue(stored(c, "/v1/nda").contains("\"version\":1"), "nothing published");
    HttpResponse<String> ok = c.api("PUT", "/v1/nda", body);
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals("\"v2\"", ok.headers().firstValue("ETag").orElseThrow());
    HttpResponse<String> same = c.api("PUT", "/v1/nda", body);
    assertEquals("\"v2\"", same.headers().firstValue("ETag").orElseThrow(), "no new version");
  }

  @Test
  void theControlEditorAndTheProfile_nameFaultsInThePagesLanguage() {
    ConsoleClient es = new ConsoleClient(app, "es");
    String csrf = es.signIn();
    String tag = ConsoleClient.etag(es.get("/admin/controls/background-checks").body());
    Map<String, String> f = new LinkedHashMap<>();
    f.put("csrf", csrf);
    f.put("etag", tag);
    f.put("categoryId", "organizational-management");
    f.put("titleEs", "Verificación de antecedentes");
    f.put("titleEn", "Background checks");
    f.put("descriptionEs", "Se verifican los antecedentes.");
    f.put("descriptionEn", "Backgrounds are checked.");
    f.put("checkMethod", "manual_attestation");
    f.put("periodDays", "0");
    f.put("position", "1");
    HttpResponse<String> r = es.post("/admin/controls/background-checks", f);
    assertEquals(400, r.statusCode());
    assertEquals(
        "Escriba un número entero entre 1 y 3650.",
        ConsoleClient.fieldError(r.body(), "periodDays"));
    assertFalse(r.body().contains("must be between"), "no English on the Spanish page");

    // The attestation form too.
    Map<String, String> check = new LinkedHashMap<>();
    check.put("csrf", csrf);
    check.put("outcome", "passing");
    check.put(
        "performedOn", java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(3).toString());
    check.put("note", "");
    check.put("evidenceUrl", "");
    HttpResponse<String> attest = es.post("/admin/controls/background-checks/checks", check);
    assertEquals(400, attest.statusCode());
    assertEquals(
        "Elija hoy o una fecha anterior, nunca una futura.",
        ConsoleClient.fieldError(attest.body(), "performedOn"));
    assertEquals("Este campo es obligatorio.", ConsoleClient.fieldError(attest.body(), "note"));

    String profile = es.get("/admin/profile").body();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("csrf", csrf);
    p.put("etag", ConsoleClient.etag(profile));
    p.put("companyName", "Copsis");
    p.put("taglineEs", "Seguridad");
    p.put("taglineEn", "Security");
    p.put("overviewEs", "Resumen.");
    p.put("overviewEn", "Overview.");
    p.put("securityContact", "mailto:nadie");
    HttpResponse<String> bad = es.post("/admin/profile", p);
    assertEquals(400, bad.statusCode());
    assertEquals(
        "Escriba mailto: seguido de una dirección de correo electrónico.",
        ConsoleClient.fieldError(bad.body(), "securityContact"));
    assertTrue(
        bad.body().contains("aria-describedby=\"securityContact-hint securityContact-error\""),
        "one aria-describedby naming the hint and the error");
  }
}
