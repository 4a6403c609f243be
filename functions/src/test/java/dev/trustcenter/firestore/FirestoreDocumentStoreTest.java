package dev.trustcenter.firestore;

import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.DocumentStoreContract;
import dev.trustcenter.testing.FirestoreEmulator;
import dev.trustcenter.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The store contract against Google's Firestore emulator. */
@IntegrationTest
class FirestoreDocumentStoreTest extends DocumentStoreContract {
  private FirestoreDocumentStore store;

  @BeforeEach
  void startClean() {
    FirestoreEmulator emulator = FirestoreEmulator.get();
    emulator.reset();
    store =
        new FirestoreDocumentStore(
            () ->
                FirestoreClients.create(
                    FirestoreEmulator.PROJECT, "(default)", emulator.hostPort()));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Override
  protected DocumentStore store() {
    return store;
  }

  @Override
  protected void assumeSupports(String feature) {
    FirestoreEmulator.get().requireFull(feature);
  }
}
