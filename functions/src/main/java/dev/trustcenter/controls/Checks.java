package dev.trustcenter.controls;

import dev.trustcenter.config.Config;
import java.time.Clock;
import java.util.List;

/** The one place where automated checks are registered. */
public final class Checks {
  private Checks() {}

  /**
   * Every automated check, wired from the configuration. A check whose settings are missing is
   * still registered: it records an error naming the missing variable, so the gap is visible
   * instead of silently skipped.
   */
  public static List<ControlCheck> all(
      Config config,
      EdgeTls edge,
      BucketInspector buckets,
      DatabaseInspector database,
      RegionSource region,
      CheckRuns runs,
      Clock clock) {
    Buckets production = new Buckets(config.sync().archiveBucket(), config.documents().bucket());
    String project = config.store().projectId();
    return List.of(
        new EncryptionInTransitCheck(edge, config.cloudflare().zoneId()),
        new EncryptionAtRestCheck(buckets, production),
        new ProductionDataRestrictedCheck(buckets, production),
        new SegregationOfEnvironmentsCheck(
            buckets, database, production, project, config.checks().nonProductionProjects()),
        new AutomatedBackupCheck(buckets, database, config.sync().archiveBucket(), project),
        new InternalControlMonitoringCheck(runs, clock),
        new DataResidencyCheck(
            buckets,
            database,
            region,
            production,
            config.site().bucket(),
            project,
            config.checks().dataResidency()));
  }
}
