package dev.trustcenter.controls;

import java.util.List;
import java.util.Objects;

/**
 * The production Firestore database as the control checks need it, free of SDK types.
 *
 * @param name {@code projects/<project>/databases/<database>}
 * @param locationId e.g. {@code eur3}
 * @param pointInTimeRecovery {@code POINT_IN_TIME_RECOVERY_ENABLED}, {@code ..._DISABLED} or
 *     unspecified
 * @param deleteProtection {@code DELETE_PROTECTION_ENABLED}, {@code ..._DISABLED} or unspecified
 * @param versionRetentionPeriod how far back reads are possible, e.g. {@code 604800s}, or null
 * @param backupSchedules the database's backup schedules
 */
public record DatabaseFacts(
    String name,
    String locationId,
    String pointInTimeRecovery,
    String deleteProtection,
    String versionRetentionPeriod,
    List<BackupSchedule> backupSchedules) {
  public DatabaseFacts {
    Objects.requireNonNull(name, "name");
    backupSchedules = List.copyOf(backupSchedules);
  }

  /**
   * One backup schedule: how often ({@code daily} or {@code weekly:MONDAY}) and how long backups
   * are kept.
   */
  public record BackupSchedule(String recurrence, String retention) {}

  /** Whether point-in-time recovery is on. */
  public boolean pointInTimeRecoveryEnabled() {
    return "POINT_IN_TIME_RECOVERY_ENABLED".equals(pointInTimeRecovery);
  }

  /** The project id in {@link #name}, or null if the name has another shape. */
  public String projectId() {
    String[] parts = name.split("/");
    return parts.length >= 2 && parts[0].equals("projects") ? parts[1] : null;
  }
}
