# ---------------------------------------------------------------------------------------
# The admin console: trust-admin behind the site's HTTPS load balancer and Identity-Aware
# Proxy, on its own host name:
#   browser --TLS (Google-managed cert for admin_hostname)--> load balancer
#           --> IAP (Google sign-in; only var.admin_emails pass)
#           --> serverless NEG --> trust-admin, which verifies IAP's signed header itself
#               (x-goog-iap-jwt-assertion, audience IAP_AUDIENCE) before anything else.
# The admin host is DNS-only in Cloudflare (not proxied): the site's cache rules cache
# everything on the site host, and admin pages must never sit in a shared cache.
# The function URL keeps working for scripts with ID tokens (README "Admin API").
# ---------------------------------------------------------------------------------------

variable "admin_hostname" {
  description = "Host name of the admin console (IAP-protected), inside the Cloudflare zone, e.g. trust-admin.example.com. The console is at https://<admin_hostname>/admin/."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.admin_hostname))
    error_message = "admin_hostname must be a lowercase fully qualified host name without scheme or path, e.g. trust-admin.example.com."
  }
}

data "google_project" "admin" {
  project_id = var.project_id
}

locals {
  # The audience of IAP's signed header: /projects/NUMBER/global/backendServices/ID.
  admin_iap_audience = "/projects/${data.google_project.admin.number}/global/backendServices/${google_compute_backend_service.admin.generated_id}"
  iap_service_agent  = "service-${data.google_project.admin.number}@gcp-sa-iap.iam.gserviceaccount.com"
}

# The gen 2 function's Cloud Run service has the function's name. It is named here, not
# read from the function resource, so that trust-admin's IAP_AUDIENCE (which needs this
# backend's id) creates no dependency cycle.
resource "google_compute_region_network_endpoint_group" "admin" {
  project               = var.project_id
  name                  = "${var.name_prefix}-admin-neg"
  region                = var.region
  network_endpoint_type = "SERVERLESS"

  cloud_run {
    service = "trust-admin"
  }

  depends_on = [google_project_service.enabled]
}

resource "google_compute_backend_service" "admin" {
  project               = var.project_id
  name                  = "${var.name_prefix}-admin-backend"
  description           = "trust-admin behind Identity-Aware Proxy"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  protocol              = "HTTPS"

  backend {
    group = google_compute_region_network_endpoint_group.admin.id
  }

  # Google-managed OAuth client; who may pass is granted below.
  iap {
    enabled = true
  }

  log_config {
    enable = true
  }

  depends_on = [google_project_service.enabled]
}

# The admins, as IAP users (the same list as ADMIN_EMAILS, which the function checks again).
resource "google_iap_web_backend_service_iam_member" "admin" {
  for_each = toset(var.admin_emails)

  project             = var.project_id
  web_backend_service = google_compute_backend_service.admin.name
  role                = "roles/iap.httpsResourceAccessor"
  member              = "user:${each.value}"
}

# IAP calls the function with its own service agent's identity.
resource "google_cloud_run_service_iam_member" "admin_iap_invoker" {
  project  = var.project_id
  location = var.region
  service  = google_cloudfunctions2_function.function["trust-admin"].name
  role     = "roles/run.invoker"
  member   = "serviceAccount:${local.iap_service_agent}"

  depends_on = [google_project_service.enabled]
}

# TLS for the admin host, authorised by DNS like the site's certificate (infra/site.tf).
resource "google_certificate_manager_dns_authorization" "admin" {
  project     = var.project_id
  name        = "${var.name_prefix}-admin-dns-auth"
  description = "DNS authorization for ${var.admin_hostname}"
  domain      = var.admin_hostname

  depends_on = [google_project_service.enabled]
}

resource "google_certificate_manager_certificate" "admin" {
  project     = var.project_id
  name        = "${var.name_prefix}-admin-cert"
  description = "Google-managed certificate for ${var.admin_hostname}"

  managed {
    domains            = [var.admin_hostname]
    dns_authorizations = [google_certificate_manager_dns_authorization.admin.id]
  }
}

resource "google_certificate_manager_certificate_map_entry" "admin" {
  project      = var.project_id
  name         = "${var.name_prefix}-admin-cert-map-entry"
  map          = google_certificate_manager_certificate_map.site.name
  hostname     = var.admin_hostname
  certificates = [google_certificate_manager_certificate.admin.id]
}

resource "cloudflare_record" "admin" {
  zone_id = var.cloudflare_zone_id
  name    = var.admin_hostname
  type    = "A"
  content = google_compute_global_address.site.address
  proxied = false
  ttl     = 300
  comment = "Trust center admin console (load balancer + IAP, managed by Terraform); DNS only, never cached"
}

resource "cloudflare_record" "admin_cert_authorization" {
  zone_id = var.cloudflare_zone_id
  name    = trimsuffix(google_certificate_manager_dns_authorization.admin.dns_resource_record[0].name, ".")
  type    = google_certificate_manager_dns_authorization.admin.dns_resource_record[0].type
  content = trimsuffix(google_certificate_manager_dns_authorization.admin.dns_resource_record[0].data, ".")
  proxied = false
  ttl     = 300
  comment = "Google Certificate Manager DNS authorization for ${var.admin_hostname}"
}

output "admin_console_url" {
  description = "The admin console, behind Identity-Aware Proxy."
  value       = "https://${var.admin_hostname}/admin/"
}
