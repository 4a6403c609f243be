package dev.trustcenter.site;

import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.Seed;
import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.trustcenter.Snapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Puts into a store what the other capabilities write there, in their stored shapes: check summaries of each
 * status, Google Cloud's synced list and one detected change; then rebuilds the snapshot.
 */
final class SiteTestData {
  private SiteTestData() {}

  static void fill(DocumentStore store, Instant now) {
    Snapshots.seedIfEmpty(store, Seed.load(), now);
    Map<String, CheckSummary> checks =
        Map.of(
            "segregation-of-environments", new CheckSummary(CheckOutcome.PASSING, now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(3))),
            "encryption-in-transit", new CheckSummary(CheckOutcome.FAILING, now.minus(Duration.ofHours(5)), now.minus(Duration.ofDays(2))),
            "secure-development-policy", new CheckSummary(CheckOutcome.PASSING, now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(400))));
    VendorList google = SiteFixtures.googleList(now.minus(Duration.ofHours(20)));
    VendorListChange change = SiteFixtures.changes().get(0);
    store.transaction(tx -> {
      checks.forEach((id, summary) -> tx.put(Snapshots.CHECK_SUMMARIES, id, Json.write(summary)));
      tx.put(SiteInputs.VENDOR_LISTS, "google-cloud", Json.write(google));
      tx.put(SiteInputs.VENDOR_CHANGES, change.id(), Json.write(change));
      return null;
    });
    Snapshots.rebuild(store, now);
  }
}
