package dev.trustcenter.subprocessors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.json.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link PageArchive} adapter must have; each adapter's test supplies an empty
 * archive.
 */
public abstract class PageArchiveContract {
  static final URI URL = URI.create("https://cloud.google.com/terms/subprocessors");

  protected abstract PageArchive archive();

  static FetchedPage page(String body, Instant at) {
    return FetchedPage.of(
        URL, URL, 200, "text/html; charset=utf-8", at, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aPageIsStoredByVendorDayAndHashWithItsMetadata() {
    FetchedPage p = page("<html>list</html>", Instant.parse("2026-03-02T03:15:07.250Z"));
    ArchivedPage a = archive().archive("google-cloud", p);
    assertTrue(a.created());
    assertEquals(
        "subprocessors/google-cloud/2026-03-02-" + p.sha256().substring(0, 16) + ".html",
        a.pageName());
    assertEquals(a.pageName().replace(".html", ".json"), a.metadataName());
    assertArrayEquals(p.body(), archive().read(a.pageName()).orElseThrow());
    ArchivedPage.Metadata m =
        Json.read(
            new String(archive().read(a.metadataName()).orElseThrow(), StandardCharsets.UTF_8),
            ArchivedPage.Metadata.class);
    assertEquals("google-cloud", m.vendor());
    assertEquals(p.sha256(), m.sha256());
    assertEquals(Instant.parse("2026-03-02T03:15:07.250Z"), m.fetchedAt());
    assertEquals(URL.toString(), m.url());
    assertEquals(p.size(), m.bytes());
  }

  @Test
  void theSameBytesTheSameDayAreStoredOnceAndNeverOverwritten() {
    FetchedPage first = page("<html>same</html>", Instant.parse("2026-03-02T03:15:00Z"));
    FetchedPage again = page("<html>same</html>", Instant.parse("2026-03-02T09:00:00Z"));
    ArchivedPage a = archive().archive("cloudflare", first);
    ArchivedPage b = archive().archive("cloudflare", again);
    assertTrue(a.created());
    assertFalse(b.created());
    assertEquals(a.pageName(), b.pageName());
    String meta =
        new String(archive().read(a.metadataName()).orElseThrow(), StandardCharsets.UTF_8);
    assertTrue(meta.contains("2026-03-02T03:15:00Z"), "the first sidecar is kept: " + meta);
  }

  @Test
  void otherBytesOrAnotherDayOrAnotherVendorAreSeparateObjects() {
    Instant day1 = Instant.parse("2026-03-02T03:15:00Z");
    ArchivedPage a = archive().archive("cloudflare", page("<html>v1</html>", day1));
    ArchivedPage b = archive().archive("cloudflare", page("<html>v2</html>", day1));
    ArchivedPage c =
        archive().archive("cloudflare", page("<html>v1</html>", day1.plusSeconds(86_400)));
    ArchivedPage d = archive().archive("google-cloud", page("<html>v1</html>", day1));
    assertNotEquals(a.pageName(), b.pageName());
    assertNotEquals(a.pageName(), c.pageName());
    assertNotEquals(a.pageName(), d.pageName());
    assertTrue(b.created() && c.created() && d.created());
    assertArrayEquals(
        "<html>v2</html>".getBytes(StandardCharsets.UTF_8),
        archive().read(b.pageName()).orElseThrow());
  }

  @Test
  void aMissingObjectReadsEmpty() {
    assertTrue(
        archive().read("subprocessors/cloudflare/2026-01-01-0000000000000000.html").isEmpty());
  }

  @Test
  void anInvalidVendorIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> archive().archive("../etc", page("x", Instant.EPOCH)));
  }
}
