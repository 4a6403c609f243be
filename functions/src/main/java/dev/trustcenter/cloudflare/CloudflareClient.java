package dev.trustcenter.cloudflare;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import dev.trustcenter.cloudflare.CloudflareApiException.ApiError;
import dev.trustcenter.cloudflare.CloudflareApiException.Kind;
import dev.trustcenter.cloudflare.PurgeResult.FailedUrl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

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

  private static final Logger LOG = Logger.getLogger(CloudflareClient.class.getName());
  private static final MediaType JSON = MediaType.get("application/json");
  private static final Pattern RATELIMIT_RESET = Pattern.compile("(?:^|;)\\s*t=(\\d+)");

  /** After these a purge stops sending further batches: they would fail the same way. */
  private static final Set<Kind> STOPS_PURGE =
      EnumSet.of(Kind.AUTH, Kind.NOT_FOUND, Kind.RATE_LIMITED);

  private final OkHttpClient http;
  private final HttpUrl baseUrl;
  private final Supplier<String> apiToken;
  private final Sleeper sleeper;
  private final RetryPolicy retryPolicy;
  private final TokenBucket purgeBucket;

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
        http, HttpUrl.get(baseUrl), apiToken, Sleeper.system(), RetryPolicy.DEFAULT);
  }

  public CloudflareClient(OkHttpClient http, Supplier<String> apiToken) {
    this(http, DEFAULT_BASE_URL, apiToken, Sleeper.system(), RetryPolicy.DEFAULT);
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
      Sleeper sleeper,
      RetryPolicy retryPolicy) {
    this(http, baseUrl, apiToken, sleeper, retryPolicy, TokenBucket.freePlanPurges(sleeper));
  }

  CloudflareClient(
      OkHttpClient http,
      HttpUrl baseUrl,
      Supplier<String> apiToken,
      Sleeper sleeper,
      RetryPolicy retryPolicy,
      TokenBucket purgeBucket) {
    this.apiToken = Objects.requireNonNull(apiToken, "apiToken");
    this.http =
        Objects.requireNonNull(http, "http")
            .newBuilder()
            .addInterceptor(new BearerAuth(apiToken))
            .build();
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    this.purgeBucket = Objects.requireNonNull(purgeBucket, "purgeBucket");
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
    requireId(settingId, "settingId");
    Request request = get(url("zones", requireId(zoneId, "zoneId"), "settings", settingId));
    return call(
        request, false, result -> toZoneSetting(Json.GSON.fromJson(result, SettingJson.class)));
  }

  /**
   * Reads every setting of a zone in one request, keyed by setting id.
   *
   * @see <a
   *     href="https://developers.cloudflare.com/api/resources/zones/subresources/settings/methods/get/">Zone
   *     settings</a>
   */
  public Map<String, ZoneSetting> zoneSettings(String zoneId) {
    Request request = get(url("zones", requireId(zoneId, "zoneId"), "settings"));
    return call(
        request,
        false,
        result -> {
          List<SettingJson> settings =
              Json.GSON.fromJson(result, new TypeToken<List<SettingJson>>() {}.getType());
          if (settings == null) {
            throw new JsonParseException("result is not a list");
          }
          Map<String, ZoneSetting> byId = new LinkedHashMap<>();
          for (SettingJson setting : settings) {
            ZoneSetting zoneSetting = toZoneSetting(setting);
            byId.put(zoneSetting.id(), zoneSetting);
          }
          return Collections.unmodifiableMap(byId);
        });
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
    HttpUrl endpoint = url("zones", requireId(zoneId, "zoneId"), "purge_cache");
    List<String> unique =
        new ArrayList<>(new LinkedHashSet<>(Objects.requireNonNull(urls, "urls")));
    for (String url : unique) {
      if (url == null || HttpUrl.parse(url) == null) {
        throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
      }
    }
    List<String> purged = new ArrayList<>();
    List<FailedUrl> failed = new ArrayList<>();
    CloudflareApiException stop = null;
    for (int from = 0; from < unique.size(); from += MAX_URLS_PER_PURGE) {
      List<String> batch = unique.subList(from, Math.min(unique.size(), from + MAX_URLS_PER_PURGE));
      if (stop != null) {
        for (String url : batch) {
          failed.add(
              new FailedUrl(
                  url, stop.kind(), "not sent, an earlier batch failed: " + stop.getMessage()));
        }
        continue;
      }
      byte[] body = Json.GSON.toJson(Map.of("files", batch)).getBytes(StandardCharsets.UTF_8);
      Request request =
          new Request.Builder().url(endpoint).post(RequestBody.create(body, JSON)).build();
      try {
        call(request, true, result -> result);
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

  /**
   * Verifies the API token of a user-owned token. Verification does not check permissions.
   *
   * @throws CloudflareApiException {@code AUTH} when Cloudflare rejects the token outright
   * @see <a
   *     href="https://developers.cloudflare.com/api/resources/user/subresources/tokens/methods/verify/">Verify
   *     token</a>
   */
  public TokenStatus verifyToken() {
    return call(
        get(url("user", "tokens", "verify")),
        false,
        result -> {
          TokenJson token = Json.GSON.fromJson(result, TokenJson.class);
          if (token == null || token.id == null || token.status == null) {
            throw new JsonParseException("token result without id or status");
          }
          return new TokenStatus(
              token.id,
              token.status,
              instantOrNull(token.expiresOn),
              instantOrNull(token.notBefore));
        });
  }

  // ---- requests and retries

  private HttpUrl url(String... segments) {
    HttpUrl.Builder url = baseUrl.newBuilder();
    for (String segment : segments) {
      url.addPathSegment(segment);
    }
    return url.build();
  }

  private static Request get(HttpUrl url) {
    return new Request.Builder().url(url).get().build();
  }

  /**
   * Sends {@code request}, retrying as the policy says, and decodes the envelope's {@code result}
   * with {@code decoder}. A decoder signals an unexpected shape by throwing a runtime exception.
   */
  private <T> T call(Request request, boolean purge, Function<JsonElement, T> decoder) {
    String route = request.method() + " " + request.url().encodedPath();
    int maxAttempts = retryPolicy.maxAttempts();
    for (int attempt = 1; ; attempt++) {
      if (purge) {
        pause(() -> purgeBucket.acquire(), route);
      }
      CloudflareApiException failure;
      Duration delay;
      try {
        Exchange exchange = exchange(request);
        if (exchange.code() == 429) {
          failure = failure(Kind.RATE_LIMITED, exchange, route, "rate limited");
          delay = retryAfter(exchange.headers(), attempt);
        } else if (exchange.code() >= 500) {
          failure = failure(Kind.SERVER, exchange, route, "server error");
          delay = backoff(attempt);
        } else {
          return decode(exchange, route, decoder);
        }
      } catch (IOException e) {
        failure =
            new CloudflareApiException(Kind.NETWORK, 0, List.of(), route + " failed: " + e, e);
        delay = backoff(attempt);
      }
      if (attempt >= maxAttempts) {
        throw failure;
      }
      retryLater(route, failure, attempt, delay);
    }
  }

  private void retryLater(
      String route, CloudflareApiException failure, int attempt, Duration delay) {
    LOG.info(
        () ->
            failure.getMessage()
                + "; retrying in "
                + delay
                + " (attempt "
                + attempt
                + " of "
                + retryPolicy.maxAttempts()
                + ")");
    pause(() -> sleeper.sleep(delay), route);
  }

  private interface Wait {
    void run() throws InterruptedException;
  }

  private static void pause(Wait wait, String route) {
    try {
      wait.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CloudflareApiException(
          Kind.NETWORK, 0, List.of(), route + ": interrupted while waiting to send", e);
    }
  }

  /** The whole answer, read inside try-with-resources so the connection is always released. */
  private Exchange exchange(Request request) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      return new Exchange(response.code(), response.headers(), response.body().string());
    }
  }

  private record Exchange(int code, Headers headers, String body) {}

  private Duration backoff(int attempt) {
    long base = retryPolicy.baseDelay().toMillis();
    long max = retryPolicy.maxDelay().toMillis();
    long step = Math.min(max, base << Math.min(attempt - 1, 30));
    // Half fixed, half random: spreads retries of concurrent instances but keeps growing.
    long half = step / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(step - half + 1));
  }

  /**
   * The wait Cloudflare asks for: {@code Retry-After} seconds (sent with 429 and already rounded
   * up), else the {@code t=} seconds-to-reset of {@code Ratelimit}, capped; else exponential
   * backoff. No jitter on a server-given wait: waiting less is pointless and waiting more only
   * delays.
   */
  private Duration retryAfter(Headers headers, int attempt) {
    Long seconds = parseSeconds(headers.get("Retry-After"));
    if (seconds == null) {
      String ratelimit = headers.get("Ratelimit");
      Matcher reset = RATELIMIT_RESET.matcher(ratelimit == null ? "" : ratelimit);
      seconds = reset.find() ? parseSeconds(reset.group(1)) : null;
    }
    if (seconds == null) {
      return backoff(attempt);
    }
    Duration wait = Duration.ofSeconds(seconds);
    return wait.compareTo(retryPolicy.maxRetryAfter()) > 0 ? retryPolicy.maxRetryAfter() : wait;
  }

  private static Long parseSeconds(String value) {
    if (value == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(value.trim());
      return seconds >= 0 ? seconds : null;
    } catch (NumberFormatException e) {
      return null; // An HTTP-date; Cloudflare sends seconds, so fall back rather than parse it.
    }
  }

  // ---- decoding

  /** Checks the status, then the envelope, then decodes {@code result}. Never retried. */
  private <T> T decode(Exchange exchange, String route, Function<JsonElement, T> decoder) {
    int code = exchange.code();
    Envelope envelope = envelope(exchange.body());
    if (code == 401 || code == 403) {
      throw failure(Kind.AUTH, code, envelope, route, "token rejected or lacks a permission");
    }
    if (code == 404) {
      throw failure(
          Kind.NOT_FOUND, code, envelope, route, "not found (check the zone and setting id)");
    }
    if (code < 200 || code >= 300) {
      throw failure(Kind.API_ERROR, code, envelope, route, "request refused");
    }
    if (envelope == null || envelope.success == null) {
      throw new CloudflareApiException(
          Kind.BAD_RESPONSE, code, List.of(), route + ": answer is not a Cloudflare envelope");
    }
    if (!envelope.success) {
      throw failure(Kind.API_ERROR, code, envelope, route, "success is false");
    }
    try {
      return decoder.apply(envelope.result == null ? JsonNull.INSTANCE : envelope.result);
    } catch (RuntimeException e) {
      throw new CloudflareApiException(
          Kind.BAD_RESPONSE,
          code,
          List.of(),
          route + ": unexpected result: " + e.getClass().getSimpleName());
    }
  }

  /** A failure carrying the envelope's errors when the body has them. */
  private CloudflareApiException failure(Kind kind, Exchange exchange, String route, String what) {
    return failure(kind, exchange.code(), envelope(exchange.body()), route, what);
  }

  private CloudflareApiException failure(
      Kind kind, int code, Envelope envelope, String route, String what) {
    List<ApiError> errors = new ArrayList<>();
    if (envelope != null && envelope.errors != null) {
      String token = tokenForRedaction();
      for (ErrorJson error : envelope.errors) {
        if (error != null) {
          errors.add(new ApiError(error.code, redact(error.message, token)));
        }
      }
    }
    return new CloudflareApiException(kind, code, errors, route + ": " + what);
  }

  /** The envelope, or null when the body is not a JSON object of that shape. */
  private static Envelope envelope(String body) {
    try {
      JsonElement json = JsonParser.parseString(body);
      return json.isJsonObject() ? Json.GSON.fromJson(json, Envelope.class) : null;
    } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
      return null;
    }
  }

  private static ZoneSetting toZoneSetting(SettingJson setting) {
    if (setting == null || setting.id == null) {
      throw new JsonParseException("setting without id");
    }
    JsonElement value = setting.value == null ? JsonNull.INSTANCE : setting.value;
    return new ZoneSetting(
        setting.id,
        Json.GSON.toJson(value),
        Boolean.TRUE.equals(setting.editable),
        instantOrNull(setting.modifiedOn));
  }

  /** Dates are informative only, so an unreadable one is dropped rather than failing the call. */
  private static Instant instantOrNull(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      LOG.log(Level.FINE, "Unreadable date from Cloudflare: {0}", text);
      return null;
    }
  }

  // ---- token

  private String tokenForRedaction() {
    try {
      String token = apiToken.get();
      return token == null ? null : token.strip();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Cloudflare does not echo tokens in error messages, but a proxy in between might. */
  private static String redact(String text, String token) {
    if (text == null) {
      return "";
    }
    return token == null || token.isEmpty() ? text : text.replace(token, "[redacted]");
  }

  private static String requireId(String id, String name) {
    Objects.requireNonNull(id, name);
    if (id.isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
    return id;
  }

  /** Adds {@code Authorization: Bearer}; the one place that touches the token. */
  private static final class BearerAuth implements Interceptor {
    private final Supplier<String> apiToken;

    BearerAuth(Supplier<String> apiToken) {
      this.apiToken = apiToken;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      String token = apiToken.get();
      // Secrets stored from a file often end with a newline, which is not a legal header char.
      token = token == null ? "" : token.strip();
      if (token.isEmpty()) {
        throw new CloudflareApiException(
            Kind.AUTH, 0, List.of(), "no Cloudflare API token configured");
      }
      return chain.proceed(
          chain.request().newBuilder().header("Authorization", "Bearer " + token).build());
    }
  }

  // ---- wire shapes (fields named as in the JSON, snake_case mapped by Json.GSON)

  private static final class Envelope {
    Boolean success;
    List<ErrorJson> errors;
    JsonElement result;
  }

  private static final class ErrorJson {
    int code;
    String message;
  }

  private static final class SettingJson {
    String id;
    JsonElement value;
    Boolean editable;
    String modifiedOn;
  }

  private static final class TokenJson {
    String id;
    String status;
    String expiresOn;
    String notBefore;
  }
}
