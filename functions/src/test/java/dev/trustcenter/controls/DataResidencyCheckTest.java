package dev.trustcenter.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.content.CheckOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Data Residency judged from the locations the deployment reports, against the declared regions.
 */
class DataResidencyCheckTest {
  private static final Buckets PRODUCTION = new Buckets("tc-archive", "tc-documents");

  private static BucketFacts bucket(String name, String location) {
    return new BucketFacts(
        name, "123456789012", "enforced", true, false, 0, false, 604800, null, location);
  }

  private static Fakes.FakeBuckets buckets(String archive, String documents, String site) {
    return new Fakes.FakeBuckets()
        .with(bucket("tc-archive", archive))
        .with(bucket("tc-documents", documents))
        .with(bucket("tc-site", site));
  }

  private static DatabaseInspector database(String location) {
    return () ->
        new DatabaseFacts(
            "projects/acme/databases/(default)", location, null, null, null, List.of());
  }

  private static DataResidencyCheck check(
      Fakes.FakeBuckets b, String dbLocation, String region, List<String> declared) {
    return new DataResidencyCheck(
        b, database(dbLocation), () -> region, PRODUCTION, "tc-site", "acme", declared);
  }

  @Test
  void everyLocationInsideTheEuPasses() throws Exception {
    Finding f =
        check(buckets("EUROPE-WEST1", "EU", "EUR4"), "eur3", "europe-southwest1", List.of("EU"))
            .run();

    assertEquals(CheckOutcome.PASSING, f.outcome(), f.note());
    assertEquals("eur3", f.evidence().get("firestore"));
    assertEquals("EU", f.evidence().get("documents_bucket"));
    assertEquals("EUROPE-WEST1", f.evidence().get("archive_bucket"));
    assertEquals("EUR4", f.evidence().get("site_bucket"));
    assertEquals("europe-southwest1", f.evidence().get("functions"));
    assertEquals(List.of("EU"), f.evidence().get("declared"));
  }

  @Test
  void aDriftedBucketFailsNamingIt() throws Exception {
    Finding f =
        check(buckets("EUROPE-WEST1", "US", "EU"), "eur3", "europe-west1", List.of("EU")).run();

    assertEquals(CheckOutcome.FAILING, f.outcome());
    assertTrue(f.note().contains("documents_bucket is in US"), f.note());
    assertFalse(f.note().contains("archive_bucket"), f.note());
  }

  @Test
  void europeButNotTheEuIsOutside() throws Exception {
    // London and Zurich are in Europe, not in the European Union.
    Finding london = check(buckets("EU", "EU", "EU"), "eur3", "europe-west2", List.of("EU")).run();
    Finding zurich =
        check(buckets("EU", "EU", "EU"), "europe-west6", "europe-west1", List.of("EU")).run();

    assertEquals(CheckOutcome.FAILING, london.outcome());
    assertTrue(london.note().contains("functions is in europe-west2"), london.note());
    assertEquals(CheckOutcome.FAILING, zurich.outcome());
  }

  @Test
  void anUnknownLocationFailsClosedUnlessDeclaredExactly() throws Exception {
    Finding unknown =
        check(buckets("EU", "EU", "EU"), "eur3", "europe-west99", List.of("EU")).run();
    Finding declared =
        check(buckets("EU", "EU", "EU"), "eur3", "europe-west99", List.of("EU", "europe-west99"))
            .run();

    assertEquals(CheckOutcome.FAILING, unknown.outcome());
    assertEquals(CheckOutcome.PASSING, declared.outcome(), declared.note());
  }

  @Test
  void exactLocationsCompareWithoutCase() throws Exception {
    Finding f =
        check(
                buckets("EUROPE-WEST1", "europe-west1", "Europe-West1"),
                "europe-west1",
                "europe-west1",
                List.of("EUROPE-WEST1"))
            .run();

    assertEquals(CheckOutcome.PASSING, f.outcome(), f.note());
  }

  @Test
  void aLocationTheApiDoesNotReportIsNeverInside() throws Exception {
    Finding f = check(buckets("EU", "EU", null), "eur3", "europe-west1", List.of("EU")).run();

    assertEquals(CheckOutcome.FAILING, f.outcome());
    assertEquals("unknown", f.evidence().get("site_bucket"));
  }

  @Test
  void withoutADeclarationItRecordsAnErrorButShowsWhatItSaw() throws Exception {
    Finding f = check(buckets("EU", "EU", "EU"), "eur3", "europe-west1", List.of()).run();

    assertEquals(CheckOutcome.ERROR, f.outcome());
    assertTrue(f.note().contains("DATA_RESIDENCY"), f.note());
    assertEquals("eur3", f.evidence().get("firestore"));
  }

  @Test
  void theEmbeddedStoreHasNoLocationAndSaysSo() throws Exception {
    DataResidencyCheck local =
        new DataResidencyCheck(
            new Fakes.FakeBuckets(),
            database("eur3"),
            () -> {
              throw new AssertionError("no region read locally");
            },
            new Buckets(null, null),
            null,
            null,
            List.of("EU"));

    Finding f = local.run();

    assertEquals(CheckOutcome.ERROR, f.outcome());
    assertTrue(f.note().startsWith("local development"), f.note());
    assertEquals(Map.of("local_development", true), f.evidence());
  }

  @Test
  void missingBucketsAreNamed() throws Exception {
    Finding f =
        new DataResidencyCheck(
                new Fakes.FakeBuckets(),
                database("eur3"),
                () -> "europe-west1",
                new Buckets("a", null),
                "s",
                "acme",
                List.of("EU"))
            .run();

    assertEquals(CheckOutcome.ERROR, f.outcome());
    assertEquals("DOCUMENTS_BUCKET is not configured", f.note());
  }

  @Test
  void theMetadataServersRegionNameIsShortened() {
    assertTrue(new Residency(List.of("EU")).inside("projects/123456789012/regions/europe-west1"));
  }
}
