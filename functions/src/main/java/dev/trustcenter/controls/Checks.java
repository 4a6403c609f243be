package dev.trustcenter.controls;

import java.time.Clock;
import java.util.List;

/** The one place where automated checks are registered. */
public final class Checks {
  private Checks() {}

  /**
   * What the checks need to know about the deployment, read from the configuration by the
   * composition root. A value that is not configured is null (a list: empty); the check that needs
   * it records an error naming its variable.
   *
   * @param cloudflareZoneId {@code CLOUDFLARE_ZONE_ID}, the zone serving the site
   * @param archiveBucket {@code ARCHIVE_BUCKET}
   * @param documentsBucket {@code DOCUMENTS_BUCKET}
   * @param siteBucket {@code SITE_BUCKET}
   * @param projectId {@code GOOGLE_CLOUD_PROJECT}, the production project
   * @param nonProductionProjects {@code NON_PRODUCTION_PROJECTS}
   * @param dataResidency {@code DATA_RESIDENCY}, the declared regions or locations
   */
  public record Settings(
      String cloudflareZoneId,
      String archiveBucket,
      String documentsBucket,
      String siteBucket,
      String projectId,
      List<String> nonProductionProjects,
      List<String> dataResidency) {
    public Settings {
      nonProductionProjects =
          nonProductionProjects == null ? List.of() : List.copyOf(nonProductionProjects);
      dataResidency = dataResidency == null ? List.of() : List.copyOf(dataResidency);
    }
  }

  /**
   * Every automated check, wired from the settings. A check whose settings are missing is still
   * registered: it records an error naming the missing variable, so the gap is visible instead of
   * silently skipped.
   */
  public static List<ControlCheck> all(
      Settings settings,
      EdgeTls edge,
      BucketInspector buckets,
      DatabaseInspector database,
      RegionSource region,
      CheckRuns runs,
      Clock clock) {
    Buckets production = new Buckets(settings.archiveBucket(), settings.documentsBucket());
    String project = settings.projectId();
    return List.of(
        new EncryptionInTransitCheck(edge, settings.cloudflareZoneId()),
        new EncryptionAtRestCheck(buckets, production),
        new ProductionDataRestrictedCheck(buckets, production),
        new SegregationOfEnvironmentsCheck(
            buckets, database, production, project, settings.nonProductionProjects()),
        new AutomatedBackupCheck(buckets, database, settings.archiveBucket(), project),
        new InternalControlMonitoringCheck(runs, clock),
        new DataResidencyCheck(
            buckets,
            database,
            region,
            production,
            settings.siteBucket(),
            project,
            settings.dataResidency()));
  }
}
