package dev.trustcenter.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.publicview.TrustCenterView.CheckResultView;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * "Where the data is" shows what the Data Residency check read from the deployment, and nothing it
 * did not.
 */
class DataLocationPageTest {
  private static final URI BASE = URI.create("https://trust.example.com");
  private static final Instant NOW = Instant.parse("2026-03-12T08:00:00Z");

  private static Map<String, Object> evidence(String documentsBucket) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("firestore", "eur3");
    e.put("documents_bucket", documentsBucket);
    e.put("archive_bucket", "EUROPE-WEST1");
    e.put("site_bucket", "EU");
    e.put("functions", "europe-west1");
    e.put("declared", List.of("EU"));
    return e;
  }

  private static RenderedSite render(List<CheckResultView> residency) {
    return new SiteRenderer(
            365,
            (id, now) ->
                dev.trustcenter.publicview.HistoryDigest.of(
                    id.equals(DataLocation.CONTROL_ID) ? residency : List.of(), now))
        .render(SiteFixtures.typical(), BASE, NOW);
  }

  private static Element section(RenderedSite site, String lang) {
    Document page =
        Jsoup.parse(
            new String(
                site.files().get("/" + lang + "/index.html").bytes(), StandardCharsets.UTF_8));
    Element s = page.getElementById("data-location");
    assertNotNull(s, lang + ": no data location section");
    return s;
  }

  private static JsonObject trustJson(RenderedSite site) {
    return JsonParser.parseString(
            new String(site.files().get("/trust.json").bytes(), StandardCharsets.UTF_8))
        .getAsJsonObject();
  }

  @Test
  void theLocationsReadFromTheDeploymentAreShownInBothLanguagesWithWhenTheyWereRead() {
    RenderedSite site =
        render(
            List.of(
                new CheckResultView(
                    CheckOutcome.PASSING,
                    NOW.minus(Duration.ofHours(1)),
                    evidence("EU"),
                    null,
                    null,
                    "gcp-data-residency")));

    Element en = section(site, "en");
    assertEquals(
        List.of(
            "Database (Firestore)",
            "Gated documents (Cloud Storage)",
            "Evidence archive (Cloud Storage)",
            "Published site (Cloud Storage)",
            "Functions (region)"),
        en.select("dt").eachText());
    assertEquals(
        List.of("eur3", "EU", "EUROPE-WEST1", "EU", "europe-west1"), en.select("dd").eachText());
    assertTrue(
        en.text().contains("Every location is inside the regions declared for the data: EU."),
        en.text());
    assertEquals("2026-03-12T07:00:00Z", en.selectFirst("time").attr("datetime"));
    Element es = section(site, "es");
    assertEquals("Base de datos (Firestore)", es.selectFirst("dt").text());
    assertTrue(
        es.text()
            .contains(
                "Todas las ubicaciones están dentro de las regiones declaradas para los datos: EU."),
        es.text());

    JsonObject location = trustJson(site).getAsJsonObject("dataLocation");
    assertEquals("2026-03-12T07:00:00Z", location.get("readAt").getAsString());
    assertEquals("passing", location.get("outcome").getAsString());
    assertEquals("eur3", location.getAsJsonObject("locations").get("firestore").getAsString());
    assertEquals("EU", location.getAsJsonArray("declared").get(0).getAsString());
    assertFalse(location.get("localDevelopment").getAsBoolean());
  }

  @Test
  void aDriftedLocationIsShownAndNotCalledInside() {
    RenderedSite site =
        render(
            List.of(
                new CheckResultView(
                    CheckOutcome.FAILING,
                    NOW.minus(Duration.ofHours(1)),
                    evidence("US"),
                    "documents_bucket is in US, outside [EU]",
                    null,
                    "gcp-data-residency")));

    Element en = section(site, "en");
    assertTrue(en.select("dd").eachText().contains("US"));
    assertTrue(
        en.text().contains("Not every location is inside the regions declared for the data (EU)"),
        en.text());
    assertFalse(en.text().contains("Every location is inside"), en.text());
  }

  @Test
  void beforeTheFirstReadThePageSaysSoAndInventsNothing() {
    RenderedSite site = render(List.of());

    Element en = section(site, "en");
    assertTrue(en.text().contains("Not read yet"), en.text());
    assertTrue(en.select("dd").isEmpty());
    assertTrue(section(site, "es").text().contains("Aún sin leer"));
    assertTrue(trustJson(site).get("dataLocation").isJsonNull());
  }

  @Test
  void aLocalServerSaysItIsLocalDevelopment() {
    RenderedSite site =
        render(
            List.of(
                new CheckResultView(
                    CheckOutcome.ERROR,
                    NOW.minus(Duration.ofMinutes(5)),
                    Map.of("local_development", true),
                    "local development: the embedded store has no location to read",
                    null,
                    "gcp-data-residency")));

    Element en = section(site, "en");
    assertTrue(en.text().contains("local development"), en.text());
    assertTrue(en.select("dd").isEmpty());
    assertTrue(section(site, "es").text().contains("desarrollo local"));
    assertTrue(
        trustJson(site).getAsJsonObject("dataLocation").get("localDevelopment").getAsBoolean());
  }
}
