package dev.trustcenter.site;

import dev.trustcenter.content.CheckMethod;
import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.Content;
import dev.trustcenter.content.Control;
import dev.trustcenter.content.Language;
import dev.trustcenter.content.Seed;
import dev.trustcenter.controls.CheckResult;
import dev.trustcenter.controls.CheckResults;
import dev.trustcenter.documents.AccessRequest;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.filestore.FolderSiteBucket;
import dev.trustcenter.filestore.UnforcedFileStore;
import dev.trustcenter.firestore.FirestoreClients;
import dev.trustcenter.firestore.FirestoreDocumentStore;
import dev.trustcenter.json.Json;
import dev.trustcenter.notices.OutgoingMail;
import dev.trustcenter.publicview.PublicApi;
import dev.trustcenter.publicview.SnapshotCache;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.Stamps;
import dev.trustcenter.store.StoredDocument;
import dev.trustcenter.subscriptions.ChangeNotifier;
import dev.trustcenter.subscriptions.NoticeOutbox;
import dev.trustcenter.subscriptions.SubprocessorChangeEvent;
import dev.trustcenter.subscriptions.Subscriber;
import dev.trustcenter.subscriptions.SubscriptionTokens;
import dev.trustcenter.subscriptions.Subscriptions;
import dev.trustcenter.testing.FirestoreEmulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The trust center at scale, printed against the seed-sized one built and measured in the same run
 * (not a test; see {@code bench/scale.sh}). The large one has 300 controls, a year of hourly
 * results of six automated checks with monthly attestations of every other control, a synced list
 * of 2,000 upstream entries with 500 change events, 20,000 confirmed subscribers and 1,000 access
 * requests. For each it prints: a publish after one control changes (objects written, files
 * rendered, URLs purged, seconds), the public API's latency and document reads per request, the
 * largest page's gzip size, a sync change noticed to every subscriber through the delivery outbox,
 * and the heap peak of each of those jobs (the work of {@code publish-site}, {@code trust-api} and
 * {@code deliver-notices}).
 *
 * <p>The publishes after one change alternate between the two sizes (seed, large, seed, ...), so
 * that the ratio compares publishes made under the same conditions: this machine's disk flushes
 * vary from one minute to the next, and measuring one size after the other let that variation
 * decide the ratio.
 *
 * <p>Usage: {@code ScaleBenchmark [file|firestore]}: the local server's file store (default) or
 * Google's Firestore emulator.
 */
public final class ScaleBenchmark {
  static final int PAGE_BUDGET = 30 * 1024;

  /** Publishes after one change: untimed first, then timed (their median is the figure). */
  static final int WARM_UP = 20;

  static final int TIMED = 20;
  static final String PUBLISH = "publish after one change (s, median of 20 after 20 more)";
  static final List<String> AUTOMATED =
      List.of(
          "encryption-in-transit",
          "encryption-at-rest",
          "segregation-of-environments",
          "production-data-restricted",
          "internal-control-monitoring",
          "automated-backup");

  /** What one size of trust center holds. */
  record Size(
      String name,
      int controls,
      int hourlyDays,
      int attestationMonths,
      int upstreamEntries,
      int changeEvents,
      int subscribers,
      int accessRequests) {}

  static final Size SEED = new Size("seed", 45, 1, 1, 3, 1, 10, 5);
  static final Size LARGE = new Size("large", 300, 365, 12, 2_000, 500, 20_000, 1_000);

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "file";
    Map<String, Map<String, String>> figures = new LinkedHashMap<>();
    List<DocumentStore> open = new ArrayList<>();
    try {
      List<Publishing> runs = new ArrayList<>();
      for (Size size : List.of(SEED, LARGE)) {
        Path dir = Files.createTempDirectory("scale-" + size.name());
        Instant now = Clock.systemUTC().instant();
        long t0 = System.nanoTime();
        String project = "demo-scale-" + size.name() + "-" + System.nanoTime();
        if (mode.equals("file")) {
          // Filled without forcing each write to disk (it would take most of an hour), then
          // reopened as the local server opens it for everything measured.
          try (DocumentStore raw = UnforcedFileStore.open(dir)) {
            fill(raw, size, now);
          }
        }
        DocumentStore raw = open(mode, project, dir);
        open.add(raw);
        if (!mode.equals("file")) {
          fill(raw, size, now);
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("fill (s)", seconds(t0));
        figures.put(size.name(), f);
        runs.add(new Publishing(size, new CountingStore(raw), dir, now, f));
      }
      // The publishes after one change alternate between the two sizes, so that both see the
      // same machine (its disk's flushes vary from one minute to the next): the first twenty
      // of each bring the JIT to a steady state, the median of the next twenty is the figure.
      for (int i = 1; i <= WARM_UP + TIMED; i++) {
        for (Publishing run : runs) {
          run.publishAfterChange(i, i > WARM_UP);
        }
      }
      for (Publishing run : runs) {
        run.figures.putAll(run.publishFigures());
        run.figures.putAll(measureReads(run.store, run.size, run.now));
      }
    } finally {
      for (DocumentStore s : open) {
        s.close();
      }
    }
    print(mode, figures);
  }

  private static DocumentStore open(String mode, String project, Path dir) {
    if (mode.equals("file")) {
      return FileDocumentStore.open(dir);
    }
    if (!mode.equals("firestore")) {
      throw new IllegalArgumentException("mode: file or firestore, not " + mode);
    }
    FirestoreEmulator emulator = FirestoreEmulator.get();
    return new FirestoreDocumentStore(
        () -> FirestoreClients.create(project, "(default)", emulator.hostPort()));
  }

  /** One size's site publisher, published after one change at a time. */
  private static final class Publishing {
    private final Size size;
    private final CountingStore store;
    private final Instant now;
    private final Map<String, String> figures;
    private final FolderSiteBucket bucket;
    private final List<String> purged = new ArrayList<>();
    private final SitePublisher publisher;
    private final List<Double> times = new ArrayList<>();

    Publishing(Size size, CountingStore store, Path dir, Instant now, Map<String, String> figures) {
      this.size = size;
      this.store = store;
      this.now = now;
      this.figures = figures;
      figures.put(
          "snapshot (bytes)",
          String.valueOf(Snapshots.readRaw(store).map(d -> d.json().length()).orElse(0)));
      // publish-site: a first publish, then one control's status changes and the site is
      // published.
      this.bucket = FolderSiteBucket.open(dir);
      CdnCache counting =
          urls -> {
            purged.addAll(urls);
            return new CdnCache.Outcome(urls, List.of());
          };
      URI base = URI.create("https://trust.example.com");
      this.publisher =
          new SitePublisher(
              store,
              new SnapshotWriter(365),
              // as deployed: each control page reads the control's history digest
              new SiteRenderer(
                  365, new CheckResults(store, new SnapshotWriter(365)).publicDigests()),
              bucket,
              counting,
              null,
              () -> base,
              Clock.systemUTC());
      long first = System.nanoTime();
      PublishResult initial = publisher.publish();
      figures.put("first publish: files", String.valueOf(initial.files()));
      figures.put("first publish: files rendered", String.valueOf(initial.rendered()));
      figures.put("first publish (s)", seconds(first));
    }

    /** The {@code i}th publish after one control's status changed; timed when {@code timed}. */
    PublishResult publishAfterChange(int i, boolean timed) {
      Instant later = now.plusSeconds(60L * i);
      CheckSummary summary =
          i % 2 == 1
              ? new CheckSummary(CheckOutcome.FAILING, later, null)
              : new CheckSummary(CheckOutcome.PASSING, later, later);
      store.transaction(
          tx -> {
            tx.put(Snapshots.CHECK_SUMMARIES, "encryption-at-rest", Json.write(summary));
            return null;
          });
      new SnapshotWriter(365).rebuild(store, later);
      purged.clear();
      store.reset();
      long t1 = System.nanoTime();
      PublishResult changed = publisher.publish();
      if (timed) {
        times.add((System.nanoTime() - t1) / 1e9);
      }
      return changed;
    }

    /**
     * The timed publishes' median, and one more publish alone (after a collection, so the other
     * size's garbage is not counted) for the counts and the heap peak.
     */
    Map<String, String> publishFigures() throws IOException {
      Map<String, String> f = new LinkedHashMap<>();
      System.gc();
      resetPeaks();
      PublishResult changed = publishAfterChange(WARM_UP + TIMED + 1, false);
      List<Double> sorted = new ArrayList<>(times);
      sorted.sort(null);
      f.put("publish after one change: objects written", String.valueOf(changed.uploaded().size()));
      f.put("publish after one change: files rendered", String.valueOf(changed.rendered()));
      f.put("publish after one change: URLs purged", String.valueOf(purged.size()));
      // Four decimals: at 8 ms a publish, three would round the ratio by up to 6%.
      f.put(PUBLISH, String.format("%.4f", sorted.get(TIMED / 2)));
      f.put("publish after one change: documents read", String.valueOf(store.reads.get()));
      f.put("publish-site heap peak (MiB)", String.valueOf(heapPeakMiB()));
      long[] largest = largestPage(bucket.root());
      f.put("largest page gzip (bytes)", String.valueOf(largest[0]));
      return f;
    }
  }

  /** The public API's reads and one change noticed to every subscriber. */
  private static Map<String, String> measureReads(CountingStore store, Size size, Instant now) {
    Map<String, String> f = new LinkedHashMap<>();
    // trust-api: the whole view and one control, many times within one cache period.
    resetPeaks();
    store.reset();
    SnapshotCache cache =
        new SnapshotCache(Snapshots.source(store), Clock.systemUTC(), Duration.ofSeconds(60));
    PublicApi api =
        new PublicApi(
            cache,
            Clock.systemUTC(),
            Duration.ofSeconds(60),
            365,
            new CheckResults(store, new SnapshotWriter(365)).publicDigests());
    long c0 = System.nanoTime();
    api.trustCenter(Language.EN);
    f.put("public API first answer (ms)", String.valueOf((System.nanoTime() - c0) / 1_000_000));
    int requests = 20_000;
    long r0 = System.nanoTime();
    for (int i = 0; i < requests; i++) {
      api.trustCenter(i % 2 == 0 ? Language.EN : Language.ES);
      api.control("encryption-at-rest", Language.EN);
    }
    f.put(
        "public API cached answer (µs)",
        String.format("%.1f", (System.nanoTime() - r0) / 1000.0 / (2.0 * requests)));
    f.put(
        "public API documents read, " + 2 * requests + " requests in one cache period",
        String.valueOf(store.reads.get()));
    f.put(
        "public API body, trust center (bytes)",
        String.valueOf(api.trustCenter(Language.EN).body().length));
    f.put(
        "public API body, one control (bytes)",
        String.valueOf(api.control("encryption-at-rest", Language.EN).body().length));
    f.put("trust-api heap peak (MiB)", String.valueOf(heapPeakMiB()));

    // deliver-notices: one upstream change, noticed to every subscriber through the outbox.
    resetPeaks();
    store.reset();
    AtomicLong mails = new AtomicLong();
    Subscriptions subscriptions =
        new Subscriptions(
            store,
            new SubscriptionTokens(store, Clock.systemUTC()),
            null,
            m -> mails.incrementAndGet(),
            (a, b, c, d, e) -> {},
            Clock.systemUTC());
    ChangeNotifier notifier =
        new ChangeNotifier(
            store,
            (OutgoingMail m) -> mails.incrementAndGet(),
            null,
            subscriptions,
            URI.create("https://trust.example.com/api"),
            Map.of(
                "google-cloud",
                new ChangeNotifier.VendorInfo(
                    "Google Cloud",
                    URI.create("https://cloud.google.com/terms/subprocessors"),
                    30)),
            () -> new ChangeNotifier.CompanyInfo("Empresa Ejemplo S.L.", null),
            Clock.systemUTC());
    long n0 = System.nanoTime();
    int queued =
        notifier.notify(
            List.of(
                new SubprocessorChangeEvent(
                    "google-cloud",
                    SubprocessorChangeEvent.ChangeKind.ADDED,
                    "Example Subprocessor Ltd",
                    Map.of("countries", "Ireland"),
                    now.plusSeconds(360),
                    "scale-" + size.name())));
    int rounds = 0;
    NoticeOutbox.Result result;
    do {
      result = notifier.drain(Duration.ofMinutes(10));
      rounds++;
    } while (!result.complete() && rounds < 100);
    f.put("notice: events queued", String.valueOf(queued));
    f.put("notice: mails sent", String.valueOf(mails.get()));
    f.put("notice: drain rounds", String.valueOf(rounds));
    f.put("notice (s)", seconds(n0));
    f.put("notice: documents read", String.valueOf(store.reads.get()));
    f.put("notice: documents written", String.valueOf(store.writes.get()));
    f.put("deliver-notices heap peak (MiB)", String.valueOf(heapPeakMiB()));
    return f;
  }

  /** What the capabilities would have written over the size's history, in their stored shapes. */
  static void fill(DocumentStore store, Size size, Instant now) {
    Content seed = Seed.load();
    List<Control> controls = new ArrayList<>(seed.controls());
    for (int i = 0; controls.size() < size.controls(); i++) {
      Control c = seed.controls().get(i % seed.controls().size());
      controls.add(
          new Control(
              c.id() + "-" + (i + 2),
              c.categoryId(),
              c.title(),
              c.description(),
              CheckMethod.MANUAL_ATTESTATION,
              c.periodDays(),
              c.position() + 100 + i));
    }
    Content content =
        new Content(
            seed.profile(),
            seed.frameworks(),
            seed.categories(),
            controls,
            seed.subprocessors(),
            seed.resources());
    Instant start = now.minus(Duration.ofDays(size.hourlyDays()));
    new SnapshotWriter(365).seedIfEmpty(store, content, start);
    CheckResults results = new CheckResults(store, new SnapshotWriter(365));
    // Hourly automated checks, recorded a day at a time (the same documents as hourly runs write).
    for (int day = 0; day < size.hourlyDays(); day++) {
      List<CheckResult> batch = new ArrayList<>();
      for (int hour = 0; hour < 24; hour++) {
        Instant at = start.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour));
        for (String id : AUTOMATED) {
          batch.add(
              new CheckResult(
                  id,
                  hour == 3 && day % 30 == 7 ? CheckOutcome.FAILING : CheckOutcome.PASSING,
                  at,
                  "cloudflare-zone-tls",
                  Map.of("ssl", "strict", "min_tls_version", "1.2", "hsts_max_age", 31536000),
                  null,
                  null,
                  true));
        }
      }
      results.record(batch, start.plus(Duration.ofDays(day + 1)));
      if (day % 60 == 59) {
        System.err.printf("%s: %d days of hourly checks recorded%n", size.name(), day + 1);
      }
    }
    // Monthly attestations of every other control.
    for (int month = 0; month < size.attestationMonths(); month++) {
      Instant at = now.minus(Duration.ofDays(30L * (size.attestationMonths() - month)));
      List<CheckResult> batch = new ArrayList<>();
      for (Control c : controls) {
        if (!AUTOMATED.contains(c.id())) {
          batch.add(
              new CheckResult(
                  c.id(),
                  CheckOutcome.PASSING,
                  at,
                  "security@empresa.example",
                  Map.of(),
                  "Reviewed the policy and its records.",
                  null,
                  false));
        }
      }
      results.record(batch, at);
    }
    // The synced list and its changes.
    List<VendorList.Entry> entries = new ArrayList<>();
    for (int i = 0; i < size.upstreamEntries(); i++) {
      entries.add(
          new VendorList.Entry(
              "Subprocessor " + i + " Ltd",
              List.of(i % 3 == 0 ? "Ireland" : "United States", "India"),
              "Technical support",
              "Third-party subprocessors"));
    }
    VendorList list =
        new VendorList(
            "google-cloud",
            "https://cloud.google.com/terms/subprocessors",
            now.minus(Duration.ofHours(20)),
            LocalDate.parse("2026-02-20"),
            entries.size(),
            entries,
            now.minus(Duration.ofDays(1)));
    store.transaction(
        tx -> {
          tx.put(SiteInputs.VENDOR_LISTS, "google-cloud", Json.write(list));
          // as the sync writes them (SubprocessorSync)
          Stamps.touch(tx, SiteInputs.VENDOR_LISTS);
          return null;
        });
    inBatches(
        size.changeEvents(),
        (tx, i) -> {
          Instant at = now.minus(Duration.ofHours(size.changeEvents() - i));
          String id = at + "-google-cloud-" + i;
          tx.put(
              SiteInputs.VENDOR_CHANGES,
              id,
              Json.write(
                  new VendorListChange(
                      id,
                      "google-cloud",
                      i % 2 == 0 ? "added" : "removed",
                      "Subprocessor " + i + " Ltd",
                      "Third-party subprocessors",
                      List.of("Ireland"),
                      "Technical support",
                      at)));
        },
        store);
    store.transaction(
        tx -> {
          Stamps.touch(tx, SiteInputs.VENDOR_CHANGES);
          return null;
        });
    new SnapshotWriter(365).rebuild(store, now);
    inBatches(
        size.subscribers(),
        (tx, i) -> {
          String email = "subscriber" + i + "@client" + (i % 50) + ".example";
          Subscriber s =
              new Subscriber(
                  Subscriptions.idOf(email),
                  email,
                  Subscriber.CONFIRMED,
                  i % 2 == 0 ? "es" : "en",
                  List.of("subprocessors", "controls"),
                  null,
                  null,
                  start,
                  start,
                  null,
                  null);
          tx.put(Subscriptions.COLLECTION, s.id(), Json.write(s));
        },
        store);
    inBatches(
        size.accessRequests(),
        (tx, i) -> {
          String id = String.format("%013d-%06d", start.toEpochMilli() + i * 60_000L, i);
          AccessRequest r =
              new AccessRequest(
                  id,
                  i % 3 == 0 ? AccessRequest.PENDING : AccessRequest.DENIED,
                  "Requester " + i,
                  "requester" + i + "@client.example",
                  "Client " + i,
                  "Vendor review",
                  "en",
                  List.of("soc2-report"),
                  null,
                  start.plus(Duration.ofMinutes(i)),
                  null,
                  null,
                  null,
                  null,
                  null,
                  null);
          tx.put("access-requests", id, Json.write(r));
        },
        store);
  }

  interface Put {
    void put(DocumentStore.Transaction tx, int i);
  }

  private static void inBatches(int n, Put put, DocumentStore store) {
    for (int from = 0; from < n; from += 400) {
      int start = from;
      store.transaction(
          tx -> {
            for (int i = start; i < Math.min(n, start + 400); i++) {
              put.put(tx, i);
            }
            return null;
          });
    }
  }

  /** The largest HTML page under {@code root}, gzip-compressed: {size}. */
  private static long[] largestPage(Path root) throws IOException {
    long max = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(p -> p.toString().endsWith(".html")).toList()) {
        max = Math.max(max, gzip(Files.readAllBytes(p)));
      }
    }
    return new long[] {max};
  }

  private static long gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(bytes);
    }
    return out.size();
  }

  private static String seconds(long startNanos) {
    return String.format("%.2f", (System.nanoTime() - startNanos) / 1e9);
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  /** The sum of the heap pools' peaks since {@link #resetPeaks()}, an upper bound of the peak. */
  private static long heapPeakMiB() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum / (1024 * 1024);
  }

  private static void print(String mode, Map<String, Map<String, String>> figures) {
    System.out.printf("%nscale benchmark, %s store%n", mode);
    System.out.printf("%-62s %14s %14s%n", "", "seed", "large");
    for (String key : figures.get("seed").keySet()) {
      System.out.printf(
          "%-62s %14s %14s%n", key, figures.get("seed").get(key), figures.get("large").get(key));
    }
    String publish = PUBLISH;
    System.out.printf(
        "ratio publish after one change, large / seed: %.2f (target <= 2)%n",
        Double.parseDouble(figures.get("large").get(publish))
            / Double.parseDouble(figures.get("seed").get(publish)));
  }

  /** Counts documents read and written through it (a document listed counts as one read). */
  static final class CountingStore implements DocumentStore {
    private final DocumentStore inner;
    final AtomicLong reads = new AtomicLong();
    final AtomicLong writes = new AtomicLong();

    CountingStore(DocumentStore inner) {
      this.inner = inner;
    }

    void reset() {
      reads.set(0);
      writes.set(0);
    }

    @Override
    public java.util.Optional<StoredDocument> get(String collection, String id) {
      reads.incrementAndGet();
      return inner.get(collection, id);
    }

    @Override
    public List<StoredDocument> list(String collection, Range range) {
      List<StoredDocument> docs = inner.list(collection, range);
      reads.addAndGet(Math.max(1, docs.size()));
      return docs;
    }

    @Override
    public boolean createIfAbsent(String collection, String id, String json) {
      writes.incrementAndGet();
      return inner.createIfAbsent(collection, id, json);
    }

    @Override
    public <T> T transaction(TransactionWork<T> work) {
      return inner.transaction(
          tx ->
              work.run(
                  new Transaction() {
                    @Override
                    public java.util.Optional<StoredDocument> get(String collection, String id) {
                      reads.incrementAndGet();
                      return tx.get(collection, id);
                    }

                    @Override
                    public List<StoredDocument> list(String collection, Range range) {
                      List<StoredDocument> docs = tx.list(collection, range);
                      reads.addAndGet(Math.max(1, docs.size()));
                      return docs;
                    }

                    @Override
                    public void put(String collection, String id, String json) {
                      writes.incrementAndGet();
                      tx.put(collection, id, json);
                    }

                    @Override
                    public void delete(String collection, String id) {
                      writes.incrementAndGet();
                      tx.delete(collection, id);
                    }
                  }));
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
