package dev.trustcenter.console;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.admin.AdminApi;
import dev.trustcenter.admin.Bundles;
import dev.trustcenter.auth.Principal;
import dev.trustcenter.http.QueryString;
import dev.trustcenter.i18n.Messages;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's export and import page ({@code /admin/bundle}): download the whole content as a
 * bundle; upload a bundle, see what importing it would change (the API's dry run, kind by kind and
 * field by field), then confirm the import. Every step goes through the admin API's own routes
 * ({@code GET /v1/export}, {@code POST /v1/import?dryRun=true}, {@code POST /v1/import}).
 *
 * <p>The upload and the confirmation are {@code multipart/form-data} forms (a file input needs it,
 * and the confirmation carries the checked bundle back, which may be larger than an ordinary form's
 * limit); their CSRF field is checked like every other form's.
 */
final class BundlePages {
  static final String PAGE = "/bundle";
  static final String EXPORT = "/bundle/export";
  static final String CHECK = "/bundle/check";
  static final String IMPORT = "/bundle/import";

  /** Largest upload: the API's bundle limit plus room for the form's other fields. */
  static final int MAX_UPLOAD = dev.trustcenter.admin.Bundles.MAX_BYTES + 64 * 1024;

  BundlePages() {}

  /** Longer values are cut in the diff (an NDA's text runs to thousands of characters). */
  private static final int SHOWN = 300;

  /** What these pages need of the console's request. */
  interface View {
    HttpRequest req();

    HttpResponse res();

    Messages m();

    Principal who();

    void render(int status, String template, String title, Map<String, Object> model)
        throws IOException;
  }

  /** Whether a POST to {@code path} is one of these pages' multipart forms. */
  static boolean multipart(String path) {
    return path.equals(CHECK) || path.equals(IMPORT);
  }

  /** {@code GET /admin/bundle} (and a GET of the forms' targets, as the language switch makes). */
  void page(View v) throws IOException {
    Map<String, Object> model = new HashMap<>();
    List<String> imported = QueryString.parse(v.req().getQuery().orElse(null)).get("imported");
    if (imported != null && !imported.isEmpty()) {
      model.put("notice", v.m().get("bundleImported"));
    }
    v.render(200, "bundle", v.m().get("bundleTitle"), model);
  }

  /** {@code GET /admin/bundle/export}: the API's export, as a download. */
  void export(View v, AdminApi api) throws IOException {
    AdminApi.Answer a = api.call(v.who(), "GET", "/v1/export", Map.of(), new byte[0]);
    if (a.status() != 200) {
      problem(v, a.status(), a, null);
      return;
    }
    HttpResponse res = v.res();
    res.setStatusCode(200);
    res.setContentType("application/json; charset=utf-8");
    res.appendHeader("Content-Disposition", a.header("Content-Disposition"));
    if (!v.req().getMethod().equalsIgnoreCase("HEAD")) {
      try (OutputStream out = res.getOutputStream()) {
        out.write(a.body());
      }
    }
  }

  /** {@code POST /admin/bundle/check}: the dry run of an uploaded bundle. */
  void check(View v, AdminApi api, Map<String, byte[]> parts) throws IOException {
    byte[] bundle = parts.getOrDefault("bundle", new byte[0]);
    if (bundle.length == 0) {
      Map<String, Object> model = new HashMap<>();
      model.put("problemLead", v.m().get("bundleNoFile"));
      v.render(400, "bundle", v.m().get("bundleTitle"), model);
      return;
    }
    AdminApi.Answer a =
        api.call(
            v.who(),
            "POST",
            "/v1/import?dryRun=true",
            Map.of("Content-Type", "application/json"),
            bundle);
    if (a.status() != 200) {
      problem(v, a.status(), a, v.m().get("bundleInvalid"));
      return;
    }
    JsonObject report = JsonParser.parseString(a.text()).getAsJsonObject();
    Map<String, Object> model = new HashMap<>();
    List<Map<String, Object>> kinds = new ArrayList<>();
    int unchanged = 0;
    JsonObject changes = report.getAsJsonObject("changes");
    for (String kind : Bundles.PARTS) {
      JsonObject c = changes.getAsJsonObject(kind);
      if (c == null) {
        continue;
      }
      unchanged += c.get("unchanged").getAsInt();
      Map<String, Object> k = kindModel(v.m(), kind, c);
      if (k != null) {
        kinds.add(k);
      }
    }
    model.put("checked", true);
    model.put("basis", report.get("basis").getAsString());
    model.put("kinds", kinds);
    model.put("hasChanges", !kinds.isEmpty());
    model.put(
        "unchangedText", v.m().get("bundleUnchanged").replace("{n}", Integer.toString(unchanged)));
    List<String> retires = new ArrayList<>();
    report.getAsJsonArray("retiresHistory").forEach(e -> retires.add(e.getAsString()));
    if (!retires.isEmpty()) {
      model.put("retires", String.join(", ", retires));
    }
    // The checked bundle goes back with the confirmation, compacted (the same JSON value).
    model.put(
        "bundle", JsonParser.parseString(new String(bundle, StandardCharsets.UTF_8)).toString());
    v.render(200, "bundle", v.m().get("bundleTitle"), model);
  }

  /** {@code POST /admin/bundle/import}: the confirmed import. */
  void importBundle(View v, AdminApi api, Map<String, byte[]> parts) throws IOException {
    byte[] bundle = parts.getOrDefault("bundle", new byte[0]);
    boolean retire = parts.containsKey("retire");
    String basis = new String(parts.getOrDefault("basis", new byte[0]), StandardCharsets.UTF_8);
    String query =
        "?basis="
            + java.net.URLEncoder.encode(basis, StandardCharsets.UTF_8)
            + (retire ? "&history=retire" : "");
    AdminApi.Answer a =
        api.call(
            v.who(),
            "POST",
            "/v1/import" + query,
            Map.of("Content-Type", "application/json"),
            bundle);
    if (a.status() != 200) {
      problem(v, a.status(), a, v.m().get(a.status() == 412 ? "bundleStale" : "bundleNotImported"));
      return;
    }
    v.res().setStatusCode(303);
    v.res().appendHeader("Location", "/admin" + PAGE + "?imported=1");
  }

  /** A kind's changes for the page, or null when it has none. */
  private static Map<String, Object> kindModel(Messages m, String kind, JsonObject c) {
    List<String> added = strings(c, "added");
    List<String> removed = strings(c, "removed");
    List<Map<String, Object>> changed = new ArrayList<>();
    for (JsonElement e : c.getAsJsonArray("changed")) {
      JsonObject x = e.getAsJsonObject();
      List<Map<String, Object>> fields = new ArrayList<>();
      for (JsonElement f : x.getAsJsonArray("fields")) {
        JsonObject fo = f.getAsJsonObject();
        fields.add(
            Map.of(
                "field", fo.get("field").getAsString(),
                "before", shown(m, fo.get("before")),
                "after", shown(m, fo.get("after"))));
      }
      changed.add(Map.of("id", x.get("id").getAsString(), "fields", fields));
    }
    if (added.isEmpty() && removed.isEmpty() && changed.isEmpty()) {
      return null;
    }
    Map<String, Object> k = new HashMap<>();
    k.put("kind", kind);
    k.put("label", m.get("bundleKind" + Character.toUpperCase(kind.charAt(0)) + kind.substring(1)));
    k.put("added", added.isEmpty() ? null : String.join(", ", added));
    k.put("removed", removed.isEmpty() ? null : String.join(", ", removed));
    k.put("changed", changed);
    return k;
  }

  private static List<String> strings(JsonObject o, String field) {
    List<String> out = new ArrayList<>();
    o.getAsJsonArray(field).forEach(e -> out.add(e.getAsString()));
    return out;
  }

  private static String shown(Messages m, JsonElement e) {
    if (e == null || e.isJsonNull()) {
      return m.get("bundleNoValue");
    }
    String s = e.isJsonPrimitive() ? e.getAsString() : e.toString();
    return s.length() > SHOWN ? s.substring(0, SHOWN) + "…" : s;
  }

  /** The page again with the API's refusal: a localized lead-in, then its detail in English. */
  private static void problem(View v, int status, AdminApi.Answer a, String lead)
      throws IOException {
    Map<String, Object> model = new HashMap<>();
    model.put("problemLead", lead != null ? lead : v.m().get("errorUnexpected"));
    try {
      JsonObject error =
          JsonParser.parseString(a.text()).getAsJsonObject().getAsJsonObject("error");
      model.put("problem", error.get("message").getAsString());
      List<Map<String, String>> fields = new ArrayList<>();
      if (error.has("fields")) {
        for (JsonElement f : error.getAsJsonArray("fields")) {
          JsonObject fo = f.getAsJsonObject();
          fields.add(
              Map.of(
                  "field", fo.get("field").getAsString(),
                  "message", fo.get("message").getAsString()));
        }
      }
      model.put("problemFields", fields);
      model.put("hasProblemFields", !fields.isEmpty());
    } catch (RuntimeException e) {
      // the lead-in alone
    }
    v.render(status, "bundle", v.m().get("bundleTitle"), model);
  }
}
