package dev.trustcenter.cloudflare;

import dev.trustcenter.http.Retries;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A client-side token bucket: up to {@code capacity} requests at once, then {@code perSecond} on
 * average. It only spaces this instance's requests; Cloudflare counts per account, so 429 handling
 * is still needed.
 *
 * <p>Not Failsafe's {@code RateLimiter}: its bursty limiter hands out a whole window's permits at
 * each window start and its smooth one allows no burst, while Cloudflare's purge limit is a bucket
 * refilled continuously; and its clock cannot be replaced in tests.
 */
final class TokenBucket {

  /**
   * Purge requests on the Free plan, the strictest: bucket of 25, refilled at 5 per minute.
   *
   * @see <a
   *     href="https://developers.cloudflare.com/cache/how-to/purge-cache/#availability-and-limits">Purge
   *     limits</a>
   */
  static TokenBucket freePlanPurges(Retries.Sleeper sleeper) {
    return new TokenBucket(25, 5.0 / 60.0, System::nanoTime, sleeper);
  }

  private final double capacity;
  private final double perNano;
  private final LongSupplier nanoTime;
  private final Retries.Sleeper sleeper;
  private double tokens;
  private long refilledAt;

  TokenBucket(int capacity, double perSecond, LongSupplier nanoTime, Retries.Sleeper sleeper) {
    if (capacity < 1 || !(perSecond > 0)) {
      throw new IllegalArgumentException("capacity and rate must be positive");
    }
    this.capacity = capacity;
    this.perNano = perSecond / 1e9;
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.tokens = capacity;
    this.refilledAt = nanoTime.getAsLong();
  }

  /** Takes one token, waiting until it is earned when the bucket is empty. */
  void acquire() throws InterruptedException {
    Duration wait = reserve();
    if (!wait.isZero()) {
      sleeper.sleep(wait);
    }
  }

  /** Takes a token now, possibly into debt, and says how long the caller must wait for it. */
  private synchronized Duration reserve() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
    refilledAt = now;
    tokens -= 1;
    return tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(-tokens / perNano));
  }
}
