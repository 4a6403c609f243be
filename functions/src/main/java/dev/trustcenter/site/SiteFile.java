package dev.trustcenter.site;

import dev.trustcenter.http.Responses;
import java.util.Objects;

/**
 * One file of the rendered site.
 *
 * @param path the URL path it is served at, starting with {@code /} (e.g. {@code /es/index.html});
 *     the bucket object name is the path without the leading slash
 * @param bytes its content
 * @param contentType the {@code Content-Type} it is served with
 * @param cacheClass how long it may be cached, and when it is uploaded
 */
public record SiteFile(String path, byte[] bytes, String contentType, CacheClass cacheClass) {
  public SiteFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(cacheClass, "cacheClass");
    if (!path.startsWith("/")
        || path.endsWith("/")
        || path.contains("//")
        || path.contains("/../")
        || path.contains("/./")) {
      throw new IllegalArgumentException("not a file path: " + path);
    }
  }

  /**
   * The SHA-256 of the content, in hex: what the bucket stores to tell whether an object changed.
   */
  public String sha256() {
    return Responses.sha256Hex(bytes);
  }

  public String cacheControl() {
    return cacheClass.cacheControl();
  }
}
