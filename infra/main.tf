locals {
  labels = merge({
    app        = "trust-center"
    managed-by = "terraform"
  }, var.labels)

  site_base_url = "https://${var.site_hostname}"

  # Function names, listed once more here because locals.functions (functions.tf) reads
  # values derived from them; a check below keeps both lists equal.
  function_names = ["trust-api", "trust-admin", "sync-subprocessors", "run-control-checks", "publish-site", "deliver-notices", "send-reminders"]

  # Gen 2 functions keep the deterministic 1st-gen style URL. It is computed rather than read
  # from the function resources so that a function's own URL (its OIDC audience) and
  # publish-site's URL can go into environment variables without a dependency cycle.
  function_urls = {
    for name in local.function_names : name => "https://${var.region}-${var.project_id}.cloudfunctions.net/${name}"
  }
  publish_site_url = local.function_urls["publish-site"]

  # The function the load balancer serves under /api on the site host (see site.tf), and
  # that path: the code builds every API link as SITE_BASE_URL + "/api".
  public_api_function = "trust-api"
  api_path            = "/api"

  # Service account e-mails are computed for the same reason (resources in iam.tf use these ids).
  function_sa_ids = { for name in local.function_names : name => "fn-${name}" }
  function_sa_emails = {
    for name, id in local.function_sa_ids : name => "${id}@${var.project_id}.iam.gserviceaccount.com"
  }
  scheduler_sa_id    = "trust-scheduler"
  scheduler_sa_email = "${local.scheduler_sa_id}@${var.project_id}.iam.gserviceaccount.com"

  bucket_names = {
    site      = "${var.project_id}-${var.name_prefix}-site"
    documents = "${var.project_id}-${var.name_prefix}-documents"
    archive   = "${var.project_id}-${var.name_prefix}-archive"
    source    = "${var.project_id}-${var.name_prefix}-function-source"
  }

  admin_oidc_audience = join(",", compact([local.function_urls["trust-admin"], var.admin_extra_oidc_audience]))
  admin_emails_csv    = join(",", var.admin_emails)
  # Who gets the daily reminder digest, each "email" or "email:en"; empty: the admins, in Spanish.
  admin_digest_emails_csv = join(",", var.admin_digest_emails)

  oidc_issuer   = "https://accounts.google.com"
  oidc_jwks_url = "https://www.googleapis.com/oauth2/v3/certs"

  # Functions that call publish-site after a change, with their own identity.
  publish_site_callers = ["trust-admin", "sync-subprocessors", "run-control-checks"]

  scheduler_invoker_csv       = local.scheduler_sa_email
  non_production_projects_csv = join(",", var.non_production_project_ids)
  data_residency_csv          = join(",", var.data_residency)
  publish_site_invoker_csv = join(",", compact(concat(
    [local.scheduler_sa_email],
    [for name in local.publish_site_callers : local.function_sa_emails[name]],
    [var.deployer_service_account_email],
  )))

  smtp_port = tostring(var.smtp_port)
  # Read by trust-admin (scheduling) and deliver-notices (applying) alike.
  subprocessor_notice_days = tostring(var.subprocessor_notice_days)
}

resource "google_project_service" "enabled" {
  for_each = toset([
    "artifactregistry.googleapis.com",
    "certificatemanager.googleapis.com",
    "cloudbuild.googleapis.com",
    "cloudfunctions.googleapis.com",
    # The provider reads every google_project_service through Cloud Resource Manager.
    "cloudresourcemanager.googleapis.com",
    "cloudkms.googleapis.com",
    "cloudscheduler.googleapis.com",
    "compute.googleapis.com",
    "firestore.googleapis.com",
    "iam.googleapis.com",
    "iamcredentials.googleapis.com",
    # Identity-Aware Proxy in front of the admin console (infra/admin.tf).
    "iap.googleapis.com",
    "logging.googleapis.com",
    "run.googleapis.com",
    "secretmanager.googleapis.com",
    "storage.googleapis.com",
  ])

  project = var.project_id
  service = each.value

  # Turning an API off on `terraform destroy` can break resources that other tools manage.
  disable_on_destroy = false
}

resource "google_firestore_database" "trust_center" {
  project     = var.project_id
  name        = var.firestore_database
  location_id = var.firestore_location
  type        = "FIRESTORE_NATIVE"

  concurrency_mode                  = "OPTIMISTIC"
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = "DELETE_PROTECTION_ENABLED"
  # On `terraform destroy` the database is left in place (it holds the only copy of the data).
  deletion_policy = "ABANDON"

  depends_on = [google_project_service.enabled]
}

resource "google_firestore_backup_schedule" "daily" {
  project  = var.project_id
  database = google_firestore_database.trust_center.name

  # Daily backups can be kept for at most 7 days; PITR covers the last 7 days at minute granularity.
  retention = "604800s"

  daily_recurrence {}
}

check "function_names_match_map" {
  assert {
    condition     = toset(keys(local.functions)) == toset(local.function_names)
    error_message = "local.function_names (main.tf) must list exactly the keys of local.functions (functions.tf)."
  }
}
