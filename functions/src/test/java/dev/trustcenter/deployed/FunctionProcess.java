package dev.trustcenter.deployed;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One function in its own JVM, run by the Functions Framework invoker from the built jar with the
 * entry point and environment infra gives it, the way the Cloud Functions Java runtime runs it. Its
 * output goes to a log file, whose tail any failure quotes.
 */
final class FunctionProcess implements AutoCloseable {
  final String name;
  final URI url;
  final Path log;
  private final Process process;

  private FunctionProcess(String name, URI url, Path log, Process process) {
    this.name = name;
    this.url = url;
    this.log = log;
    this.process = process;
  }

  /**
   * A free loopback port for a function that starts later (its URL goes into other functions'
   * environment).
   */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * Starts {@code entryPoint} from {@code functionJar} on {@code port}; the environment is exactly
   * {@code env}.
   */
  static FunctionProcess start(
      String name,
      String entryPoint,
      int port,
      Path invokerJar,
      Path functionJar,
      Map<String, String> env,
      Path logDir)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                java,
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-jar",
                invokerJar.toString(),
                "--classpath",
                functionJar.toString(),
                "--target",
                entryPoint,
                "--port",
                Integer.toString(port)));
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return new FunctionProcess(name, URI.create("http://127.0.0.1:" + port), log, pb.start());
  }

  /** Waits until the invoker answers HTTP (it loads the function class before it listens). */
  void awaitReady(Duration timeout) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Instant until = Instant.now().plus(timeout);
    while (Instant.now().isBefore(until)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + ":\n" + tail());
      }
      try {
        http.send(
            HttpRequest.newBuilder(url.resolve("/__ready"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(2))
                .build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException(name + " did not start within " + timeout + ":\n" + tail());
  }

  /** The last lines of its log. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
