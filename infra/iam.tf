# ---------------------------------------------------------------------------------------
# Identities: one runtime service account per function, one for Cloud Scheduler, one for
# Cloud Build. No keys are ever created for any of them.
# ---------------------------------------------------------------------------------------
resource "google_service_account" "function" {
  for_each = local.function_sa_ids

  project      = var.project_id
  account_id   = each.value
  display_name = "Trust center function ${each.key}"

  depends_on = [google_project_service.enabled]
}

resource "google_service_account" "scheduler" {
  project      = var.project_id
  account_id   = local.scheduler_sa_id
  display_name = "Trust center Cloud Scheduler invoker"

  depends_on = [google_project_service.enabled]
}

# Builds the functions' container images. A dedicated account avoids depending on the
# Compute Engine default service account, which new projects no longer grant Editor.
resource "google_service_account" "builder" {
  project      = var.project_id
  account_id   = "trust-fn-builder"
  display_name = "Trust center Cloud Functions builder"

  depends_on = [google_project_service.enabled]
}

resource "google_project_iam_member" "builder" {
  for_each = toset([
    "roles/cloudbuild.builds.builder",
    "roles/logging.logWriter",
    "roles/artifactregistry.writer",
  ])

  project = var.project_id
  role    = each.value
  member  = "serviceAccount:${google_service_account.builder.email}"
}

resource "google_storage_bucket_iam_member" "builder_reads_source" {
  bucket = google_storage_bucket.function_source.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.builder.email}"
}

# ---------------------------------------------------------------------------------------
# Custom roles (minimal read-only permissions run-control-checks needs to verify controls)
# ---------------------------------------------------------------------------------------

# Bucket configuration (public access prevention, uniform access, retention, versioning)
# without object access. No predefined role has storage.buckets.get alone:
# roles/storage.legacyBucketReader also lists objects, roles/storage.insightsCollectorService
# is meant for Storage Insights and includes inventory permissions.
resource "google_project_iam_custom_role" "bucket_metadata_reader" {
  project     = var.project_id
  role_id     = "trustCenterBucketMetadataReader"
  title       = "Trust center bucket metadata reader"
  description = "Read a bucket's configuration, not its objects."
  permissions = ["storage.buckets.get"]

  depends_on = [google_project_service.enabled]
}

# Firestore database settings (PITR, delete protection) and backup schedules, without
# the backups' data. roles/datastore.viewer would also do, but adds index, stats and
# backup read access the checks do not need.
resource "google_project_iam_custom_role" "firestore_config_reader" {
  project     = var.project_id
  role_id     = "trustCenterFirestoreConfigReader"
  title       = "Trust center Firestore configuration reader"
  description = "Read Firestore database metadata and backup schedules."
  permissions = [
    "datastore.databases.getMetadata",
    "datastore.backupSchedules.get",
    "datastore.backupSchedules.list",
  ]

  depends_on = [google_project_service.enabled]
}

# ---------------------------------------------------------------------------------------
# Least-privilege grants for the function service accounts
# ---------------------------------------------------------------------------------------
locals {
  project_grants = {
    # trust-api writes too: access requests, NDA acceptances, rate-limit counters and subscriptions.
    "trust-api/datastore-user"            = { function = "trust-api", role = "roles/datastore.user" }
    "trust-admin/datastore-user"          = { function = "trust-admin", role = "roles/datastore.user" }
    "sync-subprocessors/datastore-user"   = { function = "sync-subprocessors", role = "roles/datastore.user" }
    "run-control-checks/datastore-user"   = { function = "run-control-checks", role = "roles/datastore.user" }
    "deliver-notices/datastore-user"      = { function = "deliver-notices", role = "roles/datastore.user" }
    # send-reminders reads the content and access requests and records which digests it sent.
    "send-reminders/datastore-user" = { function = "send-reminders", role = "roles/datastore.user" }
    "run-control-checks/firestore-config" = { function = "run-control-checks", role = google_project_iam_custom_role.firestore_config_reader.id }
    # publish-site records its runs and pending purges, and seeds an empty database on the first publish.
    "publish-site/datastore-user" = { function = "publish-site", role = "roles/datastore.user" }
  }

  bucket_grants = {
    "trust-admin/documents-object-admin"    = { function = "trust-admin", bucket = "documents", role = "roles/storage.objectAdmin" }
    "trust-admin/archive-create"            = { function = "trust-admin", bucket = "archive", role = "roles/storage.objectCreator" }
    "trust-admin/archive-read"              = { function = "trust-admin", bucket = "archive", role = "roles/storage.objectViewer" }
    "trust-api/documents-read"              = { function = "trust-api", bucket = "documents", role = "roles/storage.objectViewer" }
    "sync-subprocessors/archive-create"     = { function = "sync-subprocessors", bucket = "archive", role = "roles/storage.objectCreator" }
    "sync-subprocessors/archive-read"       = { function = "sync-subprocessors", bucket = "archive", role = "roles/storage.objectViewer" }
    "publish-site/site-object-admin"        = { function = "publish-site", bucket = "site", role = "roles/storage.objectAdmin" }
    "run-control-checks/archive-metadata"   = { function = "run-control-checks", bucket = "archive", role = google_project_iam_custom_role.bucket_metadata_reader.id }
    "run-control-checks/documents-metadata" = { function = "run-control-checks", bucket = "documents", role = google_project_iam_custom_role.bucket_metadata_reader.id }
    "run-control-checks/site-metadata"      = { function = "run-control-checks", bucket = "site", role = google_project_iam_custom_role.bucket_metadata_reader.id }
  }

  buckets = {
    site      = google_storage_bucket.site
    documents = google_storage_bucket.documents
    archive   = google_storage_bucket.archive
  }
}

resource "google_project_iam_member" "function" {
  for_each = local.project_grants

  project = var.project_id
  role    = each.value.role
  member  = "serviceAccount:${google_service_account.function[each.value.function].email}"
}

resource "google_storage_bucket_iam_member" "function" {
  for_each = local.bucket_grants

  bucket = local.buckets[each.value.bucket].name
  role   = each.value.role
  member = "serviceAccount:${google_service_account.function[each.value.function].email}"
}

# trust-admin and trust-api sign V4 download URLs for the documents bucket through IAM
# signBlob, each as itself (grantees download through trust-api).
resource "google_service_account_iam_member" "signs_as_itself" {
  for_each = toset(["trust-admin", "trust-api"])

  service_account_id = google_service_account.function[each.key].name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = "serviceAccount:${google_service_account.function[each.key].email}"
}

# Operators who may run task functions by hand, impersonating the scheduler account.
resource "google_service_account_iam_member" "task_operators" {
  for_each = toset(var.task_operator_members)

  service_account_id = google_service_account.scheduler.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = each.value
}

# ---------------------------------------------------------------------------------------
# Who may invoke which function (roles/run.invoker on the gen 2 function's Cloud Run
# service, which has the function's name). Only trust-api is public.
# ---------------------------------------------------------------------------------------
locals {
  invoker_grants = merge(
    { for name, fn in local.functions : "${name}/allUsers" => { function = name, member = "allUsers" } if fn.public },
    { for name, fn in local.functions : "${name}/scheduler" => { function = name, member = "serviceAccount:${local.scheduler_sa_email}" } if fn.schedule != null },
    { for caller in local.publish_site_callers : "publish-site/${caller}" => { function = "publish-site", member = "serviceAccount:${local.function_sa_emails[caller]}" } },
    { for email in var.admin_emails : "trust-admin/${email}" => { function = "trust-admin", member = "user:${email}" } },
    { for email in compact([var.deployer_service_account_email]) : "publish-site/deployer" => { function = "publish-site", member = "serviceAccount:${email}" } },
  )
}

resource "google_cloud_run_service_iam_member" "invoker" {
  for_each = local.invoker_grants

  project  = var.project_id
  location = var.region
  service  = google_cloudfunctions2_function.function[each.value.function].name
  role     = "roles/run.invoker"
  member   = each.value.member

  # The member's service account must exist before it can be bound.
  depends_on = [google_service_account.function, google_service_account.scheduler]
}
