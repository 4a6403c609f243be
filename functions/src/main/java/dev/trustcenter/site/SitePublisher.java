package dev.trustcenter.site;

import dev.trustcenter.content.Seed;
import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.site.CdnCache.FailedPurge;
import dev.trustcenter.store.DocumentStore;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes the site incrementally: render what may have changed (a control page whose inputs are
 * those it was last published from, and still published as then rendered, is not rendered again:
 * {@link RenderState}), compare content hashes with what the bucket holds, upload only what changed
 * (assets, then machine-readable files, then pages, so no page ever refers to a missing asset),
 * delete what the site no longer has (after the pages that referred to it were replaced), then
 * purge exactly the URLs of changed and deleted files from the CDN, together with any purge left
 * over from earlier runs. URLs that still fail are stored ({@value #COLLECTION}/{@code
 * pending-purge}) and retried next time. Every run is recorded in {@value #RUNS}.
 *
 * <p>A publish with nothing changed uploads nothing, deletes nothing and purges nothing (unless
 * earlier purges are pending). One publish at a time per instance; {@code publish-site} runs with
 * at most one instance.
 */
public final class SitePublisher {
  private static final Logger LOG = Logger.getLogger(SitePublisher.class.getName());

  /** Publishing state: the pending purges. */
  public static final String COLLECTION = "site-publish";

  /** One document per publish run, id starting with its start time. */
  public static final String RUNS = "site-publish-runs";

  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final DocumentStore store;
  private final SnapshotWriter snapshots;
  private final SiteRenderer renderer;
  private final SiteBucket bucket;
  private final CdnCache cdn;
  private final String noCdnReason;
  private final Supplier<URI> baseUrl;
  private final Clock clock;

  /** Keeps the lists, changes and plans it parsed for the next publish of this instance. */
  private final SiteInputs.Reader inputs = new SiteInputs.Reader();

  /** Keeps the render state it last read or wrote, parsed, for the next publish. */
  private final RenderState.Kept renderState = new RenderState.Kept();

  private volatile Supplier<List<String>> logPublisher;

  /**
   * Lists the bucket while the publish reads the store and renders: the listing is a network round
   * trip when deployed (Cloud Storage), and at 300 controls locally a {@code stat} of each of 613
   * files. At most one daemon thread, ended after 30 s without a publish.
   */
  private final java.util.concurrent.ExecutorService lister =
      new java.util.concurrent.ThreadPoolExecutor(
          0,
          1,
          30,
          java.util.concurrent.TimeUnit.SECONDS,
          new java.util.concurrent.LinkedBlockingQueue<>(),
          r -> {
            Thread t = new Thread(r, "site-bucket-list");
            t.setDaemon(true);
            return t;
          });

  /**
   * The URL prefix the evidence log owns: the site never deletes what is there, the log's publisher
   * writes it.
   */
  public static final String LOG_PREFIX = "/log/";

  /**
   * @param cdn the cache to purge, or null when there is none to purge (locally without {@code
   *     CLOUDFLARE_API_BASE_URL}); {@code noCdnReason} then says why, in every result
   * @param baseUrl the public URL of the site (asked at each publish: locally the port is known
   *     only once the server listens)
   */
  public SitePublisher(
      DocumentStore store,
      SnapshotWriter snapshots,
      SiteRenderer renderer,
      SiteBucket bucket,
      CdnCache cdn,
      String noCdnReason,
      Supplier<URI> baseUrl,
      Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.renderer = Objects.requireNonNull(renderer, "renderer");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.cdn = cdn;
    this.noCdnReason = cdn == null ? Objects.requireNonNull(noCdnReason, "noCdnReason") : null;
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Publishes the evidence log first at each publish (so pages never point at entries not yet
   * published): {@code publishLog} writes its own files under {@value #LOG_PREFIX} and answers the
   * paths it wrote, which are purged with the rest. Its failure is reported in the run's notes and
   * does not stop the site's publish.
   */
  public SitePublisher withLog(Supplier<List<String>> publishLog) {
    this.logPublisher = Objects.requireNonNull(publishLog);
    return this;
  }

  /**
   * Publishes what is stored now. Storage failures stop the run early and are reported, not thrown.
   */
  public synchronized PublishResult publish() {
    Instant started = clock.instant();
    String id =
        RUN_ID.format(started)
            + "-"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    URI base = baseUrl.get();
    // A fresh deployment's first publish may run before anything else touched the store.
    snapshots.seedIfEmpty(store, Seed::load, started);
    List<String> logWritten = new ArrayList<>();
    List<String> logNotes = new ArrayList<>();
    if (logPublisher != null) {
      try {
        logWritten.addAll(logPublisher.get());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "evidence log not published", e);
        logNotes.add("evidence log not published: " + e.getMessage());
      }
    }
    java.util.concurrent.Future<Map<String, String>> listing = lister.submit(bucket::list);
    String build = RenderState.build();
    RenderState previous = renderState.read(store, build);
    SiteInput input = inputs.read(store);
    // Rendered while the bucket is listed, trusting the render state; rendered again, against the
    // listing, only if a page that render kept is no longer in the bucket as the state records it
    // (removed or changed by hand).
    RenderedSite rendered = renderer.render(input, base, started, previous.reuseAsRecorded());
    Map<String, String> existing = listed(listing);
    RenderedSite site =
        RenderState.stillPublished(rendered, existing)
            ? rendered
            : renderer.render(input, base, started, previous.reuse(existing));

    List<SiteFile> changed =
        site.files().values().stream()
            .filter(f -> !f.sha256().equals(existing.get(f.path())))
            .sorted(Comparator.comparing(SiteFile::cacheClass).thenComparing(SiteFile::path))
            .toList();
    List<String> gone =
        existing.keySet().stream()
            .filter(p -> !site.has(p) && !p.startsWith(LOG_PREFIX))
            .sorted()
            .toList();

    List<String> uploaded = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    String error = null;
    try {
      for (SiteFile f : changed) {
        bucket.put(f);
        uploaded.add(f.path());
      }
      for (String path : gone) {
        bucket.delete(path);
        deleted.add(path);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "publish " + id + " stopped: " + e.getMessage(), e);
      error =
          "storage failed after "
              + uploaded.size()
              + " uploads and "
              + deleted.size()
              + " deletions: "
              + e.getMessage();
    }

    // Recorded even after a failed upload: a page whose upload failed is not what the bucket
    // holds, so the next publish renders it again.
    renderState.write(store, RenderState.of(build, site), previous);

    Set<String> toPurge = new LinkedHashSet<>();
    List<FailedPurge> pending = cdn == null ? List.of() : PendingPurges.read(store);
    pending.forEach(f -> toPurge.add(f.url()));
    uploaded.forEach(p -> toPurge.addAll(urls(base, p)));
    // Of the log, only the checkpoint is replaced in place: tiles are new URLs, full ones
    // immutable.
    logWritten.stream()
        .filter(p -> !p.startsWith(LOG_PREFIX + "tile/"))
        .forEach(p -> toPurge.addAll(urls(base, p)));
    deleted.forEach(p -> toPurge.addAll(urls(base, p)));

    List<String> purged = List.of();
    List<FailedPurge> failed = List.of();
    String purgeSkipped = null;
    if (cdn == null) {
      purgeSkipped = toPurge.isEmpty() ? null : noCdnReason;
    } else if (!toPurge.isEmpty()) {
      CdnCache.Outcome outcome;
      try {
        outcome = cdn.purge(List.copyOf(toPurge));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "purge could not run", e);
        outcome =
            CdnCache.Outcome.allFailed(
                List.copyOf(toPurge), "purge could not run: " + e.getMessage());
      }
      purged = outcome.purged();
      failed = outcome.failed();
      PendingPurges.replace(store, failed);
    }

    PublishResult result =
        new PublishResult(
            id,
            started,
            clock.instant(),
            error == null,
            error,
            site.size(),
            site.files().size(),
            concat(logWritten, uploaded),
            deleted,
            purged,
            failed,
            purgeSkipped,
            concat(site.notes(), logNotes));
    record(result);
    return result;
  }

  /** What the bucket listed, or its failure as {@link SiteBucket#list} would have thrown it. */
  private static Map<String, String> listed(java.util.concurrent.Future<Map<String, String>> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing the bucket", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("listing the bucket failed", e.getCause());
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private void record(PublishResult result) {
    try {
      store.createIfAbsent(RUNS, result.id(), Json.write(result));
    } catch (RuntimeException e) {
      // The run itself happened; losing its record must not turn it into a failure.
      LOG.log(Level.WARNING, "could not record publish run " + result.id(), e);
    }
  }

  /**
   * The public URLs that serve {@code path}: a directory index is also served at the directory's
   * URL (the bucket's main page suffix), so both are purged.
   */
  static List<String> urls(URI baseUrl, String path) {
    String base = baseUrl.toString().replaceAll("/+$", "");
    if (path.equals("/index.html")) {
      return List.of(base + "/", base + path);
    }
    if (path.endsWith("/index.html")) {
      return List.of(base + path.substring(0, path.length() - "index.html".length()), base + path);
    }
    return List.of(base + path);
  }

  /** The most recent runs, newest first; for the README's benchmark and for operators. */
  public static List<PublishResult> recentRuns(DocumentStore store, int limit) {
    List<PublishResult> runs = new ArrayList<>();
    store
        .list(RUNS, dev.trustcenter.store.Range.newest(null, limit))
        .forEach(d -> runs.add(Json.read(d.json(), PublishResult.class)));
    return runs;
  }
}
