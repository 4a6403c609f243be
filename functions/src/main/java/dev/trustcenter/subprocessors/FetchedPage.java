package dev.trustcenter.subprocessors;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A vendor page as fetched: the exact bytes, what they hash to, and where and when they came from.
 *
 * @param requestedUrl the URL asked for
 * @param finalUrl the URL that answered, after redirects within the vendor's host
 * @param status the HTTP status of the final answer (2xx)
 * @param contentType the answer's {@code Content-Type}
 * @param fetchedAt when the answer was received
 * @param body the raw body, exactly as received
 * @param sha256 lower-case hex SHA-256 of {@code body}
 */
public record FetchedPage(
    URI requestedUrl,
    URI finalUrl,
    int status,
    String contentType,
    Instant fetchedAt,
    byte[] body,
    String sha256) {

  public FetchedPage {
    Objects.requireNonNull(requestedUrl, "requestedUrl");
    Objects.requireNonNull(finalUrl, "finalUrl");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(sha256, "sha256");
    body = body.clone();
  }

  /** A page with its hash computed from {@code body}. */
  public static FetchedPage of(
      URI requestedUrl,
      URI finalUrl,
      int status,
      String contentType,
      Instant fetchedAt,
      byte[] body) {
    return new FetchedPage(
        requestedUrl,
        finalUrl,
        status,
        contentType,
        fetchedAt,
        body,
        dev.trustcenter.http.Responses.sha256Hex(body));
  }

  /**
   * The body as text in the charset of its {@code Content-Type}, UTF-8 when none (or an unknown
   * one) is named.
   */
  public String text() {
    return new String(body, charset(contentType));
  }

  /** A copy of the raw bytes. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** Number of bytes in the body. */
  public int size() {
    return body.length;
  }

  static Charset charset(String contentType) {
    for (String part : contentType.split(";")) {
      String p = part.trim();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        String name = p.substring(8).trim().replace("\"", "");
        try {
          return Charset.forName(name);
        } catch (IllegalArgumentException e) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FetchedPage p
        && p.sha256.equals(sha256)
        && p.finalUrl.equals(finalUrl)
        && p.fetchedAt.equals(fetchedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sha256, finalUrl, fetchedAt);
  }

  @Override
  public String toString() {
    return "FetchedPage["
        + finalUrl
        + ", "
        + status
        + ", "
        + body.length
        + " bytes, sha256="
        + sha256
        + "]";
  }
}
