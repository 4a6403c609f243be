package dev.trustcenter.site;

import static dev.trustcenter.site.SiteFixtures.BASE;
import static dev.trustcenter.site.SiteFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.content.Certificate;
import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.Content;
import dev.trustcenter.content.Framework;
import dev.trustcenter.content.Seed;
import dev.trustcenter.content.Text;
import dev.trustcenter.publicview.TrustCenterView.CheckResultView;
import dev.trustcenter.testing.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nu.validator.client.EmbeddedValidator;
import org.junit.jupiter.api.Test;

/**
 * Every page the site renders passes the Nu HTML Checker (the checker behind validator.w3.org/nu,
 * run in-process from Maven Central's {@code nu.validator:validator}) with no error: the chooser,
 * the 404 page, the trust center in both languages, every control page (never checked, passing with
 * evidence, failing, could not be checked, a public attestation) and the upstream list pages, and
 * the same with hostile text in every field.
 */
@IntegrationTest
public class NuHtmlCheckTest {

  /** The Nu HTML Checker's errors on {@code html}; other tests check their pages with it. */
  public static List<String> errors(EmbeddedValidator nu, byte[] html) throws Exception {
    JsonObject out =
        JsonParser.parseString(nu.validate(new ByteArrayInputStream(html))).getAsJsonObject();
    List<String> errors = new ArrayList<>();
    for (JsonElement e : out.getAsJsonArray("messages")) {
      JsonObject m = e.getAsJsonObject();
      String type = m.get("type").getAsString();

      if (type.equals("error") || type.equals("non-document-error")) {
        errors.add(
            (m.has("lastLine") ? m.get("lastLine").getAsInt() + ": " : "")
                + m.get("message").getAsString()
                + (m.has("extract") ? " [" + m.get("extract").getAsString() + "]" : ""));
      }
    }
    return errors;
  }

  private static int checkEveryPage(EmbeddedValidator nu, RenderedSite site) throws Exception {
    int pages = 0;
    for (SiteFile f : site.files().values()) {
      if (f.contentType().startsWith("text/html")) {
        List<String> errors = errors(nu, f.bytes());
        assertEquals(List.of(), errors, "Nu HTML Checker errors on " + f.path());
        pages++;
      }
    }
    return pages;
  }

  private static SiteInput rich() {
    Content seed = Seed.load();
    Framework iso = seed.frameworks().get(0);
    Certificate cert =
        new Certificate(
            "BSI",
            "IS 123456",
            Text.of("Plataforma SaaS", "SaaS platform"),
            LocalDate.parse("2024-01-10"),
            LocalDate.parse("2027-01-09"),
            "https://certcheck.example.org/IS123456");
    Content content =
        new Content(
            seed.profile(),
            List.of(
                new Framework(
                    iso.id(), iso.name(), iso.version(), iso.description(), cert, iso.position())),
            seed.categories(),
            seed.controls(),
            seed.subprocessors(),
            seed.resources());
    Map<String, CheckSummary> checks = new java.util.LinkedHashMap<>(SiteFixtures.checks());
    checks.put(
        "automated-backup-process",
        new CheckSummary(CheckOutcome.ERROR, NOW.minus(Duration.ofHours(1)), null, null));
    checks.put(
        "background-checks",
        new CheckSummary(
            CheckOutcome.PASSING, NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(3))));
    return SiteFixtures.input(
        content,
        checks,
        Map.of("google-cloud", SiteFixtures.googleList(NOW.minus(Duration.ofHours(20)))),
        SiteFixtures.changes());
  }

  private static List<CheckResultView> history(String control) {
    Map<String, Object> evidence =
        Map.of("ssl", "strict", "min_tls_version", "1.0", "hsts_max_age", 31536000);
    return switch (control) {
      case "encryption-in-transit" ->
          List.of(
              new CheckResultView(
                  CheckOutcome.FAILING,
                  NOW.minus(Duration.ofHours(5)),
                  evidence,
                  "minimum TLS version is 1.0",
                  null,
                  "cloudflare-zone-tls"),
              new CheckResultView(
                  CheckOutcome.PASSING,
                  NOW.minus(Duration.ofDays(2)),
                  evidence,
                  null,
                  null,
                  "cloudflare-zone-tls"));
      case "automated-backup-process" ->
          List.of(
              new CheckResultView(
                  CheckOutcome.ERROR,
                  NOW.minus(Duration.ofHours(1)),
                  Map.of(),
                  "ARCHIVE_BUCKET is not configured",
                  null,
                  "storage-firestore-backups"));
      case "segregation-of-environments" ->
          List.of(
              new CheckResultView(
                  CheckOutcome.PASSING,
                  NOW.minus(Duration.ofHours(3)),
                  null,
                  null,
                  null,
                  "gcp-project-segregation"));
      case "data-residency" ->
          List.of(
              new CheckResultView(
                  CheckOutcome.PASSING,
                  NOW.minus(Duration.ofHours(2)),
                  Map.of(
                      "firestore",
                      "eur3",
                      "documents_bucket",
                      "EU",
                      "archive_bucket",
                      "EUROPE-WEST1",
                      "site_bucket",
                      "EU",
                      "functions",
                      "europe-west1",
                      "declared",
                      List.of("EU")),
                  null,
                  null,
                  "gcp-data-residency"));
      case "background-checks" ->
          List.of(
              new CheckResultView(
                  CheckOutcome.PASSING,
                  NOW.minus(Duration.ofDays(3)),
                  Map.of("kind", "attestation", "evidence_url", "https://drive.example.com/d/abc"),
                  "Checked 4 new hires",
                  "https://drive.example.com/d/abc",
                  null));
      default -> List.of();
    };
  }

  @Test
  void everyPageHasNoNuHtmlCheckerError() throws Exception {
    EmbeddedValidator nu = new EmbeddedValidator();
    nu.setOutputFormat(EmbeddedValidator.OutputFormat.JSON);
    int pages =
        checkEveryPage(
            nu,
            new SiteRenderer(
                    365, (id, now) -> dev.trustcenter.publicview.HistoryDigest.of(history(id), now))
                .render(rich(), BASE, NOW));
    pages += checkEveryPage(nu, new SiteRenderer().render(SiteFixtures.typical(), BASE, NOW));
    pages +=
        checkEveryPage(
            nu,
            new SiteRenderer()
                .render(
                    SiteFixtures.input(
                        HostileStringsTest.hostileContent(), Map.of(), Map.of(), List.of()),
                    BASE,
                    NOW));
    System.out.println("Nu HTML Checker: " + pages + " pages, 0 errors");
    assertTrue(pages > 180, pages + " pages checked");
  }

  @Test
  void theCheckerReportsAnError_soAPassMeansSomething() throws Exception {
    EmbeddedValidator nu = new EmbeddedValidator();
    nu.setOutputFormat(EmbeddedValidator.OutputFormat.JSON);
    byte[] bad =
        "<!doctype html><html lang=en><title>x</title><p><div></p></span>"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(!errors(nu, bad).isEmpty());
  }
}
