package dev.trustcenter.controls;

/**
 * Port: how the CDN in front of the site serves it over TLS. The Cloudflare adapter reads a zone's
 * settings in one call ({@code cloudflare.CloudflareEdgeTls}).
 */
@FunctionalInterface
public interface EdgeTls {
  /**
   * The zone's TLS settings as the CDN reports them.
   *
   * @throws RuntimeException when the CDN cannot be read (the check records an error)
   */
  Settings read(String zoneId);

  /**
   * @param ssl the origin encryption mode ({@code "strict"} for Full (strict)); null when missing
   * @param minTlsVersion the lowest TLS version served ({@code "1.2"}); null when missing
   * @param alwaysUseHttps {@code "on"} or {@code "off"}; null when missing
   * @param hstsEnabled whether HSTS is sent
   * @param hstsMaxAge HSTS max-age in seconds (0 when not sent)
   */
  record Settings(
      String ssl,
      String minTlsVersion,
      String alwaysUseHttps,
      boolean hstsEnabled,
      long hstsMaxAge) {}
}
