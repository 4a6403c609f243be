# ---------------------------------------------------------------------------------------
# Site delivery, TLS end to end:
#   browser --TLS (Cloudflare edge cert)--> Cloudflare (ssl = strict)
#           --TLS (Google-managed cert for site_hostname)--> Google external Application
#           Load Balancer --> backend bucket (the site bucket)
# Cloudflare validates the origin certificate against site_hostname ("Full (strict)"),
# which works because the load balancer presents a certificate for exactly that name.
# The certificate is authorised by DNS (a CNAME in the Cloudflare zone), so it is issued
# while the host is proxied by Cloudflare. See README "Site delivery" for the trade-offs.
# ---------------------------------------------------------------------------------------

resource "google_certificate_manager_dns_authorization" "site" {
  project     = var.project_id
  name        = "${var.name_prefix}-site-dns-auth"
  description = "DNS authorization for ${var.site_hostname}"
  domain      = var.site_hostname

  depends_on = [google_project_service.enabled]
}

resource "google_certificate_manager_certificate" "site" {
  project     = var.project_id
  name        = "${var.name_prefix}-site-cert"
  description = "Google-managed certificate for ${var.site_hostname}"

  managed {
    domains            = [var.site_hostname]
    dns_authorizations = [google_certificate_manager_dns_authorization.site.id]
  }
}

resource "google_certificate_manager_certificate_map" "site" {
  project     = var.project_id
  name        = "${var.name_prefix}-site-cert-map"
  description = "Certificates of the trust center site load balancer"
}

resource "google_certificate_manager_certificate_map_entry" "site" {
  project      = var.project_id
  name         = "${var.name_prefix}-site-cert-map-entry"
  map          = google_certificate_manager_certificate_map.site.name
  hostname     = var.site_hostname
  certificates = [google_certificate_manager_certificate.site.id]
}

resource "google_compute_backend_bucket" "site" {
  project     = var.project_id
  name        = "${var.name_prefix}-site-backend"
  description = "Trust center static site"
  bucket_name = google_storage_bucket.site.name
  # Cloudflare is the CDN; Cloud CDN would be a second, separately purged cache.
  enable_cdn = false

  depends_on = [google_project_service.enabled]
}

resource "google_compute_url_map" "site" {
  project         = var.project_id
  name            = "${var.name_prefix}-site-url-map"
  default_service = google_compute_backend_bucket.site.id

  # The admin host goes to trust-admin behind IAP (infra/admin.tf).
  host_rule {
    hosts        = [var.admin_hostname]
    path_matcher = "admin"
  }

  path_matcher {
    name            = "admin"
    default_service = google_compute_backend_service.admin.id
  }
}

resource "google_compute_ssl_policy" "site" {
  project         = var.project_id
  name            = "${var.name_prefix}-site-ssl-policy"
  profile         = "MODERN"
  min_tls_version = "TLS_1_2"
}

resource "google_compute_target_https_proxy" "site" {
  project         = var.project_id
  name            = "${var.name_prefix}-site-https-proxy"
  url_map         = google_compute_url_map.site.id
  certificate_map = "//certificatemanager.googleapis.com/${google_certificate_manager_certificate_map.site.id}"
  ssl_policy      = google_compute_ssl_policy.site.id

  depends_on = [google_certificate_manager_certificate_map_entry.site]
}

resource "google_compute_global_address" "site" {
  project = var.project_id
  name    = "${var.name_prefix}-site-ip"

  depends_on = [google_project_service.enabled]
}

# HTTPS only: Cloudflare always connects on 443 (ssl = strict); there is no port-80 rule.
resource "google_compute_global_forwarding_rule" "site_https" {
  project               = var.project_id
  name                  = "${var.name_prefix}-site-https"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  ip_protocol           = "TCP"
  port_range            = "443"
  ip_address            = google_compute_global_address.site.id
  target                = google_compute_target_https_proxy.site.id
}
