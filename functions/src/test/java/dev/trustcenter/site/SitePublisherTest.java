package dev.trustcenter.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import com.google.gson.JsonParser;
import dev.trustcenter.cloudflare.CloudflareCdnCache;
import dev.trustcenter.cloudflare.CloudflareClient;
import dev.trustcenter.cloudflare.RetryPolicy;
import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.ContentRepository;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.storage.CloudStorageSiteBucket;
import dev.trustcenter.store.DocumentStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publisher against Google's in-memory Cloud Storage and a Cloudflare API on MockWebServer that
 * answers as Cloudflare does.
 */
class SitePublisherTest {
  private static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
  private static final URI BASE = URI.create("https://trust.example.com");
  private static final SiteRenderer RENDERER = new SiteRenderer();

  @TempDir Path dataDir;
  @StartStop private final MockWebServer cloudflare = new MockWebServer();
  private final List<List<String>> purgeRequests = new CopyOnWriteArrayList<>();
  private volatile int purgeStatus = 200;

  private DocumentStore store;
  private RecordingBucket bucket;
  private Instant now = Instant.parse("2026-03-12T10:15:00Z");
  private SitePublisher publisher;

  @BeforeEach
  void setUp() {
    store = FileDocumentStore.open(dataDir);
    SiteTestData.fill(store, now);
    bucket =
        new RecordingBucket(
            new CloudStorageSiteBucket(LocalStorageHelper.getOptions().getService(), "site"));
    cloudflare.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            var files =
                JsonParser.parseString(request.getBody().utf8())
                    .getAsJsonObject()
                    .getAsJsonArray("files");
            List<String> urls = new ArrayList<>();
            files.forEach(f -> urls.add(f.getAsString()));
            purgeRequests.add(urls);
            String body =
                purgeStatus == 200
                    ? "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\""
                        + ZONE
                        + "\"}}"
                    : "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}],\"messages\":[],\"result\":null}";
            return new MockResponse.Builder()
                .code(purgeStatus)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
          }
        });
    CloudflareClient client =
        new CloudflareClient(
            new OkHttpClient(),
            cloudflare.url("/client/v4"),
            () -> "test-token-123",
            d -> {},
            RetryPolicy.ofMaxAttempts(2));
    publisher =
        new SitePublisher(
            store,
            new SnapshotWriter(365),
            RENDERER,
            bucket,
            new CloudflareCdnCache(client, ZONE),
            null,
            () -> BASE,
            clock());
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

  @AfterEach
  void tearDown() {
    store.close();
  }

  private Set<String> purgedUrls() {
    Set<String> all = new LinkedHashSet<>();
    purgeRequests.forEach(all::addAll);
    return all;
  }

  private static Set<String> urlsOf(List<String> paths) {
    Set<String> urls = new LinkedHashSet<>();
    paths.forEach(p -> urls.addAll(SitePublisher.urls(BASE, p)));
    return urls;
  }

  @Test
  void
      firstPublish_uploadsEveryFile_assetsFirstThenDataThenPages_andPurgesTheirUrlsInBatchesOf30() {
    PublishResult r = publisher.publish();
    assertTrue(r.complete());
    assertEquals(r.files(), r.uploaded().size());
    assertEquals(r.files(), bucket.list().size());
    List<CacheClass> order = bucket.puts.stream().map(SiteFile::cacheClass).toList();
    List<CacheClass> sorted = new ArrayList<>(order);
    sorted.sort(null);
    assertEquals(sorted, order, "assets, then data, then pages");
    assertEquals(CacheClass.ASSET, order.get(0));
    assertEquals(CacheClass.PAGE, order.get(order.size() - 1));

    Set<String> expected = urlsOf(r.uploaded());
    assertEquals(expected, purgedUrls());
    assertEquals(new HashSet<>(r.purged()), expected);
    assertTrue(
        purgeRequests.stream().allMatch(batch -> batch.size() <= 30), "batches of at most 30");
    assertEquals((expected.size() + 29) / 30, purgeRequests.size());
    assertTrue(
        expected.contains("https://trust.example.com/es/")
            && expected.contains("https://trust.example.com/es/index.html"));
    assertTrue(expected.contains("https://trust.example.com/"));
    assertEquals(1, SitePublisher.recentRuns(store, 10).size());
  }

  @Test
  void aBucketThatCannotBeListed_failsThePublishWithItsOwnError_andNothingIsWritten() {
    // The bucket is listed on another thread while the store is read; its failure is the same.
    bucket.failOnList =
        new java.io.UncheckedIOException("simulated listing outage", new java.io.IOException());
    RuntimeException thrown = assertThrows(RuntimeException.class, publisher::publish);
    assertSame(bucket.failOnList, thrown);
    assertTrue(bucket.puts.isEmpty());
    assertTrue(purgeRequests.isEmpty());
    assertTrue(SitePublisher.recentRuns(store, 10).isEmpty());

    bucket.failOnList = null;
    assertTrue(publisher.publish().complete());
  }

  @Test
  void publishWithNoChanges_uploadsNothing_deletesNothing_andPurgesNothing() {
    publisher.publish();
    int requests = cloudflare.getRequestCount();
    bucket.puts.clear();
    now = now.plus(Duration.ofMinutes(10));
    PublishResult r = publisher.publish();
    assertTrue(r.uploaded().isEmpty(), r.uploaded().toString());
    assertTrue(r.deleted().isEmpty());
    assertTrue(r.purged().isEmpty());
    assertTrue(bucket.puts.isEmpty());
    assertEquals(requests, cloudflare.getRequestCount(), "no purge request at all");
    assertEquals(2, SitePublisher.recentRuns(store, 10).size());
  }

  /** Half an hour later, encryption-at-rest's check gives {@code outcome}. */
  private void recordHalfAnHourLater(CheckOutcome outcome) {
    now = now.plus(Duration.ofMinutes(30));
    CheckSummary summary =
        outcome == CheckOutcome.PASSING
            ? new CheckSummary(outcome, now, now)
            : new CheckSummary(outcome, now, null);
    store.transaction(
        tx -> {
          tx.put(Snapshots.CHECK_SUMMARIES, "encryption-at-rest", Json.write(summary));
          return null;
        });
    new SnapshotWriter(365).rebuild(store, now);
  }

  @Test
  void purgesThatAllSucceed_leaveThePendingListAsStored_withoutWritingIt() throws Exception {
    publisher.publish();
    java.nio.file.Path pending =
        dataDir.resolve("store/" + SitePublisher.COLLECTION + "/" + PendingPurges.DOC + ".json");
    var before =
        java.nio.file.Files.readAttributes(
            pending, java.nio.file.attribute.BasicFileAttributes.class);
    recordHalfAnHourLater(CheckOutcome.FAILING);
    PublishResult r = publisher.publish();
    assertFalse(r.purged().isEmpty());
    var after =
        java.nio.file.Files.readAttributes(
            pending, java.nio.file.attribute.BasicFileAttributes.class);
    assertEquals(before.fileKey(), after.fileKey(), "not written again");
    assertEquals(before.lastModifiedTime(), after.lastModifiedTime());
    assertTrue(PendingPurges.read(store).isEmpty());
  }

  @Test
  void aCheckResult_uploadsOnlyThePagesAndFilesThatShowIt_andPurgesExactlyTheirUrls() {
    publisher.publish();
    purgeRequests.clear();
    bucket.puts.clear();
    recordHalfAnHourLater(CheckOutcome.PASSING);
    PublishResult r = publisher.publish();
    assertEquals(
        List.of(
            "/trust.json",
            "/en/controls/encryption-at-rest/index.html",
            "/en/index.html",
            "/es/controls/encryption-at-rest/index.html",
            "/es/index.html"),
        r.uploaded());
    assertEquals(urlsOf(r.uploaded()), purgedUrls());
    assertEquals(
        Set.of(
            "https://trust.example.com/trust.json",
            "https://trust.example.com/en/controls/encryption-at-rest/",
            "https://trust.example.com/en/controls/encryption-at-rest/index.html",
            "https://trust.example.com/en/",
            "https://trust.example.com/en/index.html",
            "https://trust.example.com/es/controls/encryption-at-rest/",
            "https://trust.example.com/es/controls/encryption-at-rest/index.html",
            "https://trust.example.com/es/",
            "https://trust.example.com/es/index.html"),
        purgedUrls());
  }

  @Test
  void aRemovedControl_hasItsPagesDeletedAfterTheUploads_andTheirUrlsPurged() {
    publisher.publish();
    purgeRequests.clear();
    bucket.puts.clear();
    store.transaction(
        tx -> {
          tx.delete(ContentRepository.CONTROLS, "risk-register");
          ContentRepository.touch(tx, now);
          return null;
        });
    new SnapshotWriter(365).rebuild(store, now);
    PublishResult r = publisher.publish();
    assertEquals(
        List.of("/en/controls/risk-register/index.html", "/es/controls/risk-register/index.html"),
        r.deleted());
    assertFalse(bucket.list().containsKey("/es/controls/risk-register/index.html"));
    int lastPut =
        bucket.log.lastIndexOf(
            bucket.log.stream()
                .filter(s -> s.startsWith("put "))
                .reduce((a, b) -> b)
                .orElseThrow());
    int firstDelete = bucket.log.indexOf("delete /en/controls/risk-register/index.html");
    assertTrue(lastPut < firstDelete, "deletions come after every upload: " + bucket.log);
    assertTrue(purgedUrls().contains("https://trust.example.com/es/controls/risk-register/"));
    assertTrue(purgedUrls().containsAll(urlsOf(r.uploaded())));
  }

  @Test
  void failedPurges_areReportedAndStored_andRetriedOnTheNextRun_untilCloudflareAcceptsThem() {
    purgeStatus = 403;
    PublishResult first = publisher.publish();
    assertTrue(first.complete(), "uploads succeeded; only the purge failed");
    assertTrue(first.purged().isEmpty());
    Set<String> expected = urlsOf(first.uploaded());
    assertEquals(
        expected,
        new LinkedHashSet<>(first.failedPurges().stream().map(CdnCache.FailedPurge::url).toList()));
    assertTrue(
        first.failedPurges().get(0).reason().startsWith("AUTH"),
        first.failedPurges().get(0).reason());
    assertFalse(first.failedPurges().get(0).reason().contains("test-token-123"));
    assertEquals(
        expected,
        new LinkedHashSet<>(
            PendingPurges.read(store).stream().map(CdnCache.FailedPurge::url).toList()));
    assertEquals(1, purgeRequests.size(), "an auth failure stops the remaining batches");

    PublishResult stillFailing = publisher.publish();
    assertTrue(stillFailing.uploaded().isEmpty());
    assertEquals(expected.size(), stillFailing.failedPurges().size(), "kept, not dropped");

    purgeStatus = 200;
    purgeRequests.clear();
    PublishResult retried = publisher.publish();
    assertTrue(retried.uploaded().isEmpty());
    assertEquals(expected, new LinkedHashSet<>(retried.purged()));
    assertEquals(expected, purgedUrls());
    assertTrue(retried.failedPurges().isEmpty());
    assertTrue(PendingPurges.read(store).isEmpty());

    purgeRequests.clear();
    assertTrue(publisher.publish().purged().isEmpty());
    assertTrue(purgeRequests.isEmpty());
  }

  @Test
  void aStorageFailureStopsTheRun_reportsIt_andTheNextRunFinishesTheJob() {
    bucket.failOnPut = 5;
    PublishResult broken = publisher.publish();
    assertFalse(broken.complete());
    assertTrue(broken.error().contains("storage failed after 4 uploads"), broken.error());
    assertEquals(4, broken.uploaded().size());
    assertTrue(
        broken.uploaded().stream().allMatch(p -> p.startsWith("/assets/") || !p.endsWith(".html")),
        "no page before the assets");
    assertEquals(urlsOf(broken.uploaded()), purgedUrls(), "what did change is purged");
    bucket.failOnPut = 0;
    PublishResult next = publisher.publish();
    assertTrue(next.complete());
    assertEquals(broken.files() - 4, next.uploaded().size());
  }

  @Test
  void withoutACdn_nothingIsPurged_andTheResultSaysWhy() {
    SitePublisher local =
        new SitePublisher(
            store,
            new SnapshotWriter(365),
            RENDERER,
            bucket,
            null,
            "no CDN configured here",
            () -> BASE,
            clock());
    PublishResult r = local.publish();
    assertEquals("no CDN configured here", r.purgeSkipped());
    assertTrue(r.purged().isEmpty());
    assertEquals(0, cloudflare.getRequestCount());
    assertNull(local.publish().purgeSkipped(), "nothing changed, nothing to skip");
  }

  @Test
  void anEmptyStore_isSeededSoTheFirstPublishOfAFreshDeploymentWorks(@TempDir Path fresh) {
    try (DocumentStore empty = FileDocumentStore.open(fresh)) {
      SitePublisher p =
          new SitePublisher(
              empty, new SnapshotWriter(365), RENDERER, bucket, null, "none", () -> BASE, clock());
      PublishResult r = p.publish();
      assertTrue(r.complete());
      assertTrue(bucket.list().containsKey("/es/index.html"));
      assertTrue(Snapshots.readRaw(empty).isPresent());
    }
  }

  /** A bucket that records every call (and can fail the n-th put) around a real adapter. */
  static final class RecordingBucket implements SiteBucket {
    final SiteBucket inner;
    final List<SiteFile> puts = new CopyOnWriteArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();
    final AtomicInteger putCount = new AtomicInteger();
    volatile int failOnPut;
    volatile RuntimeException failOnList;

    RecordingBucket(SiteBucket inner) {
      this.inner = inner;
    }

    @Override
    public Map<String, String> list() {
      if (failOnList != null) {
        throw failOnList;
      }
      return inner.list();
    }

    @Override
    public void put(SiteFile file) {
      if (failOnPut > 0 && putCount.incrementAndGet() == failOnPut) {
        throw new IllegalStateException("simulated storage outage");
      }
      inner.put(file);
      puts.add(file);
      log.add("put " + file.path());
    }

    @Override
    public void delete(String path) {
      inner.delete(path);
      log.add("delete " + path);
    }
  }
}
