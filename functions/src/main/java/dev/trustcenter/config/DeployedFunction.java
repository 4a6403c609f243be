package dev.trustcenter.config;

import java.util.List;

/**
 * The catalog of deployed functions: name, entry point and the variables each one cannot run
 * without. A function's production constructor loads its configuration through {@code
 * app.Services#instance(DeployedFunction)}, which fails at startup naming the first missing
 * variable; {@code InfraConsistencyTest} holds {@code infra/} to this catalog, so neither side can
 * change alone.
 */
public enum DeployedFunction {
  TRUST_API(
      "trust-api",
      "dev.trustcenter.app.PublicApiFunction",
      false,
      List.of("GOOGLE_CLOUD_PROJECT", "DOCUMENTS_BUCKET", "SITE_BASE_URL")),
  TRUST_ADMIN(
      "trust-admin",
      "dev.trustcenter.app.AdminApiFunction",
      false,
      List.of(
          "GOOGLE_CLOUD_PROJECT",
          "ADMIN_EMAILS",
          "OIDC_AUDIENCE",
          "DOCUMENTS_BUCKET",
          "ARCHIVE_BUCKET")),
  SYNC_SUBPROCESSORS(
      "sync-subprocessors",
      "dev.trustcenter.app.SyncSubprocessorsFunction",
      true,
      List.of("GOOGLE_CLOUD_PROJECT", "TASK_INVOKER_EMAILS", "OIDC_AUDIENCE", "ARCHIVE_BUCKET")),
  RUN_CONTROL_CHECKS(
      "run-control-checks",
      "dev.trustcenter.app.RunControlChecksFunction",
      true,
      List.of(
          "GOOGLE_CLOUD_PROJECT",
          "TASK_INVOKER_EMAILS",
          "OIDC_AUDIENCE",
          "CLOUDFLARE_ZONE_ID",
          "CLOUDFLARE_API_TOKEN_SECRET",
          "ARCHIVE_BUCKET",
          "DOCUMENTS_BUCKET",
          "SITE_BUCKET")),
  DELIVER_NOTICES(
      "deliver-notices",
      "dev.trustcenter.app.DeliverNoticesFunction",
      true,
      List.of("GOOGLE_CLOUD_PROJECT", "TASK_INVOKER_EMAILS", "OIDC_AUDIENCE", "SITE_BASE_URL")),
  SEND_REMINDERS(
      "send-reminders",
      "dev.trustcenter.app.SendRemindersFunction",
      true,
      List.of("GOOGLE_CLOUD_PROJECT", "TASK_INVOKER_EMAILS", "OIDC_AUDIENCE", "ADMIN_EMAILS")),
  PUBLISH_SITE(
      "publish-site",
      "dev.trustcenter.app.PublishSiteFunction",
      true,
      List.of(
          "GOOGLE_CLOUD_PROJECT",
          "TASK_INVOKER_EMAILS",
          "OIDC_AUDIENCE",
          "SITE_BUCKET",
          "SITE_BASE_URL",
          "CLOUDFLARE_ZONE_ID",
          "CLOUDFLARE_API_TOKEN_SECRET",
          "EVIDENCE_LOG_KMS_KEY"));

  private final String deployedName;
  private final String entryPoint;
  private final boolean task;
  private final List<String> requiredVariables;

  DeployedFunction(
      String deployedName, String entryPoint, boolean task, List<String> requiredVariables) {
    this.deployedName = deployedName;
    this.entryPoint = entryPoint;
    this.task = task;
    this.requiredVariables = requiredVariables;
  }

  /** The Cloud Functions name. */
  public String deployedName() {
    return deployedName;
  }

  /** The fully qualified class name given as {@code --entry-point}. */
  public String entryPoint() {
    return entryPoint;
  }

  /** Whether Cloud Scheduler runs it (with an OIDC token). */
  public boolean task() {
    return task;
  }

  /** The variables it refuses to start without. */
  public List<String> requiredVariables() {
    return requiredVariables;
  }
}
