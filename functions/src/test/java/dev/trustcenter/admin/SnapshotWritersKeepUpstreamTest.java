package dev.trustcenter.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.PublicSnapshot;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every writer of the public snapshot keeps the synced lists' summaries in it: a recorded check
 * result and an admin's content change once rewrote the snapshot without them, so the public API
 * and {@code trust.json} lost the upstream lists until the next sync.
 */
@IntegrationTest
class SnapshotWritersKeepUpstreamTest {
  private static final PublicSnapshot.Upstream GOOGLE =
      new PublicSnapshot.Upstream(
          12,
          Instant.parse("2026-03-01T06:00:00Z"),
          LocalDate.parse("2026-02-20"),
          Instant.parse("2026-02-21T06:00:00Z"));

  @TempDir Path dir;
  private LocalServerFixture app;

  @BeforeEach
  void start() throws Exception {
    app = LocalServerFixture.start(dir);
    var store = app.services().store();
    store.transaction(
        tx -> {
          tx.put(Snapshots.UPSTREAM_LISTS, "google-cloud", Json.write(GOOGLE));
          return null;
        });
    new SnapshotWriter(365).rebuild(store, Instant.now());
    assertEquals(Map.of("google-cloud", GOOGLE), upstream());
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private Map<String, PublicSnapshot.Upstream> upstream() {
    return Json.read(
            Snapshots.readRaw(app.services().store()).orElseThrow().json(), PublicSnapshot.class)
        .upstream();
  }

  private int send(String method, String path, String json) {
    return app.send(
            HttpRequest.newBuilder(app.uri(path))
                .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)))
        .statusCode();
  }

  @Test
  void aRecordedCheckResultKeepsThem() {
    assertEquals(
        201,
        send(
            "POST",
            "/admin/v1/controls/background-checks/checks",
            "{\"outcome\":\"passing\",\"note\":\"4 hires\","
                + "\"evidenceUrl\":\"https://drive.example.com/a\"}"));
    assertEquals(Map.of("google-cloud", GOOGLE), upstream());
  }

  @Test
  void anAdminsContentChangeKeepsThem() {
    String control =
        """
        {"id":"upstream-drill","categoryId":"availability","title":{"es":"Simulacro","en":"Drill"},
         "description":{"es":"Un control de prueba.","en":"A test control."},
         "checkMethod":"manual_attestation","periodDays":90,"position":15}""";
    assertEquals(201, send("PUT", "/admin/v1/controls/upstream-drill", control));
    assertEquals(Map.of("google-cloud", GOOGLE), upstream());
  }
}
