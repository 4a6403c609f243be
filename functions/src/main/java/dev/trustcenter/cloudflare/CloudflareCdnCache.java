package dev.trustcenter.cloudflare;

import dev.trustcenter.site.CdnCache;
import java.util.List;
import java.util.Objects;

/**
 * {@link CdnCache} on Cloudflare: purges by URL through {@link CloudflareClient#purgeFiles}
 * (batched, rate limited, 429 and 5xx retried within bounds). Anything the client cannot purge is
 * reported as failed with Cloudflare's reason; a failure before any request (no token, say) fails
 * every URL with that reason.
 */
public final class CloudflareCdnCache implements CdnCache {
  private final CloudflareClient client;
  private final String zoneId;

  public CloudflareCdnCache(CloudflareClient client, String zoneId) {
    this.client = Objects.requireNonNull(client, "client");
    this.zoneId = Objects.requireNonNull(zoneId, "zoneId");
  }

  /**
   * The cache of the zone {@code zoneId} through the API at {@code apiBaseUrl}.
   *
   * @param apiToken supplies the API token when a purge is made
   */
  @Override
  public Outcome purge(List<String> urls) {
    if (urls.isEmpty()) {
      return new Outcome(List.of(), List.of());
    }
    try {
      PurgeResult r = client.purgeFiles(zoneId, urls);
      return new Outcome(
          r.purged(),
          r.failed().stream()
              .map(f -> new FailedPurge(f.url(), f.kind() + ": " + f.reason()))
              .toList());
    } catch (CloudflareApiException | IllegalArgumentException e) {
      return Outcome.allFailed(urls, e.getMessage());
    }
  }
}
