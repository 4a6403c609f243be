package dev.trustcenter.admin;

import dev.trustcenter.content.Category;
import dev.trustcenter.content.Certificate;
import dev.trustcenter.content.CheckMethod;
import dev.trustcenter.content.Content;
import dev.trustcenter.content.ContentRepository;
import dev.trustcenter.content.Control;
import dev.trustcenter.content.Framework;
import dev.trustcenter.content.Resource;
import dev.trustcenter.content.Subprocessor;
import dev.trustcenter.content.Text;
import dev.trustcenter.http.ApiException.FieldError;
import dev.trustcenter.http.FieldReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * One kind of admin-managed entity with an id ({@code /v1/<path>/{id}}): how its body is read and
 * checked, and how it sits in {@link Content}. Checks that need other entities (a control's
 * category, a resource's owner, what still refers to an entity being deleted) run inside the
 * write's transaction.
 *
 * @param path the URL segment and the kind's name in the audit log
 * @param collection the store collection ({@link ContentRepository})
 * @param decode reads a body for the entity with the path's id; throws 400 naming every invalid
 *     field
 * @param references problems with what {@code value} refers to, given the current content
 * @param referrers why the entity with this id cannot be deleted (409), or null
 */
record EntityKind<T>(
    String path,
    String collection,
    Class<T> type,
    Function<T, String> id,
    ToIntFunction<T> position,
    BiFunction<FieldReader, String, T> decode,
    Function<Content, List<T>> list,
    BiFunction<Content, List<T>, Content> withList,
    BiFunction<Content, T, List<FieldError>> references,
    BiFunction<Content, String, String> referrers) {

  static final int MAX_POSITION = 1_000_000;
  static final String COMPANY = "company";

  // Field error codes of checks beyond one field's syntax (FieldReader has the others).
  static final String ID_MISMATCH = "id_mismatch";
  static final String DATE_ORDER = "date_order";
  static final String UNKNOWN_CATEGORY = "unknown_category";
  static final String UNKNOWN_OWNER = "unknown_owner";

  static final List<EntityKind<?>> ALL =
      List.of(
          new EntityKind<>(
              "frameworks",
              ContentRepository.FRAMEWORKS,
              Framework.class,
              Framework::id,
              Framework::position,
              EntityKind::framework,
              Content::frameworks,
              (c, l) ->
                  new Content(
                      c.profile(),
                      l,
                      c.categories(),
                      c.controls(),
                      c.subprocessors(),
                      c.resources()),
              (c, v) -> List.of(),
              (c, id) -> null),
          new EntityKind<>(
              "categories",
              ContentRepository.CATEGORIES,
              Category.class,
              Category::id,
              Category::position,
              EntityKind::category,
              Content::categories,
              (c, l) ->
                  new Content(
                      c.profile(),
                      c.frameworks(),
                      l,
                      c.controls(),
                      c.subprocessors(),
                      c.resources()),
              (c, v) -> List.of(),
              (c, id) -> {
                long n = c.controls().stream().filter(x -> x.categoryId().equals(id)).count();
                return n == 0
                    ? null
                    : "the category still has " + n + " control(s); move or delete them first";
              }),
          new EntityKind<>(
              "controls",
              ContentRepository.CONTROLS,
              Control.class,
              Control::id,
              Control::position,
              EntityKind::control,
              Content::controls,
              (c, l) ->
                  new Content(
                      c.profile(),
                      c.frameworks(),
                      c.categories(),
                      Content.inDisplayOrder(l, c.categories()),
                      c.subprocessors(),
                      c.resources()),
              (c, v) ->
                  c.categories().stream().anyMatch(cat -> cat.id().equals(v.categoryId()))
                      ? List.of()
                      : List.of(
                          new FieldError(
                              "categoryId", "is not a known category", UNKNOWN_CATEGORY)),
              (c, id) -> null),
          new EntityKind<>(
              "subprocessors",
              ContentRepository.SUBPROCESSORS,
              Subprocessor.class,
              Subprocessor::id,
              Subprocessor::position,
              EntityKind::subprocessor,
              Content::subprocessors,
              (c, l) ->
                  new Content(
                      c.profile(), c.frameworks(), c.categories(), c.controls(), l, c.resources()),
              (c, v) -> List.of(),
              (c, id) -> {
                long n = c.resources().stream().filter(r -> r.owner().equals(id)).count();
                return n == 0
                    ? null
                    : "the subprocessor still owns "
                        + n
                        + " resource(s); change or delete them first";
              }),
          new EntityKind<>(
              "resources",
              ContentRepository.RESOURCES,
              Resource.class,
              Resource::id,
              Resource::position,
              EntityKind::resource,
              Content::resources,
              (c, l) ->
                  new Content(
                      c.profile(),
                      c.frameworks(),
                      c.categories(),
                      c.controls(),
                      c.subprocessors(),
                      l),
              (c, v) ->
                  v.owner().equals(COMPANY)
                          || c.subprocessors().stream().anyMatch(s -> s.id().equals(v.owner()))
                      ? List.of()
                      : List.of(
                          new FieldError(
                              "owner",
                              "must be \"company\" or the id of a subprocessor",
                              UNKNOWN_OWNER)),
              (c, id) -> null));

  /**
   * {@code content} with {@code value} added or replacing the entity with its id, in display order.
   */
  Content put(Content content, T value) {
    List<T> items =
        new ArrayList<>(
            list.apply(content).stream()
                .filter(x -> !id.apply(x).equals(id.apply(value)))
                .toList());
    items.add(value);
    items.sort(Comparator.comparingInt(position).thenComparing(id));
    return withList.apply(content, items);
  }

  /** {@code content} without the entity {@code entityId}. */
  Content remove(Content content, String entityId) {
    return withList.apply(
        content, list.apply(content).stream().filter(x -> !id.apply(x).equals(entityId)).toList());
  }

  // ---- bodies
  // ----------------------------------------------------------------------------------------------

  /** Reads the id and checks it against the path's. */
  private static String id(FieldReader f, String pathId) {
    String id = f.slug("id");
    if (id != null && !id.equals(pathId)) {
      f.reject("id", "must equal the id in the path", ID_MISMATCH);
    }
    return id;
  }

  private static int position(FieldReader f) {
    return f.integer("position", 0, MAX_POSITION);
  }

  static Framework framework(FieldReader f, String pathId) {
    String id = id(f, pathId);
    String name = f.string("name", FieldReader.NAME);
    String version = f.string("version", 40);
    Text description = f.text("description", FieldReader.TEXT);
    Certificate certificate = null;
    FieldReader c = f.object("certificate", false);
    if (c != null) {
      certificate =
          new Certificate(
              c.optionalString("certificationBody", FieldReader.NAME),
              c.optionalString("certificateNumber", FieldReader.NAME),
              c.optionalText("scope", FieldReader.TEXT),
              c.optionalDate("validFrom"),
              c.optionalDate("validUntil"),
              c.url("verifyUrl", false, "https"));
      if (certificate.validFrom() != null
          && certificate.validUntil() != null
          && certificate.validUntil().isBefore(certificate.validFrom())) {
        c.reject("validUntil", "must not be before validFrom", DATE_ORDER);
      }
    }
    int position = position(f);
    f.finish();
    return new Framework(id, name, version, description, certificate, position);
  }

  static Category category(FieldReader f, String pathId) {
    String id = id(f, pathId);
    Text name = f.text("name", FieldReader.NAME);
    int position = position(f);
    f.finish();
    return new Category(id, name, position);
  }

  static Control control(FieldReader f, String pathId) {
    String id = id(f, pathId);
    String categoryId = f.slug("categoryId");
    Text title = f.text("title", FieldReader.TITLE);
    Text description = f.text("description", FieldReader.TEXT);
    CheckMethod method = f.enumValue("checkMethod", CheckMethod.class);
    int periodDays = f.integer("periodDays", 1, 3650);
    int position = position(f);
    f.finish();
    return new Control(id, categoryId, title, description, method, periodDays, position);
  }

  static Subprocessor subprocessor(FieldReader f, String pathId) {
    String id = id(f, pathId);
    String name = f.string("name", FieldReader.NAME);
    Text purpose = f.text("purpose", FieldReader.TEXT);
    List<Text> locations = f.textList("dataLocations", 100, FieldReader.NAME);
    String listUrl = f.url("subprocessorListUrl", false, "https");
    String dpaUrl = f.url("dpaUrl", false, "https");
    Text notes = f.text("notes", FieldReader.TEXT);
    int position = position(f);
    f.finish();
    return new Subprocessor(id, name, purpose, locations, listUrl, dpaUrl, notes, position);
  }

  static Resource resource(FieldReader f, String pathId) {
    String id = id(f, pathId);
    Text title = f.text("title", FieldReader.TITLE);
    String owner = f.slug("owner");
    String kind = f.slug("kind");
    String url = f.url("url", false, "https");
    int position = position(f);
    f.finish();
    return new Resource(id, title, owner, kind, url, position);
  }

  static dev.trustcenter.content.Profile profile(FieldReader f) {
    String companyName = f.string("companyName", FieldReader.NAME);
    Text tagline = f.text("tagline", FieldReader.TEXT);
    Text overview = f.text("overview", FieldReader.TEXT);
    String contact = f.url("securityContact", false, "https", "mailto");
    f.finish();
    return new dev.trustcenter.content.Profile(companyName, tagline, overview, contact);
  }
}
