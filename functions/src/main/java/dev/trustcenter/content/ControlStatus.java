package dev.trustcenter.content;

import com.google.gson.annotations.SerializedName;
import java.time.Duration;
import java.time.Instant;

/**
 * What visitors are told about a control. Derived from its check history at the time of reading,
 * never stored, so a check that ages out of its period turns overdue without anything being
 * written.
 */
public enum ControlStatus {
  @SerializedName("passing")
  PASSING,
  @SerializedName("failing")
  FAILING,
  @SerializedName("overdue")
  OVERDUE,
  @SerializedName("not_yet_checked")
  NOT_YET_CHECKED;

  /**
   * Derives the status. Never {@link #PASSING} without a passing result inside the period:
   *
   * <ul>
   *   <li>no result at all: not yet checked;
   *   <li>the last result that could be observed (passing or failing) failed: failing, even if
   *       later checks could not run (outcome error), because an error says nothing about whether
   *       the failure was fixed;
   *   <li>the last observed result passed inside the period: passing (a later error does not change
   *       that, it only shows as the last outcome); passed before the period: overdue;
   *   <li>only errors so far: not yet checked (nothing was ever observed).
   * </ul>
   *
   * A result exactly {@code periodDays} old is overdue.
   */
  public static ControlStatus derive(CheckSummary summary, int periodDays, Instant now) {
    if (summary == null || summary.lastCheckedAt() == null) {
      return NOT_YET_CHECKED;
    }
    Instant passing = summary.lastPassingAt();
    Instant failing = summary.lastFailingAt();
    if (summary.lastOutcome() == CheckOutcome.FAILING
        || (failing != null && (passing == null || failing.isAfter(passing)))) {
      return FAILING;
    }
    if (passing == null) {
      return NOT_YET_CHECKED;
    }
    return passing.isAfter(now.minus(Duration.ofDays(periodDays))) ? PASSING : OVERDUE;
  }

  /**
   * When {@link #derive} first gives another answer than at {@code now}, for any later time: a
   * passing control turns overdue when its last passing result is {@code periodDays} old; the other
   * statuses change only when a result is recorded. Empty if time alone never changes it.
   */
  public static java.util.Optional<Instant> changesAt(
      CheckSummary summary, int periodDays, Instant now) {
    return derive(summary, periodDays, now) == PASSING
        ? java.util.Optional.of(summary.lastPassingAt().plus(Duration.ofDays(periodDays)))
        : java.util.Optional.empty();
  }

  /**
   * The period a control's status is derived with. Policies and plans ({@link
   * CheckMethod#PERIODIC_REVIEW}) take the deployment's review period ({@code POLICY_REVIEW_DAYS})
   * instead of their own {@code periodDays}: the review cadence is one organizational rule for
   * every policy, set in one place, so changing it cannot leave some policies on the old cadence.
   * Other controls keep their own period.
   */
  public static int periodDays(Control control, int reviewPeriodDays) {
    return control.checkMethod() == CheckMethod.PERIODIC_REVIEW
        ? reviewPeriodDays
        : control.periodDays();
  }
}
