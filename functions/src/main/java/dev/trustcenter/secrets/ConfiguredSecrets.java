package dev.trustcenter.secrets;

import dev.trustcenter.config.Config;
import java.util.Objects;

/**
 * Secrets given directly in the configuration ({@code CLOUDFLARE_API_TOKEN}, {@code
 * SMTP_PASSWORD}): for the local run, where there is no Secret Manager.
 */
public final class ConfiguredSecrets implements SecretSource {
  private final Config config;

  public ConfiguredSecrets(Config config) {
    this.config = Objects.requireNonNull(config);
  }

  @Override
  public String secret(Secret name) {
    String value =
        switch (name) {
          case CLOUDFLARE_API_TOKEN -> config.cloudflare().apiToken();
          case SMTP_PASSWORD -> config.mail().password();
        };
    if (value == null) {
      throw new SecretUnavailableException(name.valueVariable() + " is not set", null);
    }
    return value;
  }
}
