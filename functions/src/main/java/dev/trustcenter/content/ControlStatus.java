package dev.trustcenter.content;

import com.google.gson.annotations.SerializedName;
import java.time.Duration;
import java.time.Instant;

/**
 * What visitors are told about a control. Derived from its check history at the time of reading, never stored,
 * so a check that ages out of its period turns overdue without anything being written.
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
   * Derives the status. Never {@link #PASSING} without a passing result inside the period: a failing last
   * result is failing; a passing result inside the period is passing even if a later check could not run
   * (outcome error); an older passing result is overdue; no passing result at all is not yet checked.
   */
  public static ControlStatus derive(CheckSummary summary, int periodDays, Instant now) {
    if (summary == null || summary.lastCheckedAt() == null) {
      return NOT_YET_CHECKED;
    }
    if (summary.lastOutcome() == CheckOutcome.FAILING) {
      return FAILING;
    }
    Instant passing = summary.lastPassingAt();
    if (passing == null) {
      return NOT_YET_CHECKED;
    }
    return passing.isAfter(now.minus(Duration.ofDays(periodDays))) ? PASSING : OVERDUE;
  }
}
