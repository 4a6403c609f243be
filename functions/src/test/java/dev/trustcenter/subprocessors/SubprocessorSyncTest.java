package dev.trustcenter.subprocessors;

import static dev.trustcenter.subprocessors.SyncHarness.CF_PATH;
import static dev.trustcenter.subprocessors.SyncHarness.GCP_PATH;
import static dev.trustcenter.subprocessors.SyncPages.baseline;
import static dev.trustcenter.subprocessors.SyncPages.html;
import static dev.trustcenter.subprocessors.SyncPages.page;
import static dev.trustcenter.subprocessors.SyncPages.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.PublicSnapshot;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.Stamps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sync end to end below HTTP: real fetcher against MockWebServer, real parsers, file store and
 * archive.
 */
class SubprocessorSyncTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  @TempDir Path dir;
  private final SyncPages.Site site = new SyncPages.Site();
  private FileDocumentStore store;
  private SyncHarness h;

  @BeforeEach
  void setUp() {
    server.setDispatcher(site);
    store = FileDocumentStore.open(dir.resolve("data"));
    h = new SyncHarness(store, server, dir.resolve("archive"));
    site.page(
        GCP_PATH,
        page(
            List.of(
                row(
                    "Google Group Subprocessors",
                    "Google LLC",
                    "United States of America",
                    "Data Center Operations"))));
    site.page(CF_PATH, page(baseline()));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private SyncRun.VendorResult cloudflare(SyncRun run) {
    return run.vendors().stream()
        .filter(v -> v.vendor().equals("cloudflare"))
        .findFirst()
        .orElseThrow();
  }

  private SyncRun run() {
    h.clock.advance(Duration.ofHours(1));
    return h.sync.runAll("test");
  }

  @Test
  void theFirstSyncStoresEachListAsABaselineWithoutEventsAndSummarizesItInTheSnapshot() {
    SyncRun run = run();
    assertEquals(
        List.of("updated", "updated"),
        run.vendors().stream().map(SyncRun.VendorResult::status).toList());
    assertTrue(
        cloudflare(run).reason().startsWith("first list: 6 entries"), cloudflare(run).reason());
    UpstreamList cf = h.list("cloudflare");
    assertEquals(6, cf.entryCount());
    assertEquals(server.url(CF_PATH).toString(), cf.sourceUrl());
    assertEquals(java.time.LocalDate.of(2025, 10, 1), cf.pageUpdated());
    assertEquals(
        dev.trustcenter.http.Responses.sha256Hex(page(baseline()).getBytes(StandardCharsets.UTF_8)),
        cf.contentSha256());
    assertEquals(
        List.of("Bosnia and Herzegovina", "India", "Trinidad and Tobago"),
        cf.entries().stream()
            .filter(e -> e.name().equals("Support Co"))
            .findFirst()
            .orElseThrow()
            .countries());
    assertNull(cf.lastChangeAt());
    assertTrue(h.events().isEmpty());
    PublicSnapshot snap =
        Json.read(Snapshots.readRaw(store).orElseThrow().json(), PublicSnapshot.class);
    assertEquals(6, snap.upstream().get("cloudflare").entryCount());
    assertEquals(1, snap.upstream().get("google-cloud").entryCount());
    assertEquals(cf.lastVerifiedAt(), snap.upstream().get("cloudflare").lastVerifiedAt());
    assertEquals(1, store.list(SubprocessorSync.RUNS, Range.all()).size());
    assertArrayEquals(
        page(baseline()).getBytes(StandardCharsets.UTF_8),
        h.archive.read(cf.archivedPage()).orElseThrow());
  }

  @Test
  void theSamePageAgainRecordsNoEventsAndOnlyMovesLastVerifiedAt() {
    run();
    UpstreamList before = h.list("cloudflare");
    SyncRun again = run();
    assertEquals("unchanged", cloudflare(again).status());
    UpstreamList after = h.list("cloudflare");
    assertTrue(after.lastVerifiedAt().isAfter(before.lastVerifiedAt()));
    assertEquals(before.entries(), after.entries());
    assertEquals(before.contentSha256(), after.contentSha256());
    assertTrue(h.events().isEmpty());
    assertEquals(
        after.lastVerifiedAt(),
        Json.read(Snapshots.readRaw(store).orElseThrow().json(), PublicSnapshot.class)
            .upstream()
            .get("cloudflare")
            .lastVerifiedAt());
  }

  @Test
  void everyRunThatWritesAListGivesTheListsANewStampAndRecordedChangesGiveTheirsOne() {
    run();
    String lists = Stamps.read(store, SubprocessorSync.LISTS).orElseThrow();
    assertTrue(Stamps.read(store, SubprocessorSync.CHANGES).isEmpty(), "a baseline records none");

    run(); // the same pages: the lists are verified again, no change is recorded
    String listsAgain = Stamps.read(store, SubprocessorSync.LISTS).orElseThrow();
    assertNotEquals(lists, listsAgain);
    assertTrue(Stamps.read(store, SubprocessorSync.CHANGES).isEmpty());

    List<SyncPages.Row> rows = new ArrayList<>(baseline());
    rows.remove(2);
    site.page(CF_PATH, page(rows));
    run();
    assertNotEquals(listsAgain, Stamps.read(store, SubprocessorSync.LISTS).orElseThrow());
    String changes = Stamps.read(store, SubprocessorSync.CHANGES).orElseThrow();

    run();
    assertEquals(changes, Stamps.read(store, SubprocessorSync.CHANGES).orElseThrow());
  }

  @Test
  void changingThePageYieldsExactlyTheExpectedEvents() {
    run();
    List<SyncPages.Row> rows = new ArrayList<>(baseline());
    rows.set(
        1,
        row(
            "Affiliates",
            "Example Ltd",
            "United Kingdom and Ireland",
            "Customer support")); // countries
    rows.set(
        3,
        row(
            "Developer Platform",
            "Google LLC",
            "United States of America",
            "AI inference")); // activity
    rows.remove(2); // Example Portugal removed
    rows.add(
        row(
            "Developer Platform",
            "Anthropic, PBC",
            "United States of America",
            "AI inference")); // added
    site.page(
        CF_PATH, page(rows).replace("<h1>", "<h1 class=\"x\">")); // markup noise alone is no change
    SyncRun run = run();
    SyncRun.VendorResult r = cloudflare(run);
    assertEquals("updated", r.status());
    assertEquals(List.of(1, 1, 2), List.of(r.added(), r.removed(), r.changed()));
    List<ChangeEvent> events = h.events();
    assertEquals(4, events.size());
    List<String> described =
        events.stream().map(e -> e.kind() + " " + e.name() + " " + e.fields()).sorted().toList();
    assertEquals(
        List.of(
            "added Anthropic, PBC []",
            "changed Example Ltd [countries]",
            "changed Google LLC [activity]",
            "removed Example Portugal, Lda. []"),
        described);
    ChangeEvent ltd =
        events.stream().filter(e -> e.name().equals("Example Ltd")).findFirst().orElseThrow();
    assertEquals(List.of("United Kingdom"), ltd.previousCountries());
    assertEquals(List.of("United Kingdom", "Ireland"), ltd.countries());
    assertEquals("Affiliates", ltd.group());
    events.forEach(e -> assertEquals(h.clock.instant(), e.detectedAt()));
    events.forEach(
        e ->
            assertTrue(
                e.id().startsWith(ChangeEvent.timeKey(h.clock.instant()) + "-cloudflare-"),
                e.id()));
    assertEquals(h.clock.instant(), h.list("cloudflare").lastChangeAt());
    assertEquals("unchanged", run.vendors().get(0).status());

    assertEquals("unchanged", cloudflare(run()).status());
    assertEquals(4, h.events().size());
  }

  @Test
  void rowsReorderedOnThePageAreNoChange() {
    run();
    List<SyncPages.Row> rows = new ArrayList<>(baseline());
    java.util.Collections.reverse(rows);
    site.page(CF_PATH, page(rows));
    assertEquals("unchanged", cloudflare(run()).status());
    assertTrue(h.events().isEmpty());
  }

  static Stream<Arguments> faults() {
    IntFunction<MockResponse> notHtml =
        a ->
            new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{}")
                .build();
    return Stream.of(
        Arguments.of(
            "HTTP 503 after 3 attempts",
            (IntFunction<MockResponse>) a -> new MockResponse.Builder().code(503).build()),
        Arguments.of(
            "HTTP 404",
            (IntFunction<MockResponse>) a -> new MockResponse.Builder().code(404).build()),
        Arguments.of(
            "timed out after 3 attempts",
            (IntFunction<MockResponse>)
                a -> html(page(baseline())).newBuilder().headersDelay(1, TimeUnit.SECONDS).build()),
        Arguments.of(
            "bot challenge (cf-mitigated",
            (IntFunction<MockResponse>)
                a ->
                    new MockResponse.Builder()
                        .code(403)
                        .setHeader("cf-mitigated", "challenge")
                        .build()),
        Arguments.of(
            "bot challenge (challenge page",
            (IntFunction<MockResponse>)
                a ->
                    html("<html><head><title>Just a moment...</title></head><body></body></html>")),
        Arguments.of("not HTML", notHtml),
        Arguments.of(
            "body exceeds the limit",
            (IntFunction<MockResponse>)
                a -> html(page(baseline()) + "<!--" + "x".repeat(250_000) + "-->")),
        Arguments.of(
            "redirect to another host refused",
            (IntFunction<MockResponse>)
                a ->
                    new MockResponse.Builder()
                        .code(302)
                        .setHeader("Location", "https://www.example.net/")
                        .build()),
        Arguments.of(
            "table",
            (IntFunction<MockResponse>)
                a ->
                    html(
                        "<html><head><title>Subprocessors</title></head><body><p>We moved the list to a PDF.</p></body></html>")),
        Arguments.of(
            "column",
            (IntFunction<MockResponse>)
                a -> html(page(baseline()).replace("<th>Location</th>", "<th>Notes</th>"))),
        Arguments.of(
            "row",
            (IntFunction<MockResponse>)
                a ->
                    html(
                        page(List.of())
                            .replace(
                                "</main>",
                                "<h2>Affiliates</h2><table><tr><th>Subprocessor</th><th>Location</th><th>Function</th></tr></table></main>"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void everyFailureIsRecordedWithItsReasonAndKeepsTheLastGoodList(
      String reason, IntFunction<MockResponse> fault) {
    run();
    String good = h.listJson("cloudflare");
    String snapshot = Snapshots.readRaw(store).orElseThrow().json();
    site.answer(CF_PATH, fault);
    SyncRun run = run();
    SyncRun.VendorResult r = cloudflare(run);
    assertEquals("failed", r.status());
    assertTrue(
        r.reason().toLowerCase().contains(reason.toLowerCase()), "reason was: " + r.reason());
    assertTrue(run.anyFailed());
    assertEquals(
        good, h.listJson("cloudflare"), "the last good list is untouched, lastVerifiedAt included");
    assertTrue(h.events().isEmpty());
    assertEquals(
        "unchanged", run.vendors().get(0).status(), "the other vendor is synced regardless");
    assertTrue(
        Json.read(Snapshots.readRaw(store).orElseThrow().json(), PublicSnapshot.class)
            .upstream()
            .get("cloudflare")
            .lastVerifiedAt()
            .equals(
                Json.read(snapshot, PublicSnapshot.class)
                    .upstream()
                    .get("cloudflare")
                    .lastVerifiedAt()));
    SyncRun stored =
        Json.read(store.get(SubprocessorSync.RUNS, run.id()).orElseThrow().json(), SyncRun.class);
    assertEquals(r.reason(), cloudflare(stored).reason());
  }

  @Test
  void serverErrorsThenSuccessUpdateTheList() {
    run();
    List<SyncPages.Row> rows = new ArrayList<>(baseline());
    rows.add(row("Support", "New Support Ltd", "Ireland", "Technical support"));
    String changed = page(rows);
    site.answer(
        CF_PATH,
        attempt -> attempt < 3 ? new MockResponse.Builder().code(502).build() : html(changed));
    SyncRun.VendorResult r = cloudflare(run());
    assertEquals("updated", r.status());
    assertEquals(1, r.added());
  }

  @Test
  void anArchiveFailureFailsTheVendorAndKeepsTheList() {
    run();
    String good = h.listJson("cloudflare");
    h.archive.broken = true;
    SyncRun.VendorResult r = cloudflare(run());
    assertEquals("failed", r.status());
    assertTrue(r.reason().startsWith("archive failed"), r.reason());
    assertEquals(good, h.listJson("cloudflare"));
  }

  @Test
  void aListThatShrankByMoreThanHalfWaitsForAnAdminAndAcceptingItRecordsTheChanges() {
    run();
    String good = h.listJson("cloudflare");
    List<SyncPages.Row> two = baseline().subList(0, 2);
    site.page(CF_PATH, page(two));
    SyncRun.VendorResult r = cloudflare(run());
    assertEquals("pending_review", r.status());
    assertTrue(r.reason().contains("shrank from 6 to 2"), r.reason());
    assertEquals(good, h.listJson("cloudflare"));
    assertTrue(h.events().isEmpty());
    PendingList pending = h.sync.pending("cloudflare").orElseThrow();
    assertEquals(2, pending.entries().size());

    ApiException stale =
        assertThrows(ApiException.class, () -> h.sync.accept("cloudflare", "0".repeat(64)));
    assertEquals(409, stale.status());

    h.clock.advance(Duration.ofMinutes(5));
    SyncRun.VendorResult accepted = h.sync.accept("cloudflare", pending.contentSha256());
    assertEquals("updated", accepted.status());
    assertEquals(4, accepted.removed());
    assertEquals(2, h.list("cloudflare").entryCount());
    assertEquals(4, h.events().size());
    assertTrue(h.events().stream().allMatch(e -> e.kind().equals("removed")));
    assertTrue(h.sync.pending("cloudflare").isEmpty());
    assertEquals(
        2,
        Json.read(Snapshots.readRaw(store).orElseThrow().json(), PublicSnapshot.class)
            .upstream()
            .get("cloudflare")
            .entryCount());

    assertEquals(
        409, assertThrows(ApiException.class, () -> h.sync.accept("cloudflare", null)).status());
    assertEquals(404, assertThrows(ApiException.class, () -> h.sync.accept("aws", null)).status());
  }

  @Test
  void aNormalListAfterAPendingOneReplacesItAndClearsThePending() {
    run();
    site.page(CF_PATH, page(baseline().subList(0, 1)));
    assertEquals("pending_review", cloudflare(run()).status());
    site.page(CF_PATH, page(baseline().subList(0, 5)));
    SyncRun.VendorResult r = cloudflare(run());
    assertEquals("updated", r.status());
    assertEquals(1, r.removed());
    assertTrue(h.sync.pending("cloudflare").isEmpty());
    assertNotNull(h.list("cloudflare").lastChangeAt());
  }
}
