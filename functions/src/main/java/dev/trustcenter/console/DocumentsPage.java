package dev.trustcenter.console;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.admin.AdminApi;
import dev.trustcenter.content.Language;
import dev.trustcenter.documents.DocumentLibrary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /admin/documents}: the gated documents (shared on request only, the one kind the API has),
 * upload of a new one, replacement and deletion, each through the document admin API.
 */
final class DocumentsPage {
  /** The file types accepted, as the file picker offers them. */
  static final String ACCEPT =
      String.join(
          ",", DocumentLibrary.CONTENT_TYPES.values().stream().sorted().map(e -> "." + e).toList());

  private final AdminConsole console;

  DocumentsPage(AdminConsole console) {
    this.console = console;
  }

  /**
   * The page.
   *
   * @param result what a refused upload or deletion left: {@code notice}, {@code problem}, {@code
   *     errors} by field ({@code id}, {@code resource}, {@code file}), the upload form's values
   *     {@code v}, or {@code rowError} and {@code rowId} for a document's own forms; or null
   */
  void show(AdminConsole.Page p, AdminApi api, Map<String, Object> result) throws IOException {
    AdminApi.Answer a = api.call(p.who, "GET", "/v1/documents", Map.of(), new byte[0]);
    if (a.status() != 200) {
      console.message(p, a.status(), p.m.get("errorTitle"), AdminConsole.apiMessage(p, a));
      return;
    }
    Map<String, Object> model = new HashMap<>();
    Map<String, String> titles = resourceTitles(p, api);
    List<Map<String, Object>> docs = new ArrayList<>();
    for (JsonElement e :
        JsonParser.parseString(a.text()).getAsJsonObject().getAsJsonArray("documents")) {
      JsonObject d = e.getAsJsonObject();
      String id = AdminConsole.str(d, "id");
      Map<String, Object> row = new HashMap<>();
      row.put("id", id);
      String resource = AdminConsole.str(d, "resourceId");
      row.put("title", titles.getOrDefault(resource, id));
      row.put("resource", resource);
      row.put("fileName", AdminConsole.str(d, "fileName"));
      row.put("contentType", AdminConsole.str(d, "contentType"));
      row.put("size", size(p, Long.parseLong(AdminConsole.str(d, "size"))));
      row.put("version", AdminConsole.str(d, "version"));
      row.put("sha256", AdminConsole.str(d, "sha256"));
      row.put("updated", p.dateTime(AdminConsole.instant(d, "updatedAt")));
      row.put("updatedBy", AdminConsole.str(d, "updatedBy"));
      if (result != null && id.equals(result.get("rowId"))) {
        row.put("rowError", result.get("rowError"));
        row.put("rowErrorKind", result.get("rowErrorKind"));
      }
      docs.add(row);
    }
    model.put("documents", docs);
    model.put("hasDocuments", !docs.isEmpty());
    List<Map<String, Object>> resources = new ArrayList<>();
    Map<String, String> v = new HashMap<>();
    v.put("id", "");
    v.put("resource", "");
    if (result != null && result.get("v") instanceof Map<?, ?> values) {
      values.forEach((k, x) -> v.put(String.valueOf(k), String.valueOf(x)));
    }
    titles.forEach(
        (id, title) ->
            resources.add(
                Map.of("id", id, "title", title, "selected", id.equals(v.get("resource")))));
    model.put("resources", resources);
    model.put("v", v);
    model.put("accept", ACCEPT);
    model.put("maxSize", size(p, DocumentLibrary.MAX_BYTES));
    model.put("errors", Map.of());
    if (result != null) {
      model.putAll(result);
      model.put("hasErrors", result.get("errors") instanceof Map<?, ?> errors && !errors.isEmpty());
    }
    if (model.get("notice") == null && p.status == null) {
      String uploaded = AdminConsole.first(p.req, "uploaded");
      String deleted = AdminConsole.first(p.req, "deleted");
      if (uploaded != null && DocumentLibrary.ID.matcher(uploaded).matches()) {
        model.put("notice", p.m.format("documentUploaded", uploaded));
      } else if (deleted != null && DocumentLibrary.ID.matcher(deleted).matches()) {
        model.put("notice", p.m.format("documentDeleted", deleted));
      }
    }
    console.render(p, 200, "documents", p.m.get("documentsTitle"), model);
  }

  /** Resource titles by id in the page's language, for naming documents and choosing a resource. */
  private static Map<String, String> resourceTitles(AdminConsole.Page p, AdminApi api) {
    Map<String, String> titles = new LinkedHashMap<>();
    AdminApi.Answer a = api.call(p.who, "GET", "/v1/resources", Map.of(), new byte[0]);
    if (a.status() == 200) {
      for (JsonElement e :
          JsonParser.parseString(a.text()).getAsJsonObject().getAsJsonArray("items")) {
        JsonObject r = e.getAsJsonObject();
        JsonObject title = r.getAsJsonObject("title");
        titles.put(
            AdminConsole.str(r, "id"),
            AdminConsole.str(title, p.lang == Language.ES ? "es" : "en"));
      }
    }
    return titles;
  }

  /**
   * Uploads a new document ({@code replacing} null) or a new version of {@code replacing}. A file
   * refused by the API (type, content, size, id) is named next to its field and nothing is stored.
   */
  void upload(AdminConsole.Page p, AdminApi api, Form form, String replacing) throws IOException {
    String id = replacing != null ? replacing : form.get("id").strip();
    String resource = replacing != null ? null : form.trimmed("resource");
    Map<String, String> values = Map.of("id", id, "resource", resource == null ? "" : resource);
    Form.File file = form.file("file");
    if (file == null) {
      refuse(p, api, replacing, values, Map.of("file", p.m.get("uploadNoFile")), 400);
      return;
    }
    String type = contentType(file);
    String target =
        "/v1/documents/"
            + AdminConsole.enc(id)
            + (resource == null ? "" : "?resource=" + AdminConsole.enc(resource));
    AdminApi.Answer a =
        api.call(
            p.who,
            "PUT",
            target,
            Map.of("Content-Type", type == null ? "application/octet-stream" : type),
            file.bytes());
    if (a.status() == 200 || a.status() == 201) {
      AdminConsole.redirect(p, "/admin/documents?uploaded=" + id);
      return;
    }
    String code = code(a);
    if (code.equals("invalid")) {
      refuse(
          p,
          api,
          replacing,
          values,
          FieldErrors.localize(
              p.m,
              a,
              field -> field.equals("id") || field.equals("resource") ? field : null,
              Map.of("id", "uploadBadId", "resource", "uploadBadResource")),
          a.status());
      return;
    }
    String field =
        switch (code) {
          case "unsupported_media_type", "content_mismatch", "empty", "payload_too_large" -> "file";
          default -> FieldErrors.FORM;
        };
    String text =
        switch (code) {
          case "unsupported_media_type" -> p.m.format("uploadBadType", file.name());
          case "content_mismatch" -> p.m.format("uploadContentMismatch", file.name(), type);
          case "empty" -> p.m.get("uploadEmpty");
          case "payload_too_large" ->
              p.m.format("uploadTooLarge", size(p, DocumentLibrary.MAX_BYTES));
          case "conflict" -> p.m.get("uploadConflict");
          default -> AdminConsole.apiMessage(p, a);
        };
    refuse(p, api, replacing, values, Map.of(field, text), a.status());
  }

  private void refuse(
      AdminConsole.Page p,
      AdminApi api,
      String replacing,
      Map<String, String> values,
      Map<String, String> errors,
      int status)
      throws IOException {
    p.status = status;
    Map<String, Object> result = new HashMap<>();
    if (replacing != null) {
      result.put("rowId", replacing);
      result.put("rowError", String.join(" ", errors.values()));
      result.put("rowErrorKind", "replace");
      result.put("problem", p.m.format("replaceRefused", replacing));
    } else {
      result.put("errors", errors);
      result.put("v", values);
    }
    show(p, api, result);
  }

  /** Deletes a document once the admin ticked the confirmation; the files stay in the bucket. */
  void delete(AdminConsole.Page p, AdminApi api, Form form, String id) throws IOException {
    if (!form.checked("confirm")) {
      p.status = 400;
      show(
          p,
          api,
          Map.of(
              "rowId",
              id,
              "rowError",
              p.m.get("deleteNotConfirmed"),
              "rowErrorKind",
              "delete",
              "problem",
              p.m.format("deleteRefused", id)));
      return;
    }
    String version = form.trimmed("version");
    String target =
        "/v1/documents/"
            + id
            + (version != null && version.matches("[0-9]{1,9}") ? "?version=" + version : "");
    AdminApi.Answer a = api.call(p.who, "DELETE", target, Map.of(), new byte[0]);
    if (a.status() == 204) {
      AdminConsole.redirect(p, "/admin/documents?deleted=" + id);
      return;
    }
    p.status = a.status();
    show(
        p,
        api,
        Map.of(
            "problem",
            a.status() == 409
                ? p.m.format("documentChangedMeanwhile", id)
                : AdminConsole.apiMessage(p, a)));
  }

  /**
   * The type to send: what the browser declared, or from the file's extension when it declared none
   * or only {@code application/octet-stream}.
   */
  static String contentType(Form.File file) {
    String declared = DocumentLibrary.mediaType(file.contentType());
    if (declared != null && !declared.equals("application/octet-stream")) {
      return declared;
    }
    String name = file.name().toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    if (ext.equals("jpeg")) {
      ext = "jpg";
    }
    for (Map.Entry<String, String> e : DocumentLibrary.CONTENT_TYPES.entrySet()) {
      if (e.getValue().equals(ext)) {
        return e.getKey();
      }
    }
    return declared;
  }

  /** The API's error code, or "" when the answer is not an API error. */
  private static String code(AdminApi.Answer a) {
    String code = AdminConsole.apiError(a, "code");
    return code == null ? "" : code;
  }

  /** A size as people read it: bytes, KiB or MiB with one decimal. */
  static String size(AdminConsole.Page p, long bytes) {
    Locale locale = Locale.forLanguageTag(p.lang.code());
    if (bytes < 1024) {
      return p.m.format("sizeBytes", bytes);
    }
    if (bytes < 1024 * 1024) {
      return String.format(locale, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(locale, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
