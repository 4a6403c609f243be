package dev.trustcenter.site;

import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.Seed;
import dev.trustcenter.controls.CheckResult;
import dev.trustcenter.controls.CheckResults;
import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.store.DocumentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Puts into a store what the other capabilities write there, in their stored shapes: check
 * summaries of each status, Google Cloud's synced list and one detected change; then rebuilds the
 * snapshot and records a few check results.
 */
public final class SiteTestData {
  private SiteTestData() {}

  public static void fill(DocumentStore store, Instant now) {
    new SnapshotWriter(365).seedIfEmpty(store, Seed.load(), now);
    Map<String, CheckSummary> checks =
        Map.of(
            "segregation-of-environments",
                new CheckSummary(
                    CheckOutcome.PASSING,
                    now.minus(Duration.ofHours(3)),
                    now.minus(Duration.ofHours(3))),
            "encryption-in-transit",
                new CheckSummary(
                    CheckOutcome.FAILING,
                    now.minus(Duration.ofHours(5)),
                    now.minus(Duration.ofDays(2))),
            "secure-development-policy",
                new CheckSummary(
                    CheckOutcome.PASSING,
                    now.minus(Duration.ofDays(400)),
                    now.minus(Duration.ofDays(400))));
    VendorList google = SiteFixtures.googleList(now.minus(Duration.ofHours(20)));
    VendorListChange change = SiteFixtures.changes().get(0);
    store.transaction(
        tx -> {
          checks.forEach(
              (id, summary) -> tx.put(Snapshots.CHECK_SUMMARIES, id, Json.write(summary)));
          tx.put(SiteInputs.VENDOR_LISTS, "google-cloud", Json.write(google));
          tx.put(SiteInputs.VENDOR_CHANGES, change.id(), Json.write(change));
          return null;
        });
    new SnapshotWriter(365).rebuild(store, now);
    // Results as the checks record them: a failing check with public evidence, and one that could
    // not run.
    new CheckResults(store, new SnapshotWriter(365))
        .record(
            List.of(
                new CheckResult(
                    "encryption-in-transit",
                    CheckOutcome.PASSING,
                    now.minus(Duration.ofDays(2)),
                    "cloudflare-zone-tls",
                    Map.of(
                        "ssl",
                        "strict",
                        "min_tls_version",
                        "1.2",
                        "always_use_https",
                        "on",
                        "hsts_max_age",
                        31536000),
                    null,
                    null,
                    true),
                new CheckResult(
                    "encryption-in-transit",
                    CheckOutcome.FAILING,
                    now.minus(Duration.ofHours(5)),
                    "cloudflare-zone-tls",
                    Map.of(
                        "ssl",
                        "strict",
                        "min_tls_version",
                        "1.0",
                        "always_use_https",
                        "on",
                        "hsts_max_age",
                        31536000),
                    "minimum TLS version is 1.0, below 1.2",
                    null,
                    true),
                new CheckResult(
                    "automated-backup-process",
                    CheckOutcome.ERROR,
                    now.minus(Duration.ofHours(1)),
                    "storage-firestore-backups",
                    Map.of(),
                    "ARCHIVE_BUCKET is not configured",
                    null,
                    true)),
            now);
  }
}
