package dev.trustcenter.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.content.ContentRepository;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local server as a user runs it: a separate process started with its main class. */
@IntegrationTest
class LocalServerTest {
  @TempDir Path dataDir;

  private Process launch(int port, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    LocalServer.class.getName()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("PORT", Integer.toString(port));
    pb.environment().put("TRUST_CENTER_DATA_DIR", dataDir.toString());
    pb.environment().remove("TRUST_CENTER_DEV_TOKEN");
    pb.environment().remove("FIRESTORE_EMULATOR_HOST");
    return pb.start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static HttpResponse<String> awaitUp(int port, Process p) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && p.isAlive()) {
      try {
        return client.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/trust-center?lang=en"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError("the server did not come up");
  }

  @Test
  void startsServesPrintsATokenAndStopsCleanlyOnSigterm() throws Exception {
    int port = freePort();
    Path log = dataDir.resolve("out.log");
    Process p = launch(port, log);
    try {
      assertEquals(200, awaitUp(port, p).statusCode());
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(20, TimeUnit.SECONDS), "exits after SIGTERM");
    } finally {
      p.destroyForcibly();
    }
    String out = Files.readString(log);
    assertTrue(out.contains("Trust center running at http://localhost:" + port), out);
    assertTrue(out.contains("dev token for /admin and /tasks (generated"), out);
    assertTrue(out.contains("GET /api/v1/trust-center 200"), "one log line per request: " + out);
    // The store lock was released: the data directory opens again.
    try (FileDocumentStore store = FileDocumentStore.open(dataDir)) {
      assertTrue(ContentRepository.exists(store));
    }
  }

  @Test
  void aTakenPortIsAClearErrorAndANonZeroExit() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      Path log = dataDir.resolve("out.log");
      Process p = launch(taken.getLocalPort(), log);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertNotEquals(0, p.exitValue());
      assertTrue(
          Files.readString(log).contains("port " + taken.getLocalPort() + " is already in use"),
          Files.readString(log));
    }
  }

  @Test
  void theSeedIsWrittenOnceAndSurvivesRestarts() throws Exception {
    String firstGenerated;
    try (LocalServerFixture server = LocalServerFixture.start(dataDir)) {
      firstGenerated = server.get("/api/v1/trust-center?lang=en").body();
    }
    try (LocalServerFixture server = LocalServerFixture.start(dataDir)) {
      assertEquals(
          firstGenerated, server.get("/api/v1/trust-center?lang=en").body(), "not seeded again");
    }
  }
}
