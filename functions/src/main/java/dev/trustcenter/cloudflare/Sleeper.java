package dev.trustcenter.cloudflare;

import java.time.Duration;

/**
 * Waits between attempts. The client never calls {@link Thread#sleep} directly so that tests can
 * record the waits instead of spending them.
 */
@FunctionalInterface
public interface Sleeper {

  /** Blocks for {@code duration} (zero or positive). */
  void sleep(Duration duration) throws InterruptedException;

  /** The real clock: {@link Thread#sleep(long)}. */
  static Sleeper system() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
