package dev.trustcenter.controls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encryption-in-Transit, from the Cloudflare zone that serves the site (one {@code GET
 * /zones/{id}/settings}): passing iff SSL mode is Full (strict) (Cloudflare verifies the origin's
 * certificate), the minimum TLS version is at least 1.2, HTTP is always redirected to HTTPS, and
 * HSTS is sent with a positive max-age. A max-age of 0 tells browsers to forget HSTS, so it does
 * not count as enabled.
 */
public final class EncryptionInTransitCheck extends AutomatedCheck {
  public static final String ID = "cloudflare-zone-tls";
  public static final String CONTROL_ID = "encryption-in-transit";

  private final EdgeTls edge;
  private final String zoneId;

  /**
   * @param zoneId {@code CLOUDFLARE_ZONE_ID}; null: the check records an error
   */
  public EncryptionInTransitCheck(EdgeTls edge, String zoneId) {
    super(
        ID,
        CONTROL_ID,
        true); // anyone can observe these settings from outside; showing them costs nothing
    this.edge = edge;
    this.zoneId = zoneId;
  }

  @Override
  public Finding run() {
    if (zoneId == null) {
      return Finding.notConfigured("CLOUDFLARE_ZONE_ID");
    }
    EdgeTls.Settings settings = edge.read(zoneId);
    String ssl = settings.ssl();
    String minTls = settings.minTlsVersion();
    String alwaysHttps = settings.alwaysUseHttps();

    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("ssl", ssl);
    evidence.put("min_tls_version", minTls);
    evidence.put("always_use_https", alwaysHttps);
    evidence.put("hsts_enabled", settings.hstsEnabled());
    evidence.put("hsts_max_age", settings.hstsMaxAge());

    List<String> problems = new ArrayList<>();
    if (!"strict".equals(ssl)) {
      problems.add("ssl is " + quoted(ssl) + ", expected \"strict\" (Full (strict))");
    }
    if (!atLeast(minTls, 1, 2)) {
      problems.add("min_tls_version is " + quoted(minTls) + ", expected 1.2 or higher");
    }
    if (!"on".equals(alwaysHttps)) {
      problems.add("always_use_https is " + quoted(alwaysHttps) + ", expected \"on\"");
    }
    if (!settings.hstsEnabled()) {
      problems.add("HSTS is not enabled in security_header");
    } else if (settings.hstsMaxAge() <= 0) {
      problems.add(
          "HSTS max_age is " + settings.hstsMaxAge() + ", expected a positive number of seconds");
    }
    return Finding.judge(evidence, problems);
  }

  private static String quoted(String value) {
    return value == null ? "missing" : "\"" + value + "\"";
  }

  /**
   * Whether a dotted version ({@code "1.2"}, {@code "1.10"}) is at least {@code major.minor},
   * compared part by part as numbers: {@code "1.10"} is above {@code "1.2"}. Unreadable versions
   * are not.
   */
  static boolean atLeast(String version, int major, int minor) {
    if (version == null || !version.matches("\\d{1,4}(\\.\\d{1,4})*")) {
      return false;
    }
    String[] parts = version.split("\\.");
    int ma = Integer.parseInt(parts[0]);
    int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    return ma != major ? ma > major : mi >= minor;
  }
}
