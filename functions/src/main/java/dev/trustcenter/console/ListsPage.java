package dev.trustcenter.console;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.admin.AdminApi;
import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoredDocument;
import dev.trustcenter.subprocessors.SubprocessorSync;
import dev.trustcenter.subprocessors.SyncRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/lists}: the vendors' subprocessor lists. "Sync now" runs the scheduler's sync
 * through the API ({@code POST /v1/sync}); each list held for review is shown as a diff against the
 * list in force (added, removed, changed entries) with Accept and Reject, which name the held
 * list's hash so that only the list reviewed is acted on.
 */
final class ListsPage {
  private final AdminConsole console;
  private final DocumentStore store;

  ListsPage(AdminConsole console, DocumentStore store) {
    this.console = console;
    this.store = store;
  }

  void show(AdminConsole.Page p, AdminApi api, String problem) throws IOException {
    Map<String, Object> model = new HashMap<>();
    List<Map<String, Object>> held = new ArrayList<>();
    for (StoredDocument d : store.list(SubprocessorSync.PENDING, Range.all())) {
      AdminApi.Answer a =
          api.call(
              p.who,
              "GET",
              "/v1/sync/" + AdminConsole.enc(d.id()) + "/pending/changes",
              Map.of(),
              new byte[0]);
      if (a.status() == 200) {
        held.add(review(p, JsonParser.parseString(a.text()).getAsJsonObject()));
      }
    }
    model.put("held", held);
    model.put("hasHeld", !held.isEmpty());
    List<StoredDocument> last = store.list(SubprocessorSync.RUNS, Range.newest(null, 1));
    if (!last.isEmpty()) {
      SyncRun run = Json.read(last.get(0).json(), SyncRun.class);
      model.put("lastRun", RunsPage.syncRow(p, run));
    }
    model.put("problem", problem);
    if (problem == null && p.status == null) {
      String vendor = AdminConsole.first(p.req, "vendor");
      String done = AdminConsole.first(p.req, "done");
      if ("1".equals(AdminConsole.first(p.req, "synced"))) {
        model.put("notice", p.m.get("syncDone"));
      } else if (vendor != null
          && vendor.matches("[a-z0-9-]{1,40}")
          && ("accepted".equals(done) || "rejected".equals(done))) {
        model.put("notice", p.m.format("list_" + done, vendor));
      }
    }
    console.render(p, 200, "lists", p.m.get("listsTitle"), model);
  }

  private static Map<String, Object> review(AdminConsole.Page p, JsonObject r) {
    Map<String, Object> item = new HashMap<>();
    String vendor = AdminConsole.str(r, "vendor");
    item.put("vendor", vendor);
    item.put("sha", AdminConsole.str(r, "contentSha256"));
    item.put("fetched", p.dateTime(AdminConsole.instant(r, "fetchedAt")));
    item.put("source", AdminConsole.str(r, "sourceUrl"));
    item.put("reason", AdminConsole.str(r, "reason"));
    List<Map<String, Object>> added = new ArrayList<>();
    List<Map<String, Object>> removed = new ArrayList<>();
    List<Map<String, Object>> changed = new ArrayList<>();
    for (JsonElement e : r.getAsJsonArray("changes")) {
      JsonObject c = e.getAsJsonObject();
      String kind = AdminConsole.str(c, "kind");
      JsonObject before = c.get("before").isJsonObject() ? c.getAsJsonObject("before") : null;
      JsonObject after = c.get("after").isJsonObject() ? c.getAsJsonObject("after") : null;
      JsonObject shown = after != null ? after : before;
      Map<String, Object> row = new HashMap<>();
      row.put("name", AdminConsole.str(shown, "name"));
      row.put("group", AdminConsole.str(shown, "group"));
      row.put("countries", countries(shown));
      row.put("activity", AdminConsole.str(shown, "activity"));
      if (kind.equals("changed") && before != null) {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (JsonElement f : c.getAsJsonArray("fields")) {
          String field = f.getAsString();
          fields.add(
              Map.of(
                  "label",
                  p.m.get("listField_" + field),
                  "before",
                  field.equals("countries") ? countries(before) : AdminConsole.str(before, field),
                  "after",
                  field.equals("countries") ? countries(after) : AdminConsole.str(after, field)));
        }
        row.put("fields", fields);
      }
      (kind.equals("added") ? added : kind.equals("removed") ? removed : changed).add(row);
    }
    item.put("added", added);
    item.put("removed", removed);
    item.put("changed", changed);
    item.put("hasAdded", !added.isEmpty());
    item.put("hasRemoved", !removed.isEmpty());
    item.put("hasChanged", !changed.isEmpty());
    item.put(
        "summary",
        p.m.format(
            "listReviewSummary",
            r.get("currentCount").getAsInt(),
            r.get("heldCount").getAsInt(),
            added.size(),
            removed.size(),
            changed.size()));
    return item;
  }

  private static String countries(JsonObject entry) {
    JsonArray list = entry == null ? null : entry.getAsJsonArray("countries");
    List<String> names = new ArrayList<>();
    if (list != null) {
      list.forEach(x -> names.add(x.getAsString()));
    }
    return String.join(", ", names);
  }

  /** Runs the sync now, as the scheduler does, recorded as the admin's run. */
  void syncNow(AdminConsole.Page p, AdminApi api) throws IOException {
    AdminApi.Answer a = api.call(p.who, "POST", "/v1/sync", Map.of(), new byte[0]);
    if (a.status() == 200) {
      AdminConsole.redirect(p, "/admin/lists?synced=1");
      return;
    }
    p.status = a.status();
    show(p, api, AdminConsole.apiMessage(p, a));
  }

  /** Accepts or rejects the held list the admin reviewed (its hash is in the form). */
  void decide(AdminConsole.Page p, AdminApi api, Form form, String vendor, String action)
      throws IOException {
    String sha = form.trimmed("contentSha256");
    JsonObject body = new JsonObject();
    if (sha != null) {
      body.addProperty("contentSha256", sha);
    }
    AdminApi.Answer a =
        api.call(
            p.who,
            "POST",
            "/v1/sync/" + vendor + "/" + action,
            Map.of("Content-Type", "application/json"),
            body.toString().getBytes(StandardCharsets.UTF_8));
    if (a.status() == 200) {
      AdminConsole.redirect(p, "/admin/lists?vendor=" + vendor + "&done=" + action + "ed");
      return;
    }
    p.status = a.status();
    show(
        p,
        api,
        a.status() == 409
            ? p.m.format("listChangedMeanwhile", vendor)
            : AdminConsole.apiMessage(p, a));
  }
}
