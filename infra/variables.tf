variable "project_id" {
  description = "Google Cloud project id that hosts the trust center (must already exist, with billing enabled)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be 6-30 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen."
  }
}

variable "region" {
  description = "Region for Cloud Functions, Cloud Scheduler and the buckets, e.g. europe-west1."
  type        = string
  default     = "europe-west1"

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]+$", var.region))
    error_message = "region must look like europe-west1 or us-central1."
  }
}

variable "firestore_location" {
  description = "Firestore location: a multi-region (eur3, nam5) or a region (europe-west1). Cannot be changed after creation."
  type        = string
  default     = "eur3"

  validation {
    condition     = can(regex("^(eur3|nam5|nam7|[a-z]+-[a-z]+[0-9]+)$", var.firestore_location))
    error_message = "firestore_location must be eur3, nam5, nam7 or a region such as europe-west1."
  }
}

variable "firestore_database" {
  description = "Firestore database id. A named database keeps the trust center apart from any (default) database already in the project."
  type        = string
  default     = "trust-center"

  validation {
    condition     = var.firestore_database == "(default)" || can(regex("^[a-z][a-z0-9-]{2,61}[a-z0-9]$", var.firestore_database))
    error_message = "firestore_database must be (default) or 4-63 characters of lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "site_hostname" {
  description = "Public host name of the trust center, inside the Cloudflare zone, e.g. trust.example.com."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.site_hostname))
    error_message = "site_hostname must be a lowercase fully qualified host name without scheme or path, e.g. trust.example.com."
  }
}

variable "cloudflare_zone_id" {
  description = "Cloudflare zone id (32 hex characters, dashboard > zone > Overview > API) of the zone that holds site_hostname."
  type        = string

  validation {
    condition     = can(regex("^[0-9a-f]{32}$", var.cloudflare_zone_id))
    error_message = "cloudflare_zone_id must be 32 lowercase hexadecimal characters."
  }
}

variable "cloudflare_api_base_url" {
  description = "Cloudflare API base URL used by the functions at run time."
  type        = string
  default     = "https://api.cloudflare.com/client/v4"

  validation {
    condition     = can(regex("^https://", var.cloudflare_api_base_url))
    error_message = "cloudflare_api_base_url must be an https:// URL."
  }
}

variable "admin_emails" {
  description = "Google accounts allowed to use the admin API. Each gets roles/run.invoker on trust-admin and is listed in ADMIN_EMAILS."
  type        = list(string)

  validation {
    condition     = length(var.admin_emails) > 0 && alltrue([for e in var.admin_emails : can(regex("^[^@\\s,]+@[^@\\s,]+\\.[a-z]{2,}$", e))])
    error_message = "admin_emails must hold at least one e-mail address (no commas or spaces)."
  }
}

variable "admin_digest_emails" {
  description = "Who gets send-reminders' daily digest (ADMIN_DIGEST_EMAILS): addresses, each optionally followed by :es or :en for its language (default Spanish). Empty: every one of admin_emails, in Spanish."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for e in var.admin_digest_emails : can(regex("^[^@\\s,:]+@[^@\\s,:]+(:(es|en))?$", e))])
    error_message = "admin_digest_emails entries are e-mail addresses, each optionally followed by :es or :en."
  }
}

variable "admin_extra_oidc_audience" {
  description = "Extra audience trust-admin accepts besides its own URL. The default is gcloud's OAuth client id, the audience of `gcloud auth print-identity-token` for a user account. Set to \"\" to accept only the function URL."
  type        = string
  default     = "32555940559.apps.googleusercontent.com"
}

variable "java_runtime" {
  description = "Cloud Functions Java runtime."
  type        = string
  default     = "java17"

  validation {
    condition     = contains(["java17", "java21"], var.java_runtime)
    error_message = "java_runtime must be java17 or java21."
  }
}

variable "function_jar_path" {
  description = "Path of the shaded jar built by `mvn -B package -DskipTests`, relative to this directory."
  type        = string
  default     = "../functions/target/trust-center.jar"
}

variable "smtp_host" {
  description = "SMTP server trust-admin uses to send mail (e.g. smtp.sendgrid.net)."
  type        = string
}

variable "smtp_port" {
  description = "SMTP port (587 = STARTTLS, 465 = implicit TLS)."
  type        = number
  default     = 587

  validation {
    condition     = var.smtp_port > 0 && var.smtp_port < 65536
    error_message = "smtp_port must be a TCP port number."
  }
}

variable "smtp_username" {
  description = "SMTP user name. The password goes into the smtp-password secret, never here."
  type        = string
}

variable "mail_from" {
  description = "Sender address of the trust center's mail."
  type        = string

  validation {
    condition     = can(regex("^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$", var.mail_from))
    error_message = "mail_from must be an e-mail address."
  }
}

variable "gcp_subprocessors_url" {
  description = "Page listing Google Cloud's subprocessors, read by sync-subprocessors."
  type        = string
  default     = "https://cloud.google.com/terms/subprocessors"
}

variable "cloudflare_subprocessors_url" {
  description = "Page listing Cloudflare's subprocessors, read by sync-subprocessors."
  type        = string
  # Must equal the code's default (Config) and the page the parser is written for;
  # InfraConsistencyTest holds the two together.
  default = "https://www.cloudflare.com/gdpr/subprocessors/cloudflare-services/"
}

variable "archive_retention_days" {
  description = "Retention period (days) of the archive bucket's retention policy. Objects cannot be deleted or replaced before this age."
  type        = number
  default     = 365

  validation {
    condition     = var.archive_retention_days >= 1 && var.archive_retention_days <= 3650
    error_message = "archive_retention_days must be between 1 and 3650."
  }
}

variable "name_prefix" {
  description = "Prefix of bucket names (after the project id) and of other resource names."
  type        = string
  default     = "trust"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,14}$", var.name_prefix))
    error_message = "name_prefix must be 2-15 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "deployer_service_account_email" {
  description = "Optional: the CI deployer service account (see bootstrap/). When set it may call publish-site after a deploy (run.invoker + listed in TASK_INVOKER_EMAILS)."
  type        = string
  default     = ""

  validation {
    condition     = var.deployer_service_account_email == "" || can(regex("^[a-z0-9-]+@[a-z0-9-]+\\.iam\\.gserviceaccount\\.com$", var.deployer_service_account_email))
    error_message = "deployer_service_account_email must be empty or a service account e-mail."
  }
}

variable "task_operator_members" {
  description = "IAM members (e.g. user:alice@example.com) allowed to impersonate the scheduler service account to run task functions by hand."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for m in var.task_operator_members : can(regex("^(user|group|serviceAccount):", m))])
    error_message = "Each task_operator_members entry must start with user:, group: or serviceAccount:."
  }
}

variable "labels" {
  description = "Extra labels added to every labelled resource."
  type        = map(string)
  default     = {}
}

variable "non_production_project_ids" {
  description = "Project ids of the non-production environments (development, staging). The Segregation of Environments check verifies production is none of them; it records an error while this is empty."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for p in var.non_production_project_ids : can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", p))])
    error_message = "Each non-production project id must be a valid Google Cloud project id."
  }
}

variable "data_residency" {
  description = "Where the data must stay: groups (EU) or exact Google Cloud locations (europe-west1, eur3). The Data Residency check compares the locations the deployment reports (Firestore, the buckets, the functions' region) with these; it records an error while this is empty."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for l in var.data_residency : can(regex("^[A-Za-z][A-Za-z0-9-]{1,30}$", l))])
    error_message = "Each entry must be a location group such as EU or a Google Cloud location such as europe-west1."
  }
}

variable "subprocessor_notice_days" {
  description = "GDPR Art. 28 notice: an admin schedules a change to the company's own subprocessors at least this many days ahead, so subscribers have that long to object."
  type        = number
  default     = 30

  validation {
    condition     = var.subprocessor_notice_days >= 1 && var.subprocessor_notice_days <= 365 && floor(var.subprocessor_notice_days) == var.subprocessor_notice_days
    error_message = "subprocessor_notice_days must be a whole number of days from 1 to 365."
  }
}

variable "cloudflare_ip_ranges" {
  description = "Cloudflare's edge addresses (https://www.cloudflare.com/ips/): the only sources the load balancer answers (Cloud Armor edge policy). Update when Cloudflare publishes new ranges."
  type        = list(string)
  default = [
    "173.245.48.0/20",
    "103.21.244.0/22",
    "103.22.200.0/22",
    "103.31.4.0/22",
    "141.101.64.0/18",
    "108.162.192.0/18",
    "190.93.240.0/20",
    "188.114.96.0/20",
    "197.234.240.0/22",
    "198.41.128.0/17",
    "162.158.0.0/15",
    "104.16.0.0/13",
    "104.24.0.0/14",
    "172.64.0.0/13",
    "131.0.72.0/22",
    "2400:cb00::/32",
    "2606:4700::/32",
    "2803:f800::/32",
    "2405:b500::/32",
    "2405:8100::/32",
    "2a06:98c0::/29",
    "2c0f:f248::/32",
  ]

  validation {
    condition     = length(var.cloudflare_ip_ranges) > 0 && alltrue([for r in var.cloudflare_ip_ranges : can(cidrhost(r, 0))])
    error_message = "cloudflare_ip_ranges must be a non-empty list of CIDR ranges."
  }
}

variable "source_retention_days" {
  description = "Days the source bucket keeps a replaced function source zip (noncurrent version) for rollback."
  type        = number
  default     = 180

  validation {
    condition     = var.source_retention_days >= 30 && var.source_retention_days <= 3650
    error_message = "source_retention_days must be between 30 and 3650."
  }
}
