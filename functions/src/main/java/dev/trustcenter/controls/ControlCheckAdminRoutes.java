package dev.trustcenter.controls;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.trustcenter.auth.Principal;
import dev.trustcenter.content.CheckMethod;
import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.ContentRepository;
import dev.trustcenter.content.Control;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.ApiException.FieldError;
import dev.trustcenter.http.FieldReader;
import dev.trustcenter.http.JsonBody;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;
import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The admin API's control check routes, registered into the admin function's router:
 *
 * <ul>
 *   <li>{@code POST /v1/controls/{id}/checks}: records an attestation (manual controls) or a review
 *       (policies): {@code
 *       {"outcome":"passing"|"failing","note":"...","evidenceUrl":"https://...","publicEvidence":false,
 *       "performedOn":"2026-10-20"}}. The note is required (at most 2000 characters); the evidence
 *       link is an https URL, required for attestations; {@code performedOn} (optional, default
 *       today) is the day the work was done, today or up to {@value #MAX_DAYS_BACK} days earlier,
 *       never later: the result is recorded as checked then (noon UTC of that day, or now if that
 *       is still ahead), so the page shows that date; automated controls are refused (409): their
 *       results come from their checks only. Answers 201 with the result. The result, its audit
 *       entry and the rebuilt public snapshot commit in one transaction; then the site is
 *       published.
 *   <li>{@code GET /v1/controls/{id}/checks}: the control's results of the last 90 days, newest
 *       first, with notes and evidence.
 * </ul>
 */
public final class ControlCheckAdminRoutes {
  static final int MAX_NOTE = 2000;
  static final int MAX_URL = 2000;
  static final int MAX_BODY = 64 * 1024;
  static final int MAX_DAYS_BACK = 3650;

  // Field error codes of this body beyond FieldReader's (docs/api.md lists them all).
  static final String DATE_FUTURE = "date_future";
  static final String DATE_TOO_OLD = "date_too_old";
  static final String NOT_BOOLEAN = "not_boolean";
  private static final Set<String> FIELDS =
      Set.of("outcome", "note", "evidenceUrl", "publicEvidence", "performedOn");

  /** What the admin function adds around a recorded attestation or review. */
  public interface Recording {
    /** Writes the audit entry of {@code result}, inside the transaction that records it. */
    void audit(DocumentStore.Transaction tx, Router.Exchange exchange, CheckResult result);

    /** Called after the transaction committed: the public content changed (republish the site). */
    void committed();
  }

  private final DocumentStore store;
  private final CheckResults results;
  private final Clock clock;

  public ControlCheckAdminRoutes(DocumentStore store, CheckResults results, Clock clock) {
    this.store = store;
    this.results = results;
    this.clock = clock;
  }

  /**
   * Adds the routes to {@code router}.
   *
   * @param admin authenticates the request's caller as an admin (e.g. {@code ex ->
   *     Guard.require(authenticator, ex)}), throwing {@link ApiException} 401/403 otherwise; the
   *     principal's email is recorded as {@code checkedBy}
   */
  public void register(
      Router router, Function<Router.Exchange, Principal> admin, Recording recording) {
    router.add(
        "POST",
        "/v1/controls/{id}/checks",
        ex -> {
          Principal who = admin.apply(ex);
          Control control = control(ex.param("id"));
          Instant now = clock.instant();
          CheckResult result = parse(control, readBody(ex), who.email(), now);
          List<CheckResult> recorded =
              results.record(
                  List.of(result),
                  now,
                  (tx, done) -> done.forEach(r -> recording.audit(tx, ex, r)));
          if (recorded.isEmpty()) {
            throw ApiException.notFound("no control with id \"" + control.id() + "\"");
          }
          recording.committed();
          Responses.json(ex.response(), 201, result);
        });
    router.add(
        "GET",
        "/v1/controls/{id}/checks",
        ex -> {
          admin.apply(ex);
          Control control = control(ex.param("id"));
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("controlId", control.id());
          body.put("checkMethod", control.checkMethod());
          body.put("days", CheckResults.HISTORY_DAYS);
          body.put("results", results.history(control.id(), clock.instant()));
          ex.response().appendHeader("Cache-Control", "no-store");
          Responses.json(ex.response(), 200, body);
        });
  }

  private Control control(String id) {
    if (id == null || !dev.trustcenter.store.Ids.DOCUMENT_ID.matcher(id).matches()) {
      throw ApiException.notFound("no control with that id");
    }
    return store
        .get(ContentRepository.CONTROLS, id)
        .map(d -> Json.read(d.json(), Control.class))
        .orElseThrow(() -> ApiException.notFound("no control with id \"" + id + "\""));
  }

  private static JsonObject readBody(Router.Exchange ex) throws IOException {
    return JsonBody.read(ex.request(), MAX_BODY);
  }

  /**
   * Validates the body: every invalid field is named, and nothing is recorded unless all are valid.
   */
  static CheckResult parse(Control control, JsonObject body, String adminEmail, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    for (String key : body.keySet()) {
      if (!FIELDS.contains(key)) {
        errors.add(new FieldError(key, "is not a known field", FieldReader.UNKNOWN_FIELD));
      }
    }
    CheckOutcome outcome = null;
    String outcomeText = string(body, "outcome", errors);
    if (outcomeText == null) {
      if (!errors.stream().anyMatch(e -> e.field().equals("outcome"))) {
        errors.add(
            new FieldError("outcome", "is required: passing or failing", FieldReader.REQUIRED));
      }
    } else if (outcomeText.equals("passing")) {
      outcome = CheckOutcome.PASSING;
    } else if (outcomeText.equals("failing")) {
      outcome = CheckOutcome.FAILING;
    } else {
      errors.add(
          new FieldError(
              "outcome",
              "must be passing or failing",
              FieldReader.NOT_ONE_OF,
              Map.of("allowed", List.of("passing", "failing"))));
    }
    String note = string(body, "note", errors);
    if (note != null) {
      note = note.strip();
    }
    if (note == null || note.isEmpty()) {
      if (!errors.stream().anyMatch(e -> e.field().equals("note"))) {
        errors.add(
            new FieldError(
                "note", "is required: say what was reviewed or attested", FieldReader.REQUIRED));
      }
    } else if (note.length() > MAX_NOTE) {
      errors.add(
          new FieldError(
              "note",
              "must be at most " + MAX_NOTE + " characters",
              FieldReader.TOO_LONG,
              Map.of("max", MAX_NOTE)));
    }
    String url = string(body, "evidenceUrl", errors);
    if (url != null && !httpsUrl(url)) {
      errors.add(
          new FieldError(
              "evidenceUrl",
              "must be an absolute https URL of at most " + MAX_URL + " characters",
              FieldReader.URL_INVALID,
              Map.of("schemes", List.of("https:"), "max", MAX_URL)));
    }
    if (url == null
        && control.checkMethod() == CheckMethod.MANUAL_ATTESTATION
        && !errors.stream().anyMatch(e -> e.field().equals("evidenceUrl"))) {
      errors.add(
          new FieldError(
              "evidenceUrl",
              "is required for an attestation: link the evidence",
              FieldReader.REQUIRED));
    }
    boolean publicEvidence = false;
    JsonElement pe = body.get("publicEvidence");
    if (pe != null && !pe.isJsonNull()) {
      if (pe.isJsonPrimitive() && pe.getAsJsonPrimitive().isBoolean()) {
        publicEvidence = pe.getAsBoolean();
      } else {
        errors.add(new FieldError("publicEvidence", "must be true or false", NOT_BOOLEAN));
      }
    }
    Instant checkedAt = now;
    String performedOn = string(body, "performedOn", errors);
    if (performedOn != null) {
      checkedAt = performedAt(performedOn, now, errors);
    }
    if (control.checkMethod() == CheckMethod.AUTOMATED) {
      throw new ApiException(
          409,
          "automated_control",
          "control \""
              + control.id()
              + "\" is checked automatically; its results come from its checks");
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put(
        "kind", control.checkMethod() == CheckMethod.PERIODIC_REVIEW ? "review" : "attestation");
    if (url != null) {
      evidence.put("evidence_url", url);
    }
    return new CheckResult(
        control.id(), outcome, checkedAt, adminEmail, evidence, note, url, publicEvidence);
  }

  /**
   * When work done on {@code day} counts as checked: noon UTC of that day (the same calendar day
   * from UTC-11 to UTC+11), or {@code now} when that is still ahead. "Today" is allowed in every
   * time zone, so the latest day accepted is today in UTC+14.
   */
  static Instant performedAt(String day, Instant now, List<FieldError> errors) {
    LocalDate date;
    try {
      date = LocalDate.parse(day);
    } catch (DateTimeParseException e) {
      errors.add(
          new FieldError(
              "performedOn", "must be a date such as 2026-10-20", FieldReader.DATE_INVALID));
      return now;
    }
    LocalDate latest = LocalDate.ofInstant(now, ZoneOffset.ofHours(14));
    if (date.isAfter(latest)) {
      errors.add(
          new FieldError(
              "performedOn", "must be today or earlier, never in the future", DATE_FUTURE));
      return now;
    }
    if (date.isBefore(LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(MAX_DAYS_BACK))) {
      errors.add(
          new FieldError(
              "performedOn",
              "must be within the last " + MAX_DAYS_BACK + " days",
              DATE_TOO_OLD,
              Map.of("days", MAX_DAYS_BACK)));
      return now;
    }
    Instant noon = date.atTime(12, 0).toInstant(ZoneOffset.UTC);
    return noon.isAfter(now) ? now : noon;
  }

  private static String string(JsonObject body, String field, List<FieldError> errors) {
    JsonElement e = body.get(field);
    if (e == null || e.isJsonNull()) {
      return null;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      errors.add(new FieldError(field, "must be a string", FieldReader.NOT_STRING));
      return null;
    }
    return e.getAsString();
  }

  private static boolean httpsUrl(String url) {
    if (url.length() > MAX_URL || url.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
      return false;
    }
    try {
      URI u = new URI(url);
      return "https".equals(u.getScheme()) && u.getHost() != null && u.getUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
