# ---------------------------------------------------------------------------------------
# Cloudflare (provider v4 schemas). Every rule is scoped to site_hostname so other hosts in
# the zone are untouched. Each zone phase has ONE entry-point ruleset: if the zone already
# has cache or response-header rules made in the dashboard, import that ruleset first
# (README, "Troubleshooting").
# ---------------------------------------------------------------------------------------

locals {
  host_expr = "(http.host eq \"${var.site_hostname}\")"
  # trust-api under /api/ (site.tf): never cached at the edge (personal links, POSTs, its own
  # Cache-Control), and its own Cache-Control is kept.
  api_expr = "starts_with(http.request.uri.path, \"${local.api_path}/\")"

  hsts_max_age = 31536000
  hsts_value   = "max-age=31536000; includeSubDomains"

  security_headers = {
    "Content-Security-Policy"   = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    "X-Content-Type-Options"    = "nosniff"
    "Referrer-Policy"           = "strict-origin-when-cross-origin"
    "Permissions-Policy"        = "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), sync-xhr=(), usb=(), xr-spatial-tracking=(), interest-cohort=()"
    "Strict-Transport-Security" = local.hsts_value
    "X-Frame-Options"           = "DENY"
  }
}

# The trust center host: proxied A record to the load balancer's address.
resource "cloudflare_record" "site" {
  zone_id = var.cloudflare_zone_id
  name    = var.site_hostname
  type    = "A"
  content = google_compute_global_address.site.address
  proxied = true
  ttl     = 1 # "automatic", required for proxied records
  comment = "Trust center site (Google load balancer, managed by Terraform)"
}

# DNS authorization for the Google-managed origin certificate. Must NOT be proxied.
resource "cloudflare_record" "site_cert_authorization" {
  zone_id = var.cloudflare_zone_id
  name    = trimsuffix(google_certificate_manager_dns_authorization.site.dns_resource_record[0].name, ".")
  type    = google_certificate_manager_dns_authorization.site.dns_resource_record[0].type
  content = trimsuffix(google_certificate_manager_dns_authorization.site.dns_resource_record[0].data, ".")
  proxied = false
  ttl     = 300
  comment = "Google Certificate Manager DNS authorization for ${var.site_hostname}"
}

# Zone settings the control checks verify. Note: these apply to the WHOLE zone.
resource "cloudflare_zone_settings_override" "zone" {
  zone_id = var.cloudflare_zone_id

  settings {
    ssl                      = "strict"
    min_tls_version          = "1.2"
    tls_1_3                  = "on"
    always_use_https         = "on"
    automatic_https_rewrites = "on"

    security_header {
      enabled            = true
      max_age            = local.hsts_max_age
      include_subdomains = true
      preload            = false
      nosniff            = true
    }
  }
}

# Cache rules. Edge TTLs are overridden here; publish-site purges the cache after each
# publish, so HTML can stay at the edge for minutes while browsers always revalidate
# (their Cache-Control comes from the response-header rules below).
resource "cloudflare_ruleset" "cache" {
  zone_id     = var.cloudflare_zone_id
  name        = "Trust center cache rules"
  description = "Cache settings for ${var.site_hostname}"
  kind        = "zone"
  phase       = "http_request_cache_settings"

  rules {
    ref         = "trust_center_assets"
    description = "Fingerprinted assets: cache for a year"
    expression  = "${local.host_expr} and starts_with(http.request.uri.path, \"/assets/\")"
    action      = "set_cache_settings"
    enabled     = true

    action_parameters {
      cache = true

      edge_ttl {
        mode    = "override_origin"
        default = 31536000
      }

      browser_ttl {
        mode = "respect_origin"
      }
    }
  }

  rules {
    ref         = "trust_center_api"
    description = "trust-api under /api/: never cached at the edge"
    expression  = "${local.host_expr} and ${local.api_expr}"
    action      = "set_cache_settings"
    enabled     = true

    action_parameters {
      cache = false
    }
  }

  rules {
    ref         = "trust_center_pages"
    description = "HTML and everything else: short edge TTL, purged on publish"
    expression  = "${local.host_expr} and not starts_with(http.request.uri.path, \"/assets/\") and not ${local.api_expr}"
    action      = "set_cache_settings"
    enabled     = true

    action_parameters {
      cache = true

      edge_ttl {
        mode    = "override_origin"
        default = 300
      }

      browser_ttl {
        mode = "respect_origin"
      }

      serve_stale {
        disable_stale_while_updating = false
      }
    }
  }
}

# Security and browser-cache headers on every response of the site host.
resource "cloudflare_ruleset" "response_headers" {
  zone_id     = var.cloudflare_zone_id
  name        = "Trust center response headers"
  description = "Security headers for ${var.site_hostname}"
  kind        = "zone"
  phase       = "http_response_headers_transform"

  rules {
    ref         = "trust_center_security_headers"
    description = "CSP, nosniff, referrer, permissions, HSTS, frame options"
    expression  = local.host_expr
    action      = "rewrite"
    enabled     = true

    action_parameters {
      dynamic "headers" {
        for_each = local.security_headers
        content {
          name      = headers.key
          operation = "set"
          value     = headers.value
        }
      }
    }
  }

  rules {
    ref         = "trust_center_assets_cache_control"
    description = "Fingerprinted assets are immutable"
    expression  = "${local.host_expr} and starts_with(http.request.uri.path, \"/assets/\")"
    action      = "rewrite"
    enabled     = true

    action_parameters {
      headers {
        name      = "Cache-Control"
        operation = "set"
        value     = "public, max-age=31536000, immutable"
      }
    }
  }

  rules {
    ref         = "trust_center_pages_cache_control"
    description = "Pages: browsers revalidate every time (trust-api sets its own)"
    expression  = "${local.host_expr} and not starts_with(http.request.uri.path, \"/assets/\") and not ${local.api_expr}"
    action      = "rewrite"
    enabled     = true

    action_parameters {
      headers {
        name      = "Cache-Control"
        operation = "set"
        value     = "public, max-age=0, must-revalidate"
      }
    }
  }
}
