package dev.trustcenter.controls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs every registered check, each on its own thread with a timeout, records all results in one
 * transaction and stores the run. A check that throws or times out yields an {@code error} result
 * with the reason; the others are unaffected.
 */
public final class CheckRunner {
  private static final Logger LOG = Logger.getLogger(CheckRunner.class.getName());
  private static final int MAX_REASON = 500;

  private final List<ControlCheck> checks;
  private final CheckResults results;
  private final CheckRuns runs;
  private final Clock clock;
  private final Duration timeout;

  /**
   * @param timeout how long one check may take; the deployed function allows 300 s in total and the
   *     checks run in parallel
   */
  public CheckRunner(
      List<ControlCheck> checks,
      CheckResults results,
      CheckRuns runs,
      Clock clock,
      Duration timeout) {
    this.checks = List.copyOf(checks);
    this.results = Objects.requireNonNull(results);
    this.runs = Objects.requireNonNull(runs);
    this.clock = Objects.requireNonNull(clock);
    this.timeout = Objects.requireNonNull(timeout);
  }

  /** Runs all checks once, records their results and the run, and answers the run. */
  private volatile Runnable afterRun = () -> {};

  /**
   * Sets what runs after each recorded run (publishing the site); its failure is logged, never
   * thrown.
   */
  public CheckRunner afterRun(Runnable afterRun) {
    this.afterRun = Objects.requireNonNull(afterRun);
    return this;
  }

  public CheckRuns.Run runAll() {
    Instant startedAt = clock.instant();
    String runId = CheckRuns.newId(startedAt);
    List<CheckResult> found = runChecks();
    List<CheckResult> recorded;
    try {
      recorded = results.record(found, clock.instant());
    } catch (RuntimeException e) {
      // The run is still worth knowing about: it shows the monitoring ran but could not record.
      saveQuietly(run(runId, startedAt, found, List.of(), false));
      throw e;
    }
    CheckRuns.Run run = run(runId, startedAt, found, recorded, recorded.size() == found.size());
    runs.save(run);
    try {
      afterRun.run();
    } catch (RuntimeException e) {
      java.util.logging.Logger.getLogger(CheckRunner.class.getName())
          .warning("after the check run: " + e.getMessage());
    }
    return run;
  }

  private CheckRuns.Run run(
      String id,
      Instant startedAt,
      List<CheckResult> found,
      List<CheckResult> recorded,
      boolean complete) {
    Set<CheckResult> stored = new HashSet<>(recorded);
    List<CheckRuns.Entry> entries = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      CheckResult r = found.get(i);
      entries.add(
          new CheckRuns.Entry(
              checks.get(i).id(), r.controlId(), r.outcome(), r.note(), stored.contains(r)));
    }
    return new CheckRuns.Run(id, startedAt, clock.instant(), complete, entries);
  }

  private void saveQuietly(CheckRuns.Run run) {
    try {
      runs.save(run);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not store the incomplete run " + run.id(), e);
    }
  }

  /** Every check's result, in registration order. */
  List<CheckResult> runChecks() {
    if (checks.isEmpty()) {
      return List.of();
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            checks.size(),
            r -> {
              Thread t = new Thread(r, "control-check-" + n.incrementAndGet());
              t.setDaemon(
                  true); // a check stuck in uninterruptible I/O must not keep the instance alive
              return t;
            });
    try {
      List<Future<Finding>> futures = new ArrayList<>();
      List<Instant> started = new ArrayList<>();
      for (ControlCheck check : checks) {
        started.add(clock.instant());
        futures.add(pool.submit(check::run));
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      List<CheckResult> out = new ArrayList<>();
      for (int i = 0; i < checks.size(); i++) {
        ControlCheck check = checks.get(i);
        Awaited awaited = await(check, futures.get(i), deadline);
        Finding finding = awaited.finding();
        out.add(
            new CheckResult(
                check.controlId(),
                finding.outcome(),
                started.get(i),
                check.id(),
                finding.evidence(),
                finding.note(),
                null,
                // An exception's message may name internals (buckets, projects): never public. A
                // reason the check itself
                // gave ("ARCHIVE_BUCKET is not configured") or a timeout is, where the check's
                // evidence is.
                check.publicEvidence() && !awaited.thrown()));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** A check's finding, and whether it is an error made from an exception the check threw. */
  private record Awaited(Finding finding, boolean thrown) {}

  /** The check's finding, or an error finding when it threw, timed out or answered nothing. */
  private Awaited await(ControlCheck check, Future<Finding> future, long deadline) {
    try {
      // All checks started together, so one shared deadline gives each the full timeout.
      Finding f = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return new Awaited(f != null ? f : Finding.error("the check answered nothing"), false);
    } catch (TimeoutException e) {
      future.cancel(true);
      String after =
          timeout.toMillis() < 1000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s";
      LOG.warning("check " + check.id() + " timed out after " + after);
      return new Awaited(Finding.error("timed out after " + after), false);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      LOG.log(Level.WARNING, "check " + check.id() + " failed", cause);
      return new Awaited(Finding.error(reason(cause)), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      return new Awaited(Finding.error("interrupted"), false);
    }
  }

  /**
   * The reason of a failed check as recorded: the exception's message, which for our clients never
   * carries tokens (the Cloudflare client redacts them), bounded in length.
   */
  static String reason(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.length() > MAX_REASON ? message.substring(0, MAX_REASON) + "..." : message;
  }
}
