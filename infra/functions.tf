# The one place that describes the deployed functions.
#
# Maven tests read this block (InfraConsistencyTest checks it against the code; the
# deploy-shaped suite starts each function with its entry point and env) with a small HCL
# reader, so keep the values simple:
#   - env values are plain references (var.x, local.x.y, local.x["key"]) or string literals,
#     no "${...}" interpolation;
#   - a secret's value is the Secret Manager secret id; the function receives
#     KEY=projects/<project>/secrets/<id>/versions/latest and reads the secret itself;
#   - ingress: trust-api is reached only through the load balancer (site host, /api/*); the
#     others stay reachable for Cloud Scheduler, the admins and the calling functions, and
#     refuse callers without roles/run.invoker.
locals {
  functions = {
    "trust-api" = {
      entry_point   = "dev.trustcenter.app.PublicApiFunction"
      public        = true
      ingress       = "ALLOW_INTERNAL_AND_GCLB"
      schedule      = null
      max_instances = 10
      timeout       = 60
      env = {
        GOOGLE_CLOUD_PROJECT         = var.project_id
        FIRESTORE_DATABASE           = var.firestore_database
        DOCUMENTS_BUCKET             = local.bucket_names.documents
        SITE_BASE_URL                = local.site_base_url
        GCP_SUBPROCESSORS_URL        = var.gcp_subprocessors_url
        CLOUDFLARE_SUBPROCESSORS_URL = var.cloudflare_subprocessors_url
        SMTP_HOST                    = var.smtp_host
        SMTP_PORT                    = local.smtp_port
        SMTP_USERNAME                = var.smtp_username
        MAIL_FROM                    = var.mail_from
      }
      secrets = {
        SMTP_PASSWORD_SECRET = "smtp-password"
      }
    }

    "trust-admin" = {
      entry_point   = "dev.trustcenter.app.AdminApiFunction"
      public        = false
      ingress       = "ALLOW_ALL"
      schedule      = null
      max_instances = 3
      timeout       = 120
      env = {
        GOOGLE_CLOUD_PROJECT     = var.project_id
        FIRESTORE_DATABASE       = var.firestore_database
        ADMIN_EMAILS             = local.admin_emails_csv
        OIDC_AUDIENCE            = local.admin_oidc_audience
        OIDC_ISSUER              = local.oidc_issuer
        OIDC_JWKS_URL            = local.oidc_jwks_url
        IAP_AUDIENCE             = local.admin_iap_audience
        DOCUMENTS_BUCKET         = local.bucket_names.documents
        PUBLISH_SITE_URL         = local.publish_site_url
        SMTP_HOST                = var.smtp_host
        SMTP_PORT                = local.smtp_port
        SMTP_USERNAME            = var.smtp_username
        MAIL_FROM                = var.mail_from
        SITE_BASE_URL            = local.site_base_url
        SUBPROCESSOR_NOTICE_DAYS = local.subprocessor_notice_days
        ARCHIVE_BUCKET           = local.bucket_names.archive
        # Admin-triggered syncs read the same pages as the scheduled one.
        GCP_SUBPROCESSORS_URL        = var.gcp_subprocessors_url
        CLOUDFLARE_SUBPROCESSORS_URL = var.cloudflare_subprocessors_url
      }
      secrets = {
        SMTP_PASSWORD_SECRET = "smtp-password"
      }
    }

    "sync-subprocessors" = {
      entry_point   = "dev.trustcenter.app.SyncSubprocessorsFunction"
      public        = false
      ingress       = "ALLOW_ALL"
      schedule      = "15 3 * * *"
      max_instances = 1
      timeout       = 300
      env = {
        GOOGLE_CLOUD_PROJECT         = var.project_id
        FIRESTORE_DATABASE           = var.firestore_database
        GCP_SUBPROCESSORS_URL        = var.gcp_subprocessors_url
        CLOUDFLARE_SUBPROCESSORS_URL = var.cloudflare_subprocessors_url
        ARCHIVE_BUCKET               = local.bucket_names.archive
        TASK_INVOKER_EMAILS          = local.scheduler_invoker_csv
        OIDC_AUDIENCE                = local.function_urls["sync-subprocessors"]
        PUBLISH_SITE_URL             = local.publish_site_url
        SITE_BASE_URL                = local.site_base_url
        SMTP_HOST                    = var.smtp_host
        SMTP_PORT                    = local.smtp_port
        SMTP_USERNAME                = var.smtp_username
        MAIL_FROM                    = var.mail_from
      }
      secrets = {
        SMTP_PASSWORD_SECRET = "smtp-password"
      }
    }

    "run-control-checks" = {
      entry_point   = "dev.trustcenter.app.RunControlChecksFunction"
      public        = false
      ingress       = "ALLOW_ALL"
      schedule      = "5 * * * *"
      max_instances = 1
      timeout       = 300
      env = {
        GOOGLE_CLOUD_PROJECT    = var.project_id
        FIRESTORE_DATABASE      = var.firestore_database
        CLOUDFLARE_API_BASE_URL = var.cloudflare_api_base_url
        CLOUDFLARE_ZONE_ID      = var.cloudflare_zone_id
        TASK_INVOKER_EMAILS     = local.scheduler_invoker_csv
        OIDC_AUDIENCE           = local.function_urls["run-control-checks"]
        ARCHIVE_BUCKET          = local.bucket_names.archive
        DOCUMENTS_BUCKET        = local.bucket_names.documents
        SITE_BUCKET             = local.bucket_names.site
        PUBLISH_SITE_URL        = local.publish_site_url
        NON_PRODUCTION_PROJECTS = local.non_production_projects_csv
        DATA_RESIDENCY          = local.data_residency_csv
      }
      secrets = {
        CLOUDFLARE_API_TOKEN_SECRET = "cloudflare-api-token"
      }
    }

    # Drains the outbox of subscriber notices (queued by the sync, the checks and document uploads), so
    # no subscriber's endpoint can slow the task that recorded the change.
    "deliver-notices" = {
      entry_point   = "dev.trustcenter.app.DeliverNoticesFunction"
      public        = false
      ingress       = "ALLOW_ALL"
      schedule      = "*/10 * * * *"
      max_instances = 1
      timeout       = 300
      env = {
        GOOGLE_CLOUD_PROJECT     = var.project_id
        FIRESTORE_DATABASE       = var.firestore_database
        TASK_INVOKER_EMAILS      = local.scheduler_invoker_csv
        OIDC_AUDIENCE            = local.function_urls["deliver-notices"]
        SITE_BASE_URL            = local.site_base_url
        SUBPROCESSOR_NOTICE_DAYS = local.subprocessor_notice_days
        SMTP_HOST                = var.smtp_host
        SMTP_PORT                = local.smtp_port
        SMTP_USERNAME            = var.smtp_username
        MAIL_FROM                = var.mail_from
      }
      secrets = {
        SMTP_PASSWORD_SECRET = "smtp-password"
      }
    }

    # Mails each admin one digest a day of what is due: controls overdue or due within 14 days,
    # certificates expiring within 60 days, access requests waiting more than two days.
    "send-reminders" = {
      entry_point   = "dev.trustcenter.app.SendRemindersFunction"
      public        = false
      ingress       = "ALLOW_ALL"
      schedule      = "0 7 * * *"
      max_instances = 1
      timeout       = 120
      env = {
        GOOGLE_CLOUD_PROJECT = var.project_id
        FIRESTORE_DATABASE   = var.firestore_database
        TASK_INVOKER_EMAILS  = local.scheduler_invoker_csv
        OIDC_AUDIENCE        = local.function_urls["send-reminders"]
        ADMIN_EMAILS         = local.admin_emails_csv
        ADMIN_DIGEST_EMAILS  = local.admin_digest_emails_csv
        SMTP_HOST            = var.smtp_host
        SMTP_PORT            = local.smtp_port
        SMTP_USERNAME        = var.smtp_username
        MAIL_FROM            = var.mail_from
      }
      secrets = {
        SMTP_PASSWORD_SECRET = "smtp-password"
      }
    }

    "publish-site" = {
      entry_point   = "dev.trustcenter.app.PublishSiteFunction"
      public        = false
      ingress       = "ALLOW_ALL"
      schedule      = "45 3 * * *"
      max_instances = 1
      timeout       = 300
      env = {
        GOOGLE_CLOUD_PROJECT    = var.project_id
        FIRESTORE_DATABASE      = var.firestore_database
        SITE_BUCKET             = local.bucket_names.site
        SITE_BASE_URL           = local.site_base_url
        CLOUDFLARE_API_BASE_URL = var.cloudflare_api_base_url
        CLOUDFLARE_ZONE_ID      = var.cloudflare_zone_id
        TASK_INVOKER_EMAILS     = local.publish_site_invoker_csv
        OIDC_AUDIENCE           = local.publish_site_url
        EVIDENCE_LOG_KMS_KEY    = local.evidence_log_key_version
      }
      secrets = {
        CLOUDFLARE_API_TOKEN_SECRET = "cloudflare-api-token"
      }
    }
  }
}

# ---------------------------------------------------------------------------------------
# Source: the shaded jar alone, zipped. Cloud Functions' Java buildpack deploys a prebuilt
# uber jar when it is the only jar at the root of the source (no pom.xml), so nothing is
# compiled in Cloud Build; every function uses the same object with its own entry point.
# ---------------------------------------------------------------------------------------
data "archive_file" "function_source" {
  type = "zip"
  # source_file puts exactly one entry, trust-center.jar, at the root of the zip: the same
  # as zipping a directory that contains only the jar, without having to stage one.
  source_file = "${path.module}/${var.function_jar_path}"
  output_path = "${path.module}/.build/trust-center-source.zip"
}

resource "google_storage_bucket_object" "function_source" {
  # The content hash in the name makes a new jar a new object, which redeploys the functions.
  name         = "trust-center-${data.archive_file.function_source.output_sha256}.zip"
  bucket       = google_storage_bucket.function_source.name
  source       = data.archive_file.function_source.output_path
  content_type = "application/zip"
}

resource "google_cloudfunctions2_function" "function" {
  for_each = local.functions

  project     = var.project_id
  location    = var.region
  name        = each.key
  description = "Trust center: ${each.key} (${each.value.entry_point})"

  build_config {
    runtime         = var.java_runtime
    entry_point     = each.value.entry_point
    service_account = google_service_account.builder.id

    source {
      storage_source {
        bucket = google_storage_bucket.function_source.name
        object = google_storage_bucket_object.function_source.name
      }
    }
  }

  service_config {
    service_account_email = google_service_account.function[each.key].email

    # 512 MiB is the floor for this jar: the JVM plus the Firestore (gRPC), Storage and
    # Secret Manager clients do not fit in 256 MiB without OOM kills or GC thrash. A full
    # vCPU shortens Java cold starts (class loading and JIT are CPU bound) far more than it costs.
    available_memory                 = "512Mi"
    available_cpu                    = "1"
    max_instance_request_concurrency = 1
    min_instance_count               = 0
    max_instance_count               = each.value.max_instances
    timeout_seconds                  = each.value.timeout

    # trust-api: only through the load balancer (ALLOW_INTERNAL_AND_GCLB). The others are
    # reachable from the internet (Cloud Scheduler is not inside a VPC) and reject callers
    # without roles/run.invoker (IAM-only, see iam.tf).
    ingress_settings               = each.value.ingress
    all_traffic_on_latest_revision = true

    environment_variables = merge(
      each.value.env,
      { for key, secret_id in each.value.secrets : key => "${google_secret_manager_secret.secret[secret_id].id}/versions/latest" },
    )
  }

  depends_on = [
    google_project_service.enabled,
    time_sleep.builder_iam_propagation,
  ]
}

# IAM grants take a while to reach Cloud Build: a build started right after them fails with
# a permission error on a fresh project. The provider's own example for a function with a
# custom build service account (cloudfunctions2_basic_builder) waits 60 s the same way.
resource "time_sleep" "builder_iam_propagation" {
  create_duration = "60s"

  depends_on = [
    google_project_iam_member.builder,
    google_storage_bucket_iam_member.builder_reads_source,
  ]
}
