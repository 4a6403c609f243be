package dev.trustcenter.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ControlStatusTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  private static Instant ago(Duration d) {
    return NOW.minus(d);
  }

  @Test
  void neverCheckedIsNotYetChecked() {
    assertEquals(ControlStatus.NOT_YET_CHECKED, ControlStatus.derive(null, 1, NOW));
    assertEquals(ControlStatus.NOT_YET_CHECKED, ControlStatus.derive(new CheckSummary(null, null, null), 1, NOW));
  }

  @Test
  void aPassingCheckInsideThePeriodIsPassing() {
    Instant t = ago(Duration.ofHours(23));
    assertEquals(ControlStatus.PASSING, ControlStatus.derive(new CheckSummary(CheckOutcome.PASSING, t, t), 1, NOW));
  }

  @Test
  void aPassingCheckOlderThanThePeriodIsOverdue() {
    Instant t = ago(Duration.ofHours(25));
    assertEquals(ControlStatus.OVERDUE, ControlStatus.derive(new CheckSummary(CheckOutcome.PASSING, t, t), 1, NOW));
    Instant year = ago(Duration.ofDays(366));
    assertEquals(ControlStatus.OVERDUE, ControlStatus.derive(new CheckSummary(CheckOutcome.PASSING, year, year), 365, NOW));
  }

  @Test
  void aFailingLastCheckIsFailingEvenAfterAnEarlierPass() {
    assertEquals(
        ControlStatus.FAILING,
        ControlStatus.derive(new CheckSummary(CheckOutcome.FAILING, ago(Duration.ofMinutes(5)), ago(Duration.ofHours(2))), 1, NOW));
  }

  @Test
  void anErrorKeepsARecentPassButNeverInventsOne() {
    assertEquals(
        ControlStatus.PASSING,
        ControlStatus.derive(new CheckSummary(CheckOutcome.ERROR, ago(Duration.ofMinutes(5)), ago(Duration.ofHours(2))), 1, NOW));
    assertEquals(
        ControlStatus.OVERDUE,
        ControlStatus.derive(new CheckSummary(CheckOutcome.ERROR, ago(Duration.ofMinutes(5)), ago(Duration.ofDays(2))), 1, NOW));
    assertEquals(
        ControlStatus.NOT_YET_CHECKED,
        ControlStatus.derive(new CheckSummary(CheckOutcome.ERROR, ago(Duration.ofMinutes(5)), null), 1, NOW));
  }
}
