package dev.trustcenter.cloudflare;

import com.google.gson.JsonParseException;
import dev.trustcenter.http.Retries;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The project's one client of the Cloudflare API v4: reads zone settings for the
 * Encryption-in-Transit control and purges cached URLs for the site publisher.
 *
 * <p>Every call either returns Cloudflare's {@code result} or throws {@link
 * CloudflareApiException}. Calls that fail with 429, 5xx or an I/O error are retried as the {@link
 * RetryPolicy} says; other 4xx answers are not. The API token is read from its supplier on every
 * request (the supplier should cache) and sent only as {@code Authorization: Bearer}; it never
 * reaches a log line or an exception.
 *
 * <p>The work is split: {@link CloudflareHttp} sends requests, retries and maps answers and errors,
 * {@link ZoneSettingsReader} reads settings, {@link CachePurge} batches and rate-limits purges;
 * this class wires them and is the API the rest of the code uses.
 *
 * <p>Thread-safe; share one instance per function instance.
 *
 * @see <a href="https://developers.cloudflare.com/api/">Cloudflare API</a>
 */
public final class CloudflareClient {

  /** Cloudflare's API v4 root. */
  public static final HttpUrl DEFAULT_BASE_URL =
      HttpUrl.get("https://api.cloudflare.com/client/v4");

  /**
   * URLs per purge request. Current docs allow 100 single-file URLs per request on every plan, but
   * older docs and SDKs said 30 and the dashboard still says 30 for prefixes; 30 works everywhere.
   */
  static final int MAX_URLS_PER_PURGE = 30;

  private final CloudflareHttp http;
  private final ZoneSettingsReader settings;
  private final CachePurge purge;

  /**
   * The production client: the default retry policy and real sleeps.
   *
   * @param http the instance's shared OkHttp client
   * @param baseUrl the API's base URL ({@code CLOUDFLARE_API_BASE_URL})
   * @param apiToken supplies the API token when a request is first made (from the secrets port)
   */
  public static CloudflareClient create(
      OkHttpClient http, java.net.URI baseUrl, Supplier<String> apiToken) {
    return new CloudflareClient(
        http, HttpUrl.get(baseUrl), apiToken, Retries.Sleeper.system(), RetryPolicy.DEFAULT);
  }

  public CloudflareClient(OkHttpClient http, Supplier<String> apiToken) {
    this(http, DEFAULT_BASE_URL, apiToken, Retries.Sleeper.system(), RetryPolicy.DEFAULT);
  }

  /**
   * @param http the shared client; this one adds an authentication interceptor to a derived client
   *     that shares its connection pool
   * @param baseUrl API root, {@link #DEFAULT_BASE_URL} outside tests
   * @param apiToken supplies the API token when a request is made
   * @param sleeper waits between attempts and when the purge rate limit is reached
   * @param retryPolicy how often and how long to retry
   */
  public CloudflareClient(
      OkHttpClient http,
      HttpUrl baseUrl,
      Supplier<String> apiToken,
      Retries.Sleeper sleeper,
      RetryPolicy retryPolicy) {
    this(http, baseUrl, apiToken, sleeper, retryPolicy, TokenBucket.freePlanPurges(sleeper));
  }

  CloudflareClient(
      OkHttpClient http,
      HttpUrl baseUrl,
      Supplier<String> apiToken,
      Retries.Sleeper sleeper,
      RetryPolicy retryPolicy,
      TokenBucket purgeBucket) {
    this.http = new CloudflareHttp(http, baseUrl, apiToken, sleeper, retryPolicy);
    this.settings = new ZoneSettingsReader(this.http);
    this.purge = new CachePurge(this.http, Objects.requireNonNull(purgeBucket, "purgeBucket"));
  }

  /**
   * Reads one zone setting, e.g. {@code ssl}, {@code min_tls_version}, {@code always_use_https} or
   * {@code security_header}. Needs the token permission Zone Settings Read.
   *
   * @throws CloudflareApiException {@code NOT_FOUND} for an unknown zone or setting, and the other
   *     kinds as described there
   * @see <a
   *     href="https://developers.cloudflare.com/api/resources/zones/subresources/settings/methods/get/">Get
   *     zone setting</a>
   */
  public ZoneSetting zoneSetting(String zoneId, String settingId) {
    return settings.zoneSetting(zoneId, settingId);
  }

  /**
   * Reads every setting of a zone in one request, keyed by setting id.
   *
   * @see <a
   *     href="https://developers.cloudflare.com/api/resources/zones/subresources/settings/methods/get/">Zone
   *     settings</a>
   */
  public Map<String, ZoneSetting> zoneSettings(String zoneId) {
    return settings.zoneSettings(zoneId);
  }

  /**
   * Purges cached copies of {@code urls} (full URLs with scheme), {@value #MAX_URLS_PER_PURGE} per
   * request, duplicates removed. An empty list sends nothing. Needs the token permission Cache
   * Purge.
   *
   * <p>Does not throw for a refused batch: its URLs are reported in {@link PurgeResult#failed()}
   * and the remaining batches are still sent, unless the failure would repeat for every batch
   * (auth, unknown zone, rate limited), in which case the remaining URLs are reported failed
   * without being sent.
   *
   * @throws IllegalArgumentException if a URL is not an absolute http(s) URL
   * @see <a href="https://developers.cloudflare.com/api/resources/cache/methods/purge/">Purge
   *     cached content</a>
   * @see <a
   *     href="https://developers.cloudflare.com/cache/how-to/purge-cache/purge-by-single-file/">Purge
   *     by single-file</a>
   */
  public PurgeResult purgeFiles(String zoneId, List<String> urls) {
    return purge.purgeFiles(zoneId, urls);
  }

  /**
   * Verifies the API token of a user-owned token. Verification does not check permissions.
   *
   * @throws CloudflareApiException {@code AUTH} when Cloudflare rejects the token outright
   * @see <a
   *     href="https://developers.cloudflare.com/api/resources/user/subresources/tokens/methods/verify/">Verify
   *     token</a>
   */
  public TokenStatus verifyToken() {
    return http.call(
        CloudflareHttp.get(http.url("user", "tokens", "verify")),
        result -> {
          TokenJson token = CloudflareJson.GSON.fromJson(result, TokenJson.class);
          if (token == null || token.id == null || token.status == null) {
            throw new JsonParseException("token result without id or status");
          }
          return new TokenStatus(
              token.id,
              token.status,
              CloudflareHttp.instantOrNull(token.expiresOn),
              CloudflareHttp.instantOrNull(token.notBefore));
        });
  }

  /** The token as sent (fields named as in the JSON, snake_case mapped by CloudflareJson.GSON). */
  private static final class TokenJson {
    String id;
    String status;
    String expiresOn;
    String notBefore;
  }
}
