# Site bucket: the rendered static site. Objects are public-read because a load-balancer
# backend bucket can only serve objects that allUsers may read (see README, "Site delivery").
# Everything in it is meant to be public anyway; nothing private may be written here.
resource "google_storage_bucket" "site" {
  name                        = local.bucket_names.site
  location                    = var.region
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  # "inherited" (not "enforced") because the bucket must allow the allUsers read below.
  public_access_prevention = "inherited"
  force_destroy            = true

  website {
    main_page_suffix = "index.html"
    not_found_page   = "404.html"
  }

  depends_on = [google_project_service.enabled]
}

# The only public grant besides trust-api's invoker: read objects by name, nothing else.
# roles/storage.legacyObjectReader is storage.objects.get alone; objectViewer would also let
# anyone list the bucket (storage.objects.list).
resource "google_storage_bucket_iam_member" "site_public_read" {
  bucket = google_storage_bucket.site.name
  role   = "roles/storage.legacyObjectReader"
  member = "allUsers"
}

# Documents bucket: private files handed out with short-lived V4 signed URLs by trust-admin.
resource "google_storage_bucket" "documents" {
  name                        = local.bucket_names.documents
  location                    = var.region
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false

  versioning {
    enabled = true
  }

  lifecycle_rule {
    condition {
      days_since_noncurrent_time = 90
      with_state                 = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.enabled]
}

# Archive bucket: evidence (subprocessor snapshots, check results). Write-once: a retention
# policy forbids deleting or replacing an object before it is archive_retention_days old.
# Cloud Storage does not allow Object Versioning together with a retention policy, so the
# retention policy is the protection here. Lock it (irreversible) once the period is final:
#   gcloud storage buckets update gs://BUCKET --lock-retention-period
resource "google_storage_bucket" "archive" {
  name                        = local.bucket_names.archive
  location                    = var.region
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false

  retention_policy {
    retention_period = var.archive_retention_days * 86400
    is_locked        = false
  }

  depends_on = [google_project_service.enabled]
}

# Function source zips (one per built jar). Only the deployer and Cloud Build read it.
# A deploy replaces the zip object (a new name, holding the zip's SHA-256, so Terraform
# deletes the old object); versioning keeps every deleted zip as a noncurrent version for
# var.source_retention_days, so an earlier build can be deployed again without rebuilding
# it (README, "Rolling back").
resource "google_storage_bucket" "function_source" {
  name                        = local.bucket_names.source
  location                    = var.region
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = true

  versioning {
    enabled = true
  }

  lifecycle_rule {
    condition {
      days_since_noncurrent_time = var.source_retention_days
      with_state                 = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.enabled]
}
