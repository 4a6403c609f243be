package dev.trustcenter.subscriptions;

import com.google.gson.JsonObject;
import dev.trustcenter.content.Language;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.Bodies;
import dev.trustcenter.http.ClientInfo;
import dev.trustcenter.http.FieldReader;
import dev.trustcenter.http.Languages;
import dev.trustcenter.http.LinkBase;
import dev.trustcenter.http.Negotiation;
import dev.trustcenter.http.PublicBody;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;
import dev.trustcenter.i18n.Messages;
import dev.trustcenter.i18n.PageModel;
import dev.trustcenter.site.PublicPages;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public subscription routes, registered on the public API's router. A browser gets pages in
 * the site's design ({@link PublicPages}), an API client JSON, from the same routes:
 *
 * <ul>
 *   <li>{@code GET /v1/subscriptions/new?lang=es|en}: the subscribe form (email, language, topics,
 *       optional webhook), a plain HTML form that works without JavaScript
 *   <li>{@code POST /v1/subscriptions}: JSON {@code
 *       {"email","language":"es|en","topics":[...],"webhookUrl"?}} or the form's urlencoded body;
 *       202 (JSON) or a "check your inbox" page, and a confirmation mail; invalid fields: 400
 *       naming them (JSON), or the form again with each error next to its field
 *   <li>{@code GET /v1/subscriptions/confirm?token=}: confirms; a page in the subscriber's language
 *   <li>{@code GET /v1/subscriptions/unsubscribe?token=}: a page with one button (mail scanners
 *       follow links, so a GET never unsubscribes)
 *   <li>{@code POST /v1/subscriptions/unsubscribe?token=} with body {@code
 *       List-Unsubscribe=One-Click}: RFC 8058 one-click unsubscribe (a mail client posts it as a
 *       form), also what the page's button sends; answers a page to a form post or a browser, JSON
 *       otherwise
 * </ul>
 */
public final class PublicSubscriptionRoutes {
  private static final int ONE_CLICK_LIMIT = 1024;

  /** The subscribe form's path: the page every result page belongs to and links back to. */
  private static final String FORM = "/v1/subscriptions/new";

  private static final Map<String, PublicBody.FieldType> FIELDS =
      Map.of(
          "email",
          PublicBody.FieldType.TEXT,
          "language",
          PublicBody.FieldType.TEXT,
          "topics",
          PublicBody.FieldType.LIST,
          "webhookUrl",
          PublicBody.FieldType.TEXT);
  private static final Map<String, String> TOPIC_KEYS =
      Map.of(
          "subprocessors",
          "topicSubprocessors",
          "controls",
          "topicControls",
          "documents",
          "topicDocuments");
  private static final Map<String, String> ERROR_KEYS =
      Map.of(
          "email",
          "subscribeErrorEmail",
          "language",
          "subscribeErrorLanguage",
          "topics",
          "subscribeErrorTopics",
          "webhookUrl",
          "subscribeErrorWebhook");
  private static final List<String> FIELD_ORDER =
      List.of("email", "language", "topics", "webhookUrl");

  private final Subscriptions subscriptions;
  private final LinkBase apiBase;
  private final PublicPages pages;

  public PublicSubscriptionRoutes(
      Subscriptions subscriptions, LinkBase apiBase, PublicPages pages) {
    this.subscriptions = subscriptions;
    this.apiBase = apiBase;
    this.pages = pages;
  }

  public void register(Router router) {
    router
        .add("GET", FORM, this::form)
        .add("POST", "/v1/subscriptions", this::subscribe)
        .add("GET", "/v1/subscriptions/confirm", this::confirm)
        .add("GET", "/v1/subscriptions/unsubscribe", this::unsubscribePage)
        .add("POST", "/v1/subscriptions/unsubscribe", this::unsubscribe);
  }

  /**
   * The language of a page: {@code ?lang=}, else {@code Accept-Language}; an unsupported {@code
   * lang} falls back to the header instead of answering a browser with a JSON error.
   */
  private static Language pageLanguage(Router.Exchange ex) {
    try {
      return Languages.of(ex);
    } catch (ApiException e) {
      return Language.negotiate(ex.header("Accept-Language"));
    }
  }

  /** What a visitor typed, to show the form again. */
  private record Entered(String email, String language, List<String> topics, String webhookUrl) {}

  private void form(Router.Exchange ex) throws Exception {
    Language lang = pageLanguage(ex);
    writeForm(ex, 200, lang, new Entered("", lang.code(), List.of(), ""), Map.of());
  }

  private void writeForm(
      Router.Exchange ex, int status, Language lang, Entered in, Map<String, String> errors)
      throws Exception {
    Messages m = pages.messages(lang);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("heading", m.get("subscribeTitle"));
    model.put("action", PublicPages.href("/v1/subscriptions", lang));
    model.put("email", in.email());
    model.put("webhookUrl", in.webhookUrl());
    List<Map<String, Object>> languages = new ArrayList<>();
    for (Language l : Language.values()) {
      languages.add(
          Map.of(
              "code",
              l.code(),
              "name",
              pages.messages(l).get("langName"),
              "checked",
              l.code().equals(in.language())));
    }
    model.put("languages", languages);
    List<Map<String, Object>> topics = new ArrayList<>();
    for (String t : Subscriptions.TOPICS) {
      topics.add(
          Map.of("code", t, "name", m.get(TOPIC_KEYS.get(t)), "checked", in.topics().contains(t)));
    }
    model.put("topics", topics);
    List<Map<String, String>> summary = new ArrayList<>();
    for (String field : FIELD_ORDER) {
      String message = errors.get(field);
      if (message != null) {
        model.put(field + "Error", message);
        String target =
            switch (field) {
              case "language" -> "language-" + Language.values()[0].code();
              case "topics" -> "topic-" + Subscriptions.TOPICS.get(0);
              default -> field;
            };
        summary.add(Map.of("target", target, "message", message));
      }
    }
    model.put("hasErrors", !summary.isEmpty());
    model.put("errors", summary);
    pages.write(
        ex, status, new PublicPages.Page("subscribe", lang, m.get("subscribeTitle"), FORM, model));
  }

  private void subscribe(Router.Exchange ex) throws Exception {
    boolean html = Negotiation.wantsHtml(ex);
    JsonObject body = html ? PublicBody.read(ex, FIELDS) : Bodies.jsonObject(ex);
    Language pageLang = html ? pageLanguage(ex) : Language.DEFAULT;
    try {
      FieldReader f = FieldReader.lenient(body);
      String email = f.trimmed("email", 3, 254);
      String lang = f.trimmed("language", 2, 5);
      List<String> topics = f.distinctStrings("topics", Subscriptions.TOPICS.size(), "[a-z]{1,20}");
      String hook = f.optionalTrimmed("webhookUrl", 2000);
      f.finish();
      FieldReader errors = FieldReader.withoutBody();
      URI hookUrl = Subscriptions.webhookUrl(hook, errors);
      if (Language.fromCode(lang).isEmpty()) {
        errors.reject(
            "language", "unsupported language; supported: " + String.join(", ", Language.codes()));
      }
      errors.finish();
      Language language = Languages.parse(lang, "language");
      subscriptions.subscribe(
          new Subscriptions.Request(email, language, topics, hookUrl),
          ClientInfo.of(ex),
          apiBase.of(ex));
    } catch (ApiException e) {
      if (!html) {
        throw e;
      }
      answerRefusal(ex, e, pageLang, body);
      return;
    }
    ex.response().appendHeader("Cache-Control", "no-store");
    if (html) {
      page(
          ex,
          200,
          pageLang,
          "subscribeSentTitle",
          List.of(pages.messages(pageLang).get("subscribeSentText")),
          false);
      return;
    }
    Responses.json(ex.response(), 202, Map.of("status", "confirmation_sent_if_valid"));
  }

  /** A refused form: the form again with the errors next to their fields, or a page saying why. */
  private void answerRefusal(Router.Exchange ex, ApiException e, Language lang, JsonObject body)
      throws Exception {
    Messages m = pages.messages(lang);
    if (e.status() == 400 && !e.fields().isEmpty()) {
      Map<String, String> errors = new LinkedHashMap<>();
      for (ApiException.FieldError fe : e.fields()) {
        String key = ERROR_KEYS.get(fe.field());
        errors.putIfAbsent(
            key == null ? "email" : fe.field(), m.get(key == null ? "subscribeErrorEmail" : key));
      }
      writeForm(ex, 400, lang, entered(body, lang), errors);
      return;
    }
    boolean limited = e.status() == 429;
    e.headers().forEach((k, v) -> ex.response().appendHeader(k, v));
    page(
        ex,
        e.status(),
        lang,
        limited ? "subscribeLimitedTitle" : "subscribeUnavailableTitle",
        List.of(m.get(limited ? "subscribeLimitedText" : "subscribeUnavailableText")),
        true);
  }

  /**
   * A page of the subscription flow: a heading, paragraphs and one link, back to the site or
   * (again) to the form.
   */
  private void page(
      Router.Exchange ex,
      int status,
      Language lang,
      String titleKey,
      List<String> paragraphs,
      boolean toForm)
      throws Exception {
    Messages m = pages.messages(lang);
    pages.message(
        ex,
        status,
        lang,
        FORM,
        m.get(titleKey),
        paragraphs,
        toForm
            ? new PageModel.Link(true, PublicPages.href(FORM, lang), m.get("subscribeAgain"))
            : new PageModel.Link(true, pages.homeHref(lang), m.get("backToSite")));
  }

  private static Entered entered(JsonObject body, Language lang) {
    List<String> topics = new ArrayList<>();
    if (body.has("topics") && body.get("topics").isJsonArray()) {
      body.getAsJsonArray("topics")
          .forEach(
              t -> {
                if (t.isJsonPrimitive()) {
                  topics.add(t.getAsString());
                }
              });
    }
    return new Entered(
        string(body, "email"),
        body.has("language") ? string(body, "language") : lang.code(),
        topics,
        string(body, "webhookUrl"));
  }

  private static String string(JsonObject body, String field) {
    return body.has(field) && body.get(field).isJsonPrimitive()
        ? body.get(field).getAsString()
        : "";
  }

  private void confirm(Router.Exchange ex) throws Exception {
    Subscriptions.Confirmation c;
    try {
      c = subscriptions.confirm(ex.query("token"));
    } catch (ApiException e) {
      Language lang = pageLanguage(ex);
      page(
          ex,
          400,
          lang,
          "linkInvalidTitle",
          List.of(pages.messages(lang).get("confirmInvalidText")),
          true);
      return;
    }
    Language lang = Language.fromCode(c.subscriber().language()).orElse(Language.DEFAULT);
    Messages m = pages.messages(lang);
    List<String> paragraphs = new ArrayList<>();
    paragraphs.add(
        c.again()
            ? m.get("confirmAgainText")
            : m.format("confirmDoneText", c.subscriber().email()));
    if (c.newWebhookSecret() != null) {
      paragraphs.add(m.format("confirmSecret", c.newWebhookSecret()));
    }
    page(ex, 200, lang, "confirmDoneTitle", paragraphs, false);
  }

  private void unsubscribePage(Router.Exchange ex) throws Exception {
    String token = ex.query("token");
    Optional<Subscriber> s = subscriptions.forUnsubscribe(token);
    Language lang =
        s.flatMap(x -> Language.fromCode(x.language())).orElseGet(() -> pageLanguage(ex));
    Messages m = pages.messages(lang);
    if (s.isEmpty()) {
      page(ex, 400, lang, "linkInvalidTitle", List.of(m.get("unsubscribeInvalidText")), false);
      return;
    }
    String path =
        "/v1/subscriptions/unsubscribe?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("heading", m.get("unsubscribeTitle"));
    model.put("question", m.format("unsubscribeQuestion", s.get().email()));
    model.put("action", PublicPages.href(path, lang));
    pages.write(
        ex, 200, new PublicPages.Page("unsubscribe", lang, m.get("unsubscribeTitle"), path, model));
  }

  private void unsubscribe(Router.Exchange ex) throws Exception {
    String body = new String(Bodies.read(ex, ONE_CLICK_LIMIT), StandardCharsets.UTF_8).trim();
    if (!body.equals("List-Unsubscribe=One-Click")) {
      throw ApiException.invalid(
          List.of(
              new ApiException.FieldError(
                  "List-Unsubscribe", "must be One-Click (RFC 8058: List-Unsubscribe=One-Click)")));
    }
    boolean html = Negotiation.wantsHtml(ex);
    Subscriber s;
    try {
      s = subscriptions.unsubscribe(ex.query("token"));
    } catch (ApiException e) {
      if (!html) {
        throw e;
      }
      Language lang = pageLanguage(ex);
      page(
          ex,
          e.status(),
          lang,
          "linkInvalidTitle",
          List.of(pages.messages(lang).get("unsubscribeInvalidText")),
          false);
      return;
    }
    if (!html) {
      ex.response().appendHeader("Cache-Control", "no-store");
      Responses.json(ex.response(), 200, Map.of("status", "unsubscribed"));
      return;
    }
    Language lang = Language.fromCode(s.language()).orElse(Language.DEFAULT);
    page(
        ex,
        200,
        lang,
        "unsubscribeDoneTitle",
        List.of(pages.messages(lang).format("unsubscribeDoneText", s.email())),
        true);
  }
}
