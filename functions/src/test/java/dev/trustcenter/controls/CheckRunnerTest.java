package dev.trustcenter.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.store.DocumentStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckRunnerTest {
  @TempDir Path dir;
  private DocumentStore store;
  private final Fakes.MutableClock clock = new Fakes.MutableClock(Fakes.NOW);
  private final CountDownLatch never = new CountDownLatch(1);

  @BeforeEach
  void open() {
    store = Fakes.seededStore(dir);
  }

  @AfterEach
  void close() {
    never.countDown();
    store.close();
  }

  private record Fixed(String id, String controlId, Check body) implements ControlCheck {
    interface Check {
      Finding run() throws Exception;
    }

    @Override
    public boolean publicEvidence() {
      return true;
    }

    @Override
    public Finding run() throws Exception {
      return body.run();
    }
  }

  private CheckRunner runner(List<ControlCheck> checks, Duration timeout) {
    return new CheckRunner(
        checks,
        new CheckResults(store, new SnapshotWriter(365)),
        new CheckRuns(store),
        clock,
        timeout);
  }

  @Test
  void aThrowingCheckAndAHangingCheckRecordErrorsAndTheOthersStillPass() {
    ControlCheck throwing =
        new Fixed(
            "throws",
            "encryption-at-rest",
            () -> {
              throw new IllegalStateException("bucket tc-documents does not exist");
            });
    ControlCheck hanging =
        new Fixed(
            "hangs",
            "automated-backup-process",
            () -> {
              never.await();
              return Finding.judge(Map.of(), List.of());
            });
    ControlCheck passing =
        new Fixed(
            "passes",
            "encryption-in-transit",
            () -> Finding.judge(Map.of("ssl", "strict"), List.of()));

    long start = System.nanoTime();
    CheckRuns.Run run =
        runner(List.of(throwing, hanging, passing), Duration.ofMillis(300)).runAll();
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertTrue(
        millis < 5000, "the hanging check was abandoned after its timeout, took " + millis + " ms");
    assertEquals(
        List.of(CheckOutcome.ERROR, CheckOutcome.ERROR, CheckOutcome.PASSING),
        run.checks().stream().map(CheckRuns.Entry::outcome).toList());
    assertEquals("bucket tc-documents does not exist", run.checks().get(0).note());
    assertEquals("timed out after 300 ms", run.checks().get(1).note());
    assertTrue(run.complete(), "every check ran to a result and every result was recorded");
    CheckResults results = new CheckResults(store, new SnapshotWriter(365));
    assertEquals(
        CheckOutcome.ERROR,
        results.history("encryption-at-rest", clock.instant()).get(0).outcome());
    assertEquals(
        Map.of("ssl", "strict"),
        results.history("encryption-in-transit", clock.instant()).get(0).evidence());
    assertEquals(
        "passes", results.history("encryption-in-transit", clock.instant()).get(0).checkedBy());
    assertNull(
        results.publicHistory("encryption-at-rest", clock.instant()).get(0).note(),
        "an exception's message is never public");
    assertEquals(
        "timed out after 300 ms",
        results.publicHistory("automated-backup-process", clock.instant()).get(0).note(),
        "a timeout of a check with public evidence says so publicly");
  }

  @Test
  void aReasonTheCheckGivesItselfIsPublicWhereItsEvidenceIs() {
    runner(
            List.of(
                new Fixed(
                    "unconfigured",
                    "encryption-in-transit",
                    () -> Finding.error("CLOUDFLARE_ZONE_ID is not configured"))),
            Duration.ofSeconds(5))
        .runAll();
    assertEquals(
        "CLOUDFLARE_ZONE_ID is not configured",
        new CheckResults(store, new SnapshotWriter(365))
            .publicHistory("encryption-in-transit", clock.instant())
            .get(0)
            .note());
  }

  @Test
  void aCheckAnsweringNullIsAnError() {
    CheckRuns.Run run =
        runner(List.of(new Fixed("null", "encryption-at-rest", () -> null)), Duration.ofSeconds(5))
            .runAll();
    assertEquals(CheckOutcome.ERROR, run.checks().get(0).outcome());
  }

  @Test
  void monitoringFailsOnAFreshInstallPassesAfterACompleteRunAndFailsAfterADayWithout()
      throws Exception {
    CheckRuns runs = new CheckRuns(store);
    InternalControlMonitoringCheck monitoring = new InternalControlMonitoringCheck(runs, clock);
    CheckRunner runner =
        new CheckRunner(
            List.of(monitoring),
            new CheckResults(store, new SnapshotWriter(365)),
            runs,
            clock,
            Duration.ofSeconds(5));

    CheckRuns.Run first = runner.runAll();
    assertEquals(CheckOutcome.FAILING, first.checks().get(0).outcome());
    assertEquals("no complete run of the control checks is recorded", first.checks().get(0).note());

    clock.now = clock.now.plus(Duration.ofHours(1));
    Finding second = monitoring.run();
    assertEquals(CheckOutcome.PASSING, second.outcome());
    assertEquals(Fakes.NOW.toString(), second.evidence().get("previous_complete_run_finished_at"));
    assertEquals(1, second.evidence().get("checks_in_run"));

    clock.now = Fakes.NOW.plus(Duration.ofHours(25));
    Finding late = monitoring.run();
    assertEquals(CheckOutcome.FAILING, late.outcome());
    assertTrue(late.note().contains("25 hours ago"), late.note());
  }

  @Test
  void anIncompleteRunDoesNotCountForMonitoring() {
    CheckRuns runs = new CheckRuns(store);
    runs.save(
        new CheckRuns.Run(CheckRuns.newId(Fakes.NOW), Fakes.NOW, Fakes.NOW, false, List.of()));
    assertFalse(runs.latestComplete().isPresent());
  }
}
