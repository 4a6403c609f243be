package dev.trustcenter.cloudflare;

import dev.trustcenter.controls.EdgeTls;
import java.util.Map;
import java.util.Optional;

/** {@link EdgeTls} from one {@code GET /zones/{id}/settings}. */
public final class CloudflareEdgeTls implements EdgeTls {
  private final CloudflareClient client;

  public CloudflareEdgeTls(CloudflareClient client) {
    this.client = client;
  }

  @Override
  public Settings read(String zoneId) {
    Map<String, ZoneSetting> settings = client.zoneSettings(zoneId);
    Optional<StrictTransportSecurity> hsts =
        Optional.ofNullable(settings.get("security_header"))
            .flatMap(ZoneSetting::strictTransportSecurity);
    return new Settings(
        text(settings, "ssl"),
        text(settings, "min_tls_version"),
        text(settings, "always_use_https"),
        hsts.map(StrictTransportSecurity::enabled).orElse(false),
        hsts.map(StrictTransportSecurity::maxAge).orElse(0L));
  }

  private static String text(Map<String, ZoneSetting> settings, String id) {
    ZoneSetting s = settings.get(id);
    return s == null ? null : s.stringValue().orElse(null);
  }
}
