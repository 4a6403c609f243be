package dev.trustcenter.firestore;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;

/**
 * Builds Firestore clients for production (application default credentials) and for the emulator.
 */
public final class FirestoreClients {
  private FirestoreClients() {}

  /**
   * A client for the given project and database. With an emulator host ({@code host:port}) it talks
   * to the emulator without credentials; otherwise it uses the runtime's application default
   * credentials.
   *
   * @param projectId the Google Cloud project, or null to take it from the environment's
   *     credentials
   * @param databaseId the database id, {@code (default)} unless configured
   * @param emulatorHost the emulator's {@code host:port}, or null for the real service
   */
  public static Firestore create(String projectId, String databaseId, String emulatorHost) {
    FirestoreOptions.Builder b = FirestoreOptions.newBuilder().setDatabaseId(databaseId);
    if (projectId != null) {
      b.setProjectId(projectId);
    }
    if (emulatorHost != null) {
      b.setEmulatorHost(emulatorHost);
      if (projectId == null) {
        b.setProjectId("demo-trust-center");
      }
    }
    return b.build().getService();
  }
}
