package dev.trustcenter.testing;

import dev.trustcenter.app.Services;
import dev.trustcenter.config.Config;
import dev.trustcenter.local.LocalServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A local server on a free port with its own data directory, and a client for it. */
public final class LocalServerFixture implements AutoCloseable {
  public static final String DEV_TOKEN = "test-dev-token-0123456789abcdef";

  private final LocalServer server;
  private final Services services;
  private final HttpClient client = HttpClient.newHttpClient();

  private LocalServerFixture(LocalServer server, Services services) {
    this.server = server;
    this.services = services;
  }

  /** Starts a server on {@code dataDir} with extra environment variables. */
  public static LocalServerFixture start(Path dataDir, Map<String, String> extraEnv)
      throws IOException {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("PORT", "0");
    env.put("TRUST_CENTER_DATA_DIR", dataDir.toString());
    env.putIfAbsent("TRUST_CENTER_DEV_TOKEN", DEV_TOKEN);
    Config config = Config.fromEnvironment(env);
    Services services = Services.local(config);
    return new LocalServerFixture(LocalServer.start(config, services), services);
  }

  /**
   * Starts a server on the embedded store in {@code dataDir} whose services read {@code clock},
   * with extra environment variables, on a free port chosen before it starts (so links built from
   * {@code PORT}, in mails for instance, reach it).
   */
  public static LocalServerFixture start(
      Path dataDir, Map<String, String> extraEnv, java.time.Clock clock) throws IOException {
    Map<String, String> env = new HashMap<>(extraEnv);
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      env.put("PORT", Integer.toString(s.getLocalPort()));
    }
    env.put("TRUST_CENTER_DATA_DIR", dataDir.toString());
    env.putIfAbsent("TRUST_CENTER_DEV_TOKEN", DEV_TOKEN);
    Config config = Config.fromEnvironment(env);
    Services services =
        new Services(
            config,
            dev.trustcenter.filestore.FileDocumentStore.open(dataDir),
            clock,
            env.get("TRUST_CENTER_DEV_TOKEN"));
    return new LocalServerFixture(LocalServer.start(config, services), services);
  }

  /** The environment that sends mail to a test SMTP server (GreenMail) on {@code port}. */
  public static Map<String, String> smtp(int port) {
    return Map.of(
        "SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(port), "MAIL_FROM", MAIL_FROM);
  }

  /** The sender of the mails of {@link #smtp}. */
  public static final String MAIL_FROM = "trust@empresa.example";

  public static LocalServerFixture start(Path dataDir) throws IOException {
    return start(dataDir, Map.of());
  }

  public Services services() {
    return services;
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  public int port() {
    return server.port();
  }

  /** Sends a request built on {@code uri(path)}. */
  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)));
  }

  @Override
  public void close() {
    server.close();
  }
}
