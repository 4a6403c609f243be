package dev.trustcenter.controls;

import mockwebserver3.MockResponse;

/**
 * Cloudflare API v4 answers for {@code GET /zones/{id}/settings}, in the real envelope and setting
 * shapes.
 */
final class CloudflareZones {
  static final String ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";
  static final String TOKEN = "cfTok_controls_9Rk4Zx8Vb3Nm5Pd1Hs6Jf0Gt";

  private CloudflareZones() {}

  /** The zone's settings list (a realistic subset, with settings the check ignores). */
  static String settings(String ssl, String minTls, String alwaysHttps, boolean hsts, long maxAge) {
    return "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":["
        + setting("0rtt", "\"off\"")
        + ","
        + setting("always_use_https", "\"" + alwaysHttps + "\"")
        + ","
        + setting("automatic_https_rewrites", "\"on\"")
        + ","
        + setting("min_tls_version", "\"" + minTls + "\"")
        + ","
        + setting(
            "security_header",
            "{\"strict_transport_security\":{\"enabled\":"
                + hsts
                + ",\"max_age\":"
                + maxAge
                + ",\"include_subdomains\":true,\"preload\":false,\"nosniff\":true}}")
        + ","
        + setting("ssl", "\"" + ssl + "\"")
        + ","
        + setting("tls_1_3", "\"zrt\"")
        + "]}";
  }

  private static String setting(String id, String value) {
    return "{\"id\":\""
        + id
        + "\",\"value\":"
        + value
        + ",\"editable\":true,\"modified_on\":\"2025-03-01T12:00:00.000000Z\"}";
  }

  static MockResponse ok(String body) {
    return json(200, body);
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static String failure(int code, String message) {
    return "{\"success\":false,\"errors\":[{\"code\":"
        + code
        + ",\"message\":\""
        + message
        + "\"}],\"messages\":[],\"result\":null}";
  }
}
