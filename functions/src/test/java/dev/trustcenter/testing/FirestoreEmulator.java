package dev.trustcenter.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;

/**
 * Google's Firestore emulator, started once per test JVM on a free loopback port and stopped by PID when the
 * JVM exits. Tests call {@link #get()} and {@link #reset()}.
 *
 * <p>The emulator jar ships with the Cloud SDK's {@code cloud-firestore-emulator} component; its path can be
 * overridden with {@code FIRESTORE_EMULATOR_JAR}. Without the jar the Firestore tests are skipped with a
 * visible message, except under {@code CI=true}, where a missing emulator fails them: in CI they must run.
 */
public final class FirestoreEmulator {
  private static final Logger LOG = Logger.getLogger(FirestoreEmulator.class.getName());
  public static final String PROJECT = "demo-trust-center-test";
  static final Path DEFAULT_JAR =
      Path.of("/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar");

  private static FirestoreEmulator instance;

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private FirestoreEmulator(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The running emulator, started on first call. */
  public static synchronized FirestoreEmulator get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  /** {@code 127.0.0.1:<port>}, the value for {@code FIRESTORE_EMULATOR_HOST}. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  /** Deletes every document of the test project. */
  public void reset() {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://" + hostPort() + "/emulator/v1/projects/" + PROJECT
                              + "/databases/(default)/documents"))
                  .DELETE()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("emulator reset answered " + r.statusCode());
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("emulator reset failed", e);
    }
  }

  private static FirestoreEmulator start() {
    String override = System.getenv("FIRESTORE_EMULATOR_JAR");
    Path jar = override == null || override.isBlank() ? DEFAULT_JAR : Path.of(override);
    if (!Files.isReadable(jar)) {
      String message = "Firestore emulator jar not found at " + jar + ": the Firestore tests cannot run";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(message + " (CI=true requires them)");
      }
      System.err.println("SKIPPED: " + message);
      Assumptions.abort(message);
    }
    int port = freePort();
    try {
      Path log = Files.createTempFile("firestore-emulator", ".log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p =
          new ProcessBuilder(
                  List.of(
                      java, "-Duser.language=en", "-Xmx512m", "-cp", jar.toString(),
                      "com.google.cloud.datastore.emulator.firestore.CloudFirestore", "start",
                      "--host=127.0.0.1", "--port=" + port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(p)));
      FirestoreEmulator emulator = new FirestoreEmulator(p, port);
      emulator.awaitReady(log);
      LOG.info("Firestore emulator pid " + p.pid() + " on port " + port);
      return emulator;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Firestore emulator", e);
    }
  }

  private void awaitReady(Path log) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the Firestore emulator exited: " + tail(log));
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://" + hostPort() + "/"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().trim().startsWith("Ok")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    stop(process);
    throw new IllegalStateException("the Firestore emulator did not become ready in 60 s: " + tail(log));
  }

  private static String tail(Path log) {
    try {
      String s = Files.readString(log);
      return s.substring(Math.max(0, s.length() - 2000));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void stop(Process p) {
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    try {
      if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
