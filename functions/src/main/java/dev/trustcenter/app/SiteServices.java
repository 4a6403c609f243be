package dev.trustcenter.app;

import dev.trustcenter.cloudflare.CloudflareCdnCache;
import dev.trustcenter.config.Config;
import dev.trustcenter.config.ConfigException;
import dev.trustcenter.evidence.EvidenceLog;
import dev.trustcenter.evidence.LogEntry;
import dev.trustcenter.evidence.LogFiles;
import dev.trustcenter.evidence.LogPublisher;
import dev.trustcenter.evidence.NoteSigner;
import dev.trustcenter.evidence.SignedNote;
import dev.trustcenter.evidence.Tiles;
import dev.trustcenter.filestore.FileNoteSigner;
import dev.trustcenter.filestore.FolderSiteBucket;
import dev.trustcenter.gcp.CloudKmsNoteSigner;
import dev.trustcenter.okhttp.HttpClients;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.site.CacheClass;
import dev.trustcenter.site.CdnCache;
import dev.trustcenter.site.EvidenceLogView;
import dev.trustcenter.site.InProcessPublishTrigger;
import dev.trustcenter.site.PublishTrigger;
import dev.trustcenter.site.SiteBucket;
import dev.trustcenter.site.SiteFile;
import dev.trustcenter.site.SitePublisher;
import dev.trustcenter.site.SiteRenderer;
import dev.trustcenter.storage.CloudStorageSiteBucket;
import dev.trustcenter.store.DocumentStore;
import java.net.URI;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The site's part of the composition root: which bucket and which CDN, in production and in the
 * local server, and the local server's in-process publish trigger. Built once, lazily, by {@link
 * Services}.
 *
 * <ul>
 *   <li>Bucket: {@code SITE_BUCKET} (Cloud Storage) when set; locally otherwise {@code
 *       <dataDir>/site}.
 *   <li>Base URL: {@code SITE_BASE_URL}; locally otherwise the local server's own URL.
 *   <li>CDN: Cloudflare zone {@code CLOUDFLARE_ZONE_ID}; locally only when {@code
 *       CLOUDFLARE_API_BASE_URL} is set.
 *   <li>Trigger (in one process only): the publisher in-process; deployed, {@link
 *       Services#publishTrigger} calls {@code publish-site} instead.
 * </ul>
 */
final class SiteServices {
  static final String NO_LOCAL_CDN =
      "CLOUDFLARE_API_BASE_URL is not set: the local server purges no cache unless it is";

  private final Config config;
  private final FolderSiteBucket folder;
  private final SitePublisher publisher;
  private final InProcessPublishTrigger trigger;
  private volatile URI localUrl;

  /**
   * @param cloudflare the shared Cloudflare client (its token comes through the secrets port)
   */
  SiteServices(
      Config config,
      DocumentStore store,
      SnapshotWriter snapshots,
      Clock clock,
      Deployment deployment,
      Supplier<dev.trustcenter.cloudflare.CloudflareClient> cloudflare) {
    this.config = config;
    Config.Site site = config.site();
    SiteBucket bucket;
    // The deploy-shaped tests' stand-ins folder, or locally the data directory, in place of
    // SITE_BUCKET (Config refuses stand-ins in a deployed function).
    this.folder =
        deployment.folderInsteadOf(site.bucket()).map(FolderSiteBucket::open).orElse(null);
    if (folder != null) {
      bucket = folder;
    } else if (site.bucket() != null) {
      bucket = CloudStorageSiteBucket.connect(site.bucket());
    } else {
      throw new ConfigException("SITE_BUCKET is required but not set");
    }
    if (!deployment.linksToOwnAddress()) {
      Config.require(site.baseUrl(), "SITE_BASE_URL");
    }
    CdnCache cdn = null;
    if (deployment.purgesCdn(config.cloudflare().apiBaseUrlSet())) {
      cdn =
          new CloudflareCdnCache(
              cloudflare.get(), Config.require(config.cloudflare().zoneId(), "CLOUDFLARE_ZONE_ID"));
    }
    SiteRenderer renderer =
        new SiteRenderer(
            config.checks().reviewPeriodDays(),
            new dev.trustcenter.controls.CheckResults(store, snapshots).publicDigests());
    this.publisher =
        new SitePublisher(
            store,
            snapshots,
            renderer,
            bucket,
            cdn,
            cdn == null ? NO_LOCAL_CDN : null,
            this::baseUrl,
            clock);
    wireEvidenceLog(config, store, bucket, renderer, deployment);
    this.trigger = deployment.singleProcess() ? new InProcessPublishTrigger(() -> publisher) : null;
  }

  /**
   * The evidence log is published with the site, into the same bucket under {@code /log/}. Its
   * checkpoints are signed by the KMS key {@code EVIDENCE_LOG_KMS_KEY}; locally, when that is
   * unset, by a key file in the data directory; with the deploy-shaped tests' stand-ins ({@code
   * TRUST_CENTER_STAND_INS}, never in a deployed function), by a key file in the stand-in folder,
   * which stands in for Cloud KMS as the folder does for the buckets. The origin (and key name) is
   * the site's host and path plus {@code /log}.
   */
  private void wireEvidenceLog(
      Config config,
      DocumentStore store,
      SiteBucket bucket,
      SiteRenderer renderer,
      Deployment deployment) {
    String origin = logOrigin(config.site().baseUrl());
    String kmsKey = config.evidence().kmsKey();
    NoteSigner signer =
        deployment
            .folderInsteadOf(kmsKey)
            .<NoteSigner>map(folder -> FileNoteSigner.open(folder, origin))
            .orElseGet(
                () ->
                    CloudKmsNoteSigner.withDefaultCredentials(
                        HttpClients.shared(),
                        Config.require(kmsKey, "EVIDENCE_LOG_KMS_KEY"),
                        origin));
    LogFiles files =
        new LogFiles() {
          @Override
          public void put(String path, byte[] bytes, boolean immutable) {
            bucket.put(
                new SiteFile(
                    SitePublisher.LOG_PREFIX + path,
                    bytes,
                    path.equals(Tiles.CHECKPOINT)
                        ? "text/plain; charset=utf-8"
                        : "application/octet-stream",
                    immutable ? CacheClass.LOG_TILE : CacheClass.LOG_HEAD));
          }

          @Override
          public void delete(String path) {
            bucket.delete(SitePublisher.LOG_PREFIX + path);
          }
        };
    LogPublisher log = new LogPublisher(store, files, signer, origin);
    EvidenceLog entries = new EvidenceLog(store);
    renderer.withEvidenceLog(
        () ->
            new EvidenceLogView.Info(
                SignedNote.verifierKey(signer).encoded(),
                log.publishedSize(),
                entries.latestOfKind(LogEntry.CHECK_RESULT)));
    publisher.withLog(
        () -> log.publish().written().stream().map(p -> SitePublisher.LOG_PREFIX + p).toList());
  }

  /**
   * {@code trust.example.com/log} for {@code https://trust.example.com}; {@code localhost/log}
   * without a base URL.
   */
  static String logOrigin(URI baseUrl) {
    if (baseUrl == null) {
      return "localhost/log";
    }
    String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath().replaceAll("/+$", "");
    return baseUrl.getHost()
        + (baseUrl.getPort() > 0 ? ":" + baseUrl.getPort() : "")
        + path
        + "/log";
  }

  /**
   * The Cloudflare API token, read when a purge is made. Locally it is {@code
   * CLOUDFLARE_API_TOKEN}. Deployed functions get {@code CLOUDFLARE_API_TOKEN_SECRET} (a Secret
   * Manager version name): the Secret Manager port plugs in here, replacing this supplier; until
   * then a deployed purge fails with this message, is reported in the publish result and stays
   * pending for the next run.
   */
  private URI baseUrl() {
    if (config.site().baseUrl() != null) {
      return config.site().baseUrl();
    }
    URI url = localUrl;
    return url != null ? url : URI.create("http://localhost:" + config.local().port());
  }

  SitePublisher publisher() {
    return publisher;
  }

  /** The publisher in-process, or null unless everything runs in one process. */
  PublishTrigger inProcessTrigger() {
    return trigger;
  }

  FolderSiteBucket folder() {
    return folder;
  }

  void localUrl(URI url) {
    this.localUrl = url;
  }

  void close() {
    if (trigger != null) {
      trigger.close();
    }
  }
}
