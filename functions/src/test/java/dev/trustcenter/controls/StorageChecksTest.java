package dev.trustcenter.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.content.CheckOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks that read bucket and database configuration, against fakes of our own ports. */
class StorageChecksTest {
  private static final Buckets CONFIGURED = new Buckets("tc-archive", "tc-documents");
  private static final DatabaseFacts.BackupSchedule DAILY =
      new DatabaseFacts.BackupSchedule("daily", "604800s");

  private final Fakes.FakeBuckets buckets =
      new Fakes.FakeBuckets()
          .with(Fakes.privateBucket("tc-documents"))
          .with(Fakes.privateBucket("tc-archive"));

  private static BucketFacts withRetention(BucketFacts b, long seconds) {
    return new BucketFacts(
        b.name(),
        b.projectNumber(),
        b.publicAccessPrevention(),
        b.uniformBucketLevelAccess(),
        b.versioningEnabled(),
        seconds,
        false,
        b.softDeleteRetentionSeconds(),
        b.defaultKmsKey(),
        b.location());
  }

  @Test
  void withoutBucketsEveryStorageCheckRecordsAnErrorNamingTheVariable() throws Exception {
    Buckets none = new Buckets(null, null);
    DatabaseInspector db =
        () -> {
          throw new AssertionError("must not be called");
        };
    for (ControlCheck check :
        List.of(
            new EncryptionAtRestCheck(buckets, none),
            new ProductionDataRestrictedCheck(buckets, none),
            new AutomatedBackupCheck(buckets, db, null, "tc-prod"),
            new SegregationOfEnvironmentsCheck(buckets, db, none, "tc-prod", List.of("tc-dev")))) {
      Finding f = check.run();
      assertEquals(CheckOutcome.ERROR, f.outcome(), check.id());
      assertTrue(
          f.note().startsWith("ARCHIVE_BUCKET is not configured"), check.id() + ": " + f.note());
    }
  }

  @Test
  void encryptionAtRestPassesForPrivateBucketsAndRecordsTheKeyKind() throws Exception {
    buckets.with(
        new BucketFacts(
            "tc-archive",
            "123456789012",
            "enforced",
            true,
            false,
            0,
            false,
            0,
            "projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k",
            "EUROPE-WEST1"));

    Finding f = new EncryptionAtRestCheck(buckets, CONFIGURED).run();

    assertEquals(CheckOutcome.PASSING, f.outcome());
    assertEquals(
        Map.of(
            "encrypted_at_rest",
            true,
            "encryption",
            "google_managed",
            "public_access_prevention",
            "enforced",
            "uniform_bucket_level_access",
            true),
        f.evidence().get("documents"));
    assertEquals("customer_managed", ((Map<?, ?>) f.evidence().get("archive")).get("encryption"));
    assertTrue(
        !f.evidence().toString().contains("tc-archive")
            && !f.evidence().toString().contains("keyRings"),
        "public evidence names no bucket and no key");
  }

  @Test
  void aBucketThatCouldBeMadePublicFailsBothAccessChecks() throws Exception {
    buckets.with(
        new BucketFacts(
            "tc-documents", "123456789012", "inherited", false, true, 0, false, 0, null, "EU"));

    Finding atRest = new EncryptionAtRestCheck(buckets, CONFIGURED).run();
    Finding restricted = new ProductionDataRestrictedCheck(buckets, CONFIGURED).run();

    assertEquals(CheckOutcome.FAILING, atRest.outcome());
    assertEquals(CheckOutcome.FAILING, restricted.outcome());
    assertEquals(
        "documents bucket: public access prevention is inherited, expected enforced; "
            + "documents bucket: uniform bucket-level access is off (object ACLs could grant access)",
        restricted.note());
    assertEquals(
        Map.of("public_access_prevention", "enforced", "uniform_bucket_level_access", true),
        restricted.evidence().get("archive"));
  }

  @Test
  void aMissingBucketIsNotPassing() {
    assertThrows(
        IllegalStateException.class,
        () ->
            new ProductionDataRestrictedCheck(buckets, new Buckets("gone", "tc-documents")).run());
  }

  @Test
  void backupsPassWithArchiveRetentionAndPitrOrASchedule() throws Exception {
    buckets.with(withRetention(Fakes.privateBucket("tc-archive"), 3 * 365 * 86400L));
    AutomatedBackupCheck pitrOnly =
        new AutomatedBackupCheck(
            buckets,
            () -> Fakes.database("tc-prod", "POINT_IN_TIME_RECOVERY_ENABLED", List.of()),
            "tc-archive",
            "tc-prod");
    AutomatedBackupCheck scheduleOnly =
        new AutomatedBackupCheck(
            buckets,
            () -> Fakes.database("tc-prod", "POINT_IN_TIME_RECOVERY_DISABLED", List.of(DAILY)),
            "tc-archive",
            "tc-prod");

    Finding f = pitrOnly.run();
    assertEquals(CheckOutcome.PASSING, f.outcome());
    Map<?, ?> archive = (Map<?, ?>) f.evidence().get("archive");
    assertEquals(1095.0, archive.get("retention_period_days"));
    assertEquals(false, archive.get("versioning_enabled"));
    assertEquals(
        "POINT_IN_TIME_RECOVERY_ENABLED",
        ((Map<?, ?>) f.evidence().get("firestore")).get("point_in_time_recovery"));
    Finding s = scheduleOnly.run();
    assertEquals(CheckOutcome.PASSING, s.outcome());
    assertEquals(
        List.of(Map.of("recurrence", "daily", "retention", "604800s")),
        ((Map<?, ?>) s.evidence().get("firestore")).get("backup_schedules"));
  }

  @Test
  void backupsFailWithoutArchiveProtectionOrDatabaseRecovery() throws Exception {
    Finding f =
        new AutomatedBackupCheck(
                buckets,
                () -> Fakes.database("tc-prod", "POINT_IN_TIME_RECOVERY_DISABLED", List.of()),
                "tc-archive",
                "tc-prod")
            .run();
    assertEquals(CheckOutcome.FAILING, f.outcome());
    assertEquals(
        "archive bucket has neither object versioning nor a retention policy; "
            + "Firestore has neither point-in-time recovery nor a backup schedule",
        f.note());
  }

  @Test
  void segregationPassesWhenProductionDataLivesInItsOwnProject() throws Exception {
    SegregationOfEnvironmentsCheck check =
        new SegregationOfEnvironmentsCheck(
            buckets,
            () -> Fakes.database("tc-prod", "POINT_IN_TIME_RECOVERY_ENABLED", List.of()),
            CONFIGURED,
            "tc-prod",
            List.of("tc-dev", "tc-staging"));
    Finding f = check.run();
    assertEquals(CheckOutcome.PASSING, f.outcome(), f.note());
    assertEquals("tc-prod", f.evidence().get("firestore_project"));
    assertEquals(List.of("tc-dev", "tc-staging"), f.evidence().get("non_production_projects"));
    assertTrue(!check.publicEvidence(), "project ids are not shown to visitors");
  }

  @Test
  void segregationFailsWhenProductionSharesAProjectOrDataLivesElsewhere() throws Exception {
    buckets.with(
        new BucketFacts("tc-archive", "999", "enforced", true, false, 0, false, 0, null, "EU"));
    Finding f =
        new SegregationOfEnvironmentsCheck(
                buckets,
                () -> Fakes.database("tc-dev", "POINT_IN_TIME_RECOVERY_ENABLED", List.of()),
                CONFIGURED,
                "tc-prod",
                List.of("tc-prod"))
            .run();
    assertEquals(CheckOutcome.FAILING, f.outcome());
    assertTrue(f.note().contains("also declared as non-production"), f.note());
    assertTrue(f.note().contains("the Firestore database is in project tc-dev"), f.note());
    assertTrue(f.note().contains("different projects"), f.note());
  }

  @Test
  void segregationCannotJudgeWithoutDeclaredNonProductionProjects() throws Exception {
    Finding f =
        new SegregationOfEnvironmentsCheck(
                buckets,
                () -> {
                  throw new AssertionError();
                },
                CONFIGURED,
                "tc-prod",
                List.of())
            .run();
    assertEquals(CheckOutcome.ERROR, f.outcome());
    assertTrue(f.note().startsWith("NON_PRODUCTION_PROJECTS is not configured"), f.note());
  }
}
