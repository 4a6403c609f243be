package dev.trustcenter.site;

import java.util.Map;

/**
 * Where the rendered site is published: a Cloud Storage bucket behind the load balancer in
 * production, a folder in the data directory locally. Objects are named by their URL path without
 * the leading slash and carry the SHA-256 of their content, written with the object, so the
 * publisher can tell what changed without downloading anything.
 *
 * <p>Contract (tested for every adapter by {@code SiteBucketContract}): {@link #list} returns
 * exactly the objects put and not deleted since, each with the hash of its last {@link #put};
 * {@link #put} replaces an object whole (content, content type, cache control, hash); {@link
 * #delete} of a missing object does nothing. Failures are unchecked exceptions; a failed put leaves
 * the previous object in place.
 */
public interface SiteBucket {

  /**
   * Every published object: URL path ({@code /es/index.html}) to the SHA-256 (hex) stored with it.
   */
  Map<String, String> list();

  /** Stores {@code file} with its content type, {@code Cache-Control} and content hash. */
  void put(SiteFile file);

  /** Removes the object at {@code path}, if there is one. */
  void delete(String path);
}
