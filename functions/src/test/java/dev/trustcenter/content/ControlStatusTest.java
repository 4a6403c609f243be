package dev.trustcenter.content;

import static dev.trustcenter.content.CheckOutcome.ERROR;
import static dev.trustcenter.content.CheckOutcome.FAILING;
import static dev.trustcenter.content.CheckOutcome.PASSING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ControlStatusTest {
  private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");

  private static CheckSummary history(Object... outcomesAndHoursAgo) {
    CheckSummary s = null;
    for (int i = 0; i < outcomesAndHoursAgo.length; i += 2) {
      s =
          CheckSummary.after(
              s,
              (CheckOutcome) outcomesAndHoursAgo[i],
              NOW.minus(Duration.ofHours(((Number) outcomesAndHoursAgo[i + 1]).longValue())));
    }
    return s;
  }

  @Test
  void neverCheckedIsNotYetChecked() {
    assertEquals(ControlStatus.NOT_YET_CHECKED, ControlStatus.derive(null, 1, NOW));
    assertEquals(
        ControlStatus.NOT_YET_CHECKED,
        ControlStatus.derive(new CheckSummary(null, null, null, null), 1, NOW));
  }

  @Test
  void onlyErrorsIsNotYetChecked() {
    assertEquals(
        ControlStatus.NOT_YET_CHECKED, ControlStatus.derive(history(ERROR, 3, ERROR, 1), 1, NOW));
  }

  @Test
  void aPassInsideThePeriodIsPassing() {
    assertEquals(ControlStatus.PASSING, ControlStatus.derive(history(PASSING, 23), 1, NOW));
  }

  @Test
  void aPassOlderThanThePeriodIsOverdueAndExactlyThePeriodIsOverdueToo() {
    assertEquals(ControlStatus.OVERDUE, ControlStatus.derive(history(PASSING, 25), 1, NOW));
    assertEquals(ControlStatus.OVERDUE, ControlStatus.derive(history(PASSING, 24), 1, NOW));
    assertEquals(ControlStatus.OVERDUE, ControlStatus.derive(history(PASSING, 366 * 24), 365, NOW));
  }

  @Test
  void aFailureIsFailingHoweverOld() {
    assertEquals(
        ControlStatus.FAILING, ControlStatus.derive(history(PASSING, 5, FAILING, 1), 1, NOW));
    assertEquals(ControlStatus.FAILING, ControlStatus.derive(history(FAILING, 24 * 400), 365, NOW));
  }

  @Test
  void anErrorAfterAPassKeepsThePassInsideThePeriod() {
    assertEquals(
        ControlStatus.PASSING, ControlStatus.derive(history(PASSING, 3, ERROR, 1), 1, NOW));
    assertEquals(
        ControlStatus.OVERDUE, ControlStatus.derive(history(PASSING, 30, ERROR, 1), 1, NOW));
  }

  @Test
  void anErrorAfterAFailureDoesNotHideTheFailure() {
    // passing 3 h ago, failing 2 h ago, error now: the last observation failed, so the control is
    // failing.
    CheckSummary s = history(PASSING, 3, FAILING, 2, ERROR, 0);
    assertEquals(ERROR, s.lastOutcome());
    assertEquals(ControlStatus.FAILING, ControlStatus.derive(s, 1, NOW));
  }

  @Test
  void aPassAfterAFailureIsPassingAgain() {
    assertEquals(
        ControlStatus.PASSING, ControlStatus.derive(history(FAILING, 2, PASSING, 1), 1, NOW));
  }

  @Test
  void anOlderResultArrivingLateDoesNotReplaceTheLatest() {
    CheckSummary s =
        CheckSummary.after(history(PASSING, 1), FAILING, NOW.minus(Duration.ofHours(5)));
    assertEquals(PASSING, s.lastOutcome());
    assertEquals(NOW.minus(Duration.ofHours(1)), s.lastCheckedAt());
    assertEquals(ControlStatus.PASSING, ControlStatus.derive(s, 1, NOW));
  }

  @Test
  void policiesTakeTheConfiguredReviewPeriodOtherControlsTheirOwn() {
    Text t = new Text("t", "t");
    Control policy = new Control("p", "c", t, t, CheckMethod.PERIODIC_REVIEW, 365, 0);
    Control manual = new Control("m", "c", t, t, CheckMethod.MANUAL_ATTESTATION, 90, 0);
    Control automated = new Control("a", "c", t, t, CheckMethod.AUTOMATED, 1, 0);
    assertEquals(180, ControlStatus.periodDays(policy, 180));
    assertEquals(730, ControlStatus.periodDays(policy, 730));
    assertEquals(90, ControlStatus.periodDays(manual, 180));
    assertEquals(1, ControlStatus.periodDays(automated, 180));
  }
}
