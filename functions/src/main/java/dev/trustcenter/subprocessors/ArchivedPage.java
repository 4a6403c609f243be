package dev.trustcenter.subprocessors;

import dev.trustcenter.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a fetched page was archived.
 *
 * @param pageName the object holding the raw bytes, {@code subprocessors/<vendor>/<UTC
 *     date>-<sha256 prefix>.html}
 * @param metadataName its sidecar, the same name ending in {@code .json}
 * @param created whether this call stored it (false: the same bytes were already archived that day)
 */
public record ArchivedPage(String pageName, String metadataName, boolean created) {
  private static final Pattern VENDOR = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public ArchivedPage {
    Objects.requireNonNull(pageName, "pageName");
    Objects.requireNonNull(metadataName, "metadataName");
  }

  /**
   * The names a page gets: by vendor, UTC day of the fetch and the first 16 hex digits of its
   * SHA-256. The day (ISO date, no colons, safe on every file system) rather than the instant makes
   * the name deterministic for the same bytes on the same day, so a create-if-absent is the whole
   * idempotency check; the exact instant is in the sidecar.
   */
  public static ArchivedPage namesFor(String vendor, FetchedPage page, boolean created) {
    if (vendor == null || !VENDOR.matcher(vendor).matches()) {
      throw new IllegalArgumentException("invalid vendor id");
    }
    String base =
        "subprocessors/"
            + vendor
            + "/"
            + page.fetchedAt().atOffset(ZoneOffset.UTC).toLocalDate()
            + "-"
            + page.sha256().substring(0, 16);
    return new ArchivedPage(base + ".html", base + ".json", created);
  }

  /** The sidecar's JSON. */
  public static byte[] metadata(String vendor, FetchedPage page) {
    return Json.write(
            new Metadata(
                vendor,
                page.requestedUrl().toString(),
                page.finalUrl().toString(),
                page.status(),
                page.contentType(),
                page.fetchedAt(),
                page.size(),
                page.sha256()))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The sidecar's shape. */
  public record Metadata(
      String vendor,
      String url,
      String finalUrl,
      int status,
      String contentType,
      Instant fetchedAt,
      int bytes,
      String sha256) {}

  /** The same names, marked as stored by an earlier call. */
  public ArchivedPage existing() {
    return new ArchivedPage(pageName, metadataName, false);
  }
}
