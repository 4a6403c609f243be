package dev.trustcenter.secrets;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.trustcenter.config.Config;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The environment adapter of the local run. */
class ConfiguredSecretsTest extends SecretSourceContract {
  private final Config config =
      Config.fromEnvironment(Map.of("CLOUDFLARE_API_TOKEN", CLOUDFLARE_TOKEN));
  private final ConfiguredSecrets source = new ConfiguredSecrets(config);

  @Override
  protected SecretSource source() {
    return source;
  }

  @Test
  void theConfigurationsDescription_hidesTheValues() {
    assertFalse(config.toString().contains(CLOUDFLARE_TOKEN));
  }
}
