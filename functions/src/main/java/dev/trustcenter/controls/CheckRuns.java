package dev.trustcenter.controls;

import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoredDocument;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The record of every run of the automated checks, in the collection {@code check-runs} (ids start
 * with the run's start time). Internal Control Monitoring is judged from it: the monitoring is
 * working when a complete run finished recently.
 */
public final class CheckRuns {
  public static final String COLLECTION = "check-runs";

  /** How many of the latest runs are searched for a complete one. */
  static final int LOOKBACK = 48;

  private final DocumentStore store;

  public CheckRuns(DocumentStore store) {
    this.store = store;
  }

  /**
   * One run of the automated checks.
   *
   * @param id the document id
   * @param complete whether every registered check ran to a result and all results were recorded
   * @param checks what each check found (the outcome even when the result could not be recorded)
   */
  public record Run(
      String id, Instant startedAt, Instant finishedAt, boolean complete, List<Entry> checks) {
    public Run {
      checks = List.copyOf(checks);
    }
  }

  /**
   * One check in a run.
   *
   * @param recorded whether its result was stored (false when its control no longer exists or
   *     recording failed)
   */
  public record Entry(
      String checkId, String controlId, CheckOutcome outcome, String note, boolean recorded) {}

  /** Stores a run. */
  public void save(Run run) {
    store.transaction(
        tx -> {
          tx.put(COLLECTION, run.id(), Json.write(run));
          return null;
        });
  }

  /** The latest complete run, if one is among the last {@value #LOOKBACK} runs. */
  public Optional<Run> latestComplete() {
    for (StoredDocument d : store.list(COLLECTION, Range.newest(null, LOOKBACK))) {
      Run run = Json.read(d.json(), Run.class);
      if (run.complete()) {
        return Optional.of(run);
      }
    }
    return Optional.empty();
  }

  /** A new run id that sorts by start time. */
  public static String newId(Instant startedAt) {
    return CheckResults.newId(startedAt);
  }
}
