package dev.trustcenter.console;

import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.controls.CheckRuns;
import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoredDocument;
import dev.trustcenter.subprocessors.SubprocessorSync;
import dev.trustcenter.subprocessors.SyncRun;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /admin/runs}: the history of the automated check runs ({@code check-runs}) and of the
 * subprocessor syncs ({@code sync-runs}), newest first, {@value #PAGE} a page. Read only.
 */
final class RunsPage {
  static final int PAGE = 25;

  /** Run ids start with their start time; a cursor is such an id. */
  private static final String CURSOR = "[0-9A-Za-z:.+-]{10,80}";

  private final AdminConsole console;
  private final DocumentStore store;

  RunsPage(AdminConsole console, DocumentStore store) {
    this.console = console;
    this.store = store;
  }

  void show(AdminConsole.Page p) throws IOException {
    boolean sync = "sync".equals(AdminConsole.first(p.req, "kind"));
    String before = AdminConsole.first(p.req, "before");
    if (before != null && !before.matches(CURSOR)) {
      before = null;
    }
    List<StoredDocument> docs =
        store.list(
            sync ? SubprocessorSync.RUNS : CheckRuns.COLLECTION,
            new Range(null, before, PAGE + 1, true));
    List<StoredDocument> shown = docs.subList(0, Math.min(PAGE, docs.size()));
    List<Map<String, Object>> runs = new ArrayList<>();
    for (StoredDocument d : shown) {
      runs.add(
          sync
              ? syncRow(p, Json.read(d.json(), SyncRun.class))
              : checkRow(p, Json.read(d.json(), CheckRuns.Run.class)));
    }
    Map<String, Object> model = new HashMap<>();
    model.put("sync", sync);
    model.put("runs", runs);
    model.put("empty", runs.isEmpty());
    String kind = sync ? "sync" : "checks";
    model.put(
        "tabs",
        List.of(
            Map.of("href", "/admin/runs", "label", p.m.get("runsChecks"), "current", !sync),
            Map.of(
                "href", "/admin/runs?kind=sync", "label", p.m.get("runsSync"), "current", sync)));
    if (docs.size() > PAGE) {
      model.put(
          "olderHref",
          "/admin/runs?kind="
              + kind
              + "&before="
              + AdminConsole.enc(shown.get(shown.size() - 1).id()));
    }
    if (before != null) {
      model.put("newestHref", "/admin/runs?kind=" + kind);
    }
    console.render(p, 200, "runs", p.m.get("runsTitle"), model);
  }

  private static Map<String, Object> checkRow(AdminConsole.Page p, CheckRuns.Run r) {
    Map<String, Object> row = new HashMap<>();
    row.put("iso", r.startedAt() == null ? "" : r.startedAt().toString());
    row.put("started", p.dateTime(r.startedAt()));
    row.put("took", took(p, r.startedAt(), r.finishedAt()));
    long passing = r.checks().stream().filter(c -> c.outcome() == CheckOutcome.PASSING).count();
    long failing = r.checks().stream().filter(c -> c.outcome() == CheckOutcome.FAILING).count();
    long errors = r.checks().stream().filter(c -> c.outcome() == CheckOutcome.ERROR).count();
    long unrecorded = r.checks().stream().filter(c -> !c.recorded()).count();
    row.put("complete", r.complete());
    row.put("outcome", p.m.get(r.complete() ? "runComplete" : "runIncomplete"));
    row.put(
        "counts",
        p.m.format("runCheckCounts", r.checks().size(), passing, failing, errors, unrecorded));
    List<Map<String, Object>> failures = new ArrayList<>();
    for (CheckRuns.Entry c : r.checks()) {
      if (c.outcome() != CheckOutcome.PASSING || !c.recorded()) {
        failures.add(
            Map.of(
                "name",
                c.checkId(),
                "text",
                p.m.get("outcome_" + c.outcome().name().toLowerCase(Locale.ROOT))
                    + (c.recorded() ? "" : " · " + p.m.get("runNotRecorded")),
                "detail",
                c.note() == null ? "" : c.note()));
      }
    }
    row.put("failures", failures);
    row.put("hasFailures", !failures.isEmpty());
    return row;
  }

  /** A sync run as the runs page and the lists page show it. */
  static Map<String, Object> syncRow(AdminConsole.Page p, SyncRun r) {
    Map<String, Object> row = new HashMap<>();
    row.put("iso", r.startedAt() == null ? "" : r.startedAt().toString());
    row.put("started", p.dateTime(r.startedAt()));
    row.put("took", took(p, r.startedAt(), r.finishedAt()));
    row.put("trigger", "scheduler".equals(r.trigger()) ? p.m.get("runByScheduler") : r.trigger());
    row.put("complete", !r.anyFailed());
    row.put("outcome", p.m.get(r.anyFailed() ? "runSomeFailed" : "runComplete"));
    List<Map<String, Object>> vendors = new ArrayList<>();
    List<Map<String, Object>> failures = new ArrayList<>();
    for (SyncRun.VendorResult v : r.vendors()) {
      String text =
          p.m.get("syncStatus_" + v.status())
              + " · "
              + p.m.format("runSyncCounts", v.entries(), v.added(), v.removed(), v.changed());
      vendors.add(Map.of("name", v.vendor(), "text", text));
      if (v.status().equals(SyncRun.FAILED) || v.status().equals(SyncRun.PENDING_REVIEW)) {
        failures.add(
            Map.of(
                "name",
                v.vendor(),
                "text",
                p.m.get("syncStatus_" + v.status()),
                "detail",
                v.reason() == null ? "" : v.reason()));
      }
    }
    row.put("vendors", vendors);
    row.put("failures", failures);
    row.put("hasFailures", !failures.isEmpty());
    return row;
  }

  private static String took(AdminConsole.Page p, java.time.Instant start, java.time.Instant end) {
    if (start == null || end == null) {
      return "";
    }
    Duration d = Duration.between(start, end);
    return d.toSeconds() < 1
        ? p.m.format("runTookMillis", Math.max(0, d.toMillis()))
        : p.m.format("runTookSeconds", d.toSeconds());
  }
}
