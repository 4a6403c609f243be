# One Cloud Scheduler job per function with a `schedule` in local.functions. Each POSTs to
# the function URL with a Google-signed OIDC ID token of the scheduler service account,
# audience = that URL (what the function's OIDC_AUDIENCE expects).
resource "google_cloud_scheduler_job" "task" {
  for_each = { for name, fn in local.functions : name => fn if fn.schedule != null }

  project          = var.project_id
  region           = var.region
  name             = "trust-${each.key}"
  description      = "Runs ${each.key} (${each.value.schedule} UTC)"
  schedule         = each.value.schedule
  time_zone        = "Etc/UTC"
  attempt_deadline = "${each.value.timeout + 30}s"

  retry_config {
    retry_count          = 3
    min_backoff_duration = "30s"
    max_backoff_duration = "600s"
    max_doublings        = 3
  }

  http_target {
    http_method = "POST"
    uri         = local.function_urls[each.key]
    headers = {
      "Content-Type" = "application/json"
    }
    body = base64encode("{}")

    oidc_token {
      service_account_email = google_service_account.scheduler.email
      audience              = local.function_urls[each.key]
    }
  }

  depends_on = [google_cloud_run_service_iam_member.invoker]
}
