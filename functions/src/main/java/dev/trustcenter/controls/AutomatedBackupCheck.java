package dev.trustcenter.controls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Automated Backup Process: the archive bucket keeps what is written to it (object versioning, or a
 * retention policy that forbids deleting and overwriting), and the Firestore database can be
 * restored (point-in-time recovery or at least one backup schedule). Passing iff both hold. Whether
 * a restore actually works is not something configuration can show: that is the Business Continuity
 * plan test, attested manually.
 */
public final class AutomatedBackupCheck extends AutomatedCheck {
  public static final String ID = "storage-firestore-backups";
  public static final String CONTROL_ID = "automated-backup-process";

  private final BucketInspector buckets;
  private final DatabaseInspector database;
  private final String archiveBucket;
  private final String projectId;

  /**
   * @param archiveBucket {@code ARCHIVE_BUCKET}; null: error
   * @param projectId {@code GOOGLE_CLOUD_PROJECT}; null: error (the database cannot be named)
   */
  public AutomatedBackupCheck(
      BucketInspector buckets, DatabaseInspector database, String archiveBucket, String projectId) {
    super(ID, CONTROL_ID, true); // settings only, no names
    this.buckets = buckets;
    this.database = database;
    this.archiveBucket = archiveBucket;
    this.projectId = projectId;
  }

  @Override
  public Finding run() {
    if (archiveBucket == null) {
      return Finding.notConfigured("ARCHIVE_BUCKET");
    }
    if (projectId == null) {
      return Finding.notConfigured("GOOGLE_CLOUD_PROJECT");
    }
    BucketFacts archive = buckets.inspect(archiveBucket);
    DatabaseFacts db = database.inspect();

    Map<String, Object> a = new LinkedHashMap<>();
    a.put("versioning_enabled", archive.versioningEnabled());
    a.put("retention_period_days", archive.retentionPeriodSeconds() / 86400.0);
    a.put("retention_policy_locked", archive.retentionPolicyLocked());
    a.put("soft_delete_days", archive.softDeleteRetentionSeconds() / 86400.0);
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("point_in_time_recovery", db.pointInTimeRecovery());
    f.put("version_retention_period", db.versionRetentionPeriod());
    f.put("delete_protection", db.deleteProtection());
    List<Map<String, Object>> schedules = new ArrayList<>();
    for (DatabaseFacts.BackupSchedule s : db.backupSchedules()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("recurrence", s.recurrence());
      m.put("retention", s.retention());
      schedules.add(m);
    }
    f.put("backup_schedules", schedules);
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("archive", a);
    evidence.put("firestore", f);

    List<String> problems = new ArrayList<>();
    if (!archive.versioningEnabled() && archive.retentionPeriodSeconds() <= 0) {
      problems.add("archive bucket has neither object versioning nor a retention policy");
    }
    if (!db.pointInTimeRecoveryEnabled() && db.backupSchedules().isEmpty()) {
      problems.add("Firestore has neither point-in-time recovery nor a backup schedule");
    }
    return Finding.judge(evidence, problems);
  }
}
