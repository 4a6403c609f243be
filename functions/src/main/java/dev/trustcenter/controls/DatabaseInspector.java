package dev.trustcenter.controls;

/**
 * Reads the production Firestore database's settings and backup schedules. Adapter: {@code
 * firestore.FirestoreAdminRest}.
 */
@FunctionalInterface
public interface DatabaseInspector {
  /**
   * The database's recovery-related configuration.
   *
   * @throws IllegalStateException if it cannot be read (the message says why, never with
   *     credentials)
   */
  DatabaseFacts inspect();
}
