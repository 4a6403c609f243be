package dev.trustcenter.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.content.Language;
import dev.trustcenter.content.Profile;
import dev.trustcenter.content.Text;
import dev.trustcenter.http.Router;
import dev.trustcenter.i18n.PageModel;
import dev.trustcenter.testing.FakeHttp;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** Pages the public API serves look like the published site and speak the visitor's language. */
class PublicPagesTest {
  static final Profile PROFILE =
      new Profile(
          "Acme <Ibérica>", new Text("t", "t"), new Text("o", "o"), "mailto:security@acme.example");

  static FakeHttp.Response write(PublicPages pages, PublicPages.Page page) throws Exception {
    FakeHttp.Response res = new FakeHttp.Response();
    pages.write(
        new Router.Exchange(FakeHttp.request("GET", "/v1/x"), res, Map.of(), false), 200, page);
    return res;
  }

  @Test
  void aPageLinksTheStylesheetThePublisherPublishesAndNamesTheCompanyInTheVisitorsLanguage()
      throws Exception {
    RenderedSite site =
        new SiteRenderer().render(SiteFixtures.typical(), SiteFixtures.BASE, SiteFixtures.NOW);
    String publishedCss =
        site.files().keySet().stream().filter(p -> p.endsWith(".css")).findFirst().orElseThrow();
    PublicPages pages = new PublicPages(() -> PROFILE, null);
    FakeHttp.Response res = new FakeHttp.Response();
    pages.message(
        new Router.Exchange(FakeHttp.request("GET", "/v1/x"), res, Map.of(), false),
        404,
        Language.EN,
        "/v1/x?a=1",
        "Link not valid",
        List.of("Ask again <b>now</b>."),
        new PageModel.Link(true, "/en/", "Back"));
    assertEquals(404, res.status());
    assertEquals("en", res.header("Content-Language"));
    assertTrue(res.header("Content-Security-Policy").contains("default-src 'none'"));
    assertEquals("no-store", res.header("Cache-Control"));
    Document d = Jsoup.parse(res.text());
    assertEquals("en", d.selectFirst("html").attr("lang"));
    assertEquals(publishedCss, d.selectFirst("link[rel=stylesheet]").attr("href"));
    assertEquals("Acme <Ibérica> Trust Center", d.selectFirst(".brand").text());
    assertTrue(d.title().startsWith("Link not valid · "), d.title());
    assertEquals("Ask again <b>now</b>.", d.selectFirst("main p").text(), "text is escaped");
    assertEquals("/api/v1/x?a=1&lang=es", d.selectFirst("nav.lang a").attr("href"));
    assertNotNull(d.selectFirst("meta[name=robots][content=noindex]"));
    assertEquals(
        "mailto:security@acme.example", d.selectFirst(".site-footer a[href^=mailto]").attr("href"));
  }

  @Test
  void withTheSitesUrlAssetsAndHomeAreAbsoluteAndAllowedByThePolicyAndInlineScriptsByHash()
      throws Exception {
    PublicPages pages = new PublicPages(() -> null, URI.create("https://trust.example.com/"));
    String script = "document.title='x';";
    FakeHttp.Response res =
        write(
            pages,
            new PublicPages.Page(
                "public-message",
                Language.ES,
                "Hola",
                "/v1/x",
                Map.of("heading", "Hola", "paragraphs", List.of()),
                List.of(script)));
    Document d = Jsoup.parse(res.text());
    assertTrue(
        d.selectFirst("link[rel=stylesheet]")
            .attr("href")
            .startsWith("https://trust.example.com/assets/site."));
    assertEquals("https://trust.example.com/es/", d.selectFirst(".brand a").attr("href"));
    String csp = res.header("Content-Security-Policy");
    assertTrue(csp.contains("style-src 'self' https://trust.example.com;"), csp);
    String hash =
        java.util.Base64.getEncoder()
            .encodeToString(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertTrue(csp.contains("'sha256-" + hash + "'"), csp);
    assertTrue(d.selectFirst(".brand").text().contains("Centro de confianza"));
  }
}
