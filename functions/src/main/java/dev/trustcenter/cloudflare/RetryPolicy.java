package dev.trustcenter.cloudflare;

import java.time.Duration;
import java.util.Objects;

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

  private static void requireNonNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + duration);
    }
  }
}
