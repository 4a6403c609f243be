package dev.trustcenter.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.content.Text;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import nu.validator.client.EmbeddedValidator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/**
 * Our own scheduled subprocessor changes are published at once as upcoming: on the page in both
 * languages, in the Atom feeds and in trust.json; nothing is shown when none is scheduled.
 */
class UpcomingChangesSiteTest {
  private static final URI BASE = URI.create("https://trust.example.com");
  private static final Instant NOW = Instant.parse("2026-03-12T08:00:00Z");

  static SiteInput withUpcoming(List<UpcomingChange> upcoming) {
    SiteInput t = SiteFixtures.typical();
    return new SiteInput(t.snapshot(), t.snapshotJson(), t.vendorLists(), t.changes(), upcoming);
  }

  static final UpcomingChange STRIPE =
      new UpcomingChange(
          "spc-20260415-0a1b2c3d",
          "add",
          "stripe",
          "Stripe",
          new Text("Cobros con tarjeta.", "Card payments."),
          List.of(new Text("Irlanda", "Ireland")),
          List.of(),
          LocalDate.parse("2026-04-15"),
          Instant.parse("2026-03-12T07:00:00Z"));

  static final UpcomingChange CLOUDFLARE =
      new UpcomingChange(
          "spc-20260501-99887766",
          "change",
          "cloudflare",
          "Cloudflare",
          new Text("Igual.", "Same."),
          List.of(),
          List.of("dataLocations"),
          LocalDate.parse("2026-05-01"),
          Instant.parse("2026-03-10T07:00:00Z"));

  static RenderedSite render(SiteInput input) {
    return new SiteRenderer(365, (id, now) -> dev.trustcenter.publicview.HistoryDigest.EMPTY)
        .render(input, BASE, NOW);
  }

  static String file(RenderedSite site, String path) {
    return new String(site.files().get(path).bytes(), StandardCharsets.UTF_8);
  }

  @Test
  @dev.trustcenter.testing.IntegrationTest
  void theIndexWithScheduledChangesPassesTheNuHtmlChecker() throws Exception {
    RenderedSite site = render(withUpcoming(List.of(STRIPE, CLOUDFLARE)));
    EmbeddedValidator nu = new EmbeddedValidator();
    nu.setOutputFormat(EmbeddedValidator.OutputFormat.JSON);
    for (String page : List.of("/es/index.html", "/en/index.html")) {
      assertEquals(
          List.of(),
          NuHtmlCheckTest.errors(nu, site.files().get(page).bytes()),
          "Nu HTML Checker errors on " + page + " with scheduled changes");
    }
  }

  @Test
  void theIndexShowsEachScheduledChangeInBothLanguages() {
    RenderedSite site = render(withUpcoming(List.of(STRIPE, CLOUDFLARE)));
    Element es = Jsoup.parse(file(site, "/es/index.html")).selectFirst("#subprocessors .upcoming");
    assertNotNull(es);
    assertEquals("Cambios previstos en nuestros subprocesadores", es.selectFirst("h3").text());
    Element item = es.getElementById("upcoming-" + STRIPE.id());
    assertNotNull(item);
    String text = item.text();
    assertTrue(text.contains("Incorporación de Stripe"), text);
    assertTrue(text.contains("Finalidad: Cobros con tarjeta."), text);
    assertTrue(text.contains("Ubicación de los datos: Irlanda"), text);
    assertTrue(text.contains("Entra en vigor el 15 de abril de 2026."), text);
    assertTrue(text.contains("Puede oponerse hasta el 14 de abril de 2026, inclusive."), text);
    assertEquals("2026-04-15", item.selectFirst("time").attr("datetime"));
    String cf = es.getElementById("upcoming-" + CLOUDFLARE.id()).text();
    assertTrue(cf.contains("Cambio en Cloudflare"), cf);
    assertTrue(cf.contains("Ubicación de los datos: no indicada"), cf);
    assertFalse(cf.contains("Finalidad"), "the purpose does not change: " + cf);

    Element en = Jsoup.parse(file(site, "/en/index.html")).selectFirst("#subprocessors .upcoming");
    String enText = en.getElementById("upcoming-" + STRIPE.id()).text();
    assertTrue(enText.contains("Addition of Stripe"), enText);
    assertTrue(enText.contains("Purpose: Card payments."), enText);
    assertTrue(enText.contains("Takes effect on April 15, 2026."), enText);
    assertTrue(enText.contains("Objections until April 14, 2026, inclusive."), enText);
  }

  @Test
  void theFeedsCarryAnEntryPerScheduledChange() throws Exception {
    RenderedSite site = render(withUpcoming(List.of(STRIPE)));
    org.w3c.dom.Document feed =
        DocumentBuilderFactory.newDefaultInstance()
            .newDocumentBuilder()
            .parse(
                new ByteArrayInputStream(
                    site.files()
                        .get(MachineFiles.feedPath(dev.trustcenter.content.Language.EN))
                        .bytes()));
    NodeList entries = feed.getElementsByTagName("entry");
    org.w3c.dom.Element entry = null;
    for (int i = 0; i < entries.getLength(); i++) {
      org.w3c.dom.Element e = (org.w3c.dom.Element) entries.item(i);
      if (e.getElementsByTagName("id").item(0).getTextContent().endsWith(STRIPE.id())) {
        entry = e;
      }
    }
    assertNotNull(entry, "an entry for the scheduled change");
    assertEquals(
        "https://trust.example.com/en/#upcoming-" + STRIPE.id(),
        entry.getElementsByTagName("id").item(0).getTextContent());
    String title = entry.getElementsByTagName("title").item(0).getTextContent();
    assertTrue(title.contains("planned: Addition of Stripe, effective April 15, 2026"), title);
    assertEquals(
        "2026-03-12T07:00:00Z", entry.getElementsByTagName("updated").item(0).getTextContent());
    String content = entry.getElementsByTagName("content").item(0).getTextContent();
    assertTrue(content.contains("objections until April 14, 2026, inclusive"), content);
    String esFeed = file(site, MachineFiles.feedPath(dev.trustcenter.content.Language.ES));
    assertTrue(esFeed.contains("previsto: Incorporación de Stripe, con efecto el 15 de abril"));
  }

  @Test
  void trustJsonListsThemAndIsEmptyWhenNoneIsScheduled() {
    JsonObject json =
        JsonParser.parseString(file(render(withUpcoming(List.of(STRIPE))), "/trust.json"))
            .getAsJsonObject();
    JsonArray upcoming = json.getAsJsonArray("upcomingSubprocessorChanges");
    assertEquals(1, upcoming.size());
    JsonObject c = upcoming.get(0).getAsJsonObject();
    assertEquals(STRIPE.id(), c.get("id").getAsString());
    assertEquals("add", c.get("kind").getAsString());
    assertEquals("2026-04-15", c.get("effectiveOn").getAsString());
    assertEquals("2026-04-14", c.get("objectionDeadline").getAsString());
    assertEquals("Card payments.", c.getAsJsonObject("purpose").get("en").getAsString());
    assertEquals(
        "Ireland",
        c.getAsJsonArray("dataLocations").get(0).getAsJsonObject().get("en").getAsString());

    RenderedSite none = render(withUpcoming(List.of()));
    assertEquals(
        0,
        JsonParser.parseString(file(none, "/trust.json"))
            .getAsJsonObject()
            .getAsJsonArray("upcomingSubprocessorChanges")
            .size());
    assertNull(Jsoup.parse(file(none, "/es/index.html")).selectFirst(".upcoming"));
  }
}
