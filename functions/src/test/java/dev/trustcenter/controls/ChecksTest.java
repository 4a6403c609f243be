package dev.trustcenter.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.store.DocumentStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Checks#all}: each setting reaches the check that needs it. */
class ChecksTest {
  @TempDir Path dir;
  private DocumentStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private Map<String, Finding> runAll(
      Checks.Settings settings, EdgeTls edge, BucketInspector buckets, DatabaseInspector db)
      throws Exception {
    store = Fakes.seededStore(dir);
    Map<String, Finding> findings = new LinkedHashMap<>();
    for (ControlCheck check :
        Checks.all(
            settings,
            edge,
            buckets,
            db,
            () -> "projects/123/regions/europe-west1",
            new CheckRuns(store),
            new Fakes.MutableClock(Fakes.NOW))) {
      findings.put(check.id(), check.run());
    }
    return findings;
  }

  @Test
  void withNothingConfiguredEveryCheckThatNeedsASettingRecordsAnErrorNamingItAndReadsNothing()
      throws Exception {
    Map<String, Finding> f =
        runAll(
            new Checks.Settings(null, null, null, null, null, null, null),
            zone -> {
              throw new AssertionError("must not be called");
            },
            bucket -> {
              throw new AssertionError("must not be called");
            },
            () -> {
              throw new AssertionError("must not be called");
            });

    assertEquals(
        List.of(
            EncryptionInTransitCheck.ID,
            EncryptionAtRestCheck.ID,
            ProductionDataRestrictedCheck.ID,
            SegregationOfEnvironmentsCheck.ID,
            AutomatedBackupCheck.ID,
            InternalControlMonitoringCheck.ID,
            DataResidencyCheck.ID),
        List.copyOf(f.keySet()));
    assertEquals(Finding.notConfigured("CLOUDFLARE_ZONE_ID"), f.get(EncryptionInTransitCheck.ID));
    String noBuckets = "ARCHIVE_BUCKET is not configured; DOCUMENTS_BUCKET is not configured";
    assertEquals(noBuckets, f.get(EncryptionAtRestCheck.ID).note());
    assertEquals(noBuckets, f.get(ProductionDataRestrictedCheck.ID).note());
    assertEquals(
        Finding.notConfigured("GOOGLE_CLOUD_PROJECT"), f.get(SegregationOfEnvironmentsCheck.ID));
    assertEquals(Finding.notConfigured("ARCHIVE_BUCKET"), f.get(AutomatedBackupCheck.ID));
    assertEquals(CheckOutcome.ERROR, f.get(DataResidencyCheck.ID).outcome());
    assertTrue(f.get(DataResidencyCheck.ID).note().startsWith("local development"));
    // The heartbeat needs no setting: it judges the recorded runs (none yet).
    assertEquals(CheckOutcome.FAILING, f.get(InternalControlMonitoringCheck.ID).outcome());
  }

  @Test
  void everySettingReachesItsCheck() throws Exception {
    List<String> zonesRead = new ArrayList<>();
    EdgeTls edge =
        zone -> {
          zonesRead.add(zone);
          return new EdgeTls.Settings("strict", "1.2", "on", true, 31536000);
        };
    // Told apart by key: a swapped archive and documents bucket would show in the evidence.
    Fakes.FakeBuckets buckets =
        new Fakes.FakeBuckets()
            .with(Fakes.privateBucket("tc-documents"))
            .with(
                new BucketFacts(
                    "tc-archive",
                    "123456789012",
                    "enforced",
                    true,
                    true,
                    0,
                    false,
                    604800,
                    "projects/p/locations/eu/keyRings/r/cryptoKeys/k",
                    "EU"))
            .with(Fakes.privateBucket("tc-site"));
    Map<String, Finding> f =
        runAll(
            new Checks.Settings(
                "zone-1",
                "tc-archive",
                "tc-documents",
                "tc-site",
                "tc-prod",
                List.of("tc-dev"),
                List.of("EU")),
            edge,
            buckets,
            () -> Fakes.database("tc-prod", "POINT_IN_TIME_RECOVERY_ENABLED", List.of()));

    f.forEach(
        (id, finding) -> {
          if (!id.equals(InternalControlMonitoringCheck.ID)) {
            assertEquals(CheckOutcome.PASSING, finding.outcome(), id + ": " + finding.note());
          }
        });
    assertEquals(List.of("zone-1"), zonesRead);
    Map<String, Object> atRest = f.get(EncryptionAtRestCheck.ID).evidence();
    assertEquals("customer_managed", ((Map<?, ?>) atRest.get("archive")).get("encryption"));
    assertEquals("google_managed", ((Map<?, ?>) atRest.get("documents")).get("encryption"));
    Map<String, Object> segregation = f.get(SegregationOfEnvironmentsCheck.ID).evidence();
    assertEquals("tc-prod", segregation.get("production_project"));
    assertEquals(List.of("tc-dev"), segregation.get("non_production_projects"));
    Map<String, Object> residency = f.get(DataResidencyCheck.ID).evidence();
    assertEquals(List.of("EU"), residency.get("declared"));
    assertEquals("EU", residency.get("archive_bucket"));
    assertEquals("EUROPE-WEST1", residency.get("site_bucket"));
  }
}
