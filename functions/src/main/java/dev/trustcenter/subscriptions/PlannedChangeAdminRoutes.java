package dev.trustcenter.subscriptions;

import dev.trustcenter.auth.Principal;
import dev.trustcenter.content.Text;
import dev.trustcenter.http.FieldReader;
import dev.trustcenter.http.JsonBody;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;
import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The admin API's routes for the company's own subprocessor changes ({@link PlannedChanges}),
 * registered on the admin function's router. Every body is strict JSON read with {@link JsonBody}
 * and checked with {@link FieldReader} (400 naming every invalid field, nothing stored); every
 * change is audit-logged in its own transaction; after each the site is published again.
 *
 * <ul>
 *   <li>{@code POST /v1/subprocessor-changes}: {@code {"kind":"add|remove|change",
 *       "subprocessorId","effectiveOn":"2027-01-15", "name"?, "purpose"?:{"es","en"},
 *       "dataLocations"?:[{"es","en"}], "dpaUrl"?}}; the effective day at least {@code
 *       SUBPROCESSOR_NOTICE_DAYS} ahead; 201 with the change, its notice queued
 *   <li>{@code GET /v1/subprocessor-changes}: every change with its acknowledgement and objection
 *       counts, the notice period and the earliest day a change scheduled now may take
 *   <li>{@code GET /v1/subprocessor-changes/{id}}: the change and every answer
 *   <li>{@code POST /v1/subprocessor-changes/{id}/withdraw}: {@code {"reason"?}}
 *   <li>{@code POST /v1/subprocessor-changes/{id}/objections/{subscriberId}/reply}: {@code
 *       {"text"}}, mailed to the subscriber
 *   <li>{@code POST /v1/subprocessor-changes/{id}/notify}: queues the notice again (when queueing
 *       failed; each subscriber is told once)
 * </ul>
 */
public final class PlannedChangeAdminRoutes {
  static final String BASE = "/v1/subprocessor-changes";

  private final PlannedChanges changes;

  public PlannedChangeAdminRoutes(PlannedChanges changes) {
    this.changes = Objects.requireNonNull(changes);
  }

  /**
   * @param admin the caller of an exchange (already authenticated by the admin function)
   * @param committed called after each committed change: the public content changed
   */
  public void register(
      Router router, Function<Router.Exchange, Principal> admin, Runnable committed) {
    router
        .add(
            "POST",
            BASE,
            ex -> {
              Principal who = admin.apply(ex);
              PlannedChanges.Draft draft = draft(JsonBody.read(ex.request()));
              PlannedChange c = changes.schedule(draft, who.email(), "POST", BASE);
              committed.run();
              ex.response().appendHeader("Location", BASE + "/" + c.id());
              answer(ex, 201, c);
            })
        .add(
            "GET",
            BASE,
            ex -> {
              admin.apply(ex);
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("noticeDays", changes.noticeDays());
              body.put("earliestEffectiveOn", changes.earliestEffectiveDay().toString());
              body.put("items", changes.list());
              answer(ex, 200, body);
            })
        .add(
            "GET",
            BASE + "/{id}",
            ex -> {
              admin.apply(ex);
              answer(ex, 200, changes.detail(ex.param("id")));
            })
        .add(
            "POST",
            BASE + "/{id}/withdraw",
            ex -> {
              Principal who = admin.apply(ex);
              String id = ex.param("id");
              changes.get(id);
              FieldReader f = FieldReader.of(JsonBody.read(ex.request()));
              String reason = f.optionalString("reason", FieldReader.NAME);
              f.finish();
              PlannedChange c =
                  changes.withdraw(id, reason, who.email(), "POST", BASE + "/" + id + "/withdraw");
              committed.run();
              answer(ex, 200, c);
            })
        .add(
            "POST",
            BASE + "/{id}/notify",
            ex -> {
              admin.apply(ex);
              answer(ex, 202, changes.notifyAgain(ex.param("id")));
            })
        .add(
            "POST",
            BASE + "/{id}/objections/{subscriber}/reply",
            ex -> {
              Principal who = admin.apply(ex);
              String id = ex.param("id");
              changes.get(id);
              FieldReader f = FieldReader.of(JsonBody.read(ex.request()));
              String text = f.paragraphs("text", PlannedChanges.MAX_REPLY);
              f.finish();
              answer(
                  ex,
                  200,
                  changes.reply(
                      id,
                      ex.param("subscriber"),
                      text,
                      who.email(),
                      "POST",
                      BASE + "/" + id + "/objections/reply"));
            });
  }

  static PlannedChanges.Draft draft(com.google.gson.JsonObject body) {
    FieldReader f = FieldReader.of(body);
    String kind = f.string("kind", 10);
    if (kind != null && !PlannedChange.KINDS.contains(kind)) {
      f.reject("kind", "must be one of " + String.join(", ", PlannedChange.KINDS));
    }
    String id = f.slug("subprocessorId");
    LocalDate effectiveOn = f.optionalDate("effectiveOn");
    if (effectiveOn == null && !f.hasErrors()) {
      f.reject("effectiveOn", "is required: the day the change takes effect, e.g. 2027-01-15");
    }
    String name = f.optionalString("name", FieldReader.NAME);
    Text purpose = f.optionalText("purpose", FieldReader.TEXT);
    List<Text> locations = null;
    // Absent: the locations stay as they are; an empty list: no location is stated any more.
    if (body.has("dataLocations") && !body.get("dataLocations").isJsonNull()) {
      locations = f.textList("dataLocations", 100, FieldReader.NAME);
    }
    String dpaUrl = f.url("dpaUrl", false, "https");
    if (locations == null) {
      f.textList("dataLocations", 100, FieldReader.NAME); // marks a JSON null as read
    }
    f.finish();
    return new PlannedChanges.Draft(kind, id, effectiveOn, name, purpose, locations, dpaUrl);
  }

  private static void answer(Router.Exchange ex, int status, Object body) throws IOException {
    ex.response().appendHeader("Cache-Control", "no-store");
    Responses.json(ex.response(), status, body);
  }
}
