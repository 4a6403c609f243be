package dev.trustcenter.cloudflare;

import java.util.List;
import java.util.Objects;

/**
 * What a purge did, URL by URL. Every URL asked for ends up in exactly one of the two lists, so a
 * caller can keep the failed ones and retry them on its next run.
 *
 * <p>Purged means Cloudflare accepted the request ({@code success: true}); it removes the cached
 * copy shortly after, it does not promise that one existed.
 *
 * @param purged URLs Cloudflare accepted, in the order asked, without duplicates
 * @param failed URLs that were refused or never sent, with the reason
 */
public record PurgeResult(List<String> purged, List<FailedUrl> failed) {

  public PurgeResult {
    purged = List.copyOf(purged);
    failed = List.copyOf(failed);
  }

  /** True when every URL was accepted. */
  public boolean complete() {
    return failed.isEmpty();
  }

  /** The failed URLs alone, e.g. to store for the next run. */
  public List<String> failedUrls() {
    return failed.stream().map(FailedUrl::url).toList();
  }

  /**
   * A URL that was not purged.
   *
   * @param url the URL as given
   * @param kind why its batch failed
   * @param reason the failure's message: Cloudflare's error codes and messages, never the token
   */
  public record FailedUrl(String url, CloudflareApiException.FailureKind kind, String reason) {
    public FailedUrl {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
