package dev.trustcenter.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.HistoryDigest;
import dev.trustcenter.publicview.PublicSnapshot;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckResultsTest {
  @TempDir Path dir;
  private DocumentStore store;
  private CheckResults results;

  @BeforeEach
  void open() {
    store = Fakes.seededStore(dir);
    results = new CheckResults(store, new SnapshotWriter(365));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static CheckResult result(
      String control, CheckOutcome outcome, Instant at, boolean publicEvidence) {
    return new CheckResult(
        control,
        outcome,
        at,
        "cloudflare-zone-tls",
        Map.of("ssl", "strict", "hsts_max_age", 31536000L),
        outcome == CheckOutcome.PASSING ? null : "ssl is \"flexible\"",
        null,
        publicEvidence);
  }

  @Test
  void everyRecordingKeepsTheDigestInAnyOrderAndItAnswersAsTheListedHistory() {
    String id = "encryption-in-transit";
    java.util.Random random = new java.util.Random(3);
    CheckOutcome[] outcomes = CheckOutcome.values();
    for (int i = 0; i < 40; i++) {
      Instant now = Fakes.NOW.plus(Duration.ofHours(7L * i));
      List<CheckResult> batch = new java.util.ArrayList<>();
      for (int n = random.nextInt(4) == 0 ? 2 : 1; n > 0; n--) {
        // Mostly the check of the hour; sometimes an attestation of work done up to 100 days ago.
        Instant at =
            random.nextInt(5) == 0
                ? now.minus(Duration.ofHours(random.nextInt(2400)))
                : now.minusSeconds(random.nextInt(600));
        batch.add(result(id, outcomes[random.nextInt(outcomes.length)], at, random.nextBoolean()));
      }
      results.record(batch, now);

      var digest = results.publicDigest(id, now);
      var listed = HistoryDigest.of(results.publicHistory(id, now), now);
      assertEquals(listed.daily(now), digest.daily(now), "after recording " + i);
      assertEquals(listed.transitions(now), digest.transitions(now), "after recording " + i);
      assertEquals(listed.recent(now), digest.recent(now), "after recording " + i);
      assertTrue(store.get(HistoryDigest.COLLECTION, id).isPresent());
    }
  }

  @Test
  void recordingKeepsEveryDigestsFingerprintInOneDocument_readWithoutTheDigests() {
    Instant now = Fakes.NOW;
    store.transaction(
        tx -> {
          // An entry of a control no longer in the content (deleted with its history).
          tx.put(
              CheckResults.DIGEST_PRINTS,
              CheckResults.DIGEST_PRINTS_ID,
              "{\"gone-control\":\"00\"}");
          return null;
        });
    results.record(
        List.of(
            result("encryption-in-transit", CheckOutcome.PASSING, now.minusSeconds(60), true),
            result("encryption-at-rest", CheckOutcome.FAILING, now.minusSeconds(30), false)),
        now);
    results.record(
        List.of(result("encryption-at-rest", CheckOutcome.PASSING, now, false)),
        now.plusSeconds(1));

    Map<String, String> expected =
        Map.of(
            "encryption-in-transit", storedDigestSha256("encryption-in-transit"),
            "encryption-at-rest", storedDigestSha256("encryption-at-rest"));
    assertEquals(
        expected,
        dev.trustcenter.json.Json.gson()
            .fromJson(
                store
                    .get(CheckResults.DIGEST_PRINTS, CheckResults.DIGEST_PRINTS_ID)
                    .orElseThrow()
                    .json(),
                new com.google.gson.reflect.TypeToken<Map<String, String>>() {}.getType()));

    // The site's fingerprints come from that one document; a control without an entry (its
    // digest written before the document existed) is fingerprinted from its stored digest.
    store.transaction(
        tx -> {
          tx.put(
              HistoryDigest.COLLECTION,
              "secure-development-policy",
              store.get(HistoryDigest.COLLECTION, "encryption-at-rest").orElseThrow().json());
          return null;
        });
    java.util.List<String> digestReads = new java.util.ArrayList<>();
    DocumentStore counting =
        new dev.trustcenter.testing.ForwardingStore(store) {
          @Override
          public java.util.Optional<dev.trustcenter.store.StoredDocument> get(
              String collection, String id) {
            if (collection.equals(HistoryDigest.COLLECTION)) {
              digestReads.add(id);
            }
            return super.get(collection, id);
          }
        };
    var prints = new CheckResults(counting, new SnapshotWriter(365)).publicDigests().fingerprints();
    assertEquals(expected.get("encryption-in-transit"), prints.apply("encryption-in-transit"));
    assertEquals(expected.get("encryption-at-rest"), prints.apply("encryption-at-rest"));
    assertEquals(List.of(), digestReads);
    assertEquals(
        storedDigestSha256("secure-development-policy"), prints.apply("secure-development-policy"));
    assertEquals(null, prints.apply("control-without-results"));
    assertEquals(List.of("secure-development-policy", "control-without-results"), digestReads);
  }

  private String storedDigestSha256(String controlId) {
    return dev.trustcenter.http.Responses.sha256Hex(
        store.get(HistoryDigest.COLLECTION, controlId).orElseThrow().json());
  }

  @Test
  void aRetiredControlsDigestIsGoneAndStartsAgainWithItsNextResult() {
    String id = "encryption-in-transit";
    Instant now = Fakes.NOW;
    results.record(List.of(result(id, CheckOutcome.FAILING, now.minusSeconds(60), true)), now);
    store.transaction(
        tx -> {
          CheckResults.retire(tx, id, now);
          return null;
        });
    assertTrue(store.get(HistoryDigest.COLLECTION, id).isEmpty());
    assertEquals(List.of(), results.publicDigest(id, now).recent(now));

    Instant later = now.plusSeconds(3600);
    results.record(List.of(result(id, CheckOutcome.PASSING, later, true)), later);
    var digest = results.publicDigest(id, later);
    assertEquals(List.of(later), digest.recent(later).stream().map(r -> r.checkedAt()).toList());
    assertEquals(List.of(), digest.transitions(later), "the retired failure is not a change");
  }

  @Test
  void recordingAppendsUpdatesTheSummaryAndTheSnapshotTogether() {
    Instant at = Fakes.NOW;
    results.record(List.of(result("encryption-in-transit", CheckOutcome.PASSING, at, true)), at);

    assertEquals(
        1, store.list(CheckResults.collection("encryption-in-transit"), Range.all()).size());
    CheckSummary summary =
        Json.read(
            store.get(Snapshots.CHECK_SUMMARIES, "encryption-in-transit").orElseThrow().json(),
            CheckSummary.class);
    assertEquals(new CheckSummary(CheckOutcome.PASSING, at, at, null), summary);
    PublicSnapshot snapshot =
        Json.read(Snapshots.readRaw(store).orElseThrow().json(), PublicSnapshot.class);
    assertEquals(summary, snapshot.checks().get("encryption-in-transit"));
    assertEquals(at, snapshot.generatedAt());
  }

  @Test
  void historyIsNewestFirstWithinNinetyDaysAndKeepsWholeNumbersWhole() {
    Instant now = Fakes.NOW;
    results.record(
        List.of(
            result(
                "encryption-in-transit",
                CheckOutcome.PASSING,
                now.minus(Duration.ofDays(91)),
                true)),
        now);
    results.record(
        List.of(
            result(
                "encryption-in-transit",
                CheckOutcome.PASSING,
                now.minus(Duration.ofDays(89)),
                true)),
        now);
    results.record(
        List.of(result("encryption-in-transit", CheckOutcome.FAILING, now.minusSeconds(1), true)),
        now);
    // same second, finer fraction: fixed-width ids still sort in time order
    results.record(
        List.of(result("encryption-in-transit", CheckOutcome.PASSING, now.minusMillis(500), true)),
        now);

    List<CheckResult> history = results.history("encryption-in-transit", now);

    assertEquals(
        List.of(now.minusMillis(500), now.minusSeconds(1), now.minus(Duration.ofDays(89))),
        history.stream().map(CheckResult::checkedAt).toList());
    assertEquals(31536000L, history.get(0).evidence().get("hsts_max_age"));
  }

  @Test
  void publicHistoryShowsEvidenceOnlyWhereItIsPublic() {
    Instant now = Fakes.NOW;
    results.record(
        List.of(
            result("encryption-in-transit", CheckOutcome.PASSING, now.minusSeconds(20), true),
            result("encryption-in-transit", CheckOutcome.PASSING, now.minusSeconds(10), false)),
        now);

    var history = results.publicHistory("encryption-in-transit", now);

    assertEquals(2, history.size());
    assertNull(history.get(0).evidence());
    assertEquals(Map.of("ssl", "strict", "hsts_max_age", 31536000L), history.get(1).evidence());
    assertEquals(
        "cloudflare-zone-tls", history.get(0).checkId(), "the automated check that ran is public");
  }

  @Test
  void publicHistoryShowsTheReasonOfAnErroredCheckOnlyWhereItsEvidenceIsPublic() {
    Instant now = Fakes.NOW;
    results.record(
        List.of(
            new CheckResult(
                "encryption-in-transit",
                CheckOutcome.ERROR,
                now.minusSeconds(20),
                "cloudflare-zone-tls",
                Map.of(),
                "CLOUDFLARE_ZONE_ID is not configured",
                null,
                true),
            new CheckResult(
                "segregation-of-environments",
                CheckOutcome.ERROR,
                now.minusSeconds(20),
                "gcp-project-segregation",
                Map.of(),
                "project prod-123 unreadable",
                null,
                false)),
        now);

    assertEquals(
        "CLOUDFLARE_ZONE_ID is not configured",
        results.publicHistory("encryption-in-transit", now).get(0).note());
    assertNull(results.publicHistory("segregation-of-environments", now).get(0).note());
  }

  @Test
  void resultsOfUnknownControlsAreNotRecordedAndDoNotBlockTheOthers() {
    List<CheckResult> recorded =
        results.record(
            List.of(
                result("no-such-control", CheckOutcome.PASSING, Fakes.NOW, true),
                result("encryption-in-transit", CheckOutcome.PASSING, Fakes.NOW, true)),
            Fakes.NOW);

    assertEquals(1, recorded.size());
    assertEquals("encryption-in-transit", recorded.get(0).controlId());
    assertTrue(store.get(Snapshots.CHECK_SUMMARIES, "no-such-control").isEmpty());
  }

  @Test
  void idsStartWithAFixedWidthInstant() {
    String id = CheckResults.newId(Instant.parse("2025-06-01T10:00:00Z"));
    assertTrue(id.matches("2025-06-01T10:00:00\\.000Z-[0-9a-f]{8}"), id);
  }
}
