terraform {
  required_version = ">= 1.6"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.20"
    }
    # Cloudflare provider v4 (not v5): its schemas (cloudflare_record, cloudflare_ruleset
    # with nested blocks, cloudflare_zone_settings_override) are what this module uses.
    cloudflare = {
      source  = "cloudflare/cloudflare"
      version = "~> 4.52"
    }
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.7"
    }
    # time_sleep: wait for IAM propagation before the function builds (functions.tf).
    time = {
      source  = "hashicorp/time"
      version = "~> 0.12"
    }
  }

  # Remote state (recommended). The deploy workflow writes an equivalent
  # `backend "gcs" {}` block to ci_backend.tf and passes the bucket with -backend-config.
  # To use it locally, uncomment and run `terraform init -backend-config="bucket=<state bucket>"`.
  #
  # backend "gcs" {
  #   bucket = "my-project-tfstate"
  #   prefix = "trust-center"
  # }
}

provider "google" {
  project = var.project_id
  region  = var.region

  default_labels = local.labels
}

# The Terraform token is read from the CLOUDFLARE_API_TOKEN environment variable.
# It is NOT the runtime token the functions use (see README, "Cloudflare tokens").
provider "cloudflare" {}
