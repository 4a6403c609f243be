package dev.trustcenter.secrets;

import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretVersionName;
import dev.trustcenter.config.Config;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Secrets from Google Secret Manager, read by version resource name from the configuration ({@code
 * CLOUDFLARE_API_TOKEN_SECRET=projects/P/secrets/S/versions/latest}). Each secret is read once per
 * instance and kept in memory: a rotated secret takes effect as instances are replaced (pin a
 * version number to control when). The client is created on first use.
 */
public final class SecretManagerSecrets implements SecretSource, AutoCloseable {
  private final Function<Secret, String> versions;
  private final ClientFactory clients;
  private final Map<Secret, String> cache = new ConcurrentHashMap<>();
  private SecretManagerServiceClient client;

  /** Creates the Secret Manager client; application default credentials. */
  @FunctionalInterface
  public interface ClientFactory {
    SecretManagerServiceClient create() throws IOException;
  }

  /** Secret Manager with the version names of {@code config}. */
  public SecretManagerSecrets(Config config) {
    this(config, SecretManagerServiceClient::create);
  }

  /**
   * @param clients creates the client on first use (tests pass a mock)
   */
  public SecretManagerSecrets(Config config, ClientFactory clients) {
    Objects.requireNonNull(config);
    this.versions =
        secret ->
            switch (secret) {
              case CLOUDFLARE_API_TOKEN -> config.cloudflare().apiTokenSecret();
              case SMTP_PASSWORD -> config.mail().passwordSecret();
            };
    this.clients = Objects.requireNonNull(clients);
  }

  @Override
  public String secret(Secret name) {
    String cached = cache.get(name);
    if (cached != null) {
      return cached;
    }
    String version = versions.apply(name);
    if (version == null) {
      throw new SecretUnavailableException(name.versionVariable() + " is not set", null);
    }
    if (!SecretVersionName.isParsableFrom(version)) {
      throw new SecretUnavailableException(
          name.versionVariable()
              + " must be a version resource name: projects/<project>/secrets/<secret>/versions/<version|latest>",
          null);
    }
    String value;
    try {
      AccessSecretVersionResponse response = client().accessSecretVersion(version);
      value = response.getPayload().getData().toStringUtf8();
    } catch (RuntimeException e) {
      // The SDK's message names the resource and the gRPC status, never the payload.
      throw new SecretUnavailableException(
          "cannot read "
              + name.versionVariable()
              + " ("
              + version
              + "): "
              + e.getClass().getSimpleName(),
          e);
    }
    if (value.isEmpty()) {
      throw new SecretUnavailableException(
          "the secret of " + name.versionVariable() + " is empty", null);
    }
    cache.put(name, value);
    return value;
  }

  private synchronized SecretManagerServiceClient client() {
    if (client == null) {
      try {
        client = clients.create();
      } catch (IOException e) {
        throw new SecretUnavailableException("cannot create the Secret Manager client", e);
      }
    }
    return client;
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
    }
  }
}
