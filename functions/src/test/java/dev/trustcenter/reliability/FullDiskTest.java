package dev.trustcenter.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full-disk attack on the local server, replayed on a real file system: the embedded store
 * lives on a 256 KiB tmpfs, and admin PUTs fill it. Every PUT answers 2xx (and is there with its
 * audit entry, also after a restart) or 503 (and nothing of it is there, now or after the restart);
 * the public snapshot stays valid JSON and the public API answers 200 throughout; the server starts
 * again on the full disk.
 *
 * <p>Mounting needs root (CI runs as root); elsewhere the test is skipped, saying why.
 */
@IntegrationTest
class FullDiskTest {
  @TempDir Path dataDir;
  private Path mounted;

  private Path mountTmpfs(Path dir, String size) throws Exception {
    Files.createDirectories(dir);
    Process p;
    try {
      p =
          new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      Assumptions.abort("cannot run mount: " + e.getMessage());
      throw e;
    }
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    Assumptions.assumeTrue(
        p.exitValue() == 0, "cannot mount a tmpfs here (needs root): " + out.strip());
    mounted = dir;
    return dir;
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted != null) {
      new ProcessBuilder("umount", "-l", mounted.toString())
          .inheritIO()
          .start()
          .waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static HttpResponse<String> put(LocalServerFixture app, String id, String description) {
    String body =
        """
        {"id":"%s","categoryId":"%s","title":{"es":"Control %s","en":"Control %s"},
         "description":{"es":"%s","en":"%s"},"checkMethod":"manual_attestation","periodDays":90,"position":50}"""
            .formatted(id, CATEGORY, id, id, description, description);
    return app.send(
        HttpRequest.newBuilder(app.uri("/admin/v1/controls/" + id))
            .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static String CATEGORY;

  private static HttpResponse<String> admin(LocalServerFixture app, String path) {
    return app.send(
        HttpRequest.newBuilder(app.uri(path))
            .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN));
  }

  @Test
  void aFullDiskAnswers503ChangesNothingAndTheServerStartsAgain() throws Exception {
    Path store = mountTmpfs(dataDir.resolve("store"), "512k");
    List<String> accepted = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    try (LocalServerFixture app =
        LocalServerFixture.start(dataDir, Map.of("PUBLIC_CACHE_SECONDS", "0"))) {
      CATEGORY =
          JsonParser.parseString(admin(app, "/admin/v1/categories").body())
              .getAsJsonObject()
              .getAsJsonArray("items")
              .get(0)
              .getAsJsonObject()
              .get("id")
              .getAsString();
      // Each control grows the snapshot too: the disk fills within a few dozen PUTs.
      for (int i = 0; i < 400 && refused.size() < 12; i++) {
        String id = "filler-" + i;
        // Sizes vary so that the last free blocks are met by writes of every size.
        String description = "x".repeat(refused.isEmpty() ? 1500 : 40 + (i * 397) % 1400);
        HttpResponse<String> r = put(app, id, description);
        if (r.statusCode() == 201) {
          accepted.add(id);
        } else {
          assertEquals(
              503, r.statusCode(), "a PUT on a full disk is refused as unavailable: " + r.body());
          assertTrue(r.body().contains("nothing was changed"), r.body());
          refused.add(id);
        }
        HttpResponse<String> pub = app.get("/api/v1/trust-center?lang=en");
        assertEquals(
            200,
            pub.statusCode(),
            "the public API keeps answering after PUT " + i + ": " + pub.body());
        JsonParser.parseString(pub.body());
      }
      assertTrue(
          refused.size() >= 12,
          "the disk filled up: " + accepted.size() + " accepted, " + refused.size() + " refused");
      assertTrue(accepted.size() > 0, "some PUTs fitted before it did");
      assertState(app, store, accepted, refused);
    }
    // Restart on the full disk: the store opens, and nothing refused appears.
    try (LocalServerFixture app =
        LocalServerFixture.start(dataDir, Map.of("PUBLIC_CACHE_SECONDS", "0"))) {
      assertState(app, store, accepted, refused);
    }
  }

  private static void assertState(
      LocalServerFixture app, Path store, List<String> accepted, List<String> refused)
      throws IOException {
    String snapshot = Files.readString(store.resolve("public/snapshot.json"));
    JsonObject parsed = JsonParser.parseString(snapshot).getAsJsonObject();
    Set<String> inSnapshot = new HashSet<>();
    parsed
        .getAsJsonObject("content")
        .getAsJsonArray("controls")
        .forEach(c -> inSnapshot.add(c.getAsJsonObject().get("id").getAsString()));
    String audit = admin(app, "/admin/v1/audit-log?limit=1000").body();
    for (String id : accepted) {
      assertEquals(
          200,
          admin(app, "/admin/v1/controls/" + id).statusCode(),
          id + " was answered 201 and is there");
      assertTrue(inSnapshot.contains(id), id + " is in the public snapshot");
      assertTrue(audit.contains("\"" + id + "\""), id + " has its audit entry");
    }
    for (String id : refused) {
      assertEquals(
          404,
          admin(app, "/admin/v1/controls/" + id).statusCode(),
          id + " was answered 503 and is not there");
      assertTrue(!inSnapshot.contains(id), id + " is not in the public snapshot");
      assertTrue(!audit.contains("\"" + id + "\""), id + " has no audit entry");
    }
    assertEquals(200, app.get("/api/v1/trust-center?lang=en").statusCode());
  }
}
