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
 * Google's Firestore emulator, started once per test JVM on a free loopback port and stopped by PID
 * when the JVM exits. Tests call {@link #get()} and {@link #reset()}.
 *
 * <p>The emulator jar ships with the Cloud SDK's {@code cloud-firestore-emulator} component; its
 * path can be overridden with {@code FIRESTORE_EMULATOR_JAR}. Where the jar is missing, the npm
 * package {@code @firestore-emulator/server} stands in (installed into {@code target/} on first
 * use): it has basic CRUD, queries, batches and simple transactions, but silently wrong
 * preconditions and transaction isolation and no REST API, so tests that need those call {@link
 * #requireFull} and are skipped there, with a visible message. Without either emulator the
 * Firestore tests are skipped, except under {@code CI=true}, where that fails them.
 */
public final class FirestoreEmulator {
  private static final Logger LOG = Logger.getLogger(FirestoreEmulator.class.getName());
  public static final String PROJECT = "demo-trust-center-test";
  static final Path DEFAULT_JAR =
      Path.of(
          "/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar");

  private static FirestoreEmulator instance;

  static final String NPM_PACKAGE = "@firestore-emulator/server@0.3.15";

  private Process process;
  private final int port;
  private final boolean google;
  private final HttpClient http = HttpClient.newHttpClient();

  private FirestoreEmulator(Process process, int port, boolean google) {
    this.process = process;
    this.port = port;
    this.google = google;
  }

  /** Whether this is Google's emulator (true) or the npm stand-in (false). */
  public boolean isGoogle() {
    return google;
  }

  /** Skips the calling test, visibly, on the npm stand-in, which lacks {@code feature}. */
  public void requireFull(String feature) {
    if (!google) {
      String message = "needs Google's Firestore emulator (" + feature + "), not the npm stand-in";
      System.err.println("SKIPPED: " + message);
      Assumptions.abort(message);
    }
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
    if (!google) {
      // The stand-in has no reset endpoint: start it again, empty, on the same port.
      stop(process);
      process = startNpm(port);
      return;
    }
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://"
                              + hostPort()
                              + "/emulator/v1/projects/"
                              + PROJECT
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
    int port = freePort();
    if (!Files.isReadable(jar)) {
      System.err.println(
          "Firestore emulator jar not found at "
              + jar
              + "; trying the npm stand-in "
              + NPM_PACKAGE);
      try {
        FirestoreEmulator standIn = new FirestoreEmulator(startNpm(port), port, false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(standIn.process)));
        return standIn;
      } catch (RuntimeException e) {
        String message =
            "no Firestore emulator: the jar is missing and the npm stand-in failed ("
                + e.getMessage()
                + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          throw new IllegalStateException(message + "; CI=true requires the Firestore tests");
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
      }
    }
    try {
      Path log = Files.createTempFile("firestore-emulator", ".log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p =
          new ProcessBuilder(
                  List.of(
                      java,
                      "-Duser.language=en",
                      "-Xmx512m",
                      "-cp",
                      jar.toString(),
                      "com.google.cloud.datastore.emulator.firestore.CloudFirestore",
                      "start",
                      "--host=127.0.0.1",
                      "--port=" + port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(p)));
      FirestoreEmulator emulator = new FirestoreEmulator(p, port, true);
      emulator.awaitReady(log);
      LOG.info("Firestore emulator pid " + p.pid() + " on port " + port);
      return emulator;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Firestore emulator", e);
    }
  }

  /**
   * Starts the npm stand-in on {@code port} (installing it into target/ first if needed) and waits
   * for it.
   */
  private static Process startNpm(int port) {
    Path dir = Path.of("target", "firestore-emulator-npm").toAbsolutePath();
    try {
      Files.createDirectories(dir);
      if (!Files.isDirectory(dir.resolve("node_modules/@firestore-emulator/server"))) {
        Process install =
            new ProcessBuilder(
                    "npm",
                    "install",
                    "--prefix",
                    dir.toString(),
                    "--no-audit",
                    "--no-fund",
                    "--silent",
                    NPM_PACKAGE)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("install.log").toFile())
                .start();
        if (!install.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)
            || install.exitValue() != 0) {
          install.destroyForcibly();
          throw new IllegalStateException(
              "npm install " + NPM_PACKAGE + " failed: " + tail(dir.resolve("install.log")));
        }
      }
      // The package binds 0.0.0.0; bind its gRPC server to loopback ourselves.
      Files.writeString(
          dir.resolve("start.js"),
          "const { FirestoreServer } = require('@firestore-emulator/server');\n"
              + "const grpc = require('@grpc/grpc-js');\n"
              + "const s = new FirestoreServer();\n"
              + "s.server.bindAsync('127.0.0.1:' + process.argv[2], grpc.ServerCredentials.createInsecure(), (err) => {\n"
              + "  if (err) { console.error(err); process.exit(1); }\n"
              + "  console.log('ready');\n"
              + "});\n");
      Path log = dir.resolve("server-" + port + ".log");
      Process p =
          new ProcessBuilder("node", "start.js", Integer.toString(port))
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          throw new IllegalStateException("the npm stand-in exited: " + tail(log));
        }
        if (Files.readString(log).contains("ready")) {
          return p;
        }
        Thread.sleep(50);
      }
      stop(p);
      throw new IllegalStateException("the npm stand-in did not start in 30 s: " + tail(log));
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the npm stand-in: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
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
    throw new IllegalStateException(
        "the Firestore emulator did not become ready in 60 s: " + tail(log));
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
