package dev.trustcenter.cloudflare;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.trustcenter.cloudflare.CloudflareApiException.ApiError;
import dev.trustcenter.cloudflare.CloudflareApiException.FailureKind;
import dev.trustcenter.http.Retries;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The call layer of the Cloudflare API v4 shared by the zone-settings reader and the cache purge:
 * the authenticated OkHttp client, retries of 429, 5xx and I/O errors as the {@link RetryPolicy}
 * says (a Failsafe policy run by {@link Retries}), and the mapping of every answer to either the
 * envelope's {@code result} or a {@link CloudflareApiException}. Other 4xx answers are not retried.
 * The API token is read from its supplier on every request and sent only as {@code Authorization:
 * Bearer}; it never reaches a log line or an exception.
 */
final class CloudflareHttp {

  private static final Logger LOG = Logger.getLogger(CloudflareClient.class.getName());

  private final OkHttpClient http;
  private final HttpUrl baseUrl;
  private final Supplier<String> apiToken;
  private final Retries.Sleeper sleeper;
  private final RetryPolicy retryPolicy;

  CloudflareHttp(
      OkHttpClient http,
      HttpUrl baseUrl,
      Supplier<String> apiToken,
      Retries.Sleeper sleeper,
      RetryPolicy retryPolicy) {
    this.apiToken = Objects.requireNonNull(apiToken, "apiToken");
    this.http =
        Objects.requireNonNull(http, "http")
            .newBuilder()
            .addInterceptor(new BearerAuth(apiToken))
            .build();
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
  }

  HttpUrl url(String... segments) {
    HttpUrl.Builder url = baseUrl.newBuilder();
    for (String segment : segments) {
      url.addPathSegment(segment);
    }
    return url.build();
  }

  static Request get(HttpUrl url) {
    return new Request.Builder().url(url).get().build();
  }

  /** Waits before an attempt, e.g. for a rate limiter's token. */
  interface Wait {
    void run() throws InterruptedException;
  }

  /** As {@link #call(Request, Wait, Function)} with no wait before an attempt. */
  <T> T call(Request request, Function<JsonElement, T> decoder) {
    return call(request, () -> {}, decoder);
  }

  /**
   * Sends {@code request}, retrying as the policy says, and decodes the envelope's {@code result}
   * with {@code decoder}. A decoder signals an unexpected shape by throwing a runtime exception.
   *
   * @param beforeEachAttempt runs before every attempt, retries included
   */
  <T> T call(Request request, Wait beforeEachAttempt, Function<JsonElement, T> decoder) {
    String route = request.method() + " " + request.url().encodedPath();
    dev.failsafe.RetryPolicy<T> policy =
        dev.failsafe.RetryPolicy.<T>builder()
            .handle(Retryable.class)
            .withMaxAttempts(retryPolicy.maxAttempts())
            .withDelayFn(
                context ->
                    ((Retryable) context.getLastException()).delay(context.getAttemptCount()))
            .build();
    try {
      return Retries.run(
          policy,
          sleeper,
          (failure, attempt, delay) -> retryLater((Retryable) failure, attempt, delay),
          () -> {
            pause(beforeEachAttempt, route);
            return attempt(request, route, decoder);
          });
    } catch (Retryable last) {
      throw last.failure;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(route, e);
    }
  }

  /** One request; a failure worth another attempt is a {@link Retryable}. */
  private <T> T attempt(Request request, String route, Function<JsonElement, T> decoder)
      throws Retryable {
    Exchange exchange;
    try {
      exchange = exchange(request);
    } catch (IOException e) {
      throw new Retryable(
          new CloudflareApiException(FailureKind.NETWORK, 0, List.of(), route + " failed: " + e, e),
          retryPolicy::backoff);
    }
    if (exchange.code() == 429) {
      Headers headers = exchange.headers();
      throw new Retryable(
          failure(FailureKind.RATE_LIMITED, exchange, route, "rate limited"),
          attempt -> retryPolicy.serverWait(headers, attempt));
    }
    if (exchange.code() >= 500) {
      throw new Retryable(
          failure(FailureKind.SERVER, exchange, route, "server error"), retryPolicy::backoff);
    }
    return decode(exchange, route, decoder);
  }

  /** A failed attempt that may be retried, and how long to wait after attempt {@code n}. */
  private static final class Retryable extends Exception {
    private static final long serialVersionUID = 1L;
    final transient CloudflareApiException failure;
    private final transient IntFunction<Duration> delay;

    Retryable(CloudflareApiException failure, IntFunction<Duration> delay) {
      super(null, null, false, false);
      this.failure = failure;
      this.delay = delay;
    }

    Duration delay(int attempt) {
      return delay.apply(attempt);
    }
  }

  private void retryLater(Retryable retryable, int attempt, Duration delay) {
    LOG.info(
        () ->
            retryable.failure.getMessage()
                + "; retrying in "
                + delay
                + " (attempt "
                + attempt
                + " of "
                + retryPolicy.maxAttempts()
                + ")");
  }

  private static void pause(Wait wait, String route) {
    try {
      wait.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(route, e);
    }
  }

  private static CloudflareApiException interrupted(String route, InterruptedException e) {
    return new CloudflareApiException(
        FailureKind.NETWORK, 0, List.of(), route + ": interrupted while waiting to send", e);
  }

  /** The whole answer, read inside try-with-resources so the connection is always released. */
  private Exchange exchange(Request request) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      return new Exchange(response.code(), response.headers(), response.body().string());
    }
  }

  private record Exchange(int code, Headers headers, String body) {}

  // ---- decoding

  /** Checks the status, then the envelope, then decodes {@code result}. Never retried. */
  private <T> T decode(Exchange exchange, String route, Function<JsonElement, T> decoder) {
    int code = exchange.code();
    Envelope envelope = envelope(exchange.body());
    if (code == 401 || code == 403) {
      throw failure(
          FailureKind.AUTH, code, envelope, route, "token rejected or lacks a permission");
    }
    if (code == 404) {
      throw failure(
          FailureKind.NOT_FOUND,
          code,
          envelope,
          route,
          "not found (check the zone and setting id)");
    }
    if (code < 200 || code >= 300) {
      throw failure(FailureKind.API_ERROR, code, envelope, route, "request refused");
    }
    if (envelope == null || envelope.success == null) {
      throw new CloudflareApiException(
          FailureKind.BAD_RESPONSE,
          code,
          List.of(),
          route + ": answer is not a Cloudflare envelope");
    }
    if (!envelope.success) {
      throw failure(FailureKind.API_ERROR, code, envelope, route, "success is false");
    }
    try {
      return decoder.apply(envelope.result == null ? JsonNull.INSTANCE : envelope.result);
    } catch (RuntimeException e) {
      throw new CloudflareApiException(
          FailureKind.BAD_RESPONSE,
          code,
          List.of(),
          route + ": unexpected result: " + e.getClass().getSimpleName());
    }
  }

  /** A failure carrying the envelope's errors when the body has them. */
  private CloudflareApiException failure(
      FailureKind kind, Exchange exchange, String route, String what) {
    return failure(kind, exchange.code(), envelope(exchange.body()), route, what);
  }

  private CloudflareApiException failure(
      FailureKind kind, int code, Envelope envelope, String route, String what) {
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
      return json.isJsonObject() ? CloudflareJson.GSON.fromJson(json, Envelope.class) : null;
    } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
      return null;
    }
  }

  /** Dates are informative only, so an unreadable one is dropped rather than failing the call. */
  static Instant instantOrNull(String text) {
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

  static String requireId(String id, String name) {
    Objects.requireNonNull(id, name);
    if (id.isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
    return id;
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
            FailureKind.AUTH, 0, List.of(), "no Cloudflare API token configured");
      }
      return chain.proceed(
          chain.request().newBuilder().header("Authorization", "Bearer " + token).build());
    }
  }

  // ---- wire shapes (fields named as in the JSON, snake_case mapped by CloudflareJson.GSON)

  private static final class Envelope {
    Boolean success;
    List<ErrorJson> errors;
    JsonElement result;
  }

  private static final class ErrorJson {
    int code;
    String message;
  }
}
