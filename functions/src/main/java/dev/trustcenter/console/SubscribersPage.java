package dev.trustcenter.console;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.admin.AdminApi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/subscribers}: the subscribers (confirmed or unsubscribed) and, on a second tab, the
 * requests waiting for confirmation, {@value #PAGE} a page, through {@code GET /v1/subscribers};
 * removing one goes through {@code DELETE /v1/subscribers/{id}} once the admin ticked the
 * confirmation. The API shows no token or webhook secret, so neither can this page.
 */
final class SubscribersPage {
  static final int PAGE = 50;
  private static final String CURSOR = "[0-9a-f]{32}|[0-9]{10}-[0-9a-f]{32}";

  private final AdminConsole console;

  SubscribersPage(AdminConsole console) {
    this.console = console;
  }

  void show(AdminConsole.Page p, AdminApi api, Map<String, Object> result) throws IOException {
    boolean pending = "pending".equals(AdminConsole.first(p.req, "status"));
    String after = AdminConsole.first(p.req, "after");
    if (after != null && !after.matches(CURSOR)) {
      after = null;
    }
    String target =
        "/v1/subscribers?limit="
            + PAGE
            + (pending ? "&status=pending" : "")
            + (after == null ? "" : "&after=" + after);
    AdminApi.Answer a = api.call(p.who, "GET", target, Map.of(), new byte[0]);
    if (a.status() != 200) {
      console.message(p, a.status(), p.m.get("errorTitle"), AdminConsole.apiMessage(p, a));
      return;
    }
    JsonObject page = JsonParser.parseString(a.text()).getAsJsonObject();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JsonElement e : page.getAsJsonArray("subscribers")) {
      JsonObject s = e.getAsJsonObject();
      String status = AdminConsole.str(s, "status");
      Map<String, Object> row = new HashMap<>();
      row.put("id", AdminConsole.str(s, "id"));
      row.put("email", AdminConsole.str(s, "email"));
      row.put("status", status);
      row.put("statusLabel", p.m.get("subscriber_" + status));
      String language = AdminConsole.str(s, "language");
      row.put("language", p.m.get("language_" + (language.equals("es") ? "es" : "en")));
      List<String> topics = new ArrayList<>();
      if (s.has("topics") && s.get("topics").isJsonArray()) {
        s.getAsJsonArray("topics").forEach(t -> topics.add(p.m.get("topic_" + t.getAsString())));
      }
      row.put("topics", String.join(", ", topics));
      row.put("webhook", s.has("webhook") && s.get("webhook").getAsBoolean());
      row.put("iso", AdminConsole.str(s, "createdAt"));
      row.put("created", p.date(AdminConsole.instant(s, "createdAt")));
      if (result != null && row.get("id").equals(result.get("rowId"))) {
        row.put("rowError", result.get("rowError"));
      }
      rows.add(row);
    }
    Map<String, Object> model = new HashMap<>();
    model.put("rows", rows);
    model.put("empty", rows.isEmpty());
    model.put("pending", pending);
    model.put(
        "tabs",
        List.of(
            Map.of(
                "href",
                "/admin/subscribers",
                "label",
                p.m.get("subscribersTabAll"),
                "current",
                !pending),
            Map.of(
                "href",
                "/admin/subscribers?status=pending",
                "label",
                p.m.get("subscribersTabPending"),
                "current",
                pending)));
    String base = "/admin/subscribers?" + (pending ? "status=pending&" : "");
    if (page.has("next")) {
      model.put("nextHref", base + "after=" + page.get("next").getAsString());
    }
    if (after != null) {
      model.put("firstHref", pending ? "/admin/subscribers?status=pending" : "/admin/subscribers");
    }
    if (result != null) {
      model.putAll(result);
    } else if (p.status == null && "1".equals(AdminConsole.first(p.req, "removed"))) {
      model.put("notice", p.m.get("subscriberRemoved"));
    }
    console.render(p, 200, "subscribers", p.m.get("subscribersTitle"), model);
  }

  /** Removes a subscriber and its open requests once the admin ticked the confirmation. */
  void remove(AdminConsole.Page p, AdminApi api, Form form, String id) throws IOException {
    if (!form.checked("confirm")) {
      p.status = 400;
      show(
          p,
          api,
          Map.of(
              "rowId",
              id,
              "rowError",
              p.m.get("removeNotConfirmed"),
              "problem",
              p.m.get("subscriberNotRemoved")));
      return;
    }
    AdminApi.Answer a = api.call(p.who, "DELETE", "/v1/subscribers/" + id, Map.of(), new byte[0]);
    if (a.status() == 204) {
      AdminConsole.redirect(p, "/admin/subscribers?removed=1");
      return;
    }
    p.status = a.status();
    show(
        p,
        api,
        Map.of(
            "problem",
            a.status() == 404 ? p.m.get("subscriberGone") : AdminConsole.apiMessage(p, a)));
  }
}
