package dev.trustcenter.site;

import static dev.trustcenter.site.SiteFixtures.BASE;
import static dev.trustcenter.site.SiteFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** {@code /en/} with everything it loads (its stylesheet and script) stays within 30 KB gzip. */
class PageWeightTest {
  private static final int BUDGET = 30 * 1024;

  static int gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(bytes);
    }
    return out.size();
  }

  @Test
  void theEnglishPageWithWhatItLoads_isAtMost30KbGzip() throws IOException {
    RenderedSite site = new SiteRenderer().render(SiteFixtures.typical(), BASE, NOW);
    for (String lang : List.of("en", "es")) {
      SiteFile page = site.file("/" + lang + "/index.html");
      Document doc = Jsoup.parse(new String(page.bytes(), StandardCharsets.UTF_8));
      List<String> assets =
          List.of(
              doc.selectFirst("link[rel=stylesheet]").attr("href"),
              doc.selectFirst("script[src]").attr("src"));
      assertEquals(
          2,
          doc.select("link[rel=stylesheet], script[src], img, iframe, link[rel=preload]").size(),
          "it loads the stylesheet and script only");
      int total = gzip(page.bytes());
      StringBuilder report =
          new StringBuilder(
              "/" + lang + "/: " + page.bytes().length + " bytes, " + total + " gzip");
      for (String asset : assets) {
        int z = gzip(site.file(asset).bytes());
        total += z;
        report.append("; ").append(asset).append(": ").append(z).append(" gzip");
      }
      System.out.println(report + "; total " + total + " bytes gzip");
      assertTrue(total <= BUDGET, report + "; total " + total);
    }
  }
}
