package dev.trustcenter.subprocessors;

import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.testing.ForwardingStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.jsoup.Jsoup;

/**
 * The sync's cost, printed (not a test; see {@code bench/sync.sh}): the parse time of each vendor
 * fixture page (median of {@code ITERATIONS} after {@code WARMUP}) next to a jsoup parse of the
 * same bytes measured in the same run, and the store writes of a sync whose pages did not change (a
 * real sync against a MockWebServer serving the fixtures, run twice over a store that counts
 * writes; the second run's writes are printed).
 */
public final class SyncBenchmark {
  private static final int WARMUP = 30;
  private static final int ITERATIONS = 60;

  public static void main(String[] args) throws Exception {
    parseTimes();
    unchangedSyncWrites();
  }

  private static void parseTimes() throws Exception {
    System.out.printf(
        "%-40s %12s %12s %8s%n",
        "page parse (median of " + ITERATIONS + ")", "parser ms", "jsoup ms", "ratio");
    Object[][] pages = {
      {"google-cloud.html", new GoogleCloudPageParser()},
      {"cloudflare-services.html", new CloudflarePageParser()},
    };
    for (Object[] p : pages) {
      String html = Fixtures.read((String) p[0]);
      SubprocessorPageParser parser = (SubprocessorPageParser) p[1];
      String url = "https://vendor.example/subprocessors";
      for (int i = 0; i < WARMUP; i++) {
        parser.parse(html, url);
        Jsoup.parse(html, url);
      }
      List<Long> parse = new ArrayList<>();
      List<Long> jsoup = new ArrayList<>();
      for (int i = 0; i < ITERATIONS; i++) {
        // Alternating, so both see the same machine load.
        long t0 = System.nanoTime();
        parser.parse(html, url);
        long t1 = System.nanoTime();
        Jsoup.parse(html, url);
        long t2 = System.nanoTime();
        parse.add(t1 - t0);
        jsoup.add(t2 - t1);
      }
      double pm = median(parse) / 1e6;
      double jm = median(jsoup) / 1e6;
      System.out.printf(
          "%-40s %12.2f %12.2f %8.2f%n",
          p[0] + " (" + html.length() / 1024 + " KB)", pm, jm, pm / jm);
    }
  }

  private static void unchangedSyncWrites() throws Exception {
    Path dir = Files.createTempDirectory("sync-bench");
    try (MockWebServer server = new MockWebServer();
        FileDocumentStore files = FileDocumentStore.open(dir.resolve("data"))) {
      String gcp = Fixtures.read("google-cloud.html");
      String cf = Fixtures.read("cloudflare-services.html");
      server.setDispatcher(
          new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
              String body =
                  request.getUrl().encodedPath().startsWith(SyncHarness.GCP_PATH) ? gcp : cf;
              return new MockResponse.Builder()
                  .code(200)
                  .addHeader("Content-Type", "text/html; charset=utf-8")
                  .body(body)
                  .build();
            }
          });
      server.start();
      CountingStore counting = new CountingStore(files);
      SyncHarness harness = new SyncHarness(counting, server, dir.resolve("archive"));
      counting.reset();
      SyncRun first = harness.sync.runAll("bench");
      Map<String, Integer> firstWrites = counting.reset();
      harness.clock.advance(java.time.Duration.ofDays(1));
      SyncRun second = harness.sync.runAll("bench");
      Map<String, Integer> secondWrites = counting.reset();
      System.out.printf(
          "%nfirst sync (empty store):  %d store writes %s%n", total(firstWrites), firstWrites);
      System.out.printf(
          "second sync, same pages:   %d store writes %s%n", total(secondWrites), secondWrites);
      System.out.printf("  (outcomes: first %s, second %s)%n", outcomes(first), outcomes(second));
    }
  }

  private static String outcomes(SyncRun run) {
    return run.vendors().stream().map(v -> v.vendor() + "=" + v.status()).toList().toString();
  }

  private static int total(Map<String, Integer> m) {
    return m.values().stream().mapToInt(Integer::intValue).sum();
  }

  private static double median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  /** A store that counts writes (puts, deletes, successful creates) by kind and collection. */
  static final class CountingStore extends ForwardingStore {
    private final Map<String, Integer> writes = new TreeMap<>();

    CountingStore(DocumentStore inner) {
      super(inner);
    }

    synchronized Map<String, Integer> reset() {
      Map<String, Integer> copy = new TreeMap<>(writes);
      writes.clear();
      return copy;
    }

    @Override
    protected synchronized void beforeWrite(String kind, String collection, int nth) {
      writes.merge(kind + " " + collection, 1, Integer::sum);
    }

    @Override
    public boolean createIfAbsent(String collection, String id, String json) {
      boolean created = super.createIfAbsent(collection, id, json);
      if (created) {
        beforeWrite("create", collection, 1);
      }
      return created;
    }
  }
}
