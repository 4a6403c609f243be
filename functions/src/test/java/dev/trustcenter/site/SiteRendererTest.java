package dev.trustcenter.site;

import static dev.trustcenter.site.SiteFixtures.BASE;
import static dev.trustcenter.site.SiteFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.content.Certificate;
import dev.trustcenter.content.Content;
import dev.trustcenter.content.Framework;
import dev.trustcenter.content.Profile;
import dev.trustcenter.content.Seed;
import dev.trustcenter.content.Text;
import dev.trustcenter.i18n.Messages;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

class SiteRendererTest {
  private static final SiteRenderer RENDERER = new SiteRenderer();

  private static RenderedSite typical() {
    return RENDERER.render(SiteFixtures.typical(), BASE, NOW);
  }

  private static Document html(RenderedSite site, String path) {
    SiteFile f = site.file(path);
    assertNotNull(f, "no file at " + path);
    assertEquals("text/html; charset=utf-8", f.contentType());
    return Jsoup.parse(new String(f.bytes(), StandardCharsets.UTF_8), BASE + path);
  }

  @Test
  void everyPageAndFileIsProduced_withItsContentTypeAndCacheClass() {
    RenderedSite site = typical();
    for (String path :
        List.of(
            "/index.html",
            "/404.html",
            "/es/index.html",
            "/en/index.html",
            "/es/controls/encryption-in-transit/index.html",
            "/en/subprocessors/google-cloud/index.html")) {
      assertEquals(CacheClass.PAGE, site.file(path).cacheClass(), path);
    }
    assertEquals(
        45 * 2 + 2 * 1 + 4,
        site.files().values().stream().filter(f -> f.cacheClass() == CacheClass.PAGE).count());
    assertEquals("application/json; charset=utf-8", site.file("/trust.json").contentType());
    assertEquals(
        "application/atom+xml; charset=utf-8",
        site.file("/feeds/subprocessors.atom").contentType());
    assertEquals(CacheClass.DATA, site.file("/sitemap.xml").cacheClass());
    assertEquals("public, max-age=31536000, immutable", CacheClass.ASSET.cacheControl());
    assertTrue(CacheClass.PAGE.cacheControl().contains("must-revalidate"));
    assertNull(
        site.file("/es/subprocessors/cloudflare/index.html"), "no page for a list never synced");
  }

  @Test
  void assetsAreFingerprintedByContent_andEveryPageLoadsExactlyThose() {
    RenderedSite site = typical();
    List<String> assets =
        site.files().keySet().stream().filter(p -> p.startsWith("/assets/")).toList();
    assertEquals(2, assets.size());
    for (String asset : assets) {
      Matcher m = Pattern.compile("/assets/site\\.([0-9a-f]{8})\\.(css|js)").matcher(asset);
      assertTrue(m.matches(), asset);
      assertTrue(site.file(asset).sha256().startsWith(m.group(1)));
    }
    Document en = html(site, "/en/index.html");
    assertTrue(assets.contains(en.selectFirst("link[rel=stylesheet]").attr("href")));
    assertTrue(assets.contains(en.selectFirst("script[src]").attr("src")));
    assertTrue(en.selectFirst("script[src]").hasAttr("defer"));
    assertTrue(
        en.select("script:not([src])").isEmpty(), "no inline script (CSP script-src 'self')");
    assertTrue(en.select("[style]").isEmpty(), "no inline style (CSP style-src 'self')");
    assertTrue(
        en.select("[src^=http], link[href^=http][rel=stylesheet]").isEmpty(),
        "nothing from third parties");
  }

  @Test
  void pagesCarryLanguageAlternatesCanonicalSkipLinkAndSwitch() {
    Document es = html(typical(), "/es/controls/encryption-in-transit/index.html");
    assertEquals("es", es.selectFirst("html").attr("lang"));
    assertEquals(
        "https://trust.example.com/es/controls/encryption-in-transit/",
        es.selectFirst("link[rel=canonical]").attr("href"));
    assertEquals(
        "https://trust.example.com/en/controls/encryption-in-transit/",
        es.selectFirst("link[hreflang=en]").attr("href"));
    assertEquals(
        "https://trust.example.com/es/controls/encryption-in-transit/",
        es.selectFirst("link[hreflang=x-default]").attr("href"));
    Element skip = es.selectFirst("body > a.skip");
    assertEquals("#main", skip.attr("href"));
    assertNotNull(es.getElementById("main"));
    Element sw = es.selectFirst("nav.lang a");
    assertEquals("/en/controls/encryption-in-transit/", sw.attr("href"));
    assertEquals("en", sw.attr("lang"));
    assertEquals("English", sw.text());
    assertEquals("Cifrado en tránsito · Centro de confianza de Copsis", es.title());
  }

  @Test
  void statusesAreShownHonestly_withWordsAndDatesInThePagesLanguage() {
    RenderedSite site = typical();
    Document es = html(site, "/es/index.html");
    Element failing = es.selectFirst("li.control[data-status=failing]");
    assertEquals("Con fallos", failing.selectFirst(".badge").text());
    Element time = failing.selectFirst("time");
    assertEquals("2026-03-12T05:15:00Z", time.attr("datetime"));
    assertEquals("12 de marzo de 2026, 05:15 UTC", time.text());
    assertEquals(
        "Comprobación vencida", es.selectFirst("li.control[data-status=overdue] .badge").text());
    Element never = es.selectFirst("li.control[data-status=not_yet_checked]");
    assertEquals("Aún sin comprobar", never.selectFirst(".badge").text());
    assertTrue(never.text().contains("Última comprobación: nunca"), never.text());
    assertEquals(List.of("1", "1", "1", "0", "42"), es.select(".rollup .count").eachText());

    Document en = html(site, "/en/index.html");
    assertEquals(
        "March 12, 2026, 05:15 UTC", en.selectFirst("li.control[data-status=failing] time").text());
    assertEquals("Content updated on March 1, 2026", en.selectFirst("#overview .meta").text());
  }

  @Test
  void compliance_saysCertificateDetailsAreNotPublished_untilTheyAre() {
    Document none = html(typical(), "/en/index.html");
    assertTrue(
        none.getElementById("compliance")
            .text()
            .contains(
                "The certificate details (certification body, number, scope and validity) have not been published."));

    Content seed = Seed.load();
    Framework iso = seed.frameworks().get(0);
    Certificate cert =
        new Certificate(
            "BSI",
            "IS 123456",
            Text.of("Plataforma SaaS", "SaaS platform"),
            LocalDate.parse("2024-01-10"),
            LocalDate.parse("2026-01-09"),
            "https://certcheck.example.org/IS123456");
    Content withCert =
        new Content(
            seed.profile(),
            List.of(
                new Framework(
                    iso.id(), iso.name(), iso.version(), iso.description(), cert, iso.position())),
            seed.categories(),
            seed.controls(),
            seed.subprocessors(),
            seed.resources());
    RenderedSite site =
        RENDERER.render(SiteFixtures.input(withCert, Map.of(), Map.of(), List.of()), BASE, NOW);
    Element compliance = html(site, "/es/index.html").getElementById("compliance");
    assertEquals(
        List.of(
            "Entidad de certificación",
            "Número de certificado",
            "Alcance",
            "Válido desde",
            "Válido hasta"),
        compliance.select("dt").eachText());
    assertEquals(
        List.of("BSI", "IS 123456", "Plataforma SaaS", "10 de enero de 2024", "9 de enero de 2026"),
        compliance.select("dd").eachText());
    assertEquals(
        "Este certificado venció el 9 de enero de 2026.", compliance.selectFirst(".warn").text());
    assertEquals(
        "https://certcheck.example.org/IS123456", compliance.selectFirst("a").attr("href"));
  }

  @Test
  void subprocessors_showTheSyncedListSummary_andAStaleListSaysWhenItWasLastVerified() {
    Element google = html(typical(), "/en/index.html").getElementById("subprocessor-google-cloud");
    assertEquals(
        List.of("Not stated", "March 11, 2026, 14:15 UTC"),
        List.of(
            google.select("dl").first().select("dd").get(0).text(),
            google.select("dl").first().select("dd").get(2).text()),
        "where the data is and when the list was last verified come first");
    assertEquals(
        List.of("3 entries", "February 20, 2026", "March 5, 2026, 04:00 UTC"),
        google.select(".upstream dd").eachText());
    assertEquals("/en/subprocessors/google-cloud/", google.selectFirst(".upstream a").attr("href"));
    assertNull(google.selectFirst(".warn"));

    Instant old = NOW.minus(Duration.ofDays(9));
    RenderedSite stale =
        RENDERER.render(
            SiteFixtures.input(
                Seed.load(),
                Map.of(),
                Map.of("google-cloud", SiteFixtures.googleList(old)),
                List.of()),
            BASE,
            NOW);
    Element warn = html(stale, "/es/index.html").selectFirst("#subprocessor-google-cloud .warn");
    assertEquals(
        "Esta lista no se ha podido verificar desde el 3 de marzo de 2026, 10:15 UTC; puede no estar al día.",
        warn.text());
    assertNotNull(html(stale, "/es/subprocessors/google-cloud/index.html").selectFirst(".warn"));

    Element cloudflare =
        html(typical(), "/es/index.html").getElementById("subprocessor-cloudflare");
    assertTrue(cloudflare.text().contains("La lista del proveedor todavía no se ha sincronizado"));
    assertEquals(
        List.of(
            "https://www.cloudflare.com/gdpr/subprocessors/",
            "https://www.cloudflare.com/cloudflare-customer-dpa/"),
        cloudflare.select(".links a").eachAttr("href"));
  }

  @Test
  void upstreamListPage_listsEveryEntryByGroup_withRecentChanges() {
    Document page = html(typical(), "/en/subprocessors/google-cloud/index.html");
    assertEquals("Google Cloud's subprocessors", page.selectFirst("h1").text());
    assertEquals(
        List.of(
            "Google Cloud's subprocessors: Google Cloud Platform",
            "Google Cloud's subprocessors: Third-party subprocessors"),
        page.select("caption").eachText());
    assertEquals(3, page.select("tbody tr").size());
    assertEquals("United States, India", page.select("tbody tr").last().select("td").get(2).text());
    assertEquals("en", page.selectFirst("tbody").attr("lang"));
    assertTrue(
        page.selectFirst(".changes")
            .text()
            .contains("Added Accenture LLP (Third-party subprocessors)"));
  }

  @Test
  void resources_linkPublicDocumentsAndSayTheOthersAreAvailableOnRequest() {
    Element resources = html(typical(), "/es/index.html").getElementById("resources");
    assertEquals(
        List.of(
            "Publicados por Copsis", "Publicados por Google Cloud", "Publicados por Cloudflare"),
        resources.select("h3").eachText());
    Element privacy = resources.select("ul").first().selectFirst("li");
    assertEquals(
        "Aviso de privacidad: disponible bajo petición Solicitar acceso: Aviso de privacidad",
        privacy.text());
    assertEquals(
        "/api/v1/access-requests/new?lang=es&documentId=privacy-notice",
        privacy.selectFirst("a.button").attr("href"));
    assertEquals(6, resources.select("a[href^=https:]").size());
    assertEquals(
        List.of("privacy-notice", "terms-and-conditions", "iso-27001-certificate"),
        resources.select("a.button").eachAttr("href").stream()
            .map(h -> h.replaceFirst(".*documentId=", ""))
            .toList(),
        "every document available on request, and only those, has its request button");
  }

  @Test
  void
      atAGlance_certificationsSubprocessorsAndDocumentsComeBeforeTheControls_whichAreCollapsibleGroups() {
    for (String lang : List.of("es", "en")) {
      Document page = html(typical(), "/" + lang + "/index.html");
      assertEquals(
          List.of(
              "overview",
              "compliance",
              "data-location",
              "subprocessors",
              "resources",
              "monitoring"),
          page.select("main section[id]").eachAttr("id"));
      assertEquals(
          "/api/v1/subscriptions/new?lang=" + lang, page.selectFirst(".actions a").attr("href"));
      assertEquals(
          "/api/v1/access-requests/new?lang=" + lang,
          page.select(".actions a").get(1).attr("href"));
      assertEquals(
          "/api/v1/access-requests/new?lang=" + lang + "&documentId=iso-27001-certificate",
          page.getElementById("compliance").selectFirst("a.button").attr("href"),
          "the certification's request the report");
      var groups = page.select("#monitoring details.category");
      assertEquals(10, groups.size());
      assertEquals(45, groups.select("li.control").size());
      assertTrue(
          groups.stream().allMatch(d -> d.child(0).tagName().equals("summary")),
          "each group opens with a summary");
      assertEquals(
          List.of("category-change-management", "category-access-security"),
          groups.stream().filter(d -> d.hasAttr("open")).map(Element::id).toList(),
          "only groups with a failing or overdue control are open");
    }
    assertEquals(
        "Request the report: ISO/IEC 27001 Certificate",
        html(typical(), "/en/index.html")
            .getElementById("compliance")
            .selectFirst("a.button")
            .text());
  }

  @Test
  void rootChoosesALanguageWithoutScript_defaultingToSpanish() {
    Document root = html(typical(), "/index.html");
    assertEquals("0; url=/es/", root.selectFirst("meta[http-equiv=refresh]").attr("content"));
    assertEquals(List.of("/es/", "/en/"), root.select("main a").eachAttr("href"));
    assertTrue(root.selectFirst("html").hasAttr("data-chooser"));
  }

  @Test
  void securityTxt_isPublishedOnlyWithAContact_andExpiresAtLeast180DaysAhead() {
    RenderedSite without = typical();
    assertNull(without.file("/.well-known/security.txt"));
    assertTrue(without.notes().get(0).contains("security.txt not published"));
    assertTrue(
        html(without, "/en/index.html").select("a[href='/.well-known/security.txt']").isEmpty());

    Content seed = Seed.load();
    Profile p = seed.profile();
    Content withContact =
        new Content(
            new Profile(
                p.companyName(), p.tagline(), p.overview(), "mailto:security@copsis.example"),
            seed.frameworks(),
            seed.categories(),
            seed.controls(),
            seed.subprocessors(),
            seed.resources());
    RenderedSite site =
        RENDERER.render(SiteFixtures.input(withContact, Map.of(), Map.of(), List.of()), BASE, NOW);
    String txt = new String(site.file("/.well-known/security.txt").bytes(), StandardCharsets.UTF_8);
    assertEquals(
        "Contact: mailto:security@copsis.example\nExpires: 2026-09-28T00:00:00Z\nPreferred-Languages: es, en\n"
            + "Canonical: https://trust.example.com/.well-known/security.txt\n",
        txt);
    assertTrue(Instant.parse("2026-09-28T00:00:00Z").isAfter(NOW.plus(Duration.ofDays(180))));
    Document en = html(site, "/en/index.html");
    assertEquals(
        "mailto:security@copsis.example",
        en.selectFirst(".site-footer a[href^=mailto]").attr("href"));
    assertEquals("security@copsis.example", en.selectFirst(".site-footer a[href^=mailto]").text());
  }

  @Test
  void trustJson_copiesTheStoredMembersAsStored_whateverTheirSpacing_leavingOutTheReadyAnswers() {
    SiteInput in = SiteFixtures.typical();
    JsonObject stored = JsonParser.parseString(in.snapshotJson()).getAsJsonObject();
    JsonObject withReady = new JsonObject();
    JsonObject ready = new JsonObject();
    ready.addProperty("body", "{\"a\":\"}\\\"]\"}");
    withReady.add("ready", ready);
    stored.entrySet().forEach(e -> withReady.add(e.getKey(), e.getValue()));
    String spaced =
        new com.google.gson.GsonBuilder()
            .setPrettyPrinting()
            .serializeNulls()
            .create()
            .toJson(withReady);
    SiteInput spacedInput =
        new SiteInput(
            in.snapshot(), " " + spaced + "\n", in.vendorLists(), in.changes(), in.upcoming());
    for (SiteInput input : List.of(in, spacedInput)) {
      JsonObject json =
          JsonParser.parseString(
                  new String(
                      new SiteRenderer().render(input, BASE, NOW).file("/trust.json").bytes(),
                      StandardCharsets.UTF_8))
              .getAsJsonObject();
      assertFalse(json.has("ready"));
      stored.entrySet().forEach(e -> assertEquals(e.getValue(), json.get(e.getKey()), e.getKey()));
      assertTrue(json.has("controlStatus") && json.has("pages"));
    }
  }

  @Test
  void trustJson_isTheSnapshotWithItsSchemaVersionAndDerivedStatuses() {
    JsonObject json =
        JsonParser.parseString(
                new String(typical().file("/trust.json").bytes(), StandardCharsets.UTF_8))
            .getAsJsonObject();
    assertEquals(1, json.get("schemaVersion").getAsInt());
    assertEquals(
        "Copsis",
        json.getAsJsonObject("content")
            .getAsJsonObject("profile")
            .get("companyName")
            .getAsString());
    assertEquals(45, json.getAsJsonObject("content").getAsJsonArray("controls").size());
    assertEquals(
        "failing",
        json.getAsJsonObject("controlStatus").get("encryption-in-transit").getAsString());
    assertEquals(
        "not_yet_checked",
        json.getAsJsonObject("controlStatus").get("risk-register").getAsString());
    assertEquals(
        "https://trust.example.com/en/", json.getAsJsonObject("pages").get("en").getAsString());
  }

  @Test
  void feedsAndSitemap_areWellFormedXml() throws Exception {
    RenderedSite site = typical();
    var feed = parse(site.file("/feeds/subprocessors.en.atom").bytes());
    assertEquals("http://www.w3.org/2005/Atom", feed.getDocumentElement().getNamespaceURI());
    NodeList entries = feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
    assertEquals(1, entries.getLength());
    assertEquals(
        "Google Cloud: Added: Accenture LLP",
        ((org.w3c.dom.Element) entries.item(0))
            .getElementsByTagName("title")
            .item(0)
            .getTextContent());
    var feedEs = parse(site.file("/feeds/subprocessors.atom").bytes());
    List<String> idsEn = new java.util.ArrayList<>();
    List<String> idsEs = new java.util.ArrayList<>();
    NodeList allEn = feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "id");
    NodeList allEs = feedEs.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "id");
    for (int i = 0; i < allEn.getLength(); i++) {
      idsEn.add(allEn.item(i).getTextContent());
      idsEs.add(allEs.item(i).getTextContent());
    }
    assertEquals(2, idsEn.size());
    assertTrue(
        idsEn.stream().noneMatch(idsEs::contains),
        "each language's feed and entries have their own ids: " + idsEn + " " + idsEs);

    RenderedSite empty =
        RENDERER.render(SiteFixtures.input(Seed.load(), Map.of(), Map.of(), List.of()), BASE, NOW);
    var emptyFeed = parse(empty.file("/feeds/subprocessors.atom").bytes());
    assertEquals(
        0, emptyFeed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength());
    assertEquals(
        "2026-03-01T09:00:00Z",
        emptyFeed
            .getElementsByTagNameNS("http://www.w3.org/2005/Atom", "updated")
            .item(0)
            .getTextContent());

    var sitemap = parse(site.file("/sitemap.xml").bytes());
    NodeList locs =
        sitemap.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "loc");
    assertEquals(2 * (1 + 45 + 1), locs.getLength());
    assertEquals("https://trust.example.com/es/", locs.item(0).getTextContent());
    assertTrue(
        new String(site.file("/robots.txt").bytes(), StandardCharsets.UTF_8)
            .contains("Sitemap: https://trust.example.com/sitemap.xml"));
  }

  @Test
  void renderingTwice_givesIdenticalBytes() {
    RenderedSite a = typical();
    RenderedSite b = typical();
    assertEquals(a.files().keySet(), b.files().keySet());
    a.files().forEach((path, f) -> assertArrayEquals(f.bytes(), b.file(path).bytes(), path));
  }

  @Test
  void slugs_keepSimpleIdsAndMakeOthersSafeAndDistinct() {
    assertEquals("encryption-at-rest", Slugs.of("encryption-at-rest"));
    assertTrue(Slugs.of("a:b+c").matches("a-b-c-[0-9a-f]{8}"));
    assertFalse(Slugs.of("A").equals(Slugs.of("a")));
    assertTrue(Slugs.of("../..").matches("[0-9a-f]{8}"));
  }

  @Test
  void slugs_shortcutForIdsThatAreTheirOwnSlugAgreesWithTheReduction() {
    var random = new java.util.Random(7);
    String alphabet = "ab-z09A_ .é";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder id = new StringBuilder();
      for (int n = random.nextInt(64); n > 0; n--) {
        id.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      assertEquals(Slugs.reduced(id.toString()), Slugs.of(id.toString()), id.toString());
    }
    for (String id : List.of("a", "a-b", "-a", "a-", "a--b", "x".repeat(60), "x".repeat(61), "")) {
      assertEquals(Slugs.reduced(id), Slugs.of(id), id);
    }
  }

  @Test
  void messages_haveTheSameKeysInEveryLanguage() {
    var all = Messages.loadAll();
    assertEquals(
        all.get(dev.trustcenter.content.Language.ES).all().keySet(),
        all.get(dev.trustcenter.content.Language.EN).all().keySet());
  }

  private static org.w3c.dom.Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }
}
