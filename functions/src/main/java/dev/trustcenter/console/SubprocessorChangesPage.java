package dev.trustcenter.console;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.admin.AdminApi;
import dev.trustcenter.auth.Principal;
import dev.trustcenter.i18n.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's page of the company's own subprocessor changes (GDPR Art. 28, {@code
 * /admin/subprocessor-changes}): every change with its acknowledgements and objections, a form to
 * answer each objection and to withdraw an open change, and a form to schedule one. Every action is
 * an in-process call of the admin API's {@code /v1/subprocessor-changes} routes, so it is validated
 * and audited exactly like an API request.
 */
final class SubprocessorChangesPage {
  static final String PATH = "/subprocessor-changes";
  private static final Pattern WITHDRAW =
      Pattern.compile(PATH + "/(spc-[0-9]{8}-[0-9a-f]{8})/withdraw");
  private static final Pattern REPLY =
      Pattern.compile(PATH + "/(spc-[0-9]{8}-[0-9a-f]{8})/objections/([0-9a-f]{32})/reply");

  /** What the page needs from the console's request. */
  interface View {
    Messages m();

    Principal who();

    String dateTime(Instant at);

    void render(int status, String template, String title, Map<String, Object> model)
        throws IOException;
  }

  private SubprocessorChangesPage() {}

  /** Whether a POST to {@code path} is one of this page's forms. */
  static boolean posts(String path) {
    return path.equals(PATH) || WITHDRAW.matcher(path).matches() || REPLY.matcher(path).matches();
  }

  static void show(View v, AdminApi api) throws IOException {
    show(v, api, 200, Map.of(), Map.of());
  }

  private static void show(
      View v, AdminApi api, int status, Map<String, Object> result, Map<String, String> entered)
      throws IOException {
    Messages m = v.m();
    AdminApi.Answer a = api.call(v.who(), "GET", "/v1" + PATH, Map.of(), new byte[0]);
    if (a.status() != 200) {
      v.render(
          a.status(),
          "message",
          m.get("errorTitle"),
          Map.of("heading", m.get("errorTitle"), "text", AdminConsole.apiMessage(m, a)));
      return;
    }
    JsonObject list = JsonParser.parseString(a.text()).getAsJsonObject();
    List<Map<String, Object>> changes = new ArrayList<>();
    for (JsonElement e : list.getAsJsonArray("items")) {
      JsonObject item = e.getAsJsonObject();
      JsonObject c = item.getAsJsonObject("change");
      String id = c.get("id").getAsString();
      String kind = c.get("kind").getAsString();
      String state = c.get("status").getAsString();
      Map<String, Object> row = new HashMap<>();
      row.put("id", id);
      row.put(
          "title",
          m.format(
              "changeKind_" + kind,
              present(c, "after")
                  ? name(c.getAsJsonObject("after"))
                  : name(c.getAsJsonObject("before"))));
      row.put("subprocessorId", c.get("subprocessorId").getAsString());
      row.put("effectiveOn", c.get("effectiveOn").getAsString());
      row.put("statusLabel", m.get("changeStatus_" + state));
      row.put("outcome", present(c, "outcome") ? c.get("outcome").getAsString() : null);
      row.put("acknowledged", item.get("acknowledged").getAsInt());
      row.put("objected", item.get("objected").getAsInt());
      row.put("open", state.equals("scheduled"));
      List<Map<String, Object>> answers = answers(v, api, id);
      row.put("answers", answers);
      row.put("hasAnswers", !answers.isEmpty());
      changes.add(row);
    }
    Map<String, Object> model = new HashMap<>(result);
    model.put("changes", changes);
    model.put("hasChanges", !changes.isEmpty());
    model.put("earliest", list.get("earliestEffectiveOn").getAsString());
    model.put(
        "effectiveHint",
        m.format(
            "scheduleEffectiveHint",
            list.get("earliestEffectiveOn").getAsString(),
            list.get("noticeDays").getAsInt()));
    Map<String, Object> values = new HashMap<>(entered);
    String kind = entered.getOrDefault("kind", "add");
    for (String k : List.of("add", "remove", "change")) {
      values.put("kind_" + k, k.equals(kind));
    }
    model.put("values", values);
    v.render(status, "subprocessor-changes", m.get("changesTitle"), model);
  }

  /** Whether {@code o} has {@code field} with a value (the API writes absent values as null). */
  private static boolean present(JsonObject o, String field) {
    return o.has(field) && !o.get(field).isJsonNull();
  }

  private static String name(JsonObject sp) {
    return sp == null || !present(sp, "name") ? "" : sp.get("name").getAsString();
  }

  private static List<Map<String, Object>> answers(View v, AdminApi api, String id) {
    AdminApi.Answer a = api.call(v.who(), "GET", "/v1" + PATH + "/" + id, Map.of(), new byte[0]);
    List<Map<String, Object>> out = new ArrayList<>();
    if (a.status() != 200) {
      return out;
    }
    JsonArray answers =
        JsonParser.parseString(a.text()).getAsJsonObject().getAsJsonArray("answers");
    for (JsonElement e : answers) {
      JsonObject x = e.getAsJsonObject();
      boolean objected = x.get("kind").getAsString().equals("objected");
      Map<String, Object> row = new HashMap<>();
      row.put("changeId", id);
      row.put("subscriberId", x.get("subscriberId").getAsString());
      row.put("email", present(x, "email") ? x.get("email").getAsString() : "");
      row.put("kindLabel", v.m().get("answerKind_" + x.get("kind").getAsString()));
      row.put("at", v.dateTime(Instant.parse(x.get("at").getAsString())));
      row.put("reason", present(x, "reason") ? x.get("reason").getAsString() : null);
      row.put("reply", present(x, "reply") ? x.get("reply").getAsString() : null);
      row.put(
          "repliedAt",
          present(x, "repliedAt")
              ? v.dateTime(Instant.parse(x.get("repliedAt").getAsString()))
              : null);
      row.put("canReply", objected && !present(x, "reply"));
      out.add(row);
    }
    return out;
  }

  /** Runs one of this page's forms ({@link #posts}) and shows the page with what it did. */
  static void post(View v, AdminApi api, String path, Form form) throws IOException {
    Messages m = v.m();
    Matcher w = WITHDRAW.matcher(path);
    Matcher r = REPLY.matcher(path);
    JsonObject body = new JsonObject();
    String target;
    String done;
    if (w.matches()) {
      if (form.trimmed("reason") != null) {
        body.addProperty("reason", form.trimmed("reason"));
      }
      target = "/v1" + PATH + "/" + w.group(1) + "/withdraw";
      done = "changeWithdrawnNotice";
    } else if (r.matches()) {
      if (form.trimmed("text") != null) {
        body.addProperty("text", form.get("text").strip());
      }
      target = "/v1" + PATH + "/" + r.group(1) + "/objections/" + r.group(2) + "/reply";
      done = "replySentNotice";
    } else {
      body.addProperty("kind", form.get("kind"));
      body.addProperty("subprocessorId", form.get("subprocessorId").strip());
      body.addProperty("effectiveOn", form.get("effectiveOn").strip());
      if (form.trimmed("name") != null) {
        body.addProperty("name", form.trimmed("name"));
      }
      if (form.trimmed("purposeEs") != null || form.trimmed("purposeEn") != null) {
        JsonObject purpose = new JsonObject();
        purpose.addProperty("es", form.get("purposeEs").strip());
        purpose.addProperty("en", form.get("purposeEn").strip());
        body.add("purpose", purpose);
      }
      List<String> es = lines(form.get("locationsEs"));
      List<String> en = lines(form.get("locationsEn"));
      if (form.checked("changeLocations") || !es.isEmpty() || !en.isEmpty()) {
        JsonArray locations = new JsonArray();
        for (int i = 0; i < Math.max(es.size(), en.size()); i++) {
          JsonObject l = new JsonObject();
          l.addProperty("es", i < es.size() ? es.get(i) : "");
          l.addProperty("en", i < en.size() ? en.get(i) : "");
          locations.add(l);
        }
        body.add("dataLocations", locations);
      }
      if (form.trimmed("dpaUrl") != null) {
        body.addProperty("dpaUrl", form.trimmed("dpaUrl"));
      }
      target = "/v1" + PATH;
      done = "changeScheduledNotice";
    }
    AdminApi.Answer a =
        api.call(
            v.who(),
            "POST",
            target,
            Map.of("Content-Type", "application/json"),
            body.toString().getBytes(StandardCharsets.UTF_8));
    if (a.status() == 200 || a.status() == 201) {
      show(v, api, 200, Map.of("notice", m.get(done)), Map.of());
      return;
    }
    Map<String, String> entered = new LinkedHashMap<>();
    for (String f :
        List.of(
            "kind",
            "subprocessorId",
            "effectiveOn",
            "name",
            "purposeEs",
            "purposeEn",
            "locationsEs",
            "locationsEn",
            "dpaUrl")) {
      entered.put(f, form.get(f));
    }
    show(v, api, a.status(), Map.of("problem", AdminConsole.apiMessage(m, a)), entered);
  }

  private static List<String> lines(String s) {
    List<String> out = new ArrayList<>();
    for (String line : s.split("\n")) {
      if (!line.isBlank()) {
        out.add(line.strip());
      }
    }
    return out;
  }
}
