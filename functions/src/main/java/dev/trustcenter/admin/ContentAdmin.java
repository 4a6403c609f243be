package dev.trustcenter.admin;

import com.google.gson.JsonArray;
import dev.trustcenter.content.Content;
import dev.trustcenter.content.ContentRepository;
import dev.trustcenter.content.Profile;
import dev.trustcenter.controls.CheckResults;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.FieldReader;
import dev.trustcenter.http.JsonBody;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;
import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.store.DocumentStore.Transaction;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoreException;
import dev.trustcenter.store.StoredDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * Reading and writing the admin-managed content. Every write is one transaction that checks the
 * caller's {@code If-Match} against the entity as stored (412 and nothing written when it no longer
 * matches), checks references against the current content, and then writes the entity, the
 * content's change time, the rebuilt public snapshot and the audit entry together. An entity's ETag
 * is {@link Responses#etag} of its stored JSON.
 */
final class ContentAdmin {
  private static final Logger LOG = Logger.getLogger(ContentAdmin.class.getName());
  private static final String PROFILE_PATH = "profile";

  private final AdminContext ctx;

  ContentAdmin(AdminContext ctx) {
    this.ctx = ctx;
  }

  void register(Router router) {
    for (EntityKind<?> kind : EntityKind.ALL) {
      router
          .add("GET", "/v1/" + kind.path(), ex -> list(ex, kind))
          .add(
              "GET",
              "/v1/" + kind.path() + "/{id}",
              ex -> get(ex, kind.collection(), ex.param("id")))
          .add("PUT", "/v1/" + kind.path() + "/{id}", ex -> put(ex, kind))
          .add("DELETE", "/v1/" + kind.path() + "/{id}", ex -> delete(ex, kind));
    }
    router
        .add(
            "GET",
            "/v1/profile",
            ex -> get(ex, ContentRepository.PROFILE, ContentRepository.PROFILE))
        .add("PUT", "/v1/profile", this::putProfile);
  }

  private <T> void list(Router.Exchange ex, EntityKind<T> kind) throws IOException {
    List<T> items =
        readStore(() -> ctx.store().list(kind.collection(), Range.all())).stream()
            .map(d -> Json.read(d.json(), kind.type()))
            .sorted(Comparator.comparingInt(kind.position()).thenComparing(kind.id()))
            .toList();
    if (kind.collection().equals(ContentRepository.CONTROLS)) {
      List<dev.trustcenter.content.Category> categories =
          readStore(() -> ctx.store().list(ContentRepository.CATEGORIES, Range.all())).stream()
              .map(d -> Json.read(d.json(), dev.trustcenter.content.Category.class))
              .toList();
      @SuppressWarnings("unchecked")
      List<T> ordered =
          (List<T>)
              Content.inDisplayOrder((List<dev.trustcenter.content.Control>) items, categories);
      items = ordered;
    }
    JsonArray array = new JsonArray();
    items.forEach(i -> array.add(Json.gson().toJsonTree(i)));
    byte[] body = Json.write(Map.of("items", array)).getBytes(StandardCharsets.UTF_8);
    answer(ex, 200, body, Responses.etag(body));
  }

  private void get(Router.Exchange ex, String collection, String id) throws IOException {
    if (!isStorableId(id)) {
      throw ApiException.notFound("no such entity");
    }
    StoredDocument doc =
        readStore(() -> ctx.store().get(collection, id))
            .orElseThrow(() -> ApiException.notFound("no such entity: " + id));
    byte[] body = doc.json().getBytes(StandardCharsets.UTF_8);
    String etag = Responses.etag(body);
    if (Responses.noneMatchHits(ex.headers("If-None-Match"), etag)) {
      ex.response().appendHeader("ETag", etag);
      ex.response().setStatusCode(304);
      return;
    }
    answer(ex, 200, body, etag);
  }

  private <T> void put(Router.Exchange ex, EntityKind<T> kind) throws IOException {
    String pathId = ex.param("id");
    FieldReader f = FieldReader.of(JsonBody.read(ex.request()));
    // A path id that is not a slug cannot equal a valid body id, so the body's id check names it.
    T value = kind.decode().apply(f, pathId);
    write(
        ex,
        kind.path(),
        kind.collection(),
        pathId,
        Json.write(value),
        c -> kind.put(c, value),
        c -> {
          List<ApiException.FieldError> problems = kind.references().apply(c, value);
          return problems.isEmpty() ? null : ApiException.invalid(problems);
        },
        NO_EXTRA);
  }

  private void putProfile(Router.Exchange ex) throws IOException {
    Profile profile = EntityKind.profile(FieldReader.of(JsonBody.read(ex.request())));
    write(
        ex,
        PROFILE_PATH,
        ContentRepository.PROFILE,
        ContentRepository.PROFILE,
        Json.write(profile),
        c ->
            new Content(
                profile,
                c.frameworks(),
                c.categories(),
                c.controls(),
                c.subprocessors(),
                c.resources()),
        c -> null,
        NO_EXTRA);
  }

  private <T> void delete(Router.Exchange ex, EntityKind<T> kind) throws IOException {
    String id = ex.param("id");
    if (!isStorableId(id)) {
      throw ApiException.notFound("no such entity");
    }
    boolean retireHistory = RETIRE.equals(ex.query("history"));
    Extra extra = NO_EXTRA;
    if (kind.collection().equals(ContentRepository.CONTROLS)) {
      // A control's check results are its evidence: deleting it needs an explicit ?history=retire,
      // and then its
      // results are retired with it, so they never come back under a control re-created with the
      // same id.
      extra =
          tx -> {
            if (!CheckResults.holdsResults(tx, id)) {
              return after -> {};
            }
            if (!retireHistory) {
              throw new ApiException(
                  409,
                  "has_history",
                  "control \""
                      + id
                      + "\" has recorded check results (its evidence); nothing was deleted. Delete with "
                      + "?history=retire to retire them with it: they stay stored but never show again, not even under a "
                      + "control re-created with this id");
            }
            return after -> CheckResults.retire(after, id, ctx.clock().instant());
          };
    }
    write(
        ex,
        kind.path(),
        kind.collection(),
        id,
        null,
        c -> kind.remove(c, id),
        c -> {
          String conflict = kind.referrers().apply(c, id);
          return conflict == null ? null : new ApiException(409, "conflict", conflict);
        },
        extra);
  }

  /** The query value that confirms deleting a control together with its history. */
  static final String RETIRE = "retire";

  /**
   * More reads inside a write's transaction (after the entity's), answering the writes to add after
   * the entity's; may refuse the write by throwing.
   */
  @FunctionalInterface
  private interface Extra {
    java.util.function.Consumer<Transaction> prepare(Transaction tx);
  }

  private static final Extra NO_EXTRA = tx -> after -> {};

  /** What a committed (or skipped, unchanged) write answers. */
  private record Written(int status, String json) {}

  /**
   * Writes {@code json} (null: deletes) as {@code collection/id} with the rebuilt snapshot and an
   * audit entry.
   *
   * @param change the content after the write, from the content before it
   * @param check a reason to refuse the write given the current content, or null
   */
  private void write(
      Router.Exchange ex,
      String kind,
      String collection,
      String id,
      String json,
      UnaryOperator<Content> change,
      Function<Content, ApiException> check,
      Extra extra)
      throws IOException {
    Preconditions preconditions = Preconditions.of(ex);
    Instant now = ctx.clock().instant();
    Written written;
    try {
      written =
          ctx.store()
              .transaction(
                  tx -> {
                    Optional<StoredDocument> current = tx.get(collection, id);
                    String before = current.map(StoredDocument::json).orElse(null);
                    preconditions.check(
                        before == null
                            ? null
                            : Responses.etag(before.getBytes(StandardCharsets.UTF_8)));
                    if (json == null && before == null) {
                      throw ApiException.notFound("no such entity: " + id);
                    }
                    Snapshots.Inputs inputs = Snapshots.readInputs(tx);
                    ApiException refused = check.apply(inputs.content());
                    if (refused != null) {
                      throw refused;
                    }
                    java.util.function.Consumer<Transaction> extraWrites = extra.prepare(tx);
                    if (json != null && json.equals(before)) {
                      return new Written(200, json);
                    }
                    int status = json == null ? 204 : before == null ? 201 : 200;
                    String outcome =
                        json == null ? "deleted" : before == null ? "created" : "replaced";
                    apply(tx, collection, id, json);
                    extraWrites.accept(tx);
                    ContentRepository.touch(tx, now);
                    ctx.snapshots()
                        .write(
                            tx,
                            new Snapshots.Inputs(
                                change.apply(inputs.content()),
                                now,
                                inputs.checks(),
                                inputs.upstream()),
                            now);
                    ctx.auditLog()
                        .append(tx, ctx.entry(ex, now, kind, id, outcome, status, before, json));
                    return new Written(status, json);
                  });
    } catch (StoreException e) {
      throw unavailable(e);
    }
    ctx.publicContentChanged();
    if (written.status() == 204) {
      ex.response().appendHeader("Cache-Control", "no-store");
      ex.response().setStatusCode(204);
      return;
    }
    if (written.status() == 201) {
      ex.response().appendHeader("Location", "/v1/" + kind + "/" + id);
    }
    byte[] body = written.json().getBytes(StandardCharsets.UTF_8);
    answer(ex, written.status(), body, Responses.etag(body));
  }

  private static void apply(Transaction tx, String collection, String id, String json) {
    if (json == null) {
      tx.delete(collection, id);
    } else {
      tx.put(collection, id, json);
    }
  }

  private static void answer(Router.Exchange ex, int status, byte[] body, String etag)
      throws IOException {
    ex.response().appendHeader("ETag", etag);
    ex.response().appendHeader("Cache-Control", "no-store");
    Responses.json(ex.response(), status, body, ex.head());
  }

  private static boolean isStorableId(String id) {
    return FieldReader.isSlug(id);
  }

  private static <T> T readStore(java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (StoreException e) {
      throw unavailable(e);
    }
  }

  static ApiException unavailable(StoreException e) {
    LOG.warning("store unavailable: " + e.getMessage());
    return new ApiException(
        503,
        "unavailable",
        "the store is busy or unreachable; nothing was changed; try again",
        Map.of("Retry-After", "1"),
        List.of());
  }
}
