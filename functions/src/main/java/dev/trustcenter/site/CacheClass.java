package dev.trustcenter.site;

/**
 * How long browsers and Cloudflare may keep a published file, by kind. It also fixes the upload
 * order: assets first, then machine-readable files, then pages, so that no uploaded page refers to
 * an asset that is not there yet.
 */
public enum CacheClass {
  /** Fingerprinted CSS and JavaScript: the name changes with the content, so they never change. */
  ASSET("public, max-age=31536000, immutable"),
  /** trust.json, feeds, sitemap, robots.txt, security.txt: short, revalidated. */
  DATA("public, max-age=300, must-revalidate"),
  /** HTML pages: short, revalidated; the publisher purges them from Cloudflare when they change. */
  PAGE("public, max-age=60, must-revalidate"),
  /** A full tile of the evidence log: it never changes. */
  LOG_TILE("public, max-age=31536000, immutable"),
  /**
   * The evidence log's checkpoint and partial tiles: briefly, so visitors see new entries within a
   * minute.
   */
  LOG_HEAD("public, max-age=60, must-revalidate");

  private final String cacheControl;

  CacheClass(String cacheControl) {
    this.cacheControl = cacheControl;
  }

  /** The {@code Cache-Control} header value stored with the object and sent to clients. */
  public String cacheControl() {
    return cacheControl;
  }
}
