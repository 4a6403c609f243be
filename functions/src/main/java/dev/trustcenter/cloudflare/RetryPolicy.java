package dev.trustcenter.cloudflare;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;

/**
 * How often and how long the client retries a request that failed with 429, 5xx or an I/O error.
 * Other 4xx answers are never retried.
 *
 * @param maxAttempts total attempts per request, including the first (at least 1)
 * @param baseDelay first exponential backoff step; attempt {@code n} waits about {@code baseDelay *
 *     2^(n-1)} with jitter
 * @param maxDelay upper bound of one exponential backoff step
 * @param maxRetryAfter upper bound of a wait the server asks for ({@code Retry-After} or the {@code
 *     t=} of {@code Ratelimit}). A blocked Cloudflare token stays blocked for 5 minutes; a function
 *     should rather give up and let the next run retry than sleep that long.
 */
public record RetryPolicy(
    int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {

  /** 4 attempts, 1 s base, 30 s per backoff step, server-requested waits capped at 60 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60));

  private static final Pattern RATELIMIT_RESET = Pattern.compile("(?:^|;)\\s*t=(\\d+)");

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    requireNonNegative(baseDelay, "baseDelay");
    requireNonNegative(maxDelay, "maxDelay");
    requireNonNegative(maxRetryAfter, "maxRetryAfter");
  }

  /** The default delays with another number of attempts. */
  public static RetryPolicy ofMaxAttempts(int maxAttempts) {
    return new RetryPolicy(maxAttempts, DEFAULT.baseDelay, DEFAULT.maxDelay, DEFAULT.maxRetryAfter);
  }

  /** The exponential backoff after failed attempt {@code attempt} (1 for the first). */
  Duration backoff(int attempt) {
    long base = baseDelay.toMillis();
    long max = maxDelay.toMillis();
    long step = Math.min(max, base << Math.min(attempt - 1, 30));
    // Half fixed, half random: spreads retries of concurrent instances but keeps growing.
    long half = step / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(step - half + 1));
  }

  /**
   * The wait Cloudflare asks for after a 429: {@code Retry-After} seconds (already rounded up),
   * else the {@code t=} seconds-to-reset of {@code Ratelimit}, capped at {@link #maxRetryAfter};
   * else the {@link #backoff}. No jitter on a server-given wait: waiting less is pointless and
   * waiting more only delays.
   */
  Duration serverWait(Headers headers, int attempt) {
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
    return wait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wait;
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

  private static void requireNonNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + duration);
    }
  }
}
