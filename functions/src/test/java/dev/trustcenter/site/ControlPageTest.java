package dev.trustcenter.site;

import static dev.trustcenter.site.SiteFixtures.BASE;
import static dev.trustcenter.site.SiteFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.Language;
import dev.trustcenter.content.Seed;
import dev.trustcenter.i18n.Messages;
import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.HistoryDigest;
import dev.trustcenter.publicview.TrustCenterView.CheckResultView;
import dev.trustcenter.publicview.TrustCenterView.ControlDetail;
import dev.trustcenter.publicview.Views;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Control pages show the evidence and a bounded summary of the history, and say what is true about
 * errors.
 */
class ControlPageTest {
  private static final String TLS = "encryption-in-transit";
  private static final Map<String, Object> TLS_EVIDENCE =
      new LinkedHashMap<>(
          Map.of(
              "ssl",
              "strict",
              "min_tls_version",
              "1.2",
              "always_use_https",
              "on",
              "hsts_max_age",
              31536000));

  private static RenderedSite render(String control, List<CheckResultView> newestFirst) {
    CheckSummary summary = null;
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      summary =
          CheckSummary.after(summary, newestFirst.get(i).outcome(), newestFirst.get(i).checkedAt());
    }
    Map<String, CheckSummary> checks = new LinkedHashMap<>();
    if (summary != null) {
      checks.put(control, summary);
    }
    SiteRenderer renderer =
        new SiteRenderer(
            365,
            (id, now) ->
                dev.trustcenter.publicview.HistoryDigest.of(
                    id.equals(control) ? newestFirst : List.of(), now));
    return renderer.render(SiteFixtures.input(Seed.load(), checks, Map.of(), List.of()), BASE, NOW);
  }

  private static Document page(RenderedSite site, String lang, String control) {
    return Jsoup.parse(
        new String(
            site.file("/" + lang + "/controls/" + control + "/index.html").bytes(),
            StandardCharsets.UTF_8));
  }

  private static CheckResultView error(Instant at, String reason, boolean reasonPublic) {
    return new CheckResultView(
        CheckOutcome.ERROR,
        at,
        reasonPublic ? Map.of() : null,
        reasonPublic ? reason : null,
        null,
        "cloudflare-zone-tls");
  }

  private static CheckResultView passing(Instant at) {
    return new CheckResultView(
        CheckOutcome.PASSING, at, TLS_EVIDENCE, null, null, "cloudflare-zone-tls");
  }

  @Test
  void anErroredCheckSaysItCouldNotBeChecked_withTheReason_notThatItWasNeverChecked() {
    Instant at = NOW.minus(Duration.ofHours(1));
    Document es =
        page(
            render(TLS, List.of(error(at, "CLOUDFLARE_ZONE_ID is not configured", true))),
            "es",
            TLS);

    assertEquals("No se pudo comprobar", es.selectFirst(".facts .badge").text());
    assertFalse(
        es.text().contains("Aún sin comprobar"),
        "never 'not yet checked' beside a last checked time");
    Element reason = es.selectFirst("q");
    assertEquals("CLOUDFLARE_ZONE_ID is not configured", reason.text());
    assertEquals("en", reason.attr("lang"), "the check's own words are marked as English");
    assertTrue(es.text().contains("Última comprobación correcta nunca"), es.text());
    Document index =
        Jsoup.parse(
            new String(
                render(TLS, List.of(error(at, "x", true))).file("/es/index.html").bytes(),
                StandardCharsets.UTF_8));
    assertEquals(
        "No se pudo comprobar", index.selectFirst("li.control[data-status=error] .badge").text());
    assertEquals("1", index.selectFirst(".rollup li.s-error .count").text());
  }

  @Test
  void anErrorAfterAPassShowsTheLastPassingTime_andAPrivateReasonStaysPrivate() {
    Instant passed = NOW.minus(Duration.ofHours(5));
    Document en =
        page(
            render(
                TLS,
                List.of(
                    error(NOW.minus(Duration.ofHours(1)), "secret detail", false),
                    passing(passed))),
            "en",
            TLS);

    assertEquals("Passing", en.selectFirst(".facts .badge").text());
    assertEquals(
        "Could not run",
        en.select(".facts .badge").get(1).text(),
        "the last outcome beside the last checked time");
    assertTrue(en.text().contains("Last passed March 12, 2026, 05:15 UTC"), en.text());
    assertTrue(
        en.text().contains("Next passing check due by March 13, 2026, 05:15 UTC"), en.text());
    assertFalse(en.html().contains("secret detail"));
    assertTrue(en.text().contains("The details of this check are not public."));
  }

  @Test
  void aPassingAutomatedCheckShowsWhatItTestsAndItsPublicEvidence() {
    Document en = page(render(TLS, List.of(passing(NOW.minus(Duration.ofHours(2))))), "en", TLS);

    assertTrue(
        en.text().contains("What the check tests Reads the settings of the Cloudflare zone"),
        en.text());
    assertEquals(
        List.of("ssl", "min_tls_version", "always_use_https", "hsts_max_age").stream()
            .sorted()
            .toList(),
        en.select("table").first().select("tbody td:first-child").eachText().stream()
            .sorted()
            .toList());
    assertTrue(en.select("table").first().text().contains("min_tls_version 1.2"));
    assertTrue(en.select("table").first().text().contains("hsts_max_age 31536000"));
  }

  @Test
  void everyAutomatedCheckHasADescriptionInBothLanguages() {
    for (String check :
        List.of(
            "cloudflare-zone-tls",
            "storage-encryption-at-rest",
            "storage-firestore-backups",
            "monitoring-heartbeat",
            "storage-private-buckets",
            "gcp-project-segregation")) {
      for (Messages m : Messages.loadAll().values()) {
        assertNotNull(m.all().get("checkTests." + check), check + " in " + m.language());
      }
    }
  }

  @Test
  void aPublicAttestationShowsItsNoteAndLink_withoutWhoRecordedIt() {
    CheckResultView attestation =
        new CheckResultView(
            CheckOutcome.PASSING,
            NOW.minus(Duration.ofDays(3)),
            Map.of("kind", "attestation", "evidence_url", "https://drive.example.com/d/abc"),
            "Checked 4 new hires",
            "https://drive.example.com/d/abc",
            null);
    Document en =
        page(render("background-checks", List.of(attestation)), "en", "background-checks");

    assertEquals("Checked 4 new hires", en.selectFirst("q").text());
    assertEquals("", en.selectFirst("q").attr("lang"), "an admin's note has no known language");
    assertEquals(
        "https://drive.example.com/d/abc",
        en.selectFirst("main a[href^=https://drive]").attr("href"));
    assertNull(en.selectFirst("h2:containsOwn(What the check tests)"));
  }

  /**
   * A year of hourly checks (8,760 results, with a failure every 50 hours and an error every 37) is
   * summarized: the page keeps a 90-day strip, at most 20 changes and 10 results, and stays under
   * 15 KB gzip; the API's answer has the same bounded lists.
   */
  @Test
  void aYearOfHourlyChecks_keepsTheControlPageUnder15KbGzip_andTheApiAnswerBounded()
      throws IOException {
    List<CheckResultView> year = new ArrayList<>();
    for (int h = 0; h < 365 * 24; h++) {
      Instant at = NOW.minus(Duration.ofHours(h));
      year.add(
          h % 37 == 5
              ? error(at, "timed out after 30 s", true)
              : h % 50 == 7
                  ? new CheckResultView(
                      CheckOutcome.FAILING,
                      at,
                      TLS_EVIDENCE,
                      "HSTS max-age is 0",
                      null,
                      "cloudflare-zone-tls")
                  : passing(at));
    }
    RenderedSite site = render(TLS, year);
    for (String lang : List.of("es", "en")) {
      byte[] html = site.file("/" + lang + "/controls/" + TLS + "/index.html").bytes();
      int gzip = gzip(html).length;
      System.out.printf(
          "control page after a year of hourly checks (%s): %d bytes, %d bytes gzip%n",
          lang, html.length, gzip);
      assertTrue(gzip <= 15 * 1024, lang + ": " + gzip + " bytes gzip");
      Document doc = Jsoup.parse(new String(html, StandardCharsets.UTF_8));
      assertEquals(90, doc.select("ol.strip li").size());
      assertEquals(20, doc.select("ul.changes li").size());
      assertEquals(
          10,
          doc.select("tbody tr").size() - doc.select("table").first().select("tbody tr").size());
    }

    ControlDetail detail =
        Views.control(
                SiteFixtures.snapshot(Seed.load(), Map.of()),
                TLS,
                Language.EN,
                NOW,
                365,
                HistoryDigest.of(year, NOW))
            .orElseThrow();
    assertEquals(90, detail.daily().size());
    assertEquals(Views.TRANSITIONS, detail.transitions().size());
    assertEquals(Views.RECENT, detail.history().size());
    int json = Json.write(detail).getBytes(StandardCharsets.UTF_8).length;
    System.out.printf("API control answer after a year of hourly checks: %d bytes%n", json);
    assertTrue(json < 16 * 1024, json + " bytes");
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(bytes);
    }
    return out.toByteArray();
  }
}
