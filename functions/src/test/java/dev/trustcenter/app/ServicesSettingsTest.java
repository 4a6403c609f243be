package dev.trustcenter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trustcenter.config.Config;
import dev.trustcenter.controls.Checks;
import dev.trustcenter.subprocessors.Vendor;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The composition root reads the configuration for the capabilities: each variable reaches the
 * value the controls and subprocessors packages are given.
 */
class ServicesSettingsTest {
  @Test
  void eachCheckSettingComesFromItsOwnVariable() {
    Config config =
        Config.fromEnvironment(
            Map.of(
                "CLOUDFLARE_ZONE_ID", "zone-1",
                "ARCHIVE_BUCKET", "tc-archive",
                "DOCUMENTS_BUCKET", "tc-documents",
                "SITE_BUCKET", "tc-site",
                "GOOGLE_CLOUD_PROJECT", "tc-prod",
                "NON_PRODUCTION_PROJECTS", "tc-dev, tc-staging",
                "DATA_RESIDENCY", "EU"));

    assertEquals(
        new Checks.Settings(
            "zone-1",
            "tc-archive",
            "tc-documents",
            "tc-site",
            "tc-prod",
            List.of("tc-dev", "tc-staging"),
            List.of("EU")),
        Services.checkSettings(config));
  }

  @Test
  void withNothingSetTheCheckSettingsAreMissingNotInvented() {
    assertEquals(
        new Checks.Settings(null, null, null, null, null, List.of(), List.of()),
        Services.checkSettings(Config.fromEnvironment(Map.of())));
  }

  @Test
  void eachVendorIsReadFromItsOwnPageVariable() {
    Config config =
        Config.fromEnvironment(
            Map.of(
                "GCP_SUBPROCESSORS_URL", "https://gcp.example/subprocessors",
                "CLOUDFLARE_SUBPROCESSORS_URL", "https://cf.example/subprocessors"));

    List<Vendor> vendors = Services.vendors(config);

    assertEquals(List.of("google-cloud", "cloudflare"), vendors.stream().map(Vendor::id).toList());
    assertEquals(URI.create("https://gcp.example/subprocessors"), vendors.get(0).url());
    assertEquals(URI.create("https://cf.example/subprocessors"), vendors.get(1).url());
  }
}
