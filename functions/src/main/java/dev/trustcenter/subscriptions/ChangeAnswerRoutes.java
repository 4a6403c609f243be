package dev.trustcenter.subscriptions;

import com.google.gson.JsonObject;
import dev.trustcenter.content.Language;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.FieldReader;
import dev.trustcenter.http.Languages;
import dev.trustcenter.http.Negotiation;
import dev.trustcenter.http.PublicBody;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;
import dev.trustcenter.i18n.Messages;
import dev.trustcenter.i18n.PageModel;
import dev.trustcenter.site.PublicPages;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pages behind the Acknowledge and Object links of a {@link PlannedChange}'s notice, on the
 * public API's router. A GET shows the change and one button (Object also asks why) and records
 * nothing, since mail scanners follow links; only the POST records, for the subscriber the signed
 * link names:
 *
 * <ul>
 *   <li>{@code GET|POST /v1/subscriptions/changes/acknowledge?token=}
 *   <li>{@code GET|POST /v1/subscriptions/changes/object?token=}, the POST with {@code reason}
 *       (form field or JSON, optional, at most 2000 characters); a receipt is mailed
 * </ul>
 *
 * A browser gets pages in the subscriber's language, an API client JSON.
 */
public final class ChangeAnswerRoutes {
  static final String ACKNOWLEDGE = "/v1/subscriptions/changes/acknowledge";
  static final String OBJECT = "/v1/subscriptions/changes/object";
  private static final Map<String, PublicBody.FieldType> FIELDS =
      Map.of("reason", PublicBody.FieldType.TEXT);

  private final PlannedChanges changes;
  private final PublicPages pages;
  private final java.time.Clock clock;

  public ChangeAnswerRoutes(PlannedChanges changes, PublicPages pages, java.time.Clock clock) {
    this.changes = changes;
    this.pages = pages;
    this.clock = clock;
  }

  public void register(Router router) {
    router
        .add("GET", ACKNOWLEDGE, ex -> page(ex, false))
        .add("POST", ACKNOWLEDGE, ex -> answer(ex, false))
        .add("GET", OBJECT, ex -> page(ex, true))
        .add("POST", OBJECT, ex -> answer(ex, true));
  }

  private static Language pageLanguage(Router.Exchange ex) {
    try {
      return Languages.of(ex);
    } catch (ApiException e) {
      return Language.negotiate(ex.header("Accept-Language"));
    }
  }

  private static String path(boolean object, String token) {
    return (object ? OBJECT : ACKNOWLEDGE)
        + "?token="
        + URLEncoder.encode(token == null ? "" : token, StandardCharsets.UTF_8);
  }

  private void page(Router.Exchange ex, boolean object) throws Exception {
    String token = ex.query("token");
    Optional<PlannedChanges.LinkTarget> t = changes.target(object, token);
    if (t.isEmpty()) {
      invalid(ex, pageLanguage(ex), 400, "changeLinkInvalidText");
      return;
    }
    Language lang = Language.fromCode(t.get().subscriber().language()).orElse(Language.DEFAULT);
    if (!t.get().acceptsAnswers(clock.instant())) {
      closed(ex, lang, t.get().change());
      return;
    }
    Messages m = pages.messages(lang);
    PlannedChange c = t.get().change();
    Map<String, Object> model = new LinkedHashMap<>();
    String heading = m.get(object ? "changeObjectTitle" : "changeAcknowledgeTitle");
    model.put("heading", heading);
    model.put(
        "intro",
        m.format(
            object ? "changeObjectIntro" : "changeAcknowledgeIntro",
            pages.companyName(),
            t.get().subscriber().email()));
    model.put("title", Notices.planTitle(c, m));
    model.put("details", Notices.planDetails(c, lang));
    model.put("effective", m.format("mailPlanEffective", Notices.day(c.effectiveOn(), lang)));
    model.put("deadline", m.format("mailPlanDeadline", Notices.day(c.objectionDeadline(), lang)));
    ChangeAnswer a = t.get().answer();
    if (a != null) {
      model.put(
          "already",
          m.format(
              ChangeAnswer.OBJECTED.equals(a.kind())
                  ? "changeAlreadyObjected"
                  : "changeAlreadyAcknowledged",
              Notices.date(a.at(), lang)));
    }
    model.put("object", object);
    model.put("button", m.get(object ? "changeObjectButton" : "changeAcknowledgeButton"));
    String path = path(object, token);
    model.put("action", PublicPages.href(path, lang));
    pages.write(ex, 200, new PublicPages.Page("change-answer", lang, heading, path, model));
  }

  private void answer(Router.Exchange ex, boolean object) throws Exception {
    boolean html = Negotiation.wantsHtml(ex);
    JsonObject body = PublicBody.read(ex, FIELDS);
    if (body.has("reason")
        && body.get("reason").isJsonPrimitive()
        && body.getAsJsonPrimitive("reason").isString()) {
      // A textarea sends CRLF line breaks (HTML's form encoding); stored as LF.
      body.addProperty("reason", body.get("reason").getAsString().replace("\r\n", "\n"));
    }
    FieldReader f = FieldReader.lenient(body);
    String reason = object ? f.optionalTrimmed("reason", PlannedChanges.MAX_REASON) : null;
    f.finish();
    PlannedChanges.Answered done;
    try {
      done = changes.answer(object, ex.query("token"), reason);
    } catch (ApiException e) {
      if (!html) {
        throw e;
      }
      if (e.status() == 409) {
        changes
            .target(object, ex.query("token"))
            .ifPresentOrElse(
                t -> {
                  try {
                    closed(
                        ex,
                        Language.fromCode(t.subscriber().language()).orElse(Language.DEFAULT),
                        t.change());
                  } catch (java.io.IOException io) {
                    throw new java.io.UncheckedIOException(io);
                  }
                },
                () -> {});
        return;
      }
      invalid(ex, pageLanguage(ex), e.status(), "changeLinkInvalidText");
      return;
    }
    ex.response().appendHeader("Cache-Control", "no-store");
    if (!html) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("change", done.target().change().id());
      out.put("answer", done.answer().kind());
      out.put("at", done.answer().at());
      out.put("recorded", done.recorded());
      Responses.json(ex.response(), 200, out);
      return;
    }
    Language lang =
        Language.fromCode(done.target().subscriber().language()).orElse(Language.DEFAULT);
    Messages m = pages.messages(lang);
    String title = Notices.planTitle(done.target().change(), m);
    boolean objected = ChangeAnswer.OBJECTED.equals(done.answer().kind());
    String text =
        objected
            ? m.format(
                "changeObjectedText",
                title,
                Notices.date(done.answer().at(), lang),
                done.target().subscriber().email())
            : m.format("changeAcknowledgedText", title, Notices.date(done.answer().at(), lang));
    page(
        ex,
        200,
        lang,
        path(object, ex.query("token")),
        objected ? "changeObjectedTitle" : "changeAcknowledgedTitle",
        text);
  }

  private void closed(Router.Exchange ex, Language lang, PlannedChange c)
      throws java.io.IOException {
    Messages m = pages.messages(lang);
    String key =
        PlannedChange.WITHDRAWN.equals(c.status()) ? "changeWithdrawnText" : "changeClosedText";
    page(
        ex,
        409,
        lang,
        ACKNOWLEDGE,
        "changeClosedTitle",
        m.format(key, Notices.planTitle(c, m), Notices.day(c.effectiveOn(), lang)));
  }

  private void invalid(Router.Exchange ex, Language lang, int status, String key)
      throws java.io.IOException {
    page(ex, status, lang, ACKNOWLEDGE, "linkInvalidTitle", pages.messages(lang).get(key));
  }

  /** A page of the answer flow: a heading, one paragraph and the link back to the site. */
  private void page(
      Router.Exchange ex, int status, Language lang, String path, String title, String text)
      throws java.io.IOException {
    Messages m = pages.messages(lang);
    pages.message(
        ex,
        status,
        lang,
        path,
        m.get(title),
        List.of(text),
        new PageModel.Link(true, pages.homeHref(lang), m.get("backToSite")));
  }
}
