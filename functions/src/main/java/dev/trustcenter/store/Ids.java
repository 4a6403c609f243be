package dev.trustcenter.store;

import java.util.regex.Pattern;

/** The names the store accepts: safe as Firestore ids and as file names alike. */
public final class Ids {
  /** A collection path segment. */
  public static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  /**
   * A document id: letters, digits and {@code . _ : + -}, not starting with a dot, at most 200
   * characters.
   */
  public static final Pattern DOCUMENT_ID =
      Pattern.compile("[A-Za-z0-9_:+-][A-Za-z0-9._:+-]{0,199}");

  private Ids() {}

  /** Throws {@link IllegalArgumentException} unless the collection path is valid. */
  public static String checkCollection(String collection) {
    if (collection == null) {
      throw new IllegalArgumentException("collection is null");
    }
    String[] parts = collection.split("/", -1);
    if (parts.length % 2 == 0) {
      throw new IllegalArgumentException(
          "collection path must have an odd number of segments: " + collection);
    }
    for (int i = 0; i < parts.length; i++) {
      Pattern p = i % 2 == 0 ? SEGMENT : DOCUMENT_ID;
      if (!p.matcher(parts[i]).matches()) {
        throw new IllegalArgumentException("invalid collection path: " + collection);
      }
    }
    return collection;
  }

  /** Throws {@link IllegalArgumentException} unless the document id is valid. */
  public static String checkId(String id) {
    if (id == null || !DOCUMENT_ID.matcher(id).matches() || id.startsWith("__")) {
      throw new IllegalArgumentException("invalid document id");
    }
    return id;
  }
}
