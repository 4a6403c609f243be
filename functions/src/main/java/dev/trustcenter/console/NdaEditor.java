package dev.trustcenter.console;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.admin.AdminApi;
import dev.trustcenter.http.QueryString;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The console's NDA page ({@code /admin/content/nda}): the version in force with the SHA-256 of
 * each language's text (what an acceptance records), and its editor. Saving calls {@code PUT
 * /v1/nda} in-process with the version the page was opened on as {@code If-Match}, so a version
 * published meanwhile by someone else is never replaced unseen (412: nothing saved, the admin's
 * text kept); the same text publishes nothing.
 */
final class NdaEditor {
  private final AdminConsole console;

  NdaEditor(AdminConsole console) {
    this.console = Objects.requireNonNull(console);
  }

  void serve(AdminConsole.Page p, boolean post, Form form, AdminApi api) throws IOException {
    if (post) {
      save(p, api, form);
    } else {
      page(p, api, null, null, Map.of());
    }
  }

  private void page(
      AdminConsole.Page p,
      AdminApi api,
      Map<String, String> edited,
      String notice,
      Map<String, String> errors)
      throws IOException {
    AdminApi.Answer got = api.call(p.who, "GET", "/v1/nda", Map.of(), new byte[0]);
    if (got.status() != 200) {
      console.message(p, got.status(), p.m.get("errorTitle"), p.m.get("errorUnexpected"));
      return;
    }
    JsonObject v = JsonParser.parseString(got.text()).getAsJsonObject();
    JsonObject text = v.getAsJsonObject("text");
    JsonObject sha = v.getAsJsonObject("sha256");
    Map<String, String> values = new HashMap<>();
    values.put("textEs", ContentEditors.str(text, "es"));
    values.put("textEn", ContentEditors.str(text, "en"));
    values.put("etag", got.header("ETag"));
    if (edited != null) {
      values.putAll(edited);
    }
    Map<String, Object> model = new HashMap<>();
    model.put("v", values);
    model.put("version", ContentEditors.str(v, "version"));
    model.put("since", p.dateTime(instant(ContentEditors.str(v, "createdAt"))));
    model.put("by", ContentEditors.str(v, "createdBy"));
    model.put("shaEs", ContentEditors.str(sha, "es"));
    model.put("shaEn", ContentEditors.str(sha, "en"));
    if (notice == null && p.status == null) {
      if ("1".equals(query(p, "saved"))) {
        notice = p.m.format("ndaSaved", ContentEditors.str(v, "version"));
      } else if ("1".equals(query(p, "unchanged"))) {
        notice = p.m.get("ndaUnchanged");
      }
    }
    model.put("notice", notice);
    model.put("errors", errors);
    model.put("hasErrors", !errors.isEmpty());
    console.render(p, 200, "nda", p.m.get("ndaTitle"), model);
  }

  private void save(AdminConsole.Page p, AdminApi api, Form form) throws IOException {
    Map<String, String> edited = new HashMap<>();
    for (String f : List.of("textEs", "textEn", "etag")) {
      edited.put(f, form.get(f));
    }
    JsonObject text = new JsonObject();
    text.addProperty("es", form.get("textEs").strip());
    text.addProperty("en", form.get("textEn").strip());
    JsonObject body = new JsonObject();
    body.add("text", text);
    String etag = form.trimmed("etag");
    AdminApi.Answer a = AdminConsole.putJson(p, api, "/v1/nda", etag, body);
    if (a.status() == 200) {
      boolean unchanged = etag != null && etag.equals(a.header("ETag"));
      AdminConsole.redirect(p, "/admin/content/nda?" + (unchanged ? "unchanged=1" : "saved=1"));
      return;
    }
    if (a.status() == 412) {
      AdminApi.Answer current = api.call(p.who, "GET", "/v1/nda", Map.of(), new byte[0]);
      edited.put("etag", current.header("ETag"));
      p.status = 409;
      page(p, api, edited, p.m.get("ndaChangedBySomeoneElse"), Map.of());
      return;
    }
    p.status = a.status();
    page(
        p,
        api,
        edited,
        null,
        FieldErrors.localize(
            p.m,
            a,
            field ->
                switch (field) {
                  case "text.es" -> "textEs";
                  case "text.en" -> "textEn";
                  default -> null;
                }));
  }

  private static String query(AdminConsole.Page p, String name) {
    List<String> v = QueryString.parse(p.req.getQuery().orElse(null)).get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static Instant instant(String s) {
    try {
      return s.isEmpty() ? null : Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
