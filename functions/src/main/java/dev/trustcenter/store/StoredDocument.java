package dev.trustcenter.store;

import java.util.Objects;

/**
 * One stored document: its id within its collection and its JSON body, exactly as it was written.
 */
public record StoredDocument(String id, String json) {
  public StoredDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(json, "json");
  }
}
