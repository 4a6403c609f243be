package dev.trustcenter.site;

import static dev.trustcenter.site.SiteFixtures.BASE;
import static dev.trustcenter.site.SiteFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.content.Category;
import dev.trustcenter.content.Certificate;
import dev.trustcenter.content.CheckMethod;
import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.Content;
import dev.trustcenter.content.Control;
import dev.trustcenter.content.Framework;
import dev.trustcenter.content.Profile;
import dev.trustcenter.content.Resource;
import dev.trustcenter.content.Subprocessor;
import dev.trustcenter.content.Text;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Neither admins nor vendor pages are trusted to be HTML-safe: hostile strings in every text field
 * and URL of the data come out inert on every page, intact in trust.json and in the feeds.
 */
class HostileStringsTest {
  static final String SCRIPT = "<script>alert(1)</script>";
  static final String IMG = "\"><img src=x onerror=alert(1)>";
  static final String JS_URL = "javascript:alert(1)";
  static final String BOTH = SCRIPT + " " + IMG + " '&amp;`={{x}}";

  private static Text t() {
    return Text.of("es " + BOTH, "en " + BOTH);
  }

  static Content hostileContent() {
    Profile profile = new Profile(BOTH, t(), t(), JS_URL);
    Certificate cert =
        new Certificate(
            BOTH, BOTH, t(), LocalDate.parse("2025-01-01"), LocalDate.parse("2027-01-01"), JS_URL);
    Framework framework = new Framework("iso " + BOTH, BOTH, BOTH, t(), cert, 10);
    Category category = new Category("cat " + BOTH, t(), 10);
    Control control =
        new Control("ctl" + IMG, category.id(), t(), t(), CheckMethod.AUTOMATED, 1, 10);
    Control second =
        new Control("plain-control", category.id(), t(), t(), CheckMethod.PERIODIC_REVIEW, 30, 20);
    Subprocessor sp =
        new Subprocessor(
            "google-cloud",
            BOTH,
            t(),
            List.of(t(), Text.of("Irlanda", "Ireland")),
            JS_URL,
            "https://x.example/dpa\"onmouseover=\"alert(1)",
            t(),
            10);
    Subprocessor sp2 =
        new Subprocessor(
            "vendor" + SCRIPT,
            BOTH,
            t(),
            List.of(),
            "data:text/html,<script>alert(1)</script>",
            " javascript:alert(1)",
            t(),
            20);
    Resource r1 = new Resource("r1", t(), "company", "terms", JS_URL, 10);
    Resource r2 = new Resource("r2", t(), sp.id(), "dpa", "JaVaScRiPt:alert(1)", 20);
    Resource r3 = new Resource("r3", t(), "owner" + IMG, "other", null, 30);
    return new Content(
        profile,
        List.of(framework),
        List.of(category),
        List.of(control, second),
        List.of(sp, sp2),
        List.of(r1, r2, r3));
  }

  static SiteInput hostileInput() {
    Content c = hostileContent();
    VendorList list =
        new VendorList(
            "google-cloud",
            JS_URL,
            NOW.minus(Duration.ofDays(10)),
            LocalDate.parse("2026-01-01"),
            2,
            List.of(
                new VendorList.Entry(BOTH, List.of(BOTH), BOTH, BOTH),
                new VendorList.Entry("Plain Ltd", List.of("Ireland"), "", "")),
            NOW);
    VendorListChange change =
        new VendorListChange(
            "2026-03-10T00:00:00.000Z-google-cloud-x" + IMG,
            "google-cloud",
            "added",
            BOTH + "\u0000\u0007",
            BOTH,
            List.of(BOTH),
            BOTH,
            NOW.minus(Duration.ofDays(2)));
    Map<String, CheckSummary> checks =
        Map.of(
            c.controls().get(0).id(),
            new CheckSummary(CheckOutcome.FAILING, NOW, NOW.minus(Duration.ofDays(3))));
    return SiteFixtures.input(c, checks, Map.of("google-cloud", list), List.of(change));
  }

  @Test
  void everyPage_showsHostileTextAsText_withNoInjectedElementAttributeOrScriptUrl() {
    RenderedSite site = new SiteRenderer().render(hostileInput(), BASE, NOW);
    String script =
        site.files().keySet().stream().filter(p -> p.endsWith(".js")).findFirst().orElseThrow();
    int pages = 0;
    for (SiteFile f : site.files().values()) {
      if (!f.contentType().startsWith("text/html")) {
        continue;
      }
      pages++;
      String html = new String(f.bytes(), StandardCharsets.UTF_8);
      Document doc = Jsoup.parse(html, BASE + f.path());
      for (Element e : doc.getAllElements()) {
        assertTrue(!e.tagName().equals("img"), f.path() + ": injected <img>");
        if (e.tagName().equals("script")) {
          assertEquals(script, e.attr("src"), f.path() + ": a script other than the site's");
          assertEquals("", e.html(), f.path() + ": inline script");
        }
        for (Attribute a : e.attributes()) {
          assertTrue(
              !a.getKey().toLowerCase().startsWith("on"),
              f.path() + ": event handler attribute " + a);
          assertTrue(
              !a.getKey().equals("src") || e.tagName().equals("script"),
              f.path() + ": injected src " + a);
          assertTrue(
              !a.getKey().contains("alert") && !a.getKey().contains("<"),
              f.path() + ": injected attribute " + a);
          if (a.getKey().equals("href")
              || a.getKey().equals("src")
              || a.getKey().equals("action")) {
            String v = a.getValue().strip().toLowerCase();
            assertTrue(
                !v.startsWith("javascript:") && !v.startsWith("data:text"),
                f.path() + ": script URL in " + a);
          }
        }
      }
      assertTrue(!html.contains("<script>alert"), f.path() + ": raw script tag");
    }
    assertTrue(pages >= 8, "pages checked: " + pages);

    Document es =
        Jsoup.parse(new String(site.file("/es/index.html").bytes(), StandardCharsets.UTF_8));
    assertTrue(
        es.selectFirst("h1").text().contains(SCRIPT),
        "the company name is shown as the text it is");
    assertTrue(es.selectFirst("#overview p").text().contains("es " + BOTH));
    assertTrue(
        es.getElementById("resources")
            .text()
            .contains("(enlace no publicado: javascript:alert(1))"));
    assertTrue(
        es.getElementById("compliance")
            .text()
            .contains("(enlace no publicado: javascript:alert(1))"));
    assertTrue(
        es.select("a[href]").stream().noneMatch(a -> a.attr("href").contains("onmouseover")),
        "a URL with a quote is not linked");
    Document list =
        Jsoup.parse(
            new String(
                site.file("/en/subprocessors/google-cloud/index.html").bytes(),
                StandardCharsets.UTF_8));
    assertTrue(list.selectFirst("tbody td").text().equals(BOTH));
  }

  @Test
  void securityTxt_isNotPublishedForAScriptUrl_orAContactThatWouldInjectLines() {
    RenderedSite site = new SiteRenderer().render(hostileInput(), BASE, NOW);
    assertNull(site.file("/.well-known/security.txt"));
    Content c = hostileContent();
    for (String contact :
        List.of(
            "mailto:a@b.example\nContact: https://evil.example",
            "https://ok.example/\rExpires: never",
            "mailto:<script>@x")) {
      Content withContact =
          new Content(
              new Profile("Acme", c.profile().tagline(), c.profile().overview(), contact),
              c.frameworks(),
              c.categories(),
              c.controls(),
              c.subprocessors(),
              c.resources());
      assertNull(
          new SiteRenderer()
              .render(SiteFixtures.input(withContact, Map.of(), Map.of(), List.of()), BASE, NOW)
              .file("/.well-known/security.txt"),
          contact);
    }
  }

  @Test
  void trustJson_isValidJson_withEveryHostileValueIntactAsAString() {
    RenderedSite site = new SiteRenderer().render(hostileInput(), BASE, NOW);
    String raw = new String(site.file("/trust.json").bytes(), StandardCharsets.UTF_8);
    assertTrue(!raw.contains("<script>"), "Gson's HTML-safe escaping keeps < out of the bytes");
    JsonObject json = JsonParser.parseString(raw).getAsJsonObject();
    JsonObject content = json.getAsJsonObject("content");
    assertEquals(BOTH, content.getAsJsonObject("profile").get("companyName").getAsString());
    assertEquals(JS_URL, content.getAsJsonObject("profile").get("securityContact").getAsString());
    assertEquals(
        "en " + BOTH,
        content
            .getAsJsonArray("controls")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("title")
            .get("en")
            .getAsString());
    assertEquals("failing", json.getAsJsonObject("controlStatus").get("ctl" + IMG).getAsString());
  }

  @Test
  void feeds_parseAsXml_withTheHostileTextIntact() throws Exception {
    RenderedSite site = new SiteRenderer().render(hostileInput(), BASE, NOW);
    for (String path :
        List.of("/feeds/subprocessors.atom", "/feeds/subprocessors.en.atom", "/sitemap.xml")) {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      var doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(site.file(path).bytes()));
      if (path.contains("atom")) {
        assertEquals(BOTH, doc.getElementsByTagName("name").item(0).getTextContent());
        String title =
            doc.getElementsByTagName("entry").item(0).getChildNodes().item(1).getTextContent();
        assertTrue(title.endsWith(BOTH), "control characters dropped, the rest intact: " + title);
        assertTrue(doc.getElementsByTagName("content").item(0).getTextContent().contains(BOTH));
      }
    }
  }
}
