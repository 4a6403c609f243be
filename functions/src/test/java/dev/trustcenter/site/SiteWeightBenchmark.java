package dev.trustcenter.site;

import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.filestore.FolderSiteBucket;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.store.DocumentStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The site's weight and the cost of a publish, printed (not a test; see {@code
 * bench/site-weight.sh}): the gzip size of {@code /en/} with everything it loads, and how many
 * objects a first publish and a publish with no changes upload and how many URLs they purge. Uses a
 * temporary data directory with the seed content, three checked controls and a synced upstream
 * list.
 */
public final class SiteWeightBenchmark {
  private static final int BUDGET = 30 * 1024;

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("site-weight");
    try (DocumentStore store = FileDocumentStore.open(dir)) {
      SiteTestData.fill(store, Clock.systemUTC().instant());
      FolderSiteBucket bucket = FolderSiteBucket.open(dir);
      List<String> purgeAsked = new ArrayList<>();
      CdnCache counting =
          urls -> {
            purgeAsked.addAll(urls);
            return new CdnCache.Outcome(urls, List.of());
          };
      URI base = URI.create("https://trust.example.com");
      SitePublisher publisher =
          new SitePublisher(
              store,
              new SnapshotWriter(365),
              new SiteRenderer(),
              bucket,
              counting,
              null,
              () -> base,
              Clock.systemUTC());

      PublishResult first = publisher.publish();
      int firstPurged = purgeAsked.size();
      purgeAsked.clear();
      PublishResult second = publisher.publish();
      if (!purgeAsked.isEmpty()) {
        throw new IllegalStateException("a publish with no changes purged " + purgeAsked);
      }

      // One control's status changes (a failing check of Encryption-at-Rest), then a publish.
      java.time.Instant later = Clock.systemUTC().instant();
      store.transaction(
          tx -> {
            tx.put(
                dev.trustcenter.publicview.Snapshots.CHECK_SUMMARIES,
                "encryption-at-rest",
                dev.trustcenter.json.Json.write(
                    new dev.trustcenter.content.CheckSummary(
                        dev.trustcenter.content.CheckOutcome.FAILING, later, null)));
            return null;
          });
      new SnapshotWriter(365).rebuild(store, later);
      purgeAsked.clear();
      PublishResult third = publisher.publish();
      List<String> thirdPurged = new ArrayList<>(purgeAsked);

      for (String page : List.of("/en/index.html", "/es/index.html")) {
        weigh(bucket, page);
      }
      System.out.printf(
          "%nfirst publish (empty bucket): %d files, %d uploaded, %d URLs purged%n",
          first.files(), first.uploaded().size(), firstPurged);
      System.out.printf(
          "second publish, no changes:   %d uploaded, %d deleted, %d URLs purged%n",
          second.uploaded().size(), second.deleted().size(), 0);
      System.out.printf(
          "after one control's status changed: %d uploaded %s, %d URLs purged%n",
          third.uploaded().size(), third.uploaded(), thirdPurged.size());
    }
  }

  /**
   * Prints the page and every same-site resource it loads, raw and gzip-compressed, and the total.
   */
  private static void weigh(FolderSiteBucket bucket, String page) throws IOException {
    byte[] html = bucket.read(page).orElseThrow().bytes();
    Document doc =
        Jsoup.parse(new String(html, StandardCharsets.UTF_8), "https://trust.example.com" + page);
    Set<String> loads = new LinkedHashSet<>();
    for (Element e :
        doc.select(
            "link[rel=stylesheet][href], link[rel=icon][href], link[rel=preload][href], script[src], img[src], source[src]")) {
      String url = e.hasAttr("href") ? e.attr("href") : e.attr("src");
      if (url.startsWith("data:")) {
        continue; // inline, no request: already counted in the HTML
      }
      if (!url.startsWith("/")) {
        throw new IllegalStateException(page + " loads a resource from elsewhere: " + url);
      }
      loads.add(url);
    }
    System.out.printf("%n%s with everything it loads%n", page.replace("index.html", ""));
    System.out.printf("  %-32s %8s %8s%n", "file", "bytes", "gzip");
    long raw = html.length;
    long gz = gzip(html);
    System.out.printf("  %-32s %8d %8d%n", page, html.length, gz);
    for (String path : loads) {
      byte[] bytes =
          bucket.read(path).orElseThrow(() -> new IllegalStateException("missing " + path)).bytes();
      long g = gzip(bytes);
      raw += bytes.length;
      gz += g;
      System.out.printf("  %-32s %8d %8d%n", path, bytes.length, g);
    }
    System.out.printf(
        "  %-32s %8d %8d  (budget %d: %s)%n",
        "total", raw, gz, BUDGET, gz <= BUDGET ? "within" : "OVER");
  }

  private static long gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(bytes);
    }
    return out.size();
  }
}
