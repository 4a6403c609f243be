# ---------------------------------------------------------------------------------------
# Site delivery, TLS end to end:
#   browser --TLS (Cloudflare edge cert)--> Cloudflare (ssl = strict)
#           --TLS (Google-managed cert for site_hostname)--> Google external Application
#           Load Balancer --> /api/* : trust-api (serverless NEG, prefix /api stripped)
#                                 else   : backend bucket (the site bucket)
# Only Cloudflare may reach the load balancer (Cloud Armor edge policy below), and trust-api
# accepts traffic only through the load balancer (ingress ALLOW_INTERNAL_AND_GCLB).
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

  depends_on = [google_project_service.enabled]
}

resource "google_certificate_manager_certificate_map" "site" {
  project     = var.project_id
  name        = "${var.name_prefix}-site-cert-map"
  description = "Certificates of the trust center site load balancer"

  depends_on = [google_project_service.enabled]
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
  # Only Cloudflare's addresses get past the load balancer's edge.
  edge_security_policy = google_compute_security_policy.cloudflare_only.id

  depends_on = [google_project_service.enabled]
}

# trust-api behind the load balancer: a serverless NEG pointing at the function's Cloud Run
# service (a 2nd gen function is one), in a backend service the URL map routes /api/* to.
resource "google_compute_region_network_endpoint_group" "trust_api" {
  project               = var.project_id
  name                  = "${var.name_prefix}-trust-api-neg"
  region                = var.region
  network_endpoint_type = "SERVERLESS"

  cloud_run {
    service = google_cloudfunctions2_function.function[local.public_api_function].name
  }
}

resource "google_compute_backend_service" "trust_api" {
  project               = var.project_id
  name                  = "${var.name_prefix}-trust-api-backend"
  description           = "trust-api (public JSON API, mailed links) under /api"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  protocol              = "HTTPS"
  enable_cdn            = false
  edge_security_policy  = google_compute_security_policy.cloudflare_only.id

  backend {
    group = google_compute_region_network_endpoint_group.trust_api.id
  }
}

# What answers which path on the site host: /api/* is trust-api with the /api prefix removed
# (its routes are /v1/..., the same function the local server mounts at /api; the code builds
# every API link as SITE_BASE_URL + "/api"); everything else is the site bucket.
resource "google_compute_url_map" "site" {
  project         = var.project_id
  name            = "${var.name_prefix}-site-url-map"
  default_service = google_compute_backend_bucket.site.id

  host_rule {
    hosts        = [var.site_hostname]
    path_matcher = "site"
  }

  path_matcher {
    name            = "site"
    default_service = google_compute_backend_bucket.site.id

    route_rules {
      priority = 1
      service  = google_compute_backend_service.trust_api.id

      match_rules {
        prefix_match = "${local.api_path}/"
      }

      route_action {
        url_rewrite {
          path_prefix_rewrite = "/"
        }
      }
    }
  }

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

# Cloud Armor edge policy: the load balancer answers only Cloudflare's addresses, so nobody
# reaches the origin around Cloudflare's TLS settings, headers, cache and DDoS protection.
# An edge rule matches at most 10 ranges, hence one rule per chunk of 10.
resource "google_compute_security_policy" "cloudflare_only" {
  project     = var.project_id
  name        = "${var.name_prefix}-cloudflare-only"
  description = "Allow only Cloudflare's edge to reach the trust center origin"
  type        = "CLOUD_ARMOR_EDGE"

  dynamic "rule" {
    for_each = chunklist(var.cloudflare_ip_ranges, 10)
    content {
      action      = "allow"
      priority    = 1000 + rule.key
      description = "Cloudflare ranges, part ${rule.key + 1}"

      match {
        versioned_expr = "SRC_IPS_V1"
        config {
          src_ip_ranges = rule.value
        }
      }
    }
  }

  rule {
    action      = "deny(403)"
    priority    = 2147483647
    description = "Everyone else"

    match {
      versioned_expr = "SRC_IPS_V1"
      config {
        src_ip_ranges = ["*"]
      }
    }
  }

  depends_on = [google_project_service.enabled]
}

resource "google_compute_ssl_policy" "site" {
  project         = var.project_id
  name            = "${var.name_prefix}-site-ssl-policy"
  profile         = "MODERN"
  min_tls_version = "TLS_1_2"

  depends_on = [google_project_service.enabled]
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
