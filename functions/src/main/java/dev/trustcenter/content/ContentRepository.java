package dev.trustcenter.content;

import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.DocumentStore.Transaction;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoredDocument;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Where the admin-managed content lives in the {@link dev.trustcenter.store.DocumentStore}: one
 * collection per kind, one document per entity (its id is the document id), the profile as a single
 * document, and the time of the last content change. All methods work inside a caller's transaction
 * so that a content change and the public snapshot built from it are written together.
 */
public final class ContentRepository {
  public static final String PROFILE = "profile";
  public static final String FRAMEWORKS = "frameworks";
  public static final String CATEGORIES = "categories";
  public static final String CONTROLS = "controls";
  public static final String SUBPROCESSORS = "subprocessors";
  public static final String RESOURCES = "resources";
  static final String META = "meta";
  static final String CONTENT_META = "content";

  private ContentRepository() {}

  /** Whether any content was ever written (the seed or an admin). */
  public static boolean exists(Transaction tx) {
    return tx.get(META, CONTENT_META).isPresent();
  }

  /** Whether content was ever written, read outside a transaction. */
  public static boolean exists(DocumentStore store) {
    return store.get(META, CONTENT_META).isPresent();
  }

  /**
   * All content, each list in display order (position, then id; controls within their category).
   */
  public static Content read(Transaction tx) {
    Profile profile =
        tx.get(PROFILE, PROFILE)
            .map(d -> Json.read(d.json(), Profile.class))
            .orElseThrow(() -> new IllegalStateException("no profile stored"));
    List<Category> categories =
        readAll(tx, CATEGORIES, Category.class, Category::position, Category::id);
    return new Content(
        profile,
        readAll(tx, FRAMEWORKS, Framework.class, Framework::position, Framework::id),
        categories,
        Content.inDisplayOrder(
            readAll(tx, CONTROLS, Control.class, Control::position, Control::id), categories),
        readAll(tx, SUBPROCESSORS, Subprocessor.class, Subprocessor::position, Subprocessor::id),
        readAll(tx, RESOURCES, Resource.class, Resource::position, Resource::id));
  }

  /** When content last changed, or null if never. */
  public static Instant updatedAt(Transaction tx) {
    return tx.get(META, CONTENT_META)
        .map(d -> Json.read(d.json(), ContentMeta.class).updatedAt())
        .orElse(null);
  }

  /**
   * Writes every entity of {@code content} (used by the seed) and marks content as changed at
   * {@code now}.
   */
  public static void writeAll(Transaction tx, Content content, Instant now) {
    tx.put(PROFILE, PROFILE, Json.write(content.profile()));
    content.frameworks().forEach(f -> tx.put(FRAMEWORKS, f.id(), Json.write(f)));
    content.categories().forEach(c -> tx.put(CATEGORIES, c.id(), Json.write(c)));
    content.controls().forEach(c -> tx.put(CONTROLS, c.id(), Json.write(c)));
    content.subprocessors().forEach(s -> tx.put(SUBPROCESSORS, s.id(), Json.write(s)));
    content.resources().forEach(r -> tx.put(RESOURCES, r.id(), Json.write(r)));
    touch(tx, now);
  }

  /** Records that content changed at {@code now}. */
  public static void touch(Transaction tx, Instant now) {
    tx.put(META, CONTENT_META, Json.write(new ContentMeta(now)));
  }

  private record ContentMeta(Instant updatedAt) {}

  private static <T> List<T> readAll(
      Transaction tx,
      String collection,
      Class<T> type,
      ToIntFunction<T> position,
      java.util.function.Function<T, String> id) {
    return tx.list(collection, Range.all()).stream()
        .map(StoredDocument::json)
        .map(json -> Json.read(json, type))
        .sorted(Comparator.comparingInt(position).thenComparing(id))
        .toList();
  }
}
