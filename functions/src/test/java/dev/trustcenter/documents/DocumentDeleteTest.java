package dev.trustcenter.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DELETE /admin/v1/documents/{id}}: the record goes, the files stay, the audit log names it.
 */
@IntegrationTest
class DocumentDeleteTest {
  @TempDir Path dir;
  private LocalServerFixture app;

  @BeforeEach
  void start() throws Exception {
    app = LocalServerFixture.start(dir);
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private HttpResponse<String> admin(String method, String path, byte[] body, String type) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(app.uri("/admin" + path))
            .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    return app.send(b);
  }

  @Test
  void deletingADocument_withdrawsIt_keepsItsFiles_andIsAudited() throws Exception {
    byte[] v1 = "%PDF-1.7\nfirst\n%%EOF".getBytes(StandardCharsets.UTF_8);
    byte[] v2 = "%PDF-1.7\nsecond\n%%EOF".getBytes(StandardCharsets.UTF_8);
    assertEquals(201, admin("PUT", "/v1/documents/pentest", v1, "application/pdf").statusCode());
    assertEquals(200, admin("PUT", "/v1/documents/pentest", v2, "application/pdf").statusCode());

    assertEquals(
        409,
        admin("DELETE", "/v1/documents/pentest?version=1", null, null).statusCode(),
        "a deletion aimed at an older version is refused");
    assertEquals(400, admin("DELETE", "/v1/documents/pentest?version=x", null, null).statusCode());
    assertEquals(
        401,
        app.send(
                HttpRequest.newBuilder(app.uri("/admin/v1/documents/pentest"))
                    .method("DELETE", HttpRequest.BodyPublishers.noBody()))
            .statusCode());
    assertTrue(admin("GET", "/v1/documents", null, null).body().contains("\"pentest\""));

    assertEquals(204, admin("DELETE", "/v1/documents/pentest?version=2", null, null).statusCode());
    assertFalse(admin("GET", "/v1/documents", null, null).body().contains("\"pentest\""));
    assertFalse(app.get("/api/v1/documents").body().contains("\"pentest\""), "no longer offered");
    assertEquals(404, admin("DELETE", "/v1/documents/pentest", null, null).statusCode());
    try (Stream<Path> files = Files.walk(dir.resolve("documents"))) {
      assertEquals(
          2,
          files.filter(f -> Files.isRegularFile(f) && !f.toString().endsWith(".meta.json")).count(),
          "both versions' files are kept");
    }
    String log = admin("GET", "/v1/audit-log?limit=20", null, null).body();
    assertTrue(log.contains("document.deleted"), log);
    assertTrue(log.contains("documents/pentest"), log);
  }

  @Test
  void anUploadWhoseContentIsNotItsType_isRefusedWith415_andNothingIsStored() {
    HttpResponse<String> r =
        admin(
            "PUT",
            "/v1/documents/fake",
            "<html>not a pdf</html>".getBytes(StandardCharsets.UTF_8),
            "application/pdf");
    assertEquals(415, r.statusCode(), r.body());
    assertTrue(r.body().contains("content_mismatch"), r.body());
    assertEquals(
        415,
        admin("PUT", "/v1/documents/fake", new byte[] {'a', 0, 'b'}, "text/plain").statusCode());
    assertEquals(
        201,
        admin(
                "PUT",
                "/v1/documents/fake",
                new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1},
                "image/jpeg")
            .statusCode());
    assertEquals(
        415,
        admin("PUT", "/v1/documents/fake", new byte[] {'P', 'K', 1, 2}, "application/zip")
            .statusCode());
    assertTrue(
        admin("GET", "/v1/documents", null, null).body().contains("\"version\":1"),
        "only the valid upload was stored");
  }
}
