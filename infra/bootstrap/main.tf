# Optional, run once by a project owner: Terraform state bucket, a deployer service account
# and Workload Identity Federation so GitHub Actions can deploy without JSON keys.
# Kept as a separate root module with its own (local) state.

terraform {
  required_version = ">= 1.6"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.20"
    }
  }
}

provider "google" {
  project = var.project_id
}

variable "project_id" {
  description = "Project that hosts the trust center."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a valid project id."
  }
}

variable "github_repository" {
  description = "GitHub repository allowed to deploy, as owner/name."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must look like owner/name."
  }
}

variable "github_repository_id" {
  description = "Numeric id of that repository (GitHub API: repos/<owner>/<name> -> id). Names can be re-registered by someone else after a rename or deletion; the id cannot."
  type        = string

  validation {
    condition     = can(regex("^[0-9]+$", var.github_repository_id))
    error_message = "github_repository_id must be the repository's numeric id."
  }
}

variable "state_bucket_location" {
  description = "Location of the Terraform state bucket."
  type        = string
  default     = "EU"
}

resource "google_project_service" "enabled" {
  for_each = toset([
    "cloudresourcemanager.googleapis.com",
    "iam.googleapis.com",
    "iamcredentials.googleapis.com",
    "serviceusage.googleapis.com",
    "sts.googleapis.com",
  ])

  service            = each.value
  disable_on_destroy = false
}

resource "google_storage_bucket" "tfstate" {
  name                        = "${var.project_id}-tfstate"
  location                    = var.state_bucket_location
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  versioning {
    enabled = true
  }
}

resource "google_service_account" "deployer" {
  account_id   = "trust-deployer"
  display_name = "Trust center deployer (GitHub Actions)"

  depends_on = [google_project_service.enabled]
}

locals {
  # The project-level roles infra/ grants (iam.tf): the only ones the deployer may grant or
  # revoke. DeploymentSecurityTest keeps this list equal to what infra/ grants.
  grantable_project_roles = [
    "roles/artifactregistry.writer",
    "roles/cloudbuild.builds.builder",
    "roles/datastore.user",
    "roles/logging.logWriter",
    "projects/${var.project_id}/roles/trustCenterFirestoreConfigReader",
  ]

  # What `terraform apply` of infra/ needs, nothing more: each role manages one kind of
  # resource infra/ declares.
  deployer_roles = [
    "roles/certificatemanager.owner",       # certificate, DNS authorization, map
    "roles/cloudfunctions.admin",           # the five functions
    "roles/cloudscheduler.admin",           # the task jobs
    "roles/compute.loadBalancerAdmin",      # address, proxy, URL map, backends, NEG, SSL policy
    "roles/compute.securityAdmin",          # the Cloud Armor edge policy
    "roles/datastore.owner",                # the Firestore database and its backup schedule
    "roles/iam.roleAdmin",                  # the two custom roles
    "roles/iam.serviceAccountAdmin",        # the service accounts and grants on them
    "roles/iam.serviceAccountUser",         # deploy functions and jobs that run as them
    "roles/run.admin",                      # run.invoker grants on the functions' services
    "roles/secretmanager.admin",            # the two secrets (no versions) and their accessors
    "roles/serviceusage.serviceUsageAdmin", # enabling the APIs
    "roles/storage.admin",                  # buckets, bucket grants, the source object
  ]
}

# Applying infra/ creates service accounts, custom roles, project IAM bindings, functions,
# buckets, secrets, scheduler jobs and a load balancer.
resource "google_project_iam_member" "deployer" {
  for_each = toset(local.deployer_roles)

  project = var.project_id
  role    = each.value
  member  = "serviceAccount:${google_service_account.deployer.email}"
}

# Project IAM only for the roles infra/ grants: without this condition projectIamAdmin would
# let the deployer make itself (or anyone) owner.
resource "google_project_iam_member" "deployer_grants_infra_roles" {
  project = var.project_id
  role    = "roles/resourcemanager.projectIamAdmin"
  member  = "serviceAccount:${google_service_account.deployer.email}"

  condition {
    title       = "only-trust-center-roles"
    description = "May grant or revoke only the project roles infra/ grants."
    expression  = "api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', []).hasOnly([${join(", ", [for r in local.grantable_project_roles : "'${r}'"])}])"
  }
}

# Pull-request plans run as a read-only account: a workflow changed in a pull request can
# at worst read the project's configuration, never change it.
resource "google_service_account" "planner" {
  account_id   = "trust-planner"
  display_name = "Trust center planner (GitHub Actions, pull requests)"

  depends_on = [google_project_service.enabled]
}

resource "google_project_iam_member" "planner" {
  for_each = toset(["roles/viewer", "roles/iam.securityReviewer"])

  project = var.project_id
  role    = each.value
  member  = "serviceAccount:${google_service_account.planner.email}"
}

# Plans run with -lock=false, so reading the state is enough.
resource "google_storage_bucket_iam_member" "planner_reads_state" {
  bucket = google_storage_bucket.tfstate.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.planner.email}"
}

resource "google_iam_workload_identity_pool" "github" {
  workload_identity_pool_id = "github"
  display_name              = "GitHub Actions"

  depends_on = [google_project_service.enabled]
}

resource "google_iam_workload_identity_pool_provider" "github" {
  workload_identity_pool_id          = google_iam_workload_identity_pool.github.workload_identity_pool_id
  workload_identity_pool_provider_id = "github-oidc"
  display_name                       = "GitHub OIDC"

  attribute_mapping = {
    "google.subject"          = "assertion.sub"
    "attribute.repository"    = "assertion.repository"
    "attribute.repository_id" = "assertion.repository_id"
    "attribute.ref"           = "assertion.ref"
    "attribute.environment"   = "assertion.environment"
  }
  # Only jobs of this repository (by numeric id) that run in one of its two GitHub
  # environments get a token at all: "plan" (pull requests, read-only planner) and
  # "production" (the deploy job, and only for a v* tag of the deploy workflow). Any other
  # job, branch or workflow of the repository gets nothing.
  attribute_condition = join(" && ", [
    "assertion.repository_id == \"${var.github_repository_id}\"",
    "assertion.repository == \"${var.github_repository}\"",
    "(assertion.environment == \"plan\" || (assertion.environment == \"production\" && assertion.ref.startsWith(\"refs/tags/v\") && assertion.job_workflow_ref.startsWith(\"${var.github_repository}/.github/workflows/deploy.yml@refs/tags/v\")))",
  ])

  oidc {
    issuer_uri = "https://token.actions.githubusercontent.com"
  }
}

# The deployer only for the production environment, the planner only for plan.
resource "google_service_account_iam_member" "deployer_wif" {
  service_account_id = google_service_account.deployer.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.github.name}/attribute.environment/production"
}

resource "google_service_account_iam_member" "planner_wif" {
  service_account_id = google_service_account.planner.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.github.name}/attribute.environment/plan"
}

output "workload_identity_provider" {
  description = "Repository variable GCP_WORKLOAD_IDENTITY_PROVIDER."
  value       = google_iam_workload_identity_pool_provider.github.name
}

output "deployer_service_account" {
  description = "Repository variable GCP_DEPLOYER_SERVICE_ACCOUNT (and infra's deployer_service_account_email)."
  value       = google_service_account.deployer.email
}

output "planner_service_account" {
  description = "Repository variable GCP_PLANNER_SERVICE_ACCOUNT (pull-request plans)."
  value       = google_service_account.planner.email
}

output "state_bucket" {
  description = "Repository variable TF_STATE_BUCKET."
  value       = google_storage_bucket.tfstate.name
}
