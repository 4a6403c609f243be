package dev.trustcenter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
  @Test
  void theDeployShapedTestsStandInsAreRefusedWhereCloudRunRuns() {
    assertEquals(
        Path.of("/tmp/stand-ins"),
        Config.fromEnvironment(Map.of("TRUST_CENTER_STAND_INS", "/tmp/stand-ins"))
            .local()
            .standIns());
    assertNull(Config.fromEnvironment(Map.of()).local().standIns());
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                Config.forFunction(
                    DeployedFunction.TRUST_API,
                    Map.of(
                        "GOOGLE_CLOUD_PROJECT",
                        "p",
                        "DOCUMENTS_BUCKET",
                        "d",
                        "SITE_BASE_URL",
                        "https://trust.example.com",
                        "TRUST_CENTER_STAND_INS",
                        "/tmp/stand-ins",
                        "K_SERVICE",
                        "trust-api")));
    assertTrue(
        e.getMessage().contains("TRUST_CENTER_STAND_INS") && e.getMessage().contains("K_SERVICE"),
        e.getMessage());
  }

  @Test
  void defaultsNeedNoVariables() {
    Config c = Config.fromEnvironment(Map.of());
    assertEquals(8080, c.local().port());
    assertEquals(Path.of("./.trust-center"), c.local().dataDir());
    assertNull(c.local().devToken());
    assertEquals("(default)", c.store().database());
    assertEquals("https://accounts.google.com", c.auth().issuer());
    assertEquals(
        "https://cloud.google.com/terms/subprocessors", c.sync().googleCloudUrl().toString());
    assertFalse(c.cloudflare().apiBaseUrlSet());
    assertTrue(c.auth().adminEmails().isEmpty());
  }

  @Test
  void listsAreCommaSeparatedAndTrimmed() {
    Config c =
        Config.fromEnvironment(
            Map.of("ADMIN_EMAILS", " a@example.com, ,b@example.com ", "OIDC_AUDIENCE", "x"));
    assertEquals(List.of("a@example.com", "b@example.com"), c.auth().adminEmails());
    assertEquals(List.of("x"), c.auth().audiences());
  }

  @Test
  void malformedValuesFailNamingTheVariable() {
    assertEquals(
        "PORT must be a whole number, got \"http\"",
        assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("PORT", "http")))
            .getMessage());
    assertTrue(
        assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("PORT", "70000")))
            .getMessage()
            .startsWith("PORT must be between"));
    assertTrue(
        assertThrows(
                ConfigException.class,
                () -> Config.fromEnvironment(Map.of("SITE_BASE_URL", "trust.example.com")))
            .getMessage()
            .startsWith("SITE_BASE_URL must be an absolute http(s) URL"));
    assertTrue(
        assertThrows(
                ConfigException.class,
                () -> Config.fromEnvironment(Map.of("OIDC_JWKS_URL", "ftp://x/y")))
            .getMessage()
            .startsWith("OIDC_JWKS_URL"));
  }

  @Test
  void aShortDevTokenIsRefusedWithoutEchoingIt() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> Config.fromEnvironment(Map.of("TRUST_CENTER_DEV_TOKEN", "s3cr3t")));
    assertTrue(e.getMessage().startsWith("TRUST_CENTER_DEV_TOKEN"));
    assertFalse(e.getMessage().contains("s3cr3t"));
  }

  @Test
  void secretsNeverAppearInToString() {
    Config c =
        Config.fromEnvironment(
            Map.of(
                "CLOUDFLARE_API_TOKEN",
                "cf-token-value",
                "SMTP_PASSWORD",
                "smtp-pass-value",
                "TRUST_CENTER_DEV_TOKEN",
                "dev-token-value-0123456789"));
    assertFalse(c.toString().contains("dev-token-value"));
    assertFalse(c.toString().contains("cf-token-value"));
    assertFalse(c.toString().contains("smtp-pass-value"));
  }

  @Test
  void requireNamesAMissingVariable() {
    assertEquals(
        "SITE_BUCKET is required but not set",
        assertThrows(ConfigException.class, () -> Config.require(null, "SITE_BUCKET"))
            .getMessage());
    assertThrows(ConfigException.class, () -> Config.require(List.of(), "ADMIN_EMAILS"));
    assertEquals("b", Config.require("b", "X"));
  }
}
