# Secrets are declared here WITHOUT versions: Terraform state never holds their values.
# The operator adds values with `gcloud secrets versions add` (README, step 3).
resource "google_secret_manager_secret" "secret" {
  for_each = toset(["cloudflare-api-token", "smtp-password"])

  project   = var.project_id
  secret_id = each.value

  replication {
    auto {}
  }

  depends_on = [google_project_service.enabled]
}

# secretAccessor on exactly the secret each function names in its `secrets` map.
resource "google_secret_manager_secret_iam_member" "accessor" {
  for_each = merge([
    for name, fn in local.functions : {
      for key, secret_id in fn.secrets : "${name}/${secret_id}" => {
        function  = name
        secret_id = secret_id
      }
    }
  ]...)

  project   = var.project_id
  secret_id = google_secret_manager_secret.secret[each.value.secret_id].secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.function[each.value.function].email}"
}
