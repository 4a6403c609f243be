package dev.trustcenter.site;

import dev.trustcenter.http.Responses;
import java.util.Objects;

/**
 * One file of the rendered site. Its SHA-256 is computed once, on first use: a publish asks for it
 * when rendering, comparing with the bucket, recording the render state and uploading (at 300
 * controls the changed files are about 600 KB). The content must not be changed after that.
 */
public final class SiteFile {
  private final String path;
  private final byte[] bytes;
  private final String contentType;
  private final CacheClass cacheClass;
  private volatile String sha256;

  /**
   * @param path the URL path it is served at, starting with {@code /} (e.g. {@code
   *     /es/index.html}); the bucket object name is the path without the leading slash
   * @param bytes its content
   * @param contentType the {@code Content-Type} it is served with
   * @param cacheClass how long it may be cached, and when it is uploaded
   */
  public SiteFile(String path, byte[] bytes, String contentType, CacheClass cacheClass) {
    this.path = Objects.requireNonNull(path, "path");
    this.bytes = Objects.requireNonNull(bytes, "bytes");
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.cacheClass = Objects.requireNonNull(cacheClass, "cacheClass");
    if (!path.startsWith("/")
        || path.endsWith("/")
        || path.contains("//")
        || path.contains("/../")
        || path.contains("/./")) {
      throw new IllegalArgumentException("not a file path: " + path);
    }
  }

  public String path() {
    return path;
  }

  public byte[] bytes() {
    return bytes;
  }

  public String contentType() {
    return contentType;
  }

  public CacheClass cacheClass() {
    return cacheClass;
  }

  /**
   * The SHA-256 of the content, in hex: what the bucket stores to tell whether an object changed.
   */
  public String sha256() {
    String s = sha256;
    if (s == null) {
      s = Responses.sha256Hex(bytes);
      sha256 = s;
    }
    return s;
  }

  public String cacheControl() {
    return cacheClass.cacheControl();
  }

  @Override
  public String toString() {
    return "SiteFile[" + path + ", " + bytes.length + " bytes, " + contentType + "]";
  }
}
