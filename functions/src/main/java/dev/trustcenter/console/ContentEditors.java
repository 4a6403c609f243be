package dev.trustcenter.console;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.trustcenter.admin.AdminApi;
import dev.trustcenter.content.Language;
import dev.trustcenter.http.FieldReader;
import dev.trustcenter.http.QueryString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's editors of what the public page shows besides controls and the profile: frameworks
 * with their certificates, categories, subprocessors and resources, under {@code /admin/content/}.
 * Each is a list, an editor per entity (create, edit, delete) and a form for a new one, over the
 * admin API's {@code /v1/<kind>} routes called in-process like every console change: the API
 * validates, writes in one transaction with the audit entry, and publishes the site. Field errors
 * appear next to their fields in the page's language ({@link FieldErrors}); a 412 (someone else
 * changed the entity since the page was opened) saves nothing, keeps the admin's values and arms
 * the form with the current version's tag. The NDA has its own page ({@link NdaEditor}).
 */
final class ContentEditors {
  static final String ROOT = "/content";

  /** The path segment of the form for a new entity: not a slug, so never an entity's id. */
  static final String NEW = "_new";

  private static final Pattern ENTITY =
      Pattern.compile("/content/([a-z]+)/([a-z0-9]+(?:-[a-z0-9]+)*|_new)(/delete)?");
  private static final Pattern LIST = Pattern.compile("/content/([a-z]+)");

  /** How a field is typed. */
  enum Input {
    LINE,
    AREA,
    NUMBER,
    DATE,
    URL,
    OWNER,
    /** One item a line, each language its own field; the items of both are paired by line. */
    LINES
  }

  /**
   * One form field.
   *
   * @param key the form field's name and id (also the key of its error)
   * @param path where it sits in the API's JSON: {@code name}, {@code name.es}, {@code
   *     certificate.validFrom}; {@code dataLocations[].es} for a {@link Input#LINES} field
   * @param optional whether a blank value is left out of the body (a blank required one is sent, so
   *     the API names it)
   * @param lang the language of the text, or null
   */
  record Field(
      String key,
      String path,
      Input input,
      String labelKey,
      String hintKey,
      int max,
      String lang,
      boolean optional) {}

  /** Fields shown together under a legend. */
  record Group(String legendKey, List<Field> fields) {}

  /**
   * One kind of entity.
   *
   * @param kind the API's path ({@code /v1/<kind>}) and this editor's
   * @param label the entity's name in a language, from its stored JSON
   * @param detail one line about it in the list, from its stored JSON
   * @param conflictKey the message of a 409 on delete (something still refers to it)
   */
  record Editor(
      String kind,
      String titleKey,
      String newKey,
      String introKey,
      List<Group> groups,
      BiFunction<JsonObject, Language, String> label,
      Detail detail,
      String conflictKey) {}

  /** The list's line about an entity. */
  @FunctionalInterface
  interface Detail {
    String of(AdminConsole.Page p, JsonObject entity);
  }

  private static Field line(String key, String path, String label, String hint, int max) {
    return new Field(key, path, Input.LINE, label, hint, max, null, false);
  }

  private static Field position() {
    return new Field(
        "position",
        "position",
        Input.NUMBER,
        "contentPosition",
        "contentPositionHint",
        0,
        null,
        false);
  }

  private static List<Field> fields(Object... parts) {
    List<Field> out = new ArrayList<>();
    for (Object o : parts) {
      if (o instanceof Field f) {
        out.add(f);
      } else if (o instanceof List<?> l) {
        l.forEach(x -> out.add((Field) x));
      }
    }
    return out;
  }

  /** A text in both languages: one field each, labelled {@code <label>Es} and {@code <label>En}. */
  private static List<Field> pair(String key, String path, Input input, String label, int max) {
    return pair(key, path, input, label, max, false);
  }

  private static List<Field> optionalPair(
      String key, String path, Input input, String label, int max) {
    return pair(key, path, input, label, max, true);
  }

  private static List<Field> pair(
      String key, String path, Input input, String label, int max, boolean optional) {
    return List.of(
        new Field(key + "Es", path + ".es", input, label + "Es", null, max, "es", optional),
        new Field(key + "En", path + ".en", input, label + "En", null, max, "en", optional));
  }

  static final List<Editor> EDITORS =
      List.of(
          new Editor(
              "frameworks",
              "frameworksTitle",
              "frameworkNew",
              "frameworksIntro",
              List.of(
                  new Group(
                      "frameworkGroup",
                      fields(
                          line("name", "name", "frameworkName", "frameworkNameHint", 200),
                          line("version", "version", "frameworkVersion", null, 40),
                          pair("description", "description", Input.AREA, "description", 2000),
                          position())),
                  new Group(
                      "certificateGroup",
                      fields(
                          new Field(
                              "certificationBody",
                              "certificate.certificationBody",
                              Input.LINE,
                              "certificationBody",
                              null,
                              200,
                              null,
                              true),
                          new Field(
                              "certificateNumber",
                              "certificate.certificateNumber",
                              Input.LINE,
                              "certificateNumber",
                              null,
                              200,
                              null,
                              true),
                          new Field(
                              "validFrom",
                              "certificate.validFrom",
                              Input.DATE,
                              "validFrom",
                              "validFromHint",
                              0,
                              null,
                              true),
                          new Field(
                              "validUntil",
                              "certificate.validUntil",
                              Input.DATE,
                              "validUntil",
                              "validUntilHint",
                              0,
                              null,
                              true),
                          optionalPair("scope", "certificate.scope", Input.AREA, "scope", 2000),
                          new Field(
                              "verifyUrl",
                              "certificate.verifyUrl",
                              Input.URL,
                              "verifyUrl",
                              "verifyUrlHint",
                              2000,
                              null,
                              true)))),
              (o, lang) -> str(o, "name") + " " + str(o, "version"),
              (p, o) -> {
                JsonObject c =
                    o.has("certificate") && o.get("certificate").isJsonObject()
                        ? o.getAsJsonObject("certificate")
                        : null;
                if (c == null) {
                  return p.m.get("certificateNone");
                }
                String until = str(c, "validUntil");
                String number = str(c, "certificateNumber");
                String body = str(c, "certificationBody");
                List<String> parts = new ArrayList<>();
                if (!body.isEmpty()) {
                  parts.add(body);
                }
                if (!number.isEmpty()) {
                  parts.add(number);
                }
                if (!until.isEmpty()) {
                  parts.add(p.m.format("certificateValidUntil", until));
                }
                return parts.isEmpty()
                    ? p.m.get("certificateNoDetails")
                    : String.join(" · ", parts);
              },
              null),
          new Editor(
              "categories",
              "categoriesTitle",
              "categoryNew",
              "categoriesIntro",
              List.of(
                  new Group(
                      "categoryGroup",
                      fields(pair("name", "name", Input.LINE, "categoryName", 200), position()))),
              (o, lang) -> text(o, "name", lang),
              (p, o) -> p.m.format("positionIs", str(o, "position")),
              "categoryHasControls"),
          new Editor(
              "subprocessors",
              "subprocessorsTitle",
              "subprocessorNew",
              "subprocessorsIntro",
              List.of(
                  new Group(
                      "subprocessorGroup",
                      fields(
                          line("name", "name", "subprocessorName", null, 200),
                          pair("purpose", "purpose", Input.AREA, "purpose", 2000),
                          new Field(
                              "dataLocationsEs",
                              "dataLocations[].es",
                              Input.LINES,
                              "dataLocationsEs",
                              "dataLocationsHint",
                              200,
                              "es",
                              true),
                          new Field(
                              "dataLocationsEn",
                              "dataLocations[].en",
                              Input.LINES,
                              "dataLocationsEn",
                              "dataLocationsHint",
                              200,
                              "en",
                              true),
                          new Field(
                              "subprocessorListUrl",
                              "subprocessorListUrl",
                              Input.URL,
                              "subprocessorListUrl",
                              "subprocessorListUrlHint",
                              2000,
                              null,
                              true),
                          new Field(
                              "dpaUrl", "dpaUrl", Input.URL, "dpaUrl", null, 2000, null, true),
                          pair("notes", "notes", Input.AREA, "notes", 2000),
                          position()))),
              (o, lang) -> str(o, "name"),
              (p, o) -> text(o, "purpose", p.lang),
              "subprocessorOwnsResources"),
          new Editor(
              "resources",
              "resourcesTitle",
              "resourceNew",
              "resourcesIntro",
              List.of(
                  new Group(
                      "resourceGroup",
                      fields(
                          pair("title", "title", Input.LINE, "resourceTitle", 120),
                          new Field(
                              "owner", "owner", Input.OWNER, "owner", "ownerHint", 0, null, false),
                          line("kind", "kind", "resourceKind", "resourceKindHint", 64),
                          new Field(
                              "url",
                              "url",
                              Input.URL,
                              "resourceUrl",
                              "resourceUrlHint",
                              2000,
                              null,
                              true),
                          position()))),
              (o, lang) -> text(o, "title", lang),
              (p, o) ->
                  str(o, "kind")
                      + " · "
                      + (str(o, "url").isEmpty() ? p.m.get("resourceOnRequest") : str(o, "url")),
              null));

  private final AdminConsole console;

  ContentEditors(AdminConsole console) {
    this.console = Objects.requireNonNull(console);
  }

  static boolean handles(String path) {
    return path.equals(ROOT) || path.startsWith(ROOT + "/");
  }

  void serve(AdminConsole.Page p, boolean post, Form form, AdminApi api) throws IOException {
    String path = p.path;
    if (path.equals(ROOT + "/nda")) {
      new NdaEditor(console).serve(p, post, form, api);
      return;
    }
    if (path.equals(ROOT) && !post) {
      overview(p);
      return;
    }
    Matcher list = LIST.matcher(path);
    if (list.matches() && editor(list.group(1)) != null) {
      Editor e = editor(list.group(1));
      if (post) {
        save(p, api, e, null, form);
      } else {
        list(p, api, e);
      }
      return;
    }
    Matcher one = ENTITY.matcher(path);
    if (one.matches() && editor(one.group(1)) != null) {
      Editor e = editor(one.group(1));
      String id = one.group(2);
      boolean delete = one.group(3) != null;
      if (id.equals(NEW)) {
        if (post || delete) {
          console.message(p, 404, p.m.get("errorTitle"), p.m.get("errorNotFound"));
        } else {
          page(p, api, e, null, null, null, Map.of());
        }
      } else if (post && delete) {
        delete(p, api, e, id, form);
      } else if (post) {
        save(p, api, e, id, form);
      } else if (!delete) {
        page(p, api, e, id, null, null, Map.of());
      } else {
        console.message(p, 404, p.m.get("errorTitle"), p.m.get("errorNotFound"));
      }
      return;
    }
    console.message(p, 404, p.m.get("errorTitle"), p.m.get("errorNotFound"));
  }

  private static Editor editor(String kind) {
    return EDITORS.stream().filter(e -> e.kind().equals(kind)).findFirst().orElse(null);
  }

  // ---- pages
  // ---------------------------------------------------------------------------------------------

  private void overview(AdminConsole.Page p) throws IOException {
    List<Map<String, Object>> items = new ArrayList<>();
    for (Editor e : EDITORS) {
      items.add(
          Map.of(
              "href", "/admin/content/" + e.kind(),
              "label", p.m.get(e.titleKey()),
              "text", p.m.get(e.introKey())));
    }
    items.add(
        Map.of(
            "href",
            "/admin/content/nda",
            "label",
            p.m.get("ndaTitle"),
            "text",
            p.m.get("ndaIntro")));
    console.render(p, 200, "content", p.m.get("contentTitle"), Map.of("items", items));
  }

  private void list(AdminConsole.Page p, AdminApi api, Editor e) throws IOException {
    AdminApi.Answer a = api.call(p.who, "GET", "/v1/" + e.kind(), Map.of(), new byte[0]);
    if (a.status() != 200) {
      console.message(p, a.status(), p.m.get("errorTitle"), p.m.get("errorUnexpected"));
      return;
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JsonElement el :
        JsonParser.parseString(a.text()).getAsJsonObject().getAsJsonArray("items")) {
      JsonObject o = el.getAsJsonObject();
      String id = str(o, "id");
      rows.add(
          Map.of(
              "id", id,
              "href", "/admin/content/" + e.kind() + "/" + id,
              "label", e.label().apply(o, p.lang),
              "detail", e.detail().of(p, o),
              "position", str(o, "position")));
    }
    Map<String, Object> model = new HashMap<>();
    model.put("rows", rows);
    model.put("hasRows", !rows.isEmpty());
    model.put("heading", p.m.get(e.titleKey()));
    model.put("intro", p.m.get(e.introKey()));
    model.put("newHref", "/admin/content/" + e.kind() + "/" + NEW);
    model.put("newLabel", p.m.get(e.newKey()));
    String deleted = query(p, "deleted");
    if (deleted != null && FieldReader.isSlug(deleted)) {
      model.put("notice", p.m.format("contentDeleted", deleted));
    }
    console.render(p, 200, "entities", p.m.get(e.titleKey()), model);
  }

  /**
   * An entity's editor, or the form for a new one.
   *
   * @param id the entity, or null for a new one
   * @param edited the admin's submitted values (kept after an error), or null for the stored ones
   */
  private void page(
      AdminConsole.Page p,
      AdminApi api,
      Editor e,
      String id,
      Map<String, String> edited,
      String notice,
      Map<String, String> errors)
      throws IOException {
    Map<String, String> v = new HashMap<>();
    String title;
    if (id != null) {
      AdminApi.Answer got =
          api.call(p.who, "GET", "/v1/" + e.kind() + "/" + id, Map.of(), new byte[0]);
      if (got.status() == 404) {
        console.message(p, 404, p.m.get("errorTitle"), p.m.get("errorNotFound"));
        return;
      }
      if (got.status() != 200) {
        console.message(p, got.status(), p.m.get("errorTitle"), p.m.get("errorUnexpected"));
        return;
      }
      JsonObject stored = JsonParser.parseString(got.text()).getAsJsonObject();
      for (Group g : e.groups()) {
        for (Field f : g.fields()) {
          v.put(f.key(), read(stored, f));
        }
      }
      v.put("etag", got.header("ETag"));
      title = e.label().apply(stored, p.lang);
    } else {
      v.put("position", "0");
      title = p.m.get(e.newKey());
    }
    if (edited != null) {
      v.putAll(edited);
    }
    List<Map<String, Object>> groups = new ArrayList<>();
    for (Group g : e.groups()) {
      List<Map<String, Object>> fields = new ArrayList<>();
      if (id == null && groups.isEmpty()) {
        // A new entity's id is chosen once: it is its address, and never changes.
        fields.add(fieldModel(p, api, idField(), v.getOrDefault("id", ""), errors.get("id")));
      }
      for (Field f : g.fields()) {
        fields.add(fieldModel(p, api, f, v.get(f.key()), errors.get(f.key())));
      }
      groups.add(Map.of("legend", p.m.get(g.legendKey()), "fields", fields));
    }
    Map<String, Object> model = new HashMap<>();
    model.put("title", title);
    model.put("kind", e.kind());
    model.put("listHref", "/admin/content/" + e.kind());
    model.put("listLabel", p.m.get(e.titleKey()));
    model.put("isNew", id == null);
    model.put("id", id);
    model.put("action", "/admin/content/" + e.kind() + (id == null ? "" : "/" + id));
    model.put("etag", v.getOrDefault("etag", ""));
    model.put("groups", groups);
    if (notice == null && p.status == null && "1".equals(query(p, "saved"))) {
      notice = p.m.get("contentSaved");
    }
    model.put("notice", notice);
    String formError = errors.get(FieldErrors.FORM);
    if (id != null && errors.containsKey("id")) {
      formError = formError == null ? errors.get("id") : formError + " " + errors.get("id");
    }
    model.put("formError", formError);
    model.put("hasErrors", !errors.isEmpty());
    console.render(p, 200, "entity", title, model);
  }

  private static Field idField() {
    return new Field("id", "id", Input.LINE, "contentId", "contentIdHint", 64, null, false);
  }

  private Map<String, Object> fieldModel(
      AdminConsole.Page p, AdminApi api, Field f, String value, String error) throws IOException {
    Map<String, Object> m = new HashMap<>();
    m.put("key", f.key());
    m.put("label", p.m.get(f.labelKey()));
    m.put("hint", f.hintKey() == null ? null : p.m.get(f.hintKey()));
    m.put("value", value == null ? "" : value);
    m.put("error", error);
    m.put("textLang", f.lang());
    m.put("max", f.max() > 0 ? Integer.toString(f.max()) : null);
    List<String> describedBy = new ArrayList<>();
    if (f.hintKey() != null) {
      describedBy.add(f.key() + "-hint");
    }
    if (error != null) {
      describedBy.add(f.key() + "-error");
    }
    m.put("describedBy", describedBy.isEmpty() ? null : String.join(" ", describedBy));
    switch (f.input()) {
      case AREA, LINES -> m.put("area", true);
      case OWNER -> {
        m.put("select", true);
        m.put("options", owners(p, api, value));
      }
      default -> {
        m.put("input", true);
        m.put(
            "type",
            switch (f.input()) {
              case NUMBER -> "number";
              case DATE -> "date";
              case URL -> "url";
              default -> "text";
            });
        m.put("number", f.input() == Input.NUMBER);
      }
    }
    return m;
  }

  /** The choices of a resource's owner: the company, then every subprocessor. */
  private static List<Map<String, Object>> owners(
      AdminConsole.Page p, AdminApi api, String selected) {
    List<Map<String, Object>> options = new ArrayList<>();
    options.add(
        Map.of(
            "value",
            "company",
            "label",
            p.m.get("ownerCompany"),
            "selected",
            "company".equals(selected)));
    AdminApi.Answer a = api.call(p.who, "GET", "/v1/subprocessors", Map.of(), new byte[0]);
    if (a.status() == 200) {
      for (JsonElement el :
          JsonParser.parseString(a.text()).getAsJsonObject().getAsJsonArray("items")) {
        JsonObject o = el.getAsJsonObject();
        String id = str(o, "id");
        options.add(Map.of("value", id, "label", str(o, "name"), "selected", id.equals(selected)));
      }
    }
    return options;
  }

  // ---- writes
  // --------------------------------------------------------------------------------------------

  /**
   * Creates ({@code id} null: the id comes from the form, and an entity that already exists is
   * never replaced) or replaces the entity with the version the page was opened on.
   */
  private void save(AdminConsole.Page p, AdminApi api, Editor e, String id, Form form)
      throws IOException {
    Map<String, String> edited = new HashMap<>();
    for (Group g : e.groups()) {
      for (Field f : g.fields()) {
        edited.put(f.key(), form.get(f.key()));
      }
    }
    edited.put("etag", form.get("etag"));
    boolean create = id == null;
    String bodyId = create ? form.trimmed("id") : id;
    if (create) {
      edited.put("id", form.get("id"));
    }
    JsonObject body = body(e, bodyId, form);
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", "application/json");
    if (create) {
      headers.put("If-None-Match", "*");
    } else {
      String etag = form.trimmed("etag");
      headers.put("If-Match", etag == null ? "\"missing\"" : etag);
    }
    // An id that is not a slug never reaches a path: the body's id is then named as invalid.
    String pathId = bodyId != null && FieldReader.isSlug(bodyId) ? bodyId : "invalid-id";
    AdminApi.Answer a =
        api.call(
            p.who,
            "PUT",
            "/v1/" + e.kind() + "/" + pathId,
            headers,
            body.toString().getBytes(StandardCharsets.UTF_8));
    if (a.status() == 200 || a.status() == 201) {
      AdminConsole.redirect(p, "/admin/content/" + e.kind() + "/" + pathId + "?saved=1");
      return;
    }
    if (a.status() == 412 && create) {
      p.status = 409;
      page(p, api, e, null, edited, p.m.format("contentExists", pathId), Map.of());
      return;
    }
    if (a.status() == 412) {
      AdminApi.Answer current =
          api.call(p.who, "GET", "/v1/" + e.kind() + "/" + id, Map.of(), new byte[0]);
      if (current.status() == 404) {
        console.message(p, 409, p.m.get("errorTitle"), p.m.get("contentGone"));
        return;
      }
      edited.put("etag", current.header("ETag"));
      p.status = 409;
      page(p, api, e, id, edited, p.m.get("contentChangedBySomeoneElse"), Map.of());
      return;
    }
    p.status = a.status();
    page(p, api, e, id, edited, null, FieldErrors.localize(p.m, a, field -> keyOf(e, field)));
  }

  private void delete(AdminConsole.Page p, AdminApi api, Editor e, String id, Form form)
      throws IOException {
    if (!form.checked("confirm")) {
      p.status = 400;
      page(p, api, e, id, null, p.m.get("contentDeleteConfirm"), Map.of());
      return;
    }
    String etag = form.trimmed("etag");
    AdminApi.Answer a =
        api.call(
            p.who,
            "DELETE",
            "/v1/" + e.kind() + "/" + id,
            Map.of("If-Match", etag == null ? "\"missing\"" : etag),
            new byte[0]);
    if (a.status() == 204) {
      AdminConsole.redirect(p, "/admin/content/" + e.kind() + "?deleted=" + id);
      return;
    }
    if (a.status() == 404) {
      console.message(p, 404, p.m.get("errorTitle"), p.m.get("contentGone"));
      return;
    }
    p.status = 409;
    String notice =
        a.status() == 412
            ? p.m.get("contentChangedNotDeleted")
            : a.status() == 409 && e.conflictKey() != null
                ? p.m.get(e.conflictKey())
                : FieldErrors.localize(p.m, a, f -> null).get(FieldErrors.FORM);
    if (a.status() != 412 && a.status() != 409) {
      p.status = a.status();
    }
    page(p, api, e, id, null, notice, Map.of());
  }

  /** The API body of an editor's form. */
  static JsonObject body(Editor e, String id, Form form) {
    JsonObject body = new JsonObject();
    if (id != null) {
      body.addProperty("id", id);
    }
    List<Field> lists = new ArrayList<>();
    for (Group g : e.groups()) {
      for (Field f : g.fields()) {
        if (f.input() == Input.LINES) {
          lists.add(f);
          continue;
        }
        String value = form.get(f.key()).strip();
        if (f.optional() && value.isEmpty() && !siblingFilled(e, f, form)) {
          continue;
        }
        JsonElement json = f.input() == Input.NUMBER ? number(value) : new JsonPrimitive(value);
        put(body, f.path(), json);
      }
    }
    // Items given a line each, per language, paired by line: a missing partner is sent empty so
    // that the API names it.
    Map<String, List<Field>> byList = new LinkedHashMap<>();
    for (Field f : lists) {
      byList
          .computeIfAbsent(f.path().substring(0, f.path().indexOf("[]")), k -> new ArrayList<>())
          .add(f);
    }
    for (Map.Entry<String, List<Field>> l : byList.entrySet()) {
      Map<String, List<String>> lines = new LinkedHashMap<>();
      int n = 0;
      for (Field f : l.getValue()) {
        List<String> items =
            form.get(f.key()).lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        lines.put(f.lang(), items);
        n = Math.max(n, items.size());
      }
      JsonArray array = new JsonArray();
      for (int i = 0; i < n; i++) {
        JsonObject item = new JsonObject();
        for (Map.Entry<String, List<String>> lang : lines.entrySet()) {
          item.addProperty(lang.getKey(), i < lang.getValue().size() ? lang.getValue().get(i) : "");
        }
        array.add(item);
      }
      body.add(l.getKey(), array);
    }
    return body;
  }

  /**
   * Whether an optional field must be sent although blank: its language partner is filled, or (in
   * an optional object such as the certificate) any other field of that object is.
   */
  private static boolean siblingFilled(Editor e, Field f, Form form) {
    String path = f.path();
    if (path.endsWith(".es") || path.endsWith(".en")) {
      String text = path.substring(0, path.length() - 3);
      for (Group g : e.groups()) {
        for (Field o : g.fields()) {
          if (o != f && o.path().startsWith(text + ".") && !form.get(o.key()).isBlank()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Sets {@code value} at a dotted path, creating the objects on the way. */
  private static void put(JsonObject body, String path, JsonElement value) {
    String[] parts = path.split("\\.");
    JsonObject o = body;
    for (int i = 0; i < parts.length - 1; i++) {
      if (!o.has(parts[i])) {
        o.add(parts[i], new JsonObject());
      }
      o = o.getAsJsonObject(parts[i]);
    }
    o.add(parts[parts.length - 1], value);
  }

  /** A field's stored value as the form shows it. */
  private static String read(JsonObject stored, Field f) {
    if (f.input() == Input.LINES) {
      String list = f.path().substring(0, f.path().indexOf("[]"));
      JsonElement items = stored.get(list);
      if (items == null || !items.isJsonArray()) {
        return "";
      }
      List<String> out = new ArrayList<>();
      for (JsonElement item : items.getAsJsonArray()) {
        if (item.isJsonPrimitive()) {
          out.add(item.getAsString());
        } else if (item.isJsonObject()) {
          out.add(str(item.getAsJsonObject(), f.lang()));
        }
      }
      return String.join("\n", out);
    }
    JsonElement e = stored;
    for (String part : f.path().split("\\.")) {
      if (e == null || !e.isJsonObject()) {
        return "";
      }
      e = e.getAsJsonObject().get(part);
    }
    return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? "" : e.getAsString();
  }

  private static final Pattern LIST_ITEM =
      Pattern.compile("([a-zA-Z]+)(?:\\[\\d+\\])?(?:\\.(es|en))?");

  /** The form field of an API field error, or null when the form has none. */
  static String keyOf(Editor e, String apiField) {
    if (apiField.equals("id")) {
      return "id";
    }
    for (Group g : e.groups()) {
      for (Field f : g.fields()) {
        if (f.path().equals(apiField)) {
          return f.key();
        }
      }
    }
    Matcher m = LIST_ITEM.matcher(apiField);
    if (m.matches()) {
      for (Group g : e.groups()) {
        for (Field f : g.fields()) {
          if (f.input() == Input.LINES
              && f.path().startsWith(m.group(1) + "[]")
              && (m.group(2) == null || f.lang().equals(m.group(2)))) {
            return f.key();
          }
        }
      }
    }
    return null;
  }

  // ---- helpers
  // -------------------------------------------------------------------------------------------

  private static String query(AdminConsole.Page p, String name) {
    List<String> v = QueryString.parse(p.req.getQuery().orElse(null)).get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** A whole number as JSON, or the text as a string so that the API names the field as invalid. */
  static JsonElement number(String s) {
    String t = s.strip();
    try {
      return new JsonPrimitive(Long.parseLong(t));
    } catch (NumberFormatException e) {
      return new JsonPrimitive(t);
    }
  }

  static String str(JsonObject o, String field) {
    JsonElement e = o.get(field);
    return e == null || e.isJsonNull() ? "" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
  }

  private static String text(JsonObject o, String field, Language lang) {
    JsonElement e = o.get(field);
    return e != null && e.isJsonObject() ? str(e.getAsJsonObject(), lang.code()) : "";
  }
}
