package dev.trustcenter.okhttp;

import dev.failsafe.RetryPolicy;
import dev.trustcenter.http.Retries;
import dev.trustcenter.http.Retries.Sleeper;
import dev.trustcenter.subprocessors.ChallengePages;
import dev.trustcenter.subprocessors.FetchException;
import dev.trustcenter.subprocessors.FetchException.FailureKind;
import dev.trustcenter.subprocessors.FetchedPage;
import dev.trustcenter.subprocessors.VendorPages;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Logger;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Fetches vendor pages with OkHttp, as a well-behaved bot: a User-Agent naming the trust center,
 * English headers, bounded retries with exponential backoff on 5xx, timeouts and I/O errors, and
 * redirects followed by hand only within the host first asked for (and never from https down to
 * http), because a vendor page that suddenly redirects to another host is not the vendor's list any
 * more. The body is capped; a challenge or a non-HTML answer is a failure, never a page.
 *
 * <p>Thread-safe; share one instance (it shares one {@link OkHttpClient}).
 */
public final class OkHttpVendorPages implements VendorPages {
  private static final Logger LOG = Logger.getLogger(OkHttpVendorPages.class.getName());

  /** 5 MiB: the real pages are a few hundred KiB; anything far larger is not the list. */
  public static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024;

  static final int MAX_REDIRECTS = 5;

  /**
   * How the fetcher waits and retries.
   *
   * @param maxAttempts attempts per page, including the first
   * @param baseDelay wait before the second attempt; doubled before each further one
   * @param maxBytes largest body accepted
   */
  public record Policy(int maxAttempts, Duration baseDelay, long maxBytes) {
    /** 3 attempts, 2 s then 4 s between them, 5 MiB. */
    public static final Policy DEFAULT = new Policy(3, Duration.ofSeconds(2), DEFAULT_MAX_BYTES);

    public Policy {
      if (maxAttempts < 1 || maxBytes < 1 || baseDelay.isNegative()) {
        throw new IllegalArgumentException("invalid fetch policy");
      }
    }
  }

  private final OkHttpClient http;
  private final String userAgent;
  private final Policy policy;
  private final Sleeper sleeper;
  private final Clock clock;

  /**
   * @param http the shared client; this adapter derives one that follows no redirects by itself
   * @param userAgent e.g. {@code TrustCenterBot/1.0 (+https://trust.example.com)}
   * @param sleeper waits between attempts; tests record the waits instead of spending them
   */
  public OkHttpVendorPages(
      OkHttpClient http, String userAgent, Policy policy, Sleeper sleeper, Clock clock) {
    this.http =
        Objects.requireNonNull(http, "http")
            .newBuilder()
            .followRedirects(false)
            .followSslRedirects(false)
            .build();
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The production fetcher: default client, policy and real sleeps; the User-Agent names {@code
   * siteBaseUrl}.
   */
  public static OkHttpVendorPages create(URI siteBaseUrl, Clock clock) {
    return new OkHttpVendorPages(
        defaultClient(), userAgent(siteBaseUrl), Policy.DEFAULT, Sleeper.system(), clock);
  }

  /**
   * The client settings the fetcher is meant to run with: 10 s to connect, 30 s per read, 60 s per
   * call.
   */
  public static OkHttpClient defaultClient() {
    return HttpClients.shared()
        .newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(30))
        .callTimeout(Duration.ofSeconds(60))
        .build();
  }

  /** The User-Agent: names the bot and where to find who runs it. */
  public static String userAgent(URI siteBaseUrl) {
    String contact =
        siteBaseUrl != null
            ? siteBaseUrl.toString()
            : "https://github.com/trust-center/trust-center";
    return "TrustCenterBot/1.0 (+" + contact + ")";
  }

  @Override
  public FetchedPage fetch(URI url) throws FetchException {
    HttpUrl start = HttpUrl.get(url.toString());
    RetryPolicy<FetchedPage> retry =
        RetryPolicy.<FetchedPage>builder()
            .handle(Retryable.class)
            .withMaxAttempts(policy.maxAttempts())
            .withDelayFn(
                context -> policy.baseDelay().multipliedBy(1L << (context.getAttemptCount() - 1)))
            .onFailedAttempt(
                event -> {
                  if (event.getLastException() instanceof Retryable r) {
                    LOG.warning(
                        "fetch of "
                            + start.host()
                            + start.encodedPath()
                            + " failed (attempt "
                            + event.getAttemptCount()
                            + "/"
                            + policy.maxAttempts()
                            + "): "
                            + r.failure.getMessage());
                  }
                })
            .build();
    try {
      return Retries.run(retry, sleeper, () -> attempt(url, start));
    } catch (Retryable last) {
      throw new FetchException(
          last.failure.kind(),
          last.failure.getMessage() + " after " + policy.maxAttempts() + " attempts",
          last.failure.getCause());
    } catch (Failed failed) {
      throw failed.failure;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(FailureKind.NETWORK, "interrupted while waiting to retry");
    }
  }

  /** One attempt; every failure leaves as a {@link Failed}, worth retrying or not. */
  private FetchedPage attempt(URI requested, HttpUrl start) throws Failed {
    try {
      return fetchFollowingRedirects(requested, start);
    } catch (FetchException notWorthRetrying) {
      throw new Failed(notWorthRetrying);
    }
  }

  private FetchedPage fetchFollowingRedirects(URI requested, HttpUrl start)
      throws FetchException, Retryable {
    HttpUrl current = start;
    for (int hop = 0; ; hop++) {
      Request request =
          new Request.Builder()
              .url(current)
              .header("User-Agent", userAgent)
              .header("Accept", "text/html,application/xhtml+xml;q=0.9")
              .header("Accept-Language", "en")
              .get()
              .build();
      try (Response response = http.newCall(request).execute()) {
        if ("challenge".equalsIgnoreCase(trim(response.header("cf-mitigated")))) {
          throw new FetchException(
              FailureKind.CHALLENGE,
              "bot challenge (cf-mitigated: challenge, HTTP " + response.code() + ")");
        }
        int code = response.code();
        if (code >= 300 && code < 400 && response.header("Location") != null) {
          if (hop >= MAX_REDIRECTS) {
            throw new FetchException(
                FailureKind.REDIRECT, "more than " + MAX_REDIRECTS + " redirects");
          }
          current = redirectTarget(start, current, response.header("Location"));
          continue;
        }
        if (code < 200 || code > 299) {
          challengeBody(response, code);
        }
        if (code >= 500) {
          throw new Retryable(new FetchException(FailureKind.STATUS, "HTTP " + code));
        }
        if (code < 200 || code > 299) {
          throw new FetchException(FailureKind.STATUS, "HTTP " + code);
        }
        String contentType = trim(response.header("Content-Type"));
        if (contentType == null || !isHtml(contentType)) {
          throw new FetchException(
              FailureKind.NOT_HTML,
              "not HTML (Content-Type: "
                  + (contentType == null ? "none" : clip(contentType))
                  + ")");
        }
        byte[] body = readCapped(response.body());
        FetchedPage page =
            FetchedPage.of(requested, current.uri(), code, contentType, clock.instant(), body);
        if (ChallengePages.isChallenge(page.text())) {
          throw new FetchException(
              FailureKind.CHALLENGE,
              "bot challenge (challenge page served with HTTP " + code + ")");
        }
        return page;
      } catch (InterruptedIOException e) {
        throw new Retryable(new FetchException(FailureKind.TIMEOUT, "timed out", e));
      } catch (IOException e) {
        throw new Retryable(
            new FetchException(
                FailureKind.NETWORK, "network error: " + e.getClass().getSimpleName(), e));
      }
    }
  }

  /**
   * Challenges often come as 403 or 503 without the header: name them as such rather than as a
   * status.
   */
  private void challengeBody(Response response, int code) throws IOException, FetchException {
    String contentType = response.header("Content-Type");
    if (contentType == null || !isHtml(contentType)) {
      return;
    }
    byte[] body;
    try {
      body = readCapped(response.body());
    } catch (FetchException tooLarge) {
      return;
    }
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
    if (ChallengePages.isChallenge(text)) {
      throw new FetchException(
          FailureKind.CHALLENGE, "bot challenge (challenge page served with HTTP " + code + ")");
    }
  }

  private HttpUrl redirectTarget(HttpUrl start, HttpUrl current, String location)
      throws FetchException {
    HttpUrl target = current.resolve(location);
    if (target == null) {
      throw new FetchException(FailureKind.REDIRECT, "redirect to an invalid location");
    }
    if (!target.host().equalsIgnoreCase(start.host())) {
      throw new FetchException(
          FailureKind.REDIRECT,
          "redirect to another host refused (" + start.host() + " -> " + target.host() + ")");
    }
    if (start.isHttps() && !target.isHttps()) {
      throw new FetchException(FailureKind.REDIRECT, "redirect from https to http refused");
    }
    return target;
  }

  private byte[] readCapped(ResponseBody body) throws IOException, FetchException {
    long declared = body.contentLength();
    if (declared > policy.maxBytes()) {
      throw new FetchException(
          FailureKind.TOO_LARGE,
          "body exceeds the limit of " + policy.maxBytes() + " bytes (" + declared + " declared)");
    }
    BufferedSource source = body.source();
    Buffer buffer = new Buffer();
    while (buffer.size() <= policy.maxBytes()) {
      if (source.read(buffer, 64 * 1024) == -1) {
        return buffer.readByteArray();
      }
    }
    throw new FetchException(
        FailureKind.TOO_LARGE, "body exceeds the limit of " + policy.maxBytes() + " bytes");
  }

  static boolean isHtml(String contentType) {
    String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return media.equals("text/html") || media.equals("application/xhtml+xml");
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }

  private static String clip(String s) {
    String c = s.replaceAll("\\p{Cntrl}", "?");
    return c.length() > 80 ? c.substring(0, 80) + "..." : c;
  }

  /** A failed attempt. */
  private static class Failed extends Exception {
    private static final long serialVersionUID = 1L;
    final FetchException failure;

    Failed(FetchException failure) {
      super(null, null, false, false);
      this.failure = failure;
    }
  }

  /** A failure worth another attempt. */
  private static final class Retryable extends Failed {
    private static final long serialVersionUID = 1L;

    Retryable(FetchException failure) {
      super(failure);
    }
  }
}
