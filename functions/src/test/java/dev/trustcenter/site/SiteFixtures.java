package dev.trustcenter.site;

import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.Content;
import dev.trustcenter.content.Seed;
import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.PublicSnapshot;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Inputs for the site's tests: the seed content with a few checks, and a synced upstream list. */
final class SiteFixtures {
  static final Instant NOW = Instant.parse("2026-03-12T10:15:00Z");
  static final URI BASE = URI.create("https://trust.example.com");

  private SiteFixtures() {}

  /** The seed with one control of each status. */
  static Map<String, CheckSummary> checks() {
    Map<String, CheckSummary> checks = new LinkedHashMap<>();
    checks.put(
        "segregation-of-environments",
        new CheckSummary(
            CheckOutcome.PASSING, NOW.minus(Duration.ofHours(3)), NOW.minus(Duration.ofHours(3))));
    checks.put(
        "encryption-in-transit",
        new CheckSummary(
            CheckOutcome.FAILING, NOW.minus(Duration.ofHours(5)), NOW.minus(Duration.ofDays(2))));
    checks.put(
        "secure-development-policy",
        new CheckSummary(
            CheckOutcome.PASSING,
            NOW.minus(Duration.ofDays(400)),
            NOW.minus(Duration.ofDays(400))));
    return checks;
  }

  static PublicSnapshot snapshot(Content content, Map<String, CheckSummary> checks) {
    return new PublicSnapshot(
        PublicSnapshot.SCHEMA_VERSION,
        NOW.minus(Duration.ofMinutes(5)),
        Instant.parse("2026-03-01T09:00:00Z"),
        content,
        checks);
  }

  static SiteInput input(
      Content content,
      Map<String, CheckSummary> checks,
      Map<String, VendorList> lists,
      List<VendorListChange> changes) {
    PublicSnapshot s = snapshot(content, checks);
    return new SiteInput(s, Json.write(s), lists, changes);
  }

  /**
   * The seed, checks of each status, Google Cloud's list synced with entries, Cloudflare's never
   * synced.
   */
  static SiteInput typical() {
    return input(
        Seed.load(),
        checks(),
        Map.of("google-cloud", googleList(NOW.minus(Duration.ofHours(20)))),
        changes());
  }

  static VendorList googleList(Instant verifiedAt) {
    List<VendorList.Entry> entries = new ArrayList<>();
    entries.add(
        new VendorList.Entry(
            "Google LLC", List.of("United States"), "Infrastructure", "Google Cloud Platform"));
    entries.add(
        new VendorList.Entry(
            "Google Ireland Limited", List.of("Ireland"), "Support", "Google Cloud Platform"));
    entries.add(
        new VendorList.Entry(
            "Accenture LLP",
            List.of("United States", "India"),
            "Technical support",
            "Third-party subprocessors"));
    return new VendorList(
        "google-cloud",
        "https://cloud.google.com/terms/subprocessors",
        verifiedAt,
        LocalDate.parse("2026-02-20"),
        entries.size(),
        entries,
        Instant.parse("2026-03-05T04:00:00Z"));
  }

  static List<VendorListChange> changes() {
    return List.of(
        new VendorListChange(
            "2026-03-05T04:00:00.000Z-google-cloud-a1",
            "google-cloud",
            "added",
            "Accenture LLP",
            "Third-party subprocessors",
            List.of("United States", "India"),
            "Technical support",
            Instant.parse("2026-03-05T04:00:00Z")));
  }
}
