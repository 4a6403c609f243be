package dev.trustcenter.subprocessors;

import dev.trustcenter.content.Seed;
import dev.trustcenter.json.Json;
import dev.trustcenter.okhttp.OkHttpVendorPages;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;

/**
 * A real sync (OkHttp fetcher, local archive, real parsers) against a MockWebServer and a given
 * store.
 */
final class SyncHarness {
  static final String GCP_PATH = "/terms/subprocessors";
  static final String CF_PATH = "/gdpr/subprocessors/cloudflare-services/";

  final DocumentStore store;
  final FilePageArchiveForTests archive;
  final TestClock clock = new TestClock(Instant.parse("2026-03-02T03:15:00Z"));
  final SubprocessorSync sync;

  SyncHarness(DocumentStore store, MockWebServer server, Path archiveDir) {
    this.store = store;
    this.archive = new FilePageArchiveForTests(archiveDir);
    OkHttpClient http =
        new OkHttpClient.Builder()
            .readTimeout(Duration.ofMillis(300))
            .callTimeout(Duration.ofSeconds(5))
            .build();
    OkHttpVendorPages pages =
        new OkHttpVendorPages(
            http,
            OkHttpVendorPages.userAgent(null),
            new OkHttpVendorPages.Policy(3, Duration.ofSeconds(1), 200_000),
            d -> {},
            clock);
    List<Vendor> vendors =
        List.of(
            new Vendor(
                "google-cloud",
                "Google Cloud",
                server.url(GCP_PATH).uri(),
                new GoogleCloudPageParser()),
            new Vendor(
                "cloudflare", "Cloudflare", server.url(CF_PATH).uri(), new CloudflarePageParser()));
    new SnapshotWriter(365).seedIfEmpty(store, Seed.load(), clock.instant());
    this.sync =
        new SubprocessorSync(store, new SnapshotWriter(365), pages, archive, vendors, clock);
  }

  String listJson(String vendor) {
    return store.get(SubprocessorSync.LISTS, vendor).map(d -> d.json()).orElse(null);
  }

  UpstreamList list(String vendor) {
    return Json.read(listJson(vendor), UpstreamList.class);
  }

  List<ChangeEvent> events() {
    return store.list(SubprocessorSync.CHANGES, Range.all()).stream()
        .map(d -> Json.read(d.json(), ChangeEvent.class))
        .toList();
  }

  /** The file archive, counted. */
  static final class FilePageArchiveForTests implements PageArchive {
    private final dev.trustcenter.filestore.FilePageArchive files;
    volatile boolean broken;

    FilePageArchiveForTests(Path dir) {
      this.files = new dev.trustcenter.filestore.FilePageArchive(dir);
    }

    @Override
    public ArchivedPage archive(String vendor, FetchedPage page) {
      if (broken) {
        throw new ArchiveException("bucket unavailable", null);
      }
      return files.archive(vendor, page);
    }

    @Override
    public java.util.Optional<byte[]> read(String name) {
      return files.read(name);
    }
  }

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
