output "function_urls" {
  description = "HTTPS URL of every function (also the OIDC audience of the task functions)."
  value       = { for name, fn in google_cloudfunctions2_function.function : name => fn.url }
}

output "public_api_url" {
  description = "URL of the public trust-api function."
  value       = google_cloudfunctions2_function.function["trust-api"].url
}

output "admin_api_url" {
  description = "URL of the IAM-protected trust-admin function."
  value       = google_cloudfunctions2_function.function["trust-admin"].url
}

output "publish_site_url" {
  description = "URL of publish-site; POST to it with an ID token whose audience is this URL."
  value       = google_cloudfunctions2_function.function["publish-site"].url
}

output "site_url" {
  description = "Public URL of the trust center site (through Cloudflare)."
  value       = local.site_base_url
}

output "site_origin_ip" {
  description = "Address of the Google load balancer that serves the site bucket (Cloudflare's origin)."
  value       = google_compute_global_address.site.address
}

output "bucket_names" {
  description = "Bucket names by purpose."
  value = {
    site            = google_storage_bucket.site.name
    documents       = google_storage_bucket.documents.name
    archive         = google_storage_bucket.archive.name
    function_source = google_storage_bucket.function_source.name
  }
}

output "service_account_emails" {
  description = "Runtime service account of every function, plus the scheduler and builder accounts."
  value = merge(
    { for name, sa in google_service_account.function : name => sa.email },
    {
      scheduler = google_service_account.scheduler.email
      builder   = google_service_account.builder.email
    },
  )
}

output "scheduler_service_account_email" {
  description = "Identity Cloud Scheduler uses to call the task functions (impersonate it to run a task by hand)."
  value       = google_service_account.scheduler.email
}

output "firestore_database" {
  description = "Firestore database id."
  value       = google_firestore_database.trust_center.name
}

output "secret_ids" {
  description = "Secret Manager secrets whose values the operator must add."
  value       = [for s in google_secret_manager_secret.secret : s.id]
}
