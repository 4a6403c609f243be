package dev.trustcenter.evidence;

/**
 * Where the log's tiles and checkpoint are published: the site bucket, under {@code /log/}.
 * Contract: {@link #put} replaces the object at {@code path} whole or fails with an unchecked
 * exception, leaving the old one; {@link #delete} of a missing object does nothing.
 */
public interface LogFiles {

  /**
   * Publishes {@code bytes} at {@code path} (relative to the log's prefix, e.g. {@code
   * tile/0/000}).
   *
   * @param immutable true for full tiles, which never change and may be cached forever; false for
   *     partial tiles and the checkpoint, which are cached briefly
   */
  void put(String path, byte[] bytes, boolean immutable);

  /** Removes the object at {@code path}, if there is one (a partial tile a wider one replaced). */
  void delete(String path);
}
