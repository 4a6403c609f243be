package dev.trustcenter.controls;

/**
 * Reads a Cloud Storage bucket's configuration (not its objects). Adapter: {@code
 * storage.GcsBucketInspector}.
 */
@FunctionalInterface
public interface BucketInspector {
  /**
   * The bucket's configuration.
   *
   * @throws IllegalStateException if the bucket does not exist or cannot be read (the message says
   *     which)
   */
  BucketFacts inspect(String bucket);
}
