package dev.trustcenter.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local server's HTTP: gzip when asked, validators and 304 on published files, as production
 * answers.
 */
@IntegrationTest
class LocalHttpTest {
  @TempDir Path dir;
  private LocalServerFixture app;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    app = LocalServerFixture.start(dir);
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(app.uri(path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] gunzip(byte[] body) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    }
  }

  private static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  @Test
  void textIsGzippedWhenAskedAndOnlyThen() throws Exception {
    java.util.regex.Matcher css =
        java.util.regex.Pattern.compile("href=\"(/assets/[^\"]+\\.css)\"")
            .matcher(new String(get("/en/").body(), StandardCharsets.UTF_8));
    assertTrue(css.find(), "the page links its style sheet");
    for (String path : List.of("/api/v1/trust-center?lang=en", "/en/", css.group(1))) {
      HttpResponse<byte[]> plain = get(path);
      assertEquals(200, plain.statusCode(), path);
      assertEquals(null, header(plain, "Content-Encoding"), path);
      HttpResponse<byte[]> zipped = get(path, "Accept-Encoding", "br, gzip;q=0.8");
      assertEquals("gzip", header(zipped, "Content-Encoding"), path);
      assertTrue(zipped.headers().allValues("Vary").contains("Accept-Encoding"), path);
      assertArrayEquals(plain.body(), gunzip(zipped.body()), path);
      assertTrue(
          zipped.body().length < plain.body().length / 2,
          path + ": " + zipped.body().length + " of " + plain.body().length);
      System.out.println(
          path + ": " + plain.body().length + " B, gzip " + zipped.body().length + " B");
      assertEquals(
          null,
          header(get(path, "Accept-Encoding", "gzip;q=0, identity"), "Content-Encoding"),
          "refused gzip: " + path);
    }
  }

  @Test
  void theWeakTagOfAGzippedAnswerRevalidates() throws Exception {
    HttpResponse<byte[]> zipped = get("/api/v1/trust-center?lang=en", "Accept-Encoding", "gzip");
    String etag = header(zipped, "ETag");
    assertTrue(etag.startsWith("W/\""), etag);
    assertEquals(
        304,
        get("/api/v1/trust-center?lang=en", "Accept-Encoding", "gzip", "If-None-Match", etag)
            .statusCode());
    HttpResponse<byte[]> page = get("/en/", "Accept-Encoding", "gzip");
    assertEquals(
        304,
        get("/en/", "Accept-Encoding", "gzip", "If-None-Match", header(page, "ETag")).statusCode());
  }

  @Test
  void publishedFilesCarryValidatorsAndAnswer304() throws Exception {
    HttpResponse<byte[]> first = get("/en/");
    String etag = header(first, "ETag");
    String modified = header(first, "Last-Modified");
    assertTrue(etag != null && etag.startsWith("\""), "a strong ETag: " + etag);
    Instant at = Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(modified));
    assertFalse(at.isAfter(Instant.now()), modified);

    HttpResponse<byte[]> byTag = get("/en/", "If-None-Match", etag);
    assertEquals(304, byTag.statusCode());
    assertEquals(0, byTag.body().length);
    assertEquals(etag, header(byTag, "ETag"));
    assertEquals(304, get("/en/", "If-Modified-Since", modified).statusCode());
    String earlier =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(at.minusSeconds(3600).atOffset(ZoneOffset.UTC));
    assertEquals(200, get("/en/", "If-Modified-Since", earlier).statusCode());
    // The tag decides when both are sent.
    assertEquals(
        200, get("/en/", "If-None-Match", "\"other\"", "If-Modified-Since", modified).statusCode());
    assertEquals(200, get("/en/", "If-Modified-Since", "not a date").statusCode());
  }

  @Test
  void smallAnswersAreNotCompressed() throws Exception {
    HttpResponse<byte[]> r = get("/api/v1/nothing-here", "Accept-Encoding", "gzip");
    assertTrue(
        r.body().length < Compression.MIN_BYTES, new String(r.body(), StandardCharsets.UTF_8));
    assertEquals(null, header(r, "Content-Encoding"));
  }

  @Test
  void anAdminWritesWithTheWeakTagOfAGzippedRead() throws Exception {
    String auth = "Bearer " + LocalServerFixture.DEV_TOKEN;
    HttpResponse<byte[]> read =
        get("/admin/v1/profile", "Authorization", auth, "Accept-Encoding", "gzip");
    assertEquals(200, read.statusCode());
    byte[] body =
        "gzip".equals(header(read, "Content-Encoding")) ? gunzip(read.body()) : read.body();
    String etag = header(read, "ETag");
    HttpResponse<String> put =
        app.send(
            HttpRequest.newBuilder(app.uri("/admin/v1/profile"))
                .header("Authorization", auth)
                .header("Content-Type", "application/json")
                .header("If-Match", etag)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    assertEquals(200, put.statusCode(), etag + " " + put.body());
  }
}
