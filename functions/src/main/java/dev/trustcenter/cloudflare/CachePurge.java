package dev.trustcenter.cloudflare;

import dev.trustcenter.cloudflare.CloudflareApiException.FailureKind;
import dev.trustcenter.cloudflare.PurgeResult.FailedUrl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Purges cached URLs in batches of {@value CloudflareClient#MAX_URLS_PER_PURGE}, each attempt
 * spaced by the purge {@link TokenBucket}. Needs Cache Purge.
 */
final class CachePurge {
  private static final Logger LOG = Logger.getLogger(CloudflareClient.class.getName());
  private static final MediaType JSON = MediaType.get("application/json");

  /** After these a purge stops sending further batches: they would fail the same way. */
  private static final Set<FailureKind> STOPS_PURGE =
      EnumSet.of(FailureKind.AUTH, FailureKind.NOT_FOUND, FailureKind.RATE_LIMITED);

  private final CloudflareHttp http;
  private final TokenBucket bucket;

  CachePurge(CloudflareHttp http, TokenBucket bucket) {
    this.http = Objects.requireNonNull(http, "http");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
  }

  /** See {@link CloudflareClient#purgeFiles}. */
  PurgeResult purgeFiles(String zoneId, List<String> urls) {
    HttpUrl endpoint = http.url("zones", CloudflareHttp.requireId(zoneId, "zoneId"), "purge_cache");
    List<String> unique =
        new ArrayList<>(new LinkedHashSet<>(Objects.requireNonNull(urls, "urls")));
    for (String url : unique) {
      if (url == null || HttpUrl.parse(url) == null) {
        throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
      }
    }
    int perRequest = CloudflareClient.MAX_URLS_PER_PURGE;
    List<String> purged = new ArrayList<>();
    List<FailedUrl> failed = new ArrayList<>();
    CloudflareApiException stop = null;
    for (int from = 0; from < unique.size(); from += perRequest) {
      List<String> batch = unique.subList(from, Math.min(unique.size(), from + perRequest));
      if (stop != null) {
        for (String url : batch) {
          failed.add(
              new FailedUrl(
                  url, stop.kind(), "not sent, an earlier batch failed: " + stop.getMessage()));
        }
        continue;
      }
      byte[] body =
          CloudflareJson.GSON.toJson(Map.of("files", batch)).getBytes(StandardCharsets.UTF_8);
      Request request =
          new Request.Builder().url(endpoint).post(RequestBody.create(body, JSON)).build();
      try {
        http.call(request, bucket::acquire, result -> result);
        purged.addAll(batch);
      } catch (CloudflareApiException e) {
        LOG.warning(() -> "Purge of " + batch.size() + " URLs failed: " + e.getMessage());
        batch.forEach(url -> failed.add(new FailedUrl(url, e.kind(), e.getMessage())));
        if (STOPS_PURGE.contains(e.kind()) || Thread.currentThread().isInterrupted()) {
          stop = e;
        }
      }
    }
    return new PurgeResult(purged, failed);
  }
}
