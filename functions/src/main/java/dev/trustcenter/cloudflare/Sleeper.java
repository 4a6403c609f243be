package dev.trustcenter.cloudflare;

import dev.trustcenter.http.Retries;

/**
 * Waits between attempts and for the purge rate limit: the shared {@link Retries.Sleeper} under the
 * name this package's callers and tests use. The client never calls {@link Thread#sleep} directly
 * so that tests can record the waits instead of spending them.
 */
@FunctionalInterface
public interface Sleeper extends Retries.Sleeper {

  /** The real clock: {@link Thread#sleep(long)}. */
  static Sleeper system() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
