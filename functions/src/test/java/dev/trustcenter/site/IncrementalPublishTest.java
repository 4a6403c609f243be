package dev.trustcenter.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.trustcenter.content.CheckMethod;
import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.Content;
import dev.trustcenter.content.ContentRepository;
import dev.trustcenter.content.Control;
import dev.trustcenter.content.Language;
import dev.trustcenter.content.Profile;
import dev.trustcenter.content.Seed;
import dev.trustcenter.controls.CheckResult;
import dev.trustcenter.controls.CheckResults;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.HistoryDigest;
import dev.trustcenter.publicview.PublicHistory;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.publicview.TrustCenterView.CheckResultView;
import dev.trustcenter.storage.CloudStorageSiteBucket;
import dev.trustcenter.store.DocumentStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A publish renders only the control and upstream list pages whose inputs changed (plus every page
 * that lists controls), and what it leaves published is byte for byte what a full render of the
 * same data at the same time gives. Renders are counted, not timed.
 */
class IncrementalPublishTest {
  private static final URI BASE = URI.create("https://trust.example.com");
  private static final String CHANGED = "encryption-at-rest";
  private static final String OTHER = "encryption-in-transit";

  @TempDir Path dataDir;
  private DocumentStore store;
  private SiteBucket bucket;
  private SiteRenderer renderer;
  private SitePublisher publisher;
  private Instant now = Instant.parse("2026-03-12T10:15:00Z");

  private void open(boolean large) {
    store = FileDocumentStore.open(dataDir);
    if (large) {
      fillLarge(store, now);
    } else {
      SiteTestData.fill(store, now);
    }
    bucket = new CloudStorageSiteBucket(LocalStorageHelper.getOptions().getService(), "site");
    renderer =
        new SiteRenderer(365, new CheckResults(store, new SnapshotWriter(365)).publicDigests());
    publisher = publisher(BASE);
  }

  private SitePublisher publisher(URI base) {
    return new SitePublisher(
        store,
        new SnapshotWriter(365),
        renderer,
        bucket,
        null,
        "no CDN in this test",
        () -> base,
        clock());
  }

  @AfterEach
  void tearDown() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void afterOneControlChanges_onlyItsPagesAndThePagesListingControlsAreRendered_seedSize() {
    open(false);
    assertOneChangeRendersOnlyWhatShowsIt(90);
  }

  @Test
  void afterOneControlChanges_onlyItsPagesAndThePagesListingControlsAreRendered_300Controls() {
    open(true);
    assertOneChangeRendersOnlyWhatShowsIt(600);
  }

  private void assertOneChangeRendersOnlyWhatShowsIt(int controlPages) {
    PublishResult first = publisher.publish();
    assertTrue(first.complete());
    assertEquals(first.files(), first.rendered(), "the first publish renders everything");
    assertEquals(controlPages, controlPages(full().keySet()).size());
    assertBucketIsAFullRender();

    now = now.plus(Duration.ofMinutes(30));
    Instant at = now;
    recordFailing(at);
    store.transaction(
        tx -> {
          tx.put(
              Snapshots.CHECK_SUMMARIES,
              CHANGED,
              Json.write(new CheckSummary(CheckOutcome.FAILING, at, null)));
          return null;
        });
    new SnapshotWriter(365).rebuild(store, at);

    // What the renderer renders given the state the first publish left.
    RenderedSite site =
        renderer.render(
            SiteInputs.read(store),
            BASE,
            now,
            RenderState.read(store, RenderState.build()).reuse(bucket.list()));
    Set<String> everything = full().keySet();
    Set<String> expected =
        everything.stream()
            .filter(p -> !incremental(p) || p.contains("/controls/" + CHANGED + "/"))
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    assertEquals(expected, new java.util.TreeSet<>(site.files().keySet()));
    assertEquals(
        everything.stream().filter(IncrementalPublishTest::incremental).count() - 2,
        site.kept().size());
    assertTrue(
        expected.containsAll(
            List.of(
                "/es/index.html",
                "/en/index.html",
                "/trust.json",
                "/es/controls/" + CHANGED + "/index.html",
                "/en/controls/" + CHANGED + "/index.html")));
    // The feeds and the sitemap show no control's status: kept.
    assertTrue(
        site.kept()
            .keySet()
            .containsAll(
                List.of(
                    MachineFiles.feedPath(Language.ES),
                    MachineFiles.feedPath(Language.EN),
                    "/sitemap.xml")));

    PublishResult r = publisher.publish();
    assertTrue(r.complete());
    assertEquals(everything.size(), r.files());
    assertEquals(expected.size(), r.rendered());
    assertTrue(
        r.uploaded().contains("/en/controls/" + CHANGED + "/index.html"), r.uploaded().toString());
    assertTrue(r.deleted().isEmpty());
    assertBucketIsAFullRender();
    System.out.printf(
        "controls: %d; files: %d; rendered: first publish %d, after one control changed %d%n",
        controlPages / 2, r.files(), first.rendered(), r.rendered());
  }

  @Test
  void aPublishMuchLater_rerendersWhatTimeChanged_andEqualsAFullRenderThen() {
    open(false);
    publisher.publish();
    // Minutes later nothing a control page shows has changed: none is rendered.
    now = now.plus(Duration.ofMinutes(10));
    PublishResult soon = publisher.publish();
    assertEquals(soon.files() - incrementalPages(full().keySet()).size(), soon.rendered());
    assertTrue(soon.uploaded().isEmpty(), soon.uploaded().toString());
    // Days later statuses turn overdue, day strips move and histories age: those pages are
    // rendered again, and the site is what a full render gives at that time.
    now = now.plus(Duration.ofDays(3));
    PublishResult later = publisher.publish();
    assertTrue(later.rendered() > soon.rendered());
    assertBucketIsAFullRender();
    now = now.plus(Duration.ofDays(400));
    publisher.publish();
    assertBucketIsAFullRender();
  }

  @Test
  void aControlsHistoryChangedAlone_rendersItsPages_andEqualsAFullRender() {
    open(false);
    HistoryDigest digest =
        new CheckResults(store, new SnapshotWriter(365)).publicDigest(CHANGED, now);
    putDigest(CHANGED, digest);
    publisher.publish();
    // A result folded into the stored digest with nothing else changed (the snapshot's summary is
    // left as it was): the history fingerprint the last publish took no longer holds.
    now = now.plus(Duration.ofMinutes(5));
    putDigest(
        CHANGED,
        digest.plus(
            new CheckResultView(CheckOutcome.PASSING, now, null, null, null, "gcp-cmek"), now));
    PublishResult r = publisher.publish();
    assertOnlyTheChangedControlsPagesUploaded(r);
  }

  @Test
  void anOlderResultRecordedWithTheSummaryUnchanged_rendersItsControlsPages() {
    open(false);
    CheckResults results = new CheckResults(store, new SnapshotWriter(365));
    results.record(
        List.of(
            new CheckResult(
                CHANGED, CheckOutcome.PASSING, now, "gcp-cmek", Map.of(), null, null, true)),
        now);
    publisher.publish();
    String summary = store.get(Snapshots.CHECK_SUMMARIES, CHANGED).orElseThrow().json();
    // An error from two days ago: the summary (newest outcome, last passing and failing) stays as
    // it was, and only the digest, through its fingerprint in the one document, tells the change.
    now = now.plus(Duration.ofMinutes(5));
    results.record(
        List.of(
            new CheckResult(
                CHANGED,
                CheckOutcome.ERROR,
                now.minus(Duration.ofDays(2)),
                "gcp-cmek",
                Map.of(),
                "the key ring could not be listed",
                null,
                true)),
        now);
    assertEquals(summary, store.get(Snapshots.CHECK_SUMMARIES, CHANGED).orElseThrow().json());

    PublishResult r = publisher.publish();

    assertOnlyTheChangedControlsPagesUploaded(r);
  }

  @Test
  void aDigestChangedWhileTheRenderReadIt_isNotTakenAsValidForTheNextPublish() {
    open(false);
    CheckResults results = new CheckResults(store, new SnapshotWriter(365));
    java.util.concurrent.atomic.AtomicInteger changedReads =
        new java.util.concurrent.atomic.AtomicInteger();
    String other = "segregation-of-environments";
    dev.trustcenter.publicview.PublicHistory recordedMeanwhile =
        new dev.trustcenter.publicview.PublicHistory() {
          @Override
          public HistoryDigest digest(String controlId, Instant at) {
            return results.publicDigest(controlId, at);
          }

          @Override
          public String fingerprint(String controlId) {
            // The changed control's digest is rewritten between any two reads of its fingerprint.
            return controlId.equals(CHANGED)
                ? "written-" + changedReads.incrementAndGet()
                : "stays-" + controlId;
          }
        };

    RenderedSite site =
        new SiteRenderer(365, recordedMeanwhile).render(SiteInputs.read(store), BASE, now);

    assertNull(site.histories().get(CHANGED).digest(), "not valid beyond this render");
    assertEquals(now, site.histories().get(CHANGED).until());
    assertEquals("stays-" + other, site.histories().get(other).digest());
    assertTrue(site.histories().get(other).until().isAfter(now));
  }

  @Test
  void aResultLeavingTheWindowWithinTheDay_rendersItsControlsPagesThen() {
    open(false);
    // The only result of a control leaves its 90-day window an hour from now, the same day.
    String control = CHANGED;
    Instant leaving =
        now.minus(Duration.ofDays(HistoryDigest.WINDOW_DAYS)).plus(Duration.ofHours(1));
    putDigest(
        control,
        HistoryDigest.of(
            List.of(new CheckResultView(CheckOutcome.PASSING, leaving, null, null, null, "c")),
            now));
    publisher.publish();
    Set<String> pages =
        Set.of(
            "/es/controls/" + control + "/index.html", "/en/controls/" + control + "/index.html");
    now = now.plus(Duration.ofMinutes(59));
    PublishResult before = publisher.publish();
    assertEquals(Set.of(), incrementalPages(new java.util.HashSet<>(before.uploaded())));
    assertBucketIsAFullRender();
    now = now.plus(Duration.ofMinutes(2));
    PublishResult after = publisher.publish();
    assertEquals(pages, incrementalPages(new java.util.HashSet<>(after.uploaded())));
    assertBucketIsAFullRender();
  }

  private void putDigest(String control, HistoryDigest digest) {
    store.transaction(
        tx -> {
          tx.put(HistoryDigest.COLLECTION, control, Json.write(digest));
          return null;
        });
  }

  @Test
  void aProfileChange_rendersEveryPage() {
    open(false);
    PublishResult first = publisher.publish();
    store.transaction(
        tx -> {
          Profile p = ContentRepository.read(tx).profile();
          tx.put(
              ContentRepository.PROFILE,
              ContentRepository.PROFILE,
              Json.write(
                  new Profile(
                      "Otra Empresa S.L.", p.tagline(), p.overview(), p.securityContact())));
          ContentRepository.touch(tx, now);
          return null;
        });
    new SnapshotWriter(365).rebuild(store, now);
    PublishResult r = publisher.publish();
    // All but the sitemap, which does not name the company.
    assertEquals(first.files() - 1, r.rendered());
    assertBucketIsAFullRender();
  }

  @Test
  void anUpstreamChangeRewritten_rendersBothFeedsAndItsListsPages_andEqualsAFullRender() {
    open(false);
    publisher.publish();
    // The stored change with another entry name: same id and time, so the feeds' "updated" stays
    // as it was and only the entries tell.
    VendorListChange stored = SiteFixtures.changes().get(0);
    VendorListChange renamed =
        new VendorListChange(
            stored.id(),
            stored.vendor(),
            stored.kind(),
            stored.name() + " (renamed)",
            stored.group(),
            stored.countries(),
            stored.activity(),
            stored.detectedAt());
    store.transaction(
        tx -> {
          tx.put(SiteInputs.VENDOR_CHANGES, renamed.id(), Json.write(renamed));
          return null;
        });
    now = now.plus(Duration.ofMinutes(20));

    PublishResult r = publisher.publish();

    assertEquals(
        Set.of(
            MachineFiles.feedPath(Language.ES),
            MachineFiles.feedPath(Language.EN),
            "/es/subprocessors/" + stored.vendor() + "/index.html",
            "/en/subprocessors/" + stored.vendor() + "/index.html"),
        incrementalPages(new java.util.HashSet<>(r.uploaded())));
    assertBucketIsAFullRender();
  }

  @Test
  void anotherBaseUrl_rendersEveryPage() {
    open(false);
    PublishResult first = publisher.publish();
    URI other = URI.create("https://trust.example.org/center");
    PublishResult r = publisher(other).publish();
    assertEquals(first.files(), r.rendered());
    assertEquals(
        full(other).entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
        bucket.list());
  }

  @Test
  void aCategoryRename_rendersThePagesOfItsControls_andTheSiteEqualsAFullRender() {
    open(false);
    PublishResult first = publisher.publish();
    String categoryId = Seed.load().controls().get(0).categoryId();
    store.transaction(
        tx -> {
          var cat =
              ContentRepository.read(tx).categories().stream()
                  .filter(c -> c.id().equals(categoryId))
                  .findFirst()
                  .orElseThrow();
          tx.put(
              ContentRepository.CATEGORIES,
              categoryId,
              Json.write(
                  new dev.trustcenter.content.Category(
                      categoryId,
                      new dev.trustcenter.content.Text("Categoría nueva", "New category"),
                      cat.position())));
          ContentRepository.touch(tx, now);
          return null;
        });
    new SnapshotWriter(365).rebuild(store, now);
    long inCategory =
        Seed.load().controls().stream().filter(c -> c.categoryId().equals(categoryId)).count();
    PublishResult r = publisher.publish();
    int others = first.files() - incrementalPages(full().keySet()).size();
    assertEquals(others + 2 * inCategory, r.rendered());
    assertBucketIsAFullRender();
  }

  @Test
  void aPageChangedOrRemovedInTheBucket_isRenderedAndUploadedAgain() {
    open(false);
    publisher.publish();
    String removed = "/en/controls/" + CHANGED + "/index.html";
    String altered = "/es/controls/" + CHANGED + "/index.html";
    bucket.delete(removed);
    bucket.put(new SiteFile(altered, "<p>x</p>".getBytes(), SiteRenderer.HTML, CacheClass.PAGE));
    PublishResult r = publisher.publish();
    assertEquals(Set.of(removed, altered), Set.copyOf(r.uploaded()));
    assertBucketIsAFullRender();
  }

  @Test
  void aPublish_rendersOnceWhileTheBucketIsListed_andAgainOnlyWhenAKeptPageIsNotThere() {
    open(false);
    Map<String, Integer> reads = new java.util.concurrent.ConcurrentHashMap<>();
    PublicHistory stored = new CheckResults(store, new SnapshotWriter(365)).publicDigests();
    // A control with a stored digest has its history read only for pages a render renders.
    assertNotNull(stored.fingerprints().apply(OTHER));
    renderer =
        new SiteRenderer(
            365,
            new PublicHistory() {
              @Override
              public HistoryDigest digest(String controlId, Instant at) {
                reads.merge(controlId, 1, Integer::sum);
                return stored.digest(controlId, at);
              }

              @Override
              public java.util.function.Function<String, String> fingerprints() {
                return stored.fingerprints();
              }
            });
    publisher = publisher(BASE);
    publisher.publish();

    recordFailing(now);
    assertNotNull(stored.fingerprints().apply(CHANGED));
    reads.clear();
    PublishResult r = publisher.publish();
    // Of the controls whose digests are stored, only the changed one's history is read, once:
    // one render (each render reads a digest it needs once, for both languages).
    assertEquals(1, reads.get(CHANGED));
    assertNull(reads.get(OTHER));
    assertTrue(r.uploaded().contains("/en/controls/" + CHANGED + "/index.html"));
    assertBucketIsAFullRender();

    // A kept page removed by hand: the render that trusted the state is not used; the one made
    // against the listing renders that page again, and the result is a full render's.
    String other = "/es/controls/" + OTHER + "/index.html";
    bucket.delete(other);
    reads.clear();
    r = publisher.publish();
    assertEquals(List.of(other), r.uploaded());
    assertEquals(1, reads.get(OTHER));
    assertNull(reads.get(CHANGED));
    assertBucketIsAFullRender();
  }

  @Test
  void aMissingOrUnreadableState_rendersEveryPage() {
    open(false);
    PublishResult first = publisher.publish();
    store.transaction(
        tx -> {
          tx.put(SitePublisher.COLLECTION, RenderState.DOC, "{\"build\":[1,2],\"pages\":7}");
          return null;
        });
    PublishResult unreadable = publisher.publish();
    assertTrue(unreadable.complete());
    assertEquals(first.files(), unreadable.rendered());
    assertTrue(unreadable.uploaded().isEmpty(), "the same bytes: nothing to upload");
    store.transaction(
        tx -> {
          tx.delete(SitePublisher.COLLECTION, RenderState.DOC);
          return null;
        });
    assertEquals(first.files(), publisher.publish().rendered());
    // The state it wrote is used again.
    assertTrue(publisher.publish().rendered() < first.files());
  }

  @Test
  void aStateWrittenByAnotherInstance_isTheOneUsed_notTheOneThisInstanceKept() {
    open(false);
    publisher.publish();
    now = now.plus(Duration.ofMinutes(10));
    recordFailing(now);
    assertOnlyTheChangedControlsPagesUploaded(publisher(BASE).publish());

    // Nothing changed since the other instance published: this one renders only what every
    // publish renders, as a fresh instance does; with the state it kept, it would render the
    // changed control's pages again.
    PublishResult here = publisher.publish();
    assertEquals(publisher(BASE).publish().rendered(), here.rendered());
    assertTrue(here.uploaded().isEmpty());
  }

  @Test
  void stateWrittenByAnotherBuild_isNotUsed() {
    open(false);
    publisher.publish();
    String build = RenderState.build();
    assertNotNull(build, "the build is known when run from the class folder");
    RenderState own = RenderState.read(store, build);
    assertTrue(own.size() > 0);
    Map<String, String> published = bucket.list();
    String page = "/en/controls/" + CHANGED + "/index.html";
    String fingerprint =
        renderer.render(SiteInputs.read(store), BASE, now).fingerprints().get(page);
    assertEquals(published.get(page), own.reuse(published).published(page, fingerprint));
    assertNull(own.reuse(published).published(page, "another fingerprint"));
    RenderState other = RenderState.read(store, "another build");
    assertEquals(0, other.size());
    assertNull(other.reuse(published).published(page, fingerprint));
    assertEquals(0, RenderState.read(store, null).size());
  }

  @Test
  void aRender_readsEachControlsHistoryOnce_forBothLanguages() {
    open(false);
    CheckResults results = new CheckResults(store, new SnapshotWriter(365));
    Map<String, Integer> reads = new java.util.concurrent.ConcurrentHashMap<>();
    SiteRenderer counting =
        new SiteRenderer(
            365,
            (id, at) -> {
              reads.merge(id, 1, Integer::sum);
              return results.publicDigest(id, at);
            });
    RenderedSite site = counting.render(SiteInputs.read(store), BASE, now);
    Set<String> shown =
        site.files().keySet().stream()
            .filter(p -> p.startsWith("/es/controls/"))
            .map(p -> p.substring("/es/controls/".length(), p.length() - "/index.html".length()))
            .collect(Collectors.toSet());
    assertTrue(shown.size() > 40);
    Set<String> expected = new java.util.HashSet<>(shown);
    expected.add(DataLocation.CONTROL_ID);
    assertEquals(expected, reads.keySet());
    // The data location section reads the Data Residency check's history once more.
    reads.forEach(
        (id, n) ->
            assertEquals(
                id.equals(DataLocation.CONTROL_ID) && shown.contains(id) ? 2 : 1,
                n,
                id + ": history reads"));
  }

  // ---- helpers

  private Map<String, String> full() {
    return full(BASE);
  }

  /** Path to SHA-256 of every file of a full render of what is stored now. */
  private Map<String, String> full(URI base) {
    Map<String, String> out = new TreeMap<>();
    renderer
        .render(SiteInputs.read(store), base, now)
        .files()
        .forEach((path, file) -> out.put(path, file.sha256()));
    return out;
  }

  private void assertBucketIsAFullRender() {
    Map<String, String> expected = full();
    Map<String, String> actual = new TreeMap<>(bucket.list());
    assertEquals(expected.keySet(), actual.keySet());
    List<String> differing = new ArrayList<>();
    expected.forEach(
        (path, sha) -> {
          if (!sha.equals(actual.get(path))) {
            differing.add(path);
          }
        });
    assertTrue(differing.isEmpty(), "differ from a full render: " + differing);
    assertFalse(expected.isEmpty());
  }

  /** Control and upstream list pages: rendered only when their inputs change. */
  /** A failing result of the changed control's check at {@code at}, recorded as the check does. */
  private void recordFailing(Instant at) {
    new CheckResults(store, new SnapshotWriter(365))
        .record(
            List.of(
                new CheckResult(
                    CHANGED,
                    CheckOutcome.FAILING,
                    at,
                    "gcp-cmek",
                    Map.of("keys", 0),
                    "no customer-managed key",
                    null,
                    true)),
            at);
  }

  /** Of the files rendered only when their inputs change, the changed control's pages alone. */
  private void assertOnlyTheChangedControlsPagesUploaded(PublishResult r) {
    assertEquals(
        Set.of(
            "/es/controls/" + CHANGED + "/index.html", "/en/controls/" + CHANGED + "/index.html"),
        incrementalPages(new java.util.HashSet<>(r.uploaded())));
    assertBucketIsAFullRender();
  }

  /** The files rendered only when their inputs changed: pages of one control or list, feeds. */
  private static boolean incremental(String path) {
    return path.contains("/controls/")
        || path.contains("/subprocessors/")
        || path.startsWith("/feeds/")
        || path.equals("/sitemap.xml");
  }

  private static Set<String> incrementalPages(Set<String> paths) {
    return paths.stream().filter(IncrementalPublishTest::incremental).collect(Collectors.toSet());
  }

  private static Set<String> controlPages(Set<String> paths) {
    return paths.stream().filter(p -> p.contains("/controls/")).collect(Collectors.toSet());
  }

  private Clock clock() {
    return new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now;
      }
    };
  }

  /**
   * The seed's content grown to 300 controls (copies of the seed's, attested monthly, as {@code
   * ScaleBenchmark} builds them), the seed-sized test data's summaries, list and results.
   */
  private static void fillLarge(DocumentStore store, Instant now) {
    Content seed = Seed.load();
    List<Control> controls = new ArrayList<>(seed.controls());
    for (int i = 0; controls.size() < 300; i++) {
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
    new SnapshotWriter(365)
        .seedIfEmpty(
            store,
            new Content(
                seed.profile(),
                seed.frameworks(),
                seed.categories(),
                controls,
                seed.subprocessors(),
                seed.resources()),
            now);
    SiteTestData.fill(store, now);
    Map<String, CheckSummary> attested = new LinkedHashMap<>();
    for (Control c : controls.subList(seed.controls().size(), controls.size())) {
      attested.put(
          c.id(),
          new CheckSummary(
              CheckOutcome.PASSING,
              now.minus(Duration.ofDays(10)),
              now.minus(Duration.ofDays(10))));
    }
    store.transaction(
        tx -> {
          attested.forEach((id, s) -> tx.put(Snapshots.CHECK_SUMMARIES, id, Json.write(s)));
          return null;
        });
    new SnapshotWriter(365).rebuild(store, now);
  }
}
