package dev.trustcenter.controls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Internal Control Monitoring: the monitoring itself works. Passing iff the latest complete run of
 * the automated checks (every check ran to a result and every result was recorded) before this one
 * finished within the last 24 hours. It judges the previous run because the current one is not
 * complete while it runs; on a fresh installation it therefore fails until the second run.
 */
public final class InternalControlMonitoringCheck extends AutomatedCheck {
  public static final String ID = "monitoring-heartbeat";
  public static final String CONTROL_ID = "internal-control-monitoring";
  static final Duration MAX_AGE = Duration.ofHours(24);

  private final CheckRuns runs;
  private final Clock clock;

  public InternalControlMonitoringCheck(CheckRuns runs, Clock clock) {
    super(ID, CONTROL_ID, true);
    this.runs = runs;
    this.clock = clock;
  }

  @Override
  public Finding run() {
    Instant now = clock.instant();
    Optional<CheckRuns.Run> previous = runs.latestComplete();
    Map<String, Object> evidence = new LinkedHashMap<>();
    if (previous.isEmpty()) {
      evidence.put("previous_complete_run_finished_at", null);
      return Finding.judge(
          evidence, java.util.List.of("no complete run of the control checks is recorded"));
    }
    CheckRuns.Run run = previous.get();
    evidence.put("previous_complete_run_finished_at", run.finishedAt().toString());
    evidence.put("checks_in_run", run.checks().size());
    evidence.put(
        "errors_in_run",
        run.checks().stream()
            .filter(e -> e.outcome() == dev.trustcenter.content.CheckOutcome.ERROR)
            .count());
    Duration age = Duration.between(run.finishedAt(), now);
    return Finding.judge(
        evidence,
        age.compareTo(MAX_AGE) <= 0
            ? java.util.List.of()
            : java.util.List.of(
                "the last complete run finished " + age.toHours() + " hours ago, more than 24"));
  }
}
