package dev.trustcenter.content;

import java.time.Instant;

/**
 * The latest facts about a control's checks, kept up to date as results are recorded; enough to
 * derive its status without reading the history.
 *
 * @param lastOutcome the outcome of the most recent check
 * @param lastCheckedAt when the most recent check ran
 * @param lastPassingAt when the most recent passing check ran, or null if none ever passed
 * @param lastFailingAt when the most recent failing check ran, or null if none ever failed; kept so
 *     that a check that could not run (error) after a failure does not hide the failure
 */
public record CheckSummary(
    CheckOutcome lastOutcome, Instant lastCheckedAt, Instant lastPassingAt, Instant lastFailingAt) {

  /**
   * A summary whose last failure, if any, is its last result (a shorthand for fixtures and
   * examples).
   */
  public CheckSummary(CheckOutcome lastOutcome, Instant lastCheckedAt, Instant lastPassingAt) {
    this(
        lastOutcome,
        lastCheckedAt,
        lastPassingAt,
        lastOutcome == CheckOutcome.FAILING ? lastCheckedAt : null);
  }

  /** The summary after one more result: {@code previous} may be null (never checked). */
  public static CheckSummary after(CheckSummary previous, CheckOutcome outcome, Instant checkedAt) {
    CheckSummary p = previous == null ? new CheckSummary(null, null, null, null) : previous;
    boolean latest = p.lastCheckedAt() == null || !checkedAt.isBefore(p.lastCheckedAt());
    return new CheckSummary(
        latest ? outcome : p.lastOutcome(),
        latest ? checkedAt : p.lastCheckedAt(),
        outcome == CheckOutcome.PASSING ? max(p.lastPassingAt(), checkedAt) : p.lastPassingAt(),
        outcome == CheckOutcome.FAILING ? max(p.lastFailingAt(), checkedAt) : p.lastFailingAt());
  }

  private static Instant max(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}
