package dev.trustcenter.publicview;

import java.util.Optional;

/**
 * Where the public read path gets the stored public snapshot: one document read. Kept apart from
 * the full {@link dev.trustcenter.store.DocumentStore} so that the public function can read it
 * through the lightest client available (Firestore's REST API) and answer its first request without
 * loading the gRPC stack.
 */
@FunctionalInterface
public interface SnapshotSource {
  /** The snapshot's stored JSON, or empty if none was ever published. */
  Optional<String> read();
}
