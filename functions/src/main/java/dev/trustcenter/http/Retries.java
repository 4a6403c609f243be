package dev.trustcenter.http;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * The one retry loop of the outbound HTTP clients. A Failsafe {@link RetryPolicy} decides which
 * failures are retried, how many attempts are made and how long to wait before the next one; this
 * class only runs the attempts and spends the waits through a {@link Sleeper}, so that tests record
 * the waits instead of sleeping (Failsafe's own synchronous executor sleeps with {@link
 * Thread#sleep} and cannot be told otherwise).
 */
public final class Retries {

  private Retries() {}

  /** Waits between attempts; tests pass one that records the waits instead of spending them. */
  @FunctionalInterface
  public interface Sleeper {

    /** Blocks for {@code duration} (zero or positive). */
    void sleep(Duration duration) throws InterruptedException;

    /** The real clock: {@link Thread#sleep(long)}. */
    static Sleeper system() {
      return duration -> Thread.sleep(duration.toMillis());
    }
  }

  /** One attempt: returns the answer or throws. */
  @FunctionalInterface
  public interface Attempt<T, E extends Exception> {
    T run() throws E;
  }

  /** Told about a failure that will be retried, before the wait. */
  @FunctionalInterface
  public interface BeforeRetry {
    void failed(Exception failure, int attempt, Duration delay);
  }

  /**
   * Runs {@code attempt} until it returns or {@code policy} stops retrying; then the last failure
   * is rethrown as it was thrown. A failure the policy does not handle is rethrown at once.
   *
   * @throws InterruptedException if a wait is interrupted (the interrupt flag is cleared, as by
   *     {@link Thread#sleep}); no further attempt is made
   */
  public static <T, E extends Exception> T run(
      RetryPolicy<T> policy, Sleeper sleeper, Attempt<T, E> attempt)
      throws E, InterruptedException {
    return run(policy, sleeper, (failure, n, delay) -> {}, attempt);
  }

  /** As {@link #run(RetryPolicy, Sleeper, Attempt)}, telling {@code beforeRetry} each retry. */
  public static <T, E extends Exception> T run(
      RetryPolicy<T> policy, Sleeper sleeper, BeforeRetry beforeRetry, Attempt<T, E> attempt)
      throws E, InterruptedException {
    Objects.requireNonNull(attempt, "attempt");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(beforeRetry, "beforeRetry");
    Execution<T> execution = Execution.of(Objects.requireNonNull(policy, "policy"));
    while (true) {
      try {
        return attempt.run();
      } catch (Exception e) {
        execution.recordException(e);
        if (execution.isComplete()) {
          throw Retries.<E>rethrow(e);
        }
        Duration delay = execution.getDelay();
        beforeRetry.failed(e, execution.getAttemptCount(), delay);
        sleeper.sleep(delay);
      }
    }
  }

  /**
   * {@code attempt} throws only {@code E} or unchecked exceptions, so the cast cannot lie: the
   * failure leaves with its own type.
   */
  @SuppressWarnings("unchecked")
  private static <E extends Exception> E rethrow(Exception e) throws E {
    throw (E) e;
  }
}
