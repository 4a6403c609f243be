package dev.trustcenter.subscriptions;

import dev.trustcenter.http.Languages;
import com.google.gson.JsonObject;
import dev.trustcenter.content.Language;
import dev.trustcenter.documents.Bodies;
import dev.trustcenter.documents.ClientInfo;
import dev.trustcenter.documents.Form;
import dev.trustcenter.documents.LinkBase;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public subscription routes, registered on the public API's router:
 *
 * <ul>
 *   <li>{@code POST /v1/subscriptions} {@code {"email","language":"es|en","topics":[...],"webhookUrl"?}}: 202, and
 *       a confirmation mail
 *   <li>{@code GET /v1/subscriptions/confirm?token=}: confirms; a page in the subscriber's language
 *   <li>{@code GET /v1/subscriptions/unsubscribe?token=}: a page with one button (mail scanners follow links, so
 *       a GET never unsubscribes)
 *   <li>{@code POST /v1/subscriptions/unsubscribe?token=} with body {@code List-Unsubscribe=One-Click}: RFC 8058
 *       one-click unsubscribe, also what the page's button sends
 * </ul>
 */
public final class PublicSubscriptionRoutes {
  private static final int ONE_CLICK_LIMIT = 1024;
  private final Subscriptions subscriptions;
  private final LinkBase apiBase;

  public PublicSubscriptionRoutes(Subscriptions subscriptions, LinkBase apiBase) {
    this.subscriptions = subscriptions;
    this.apiBase = apiBase;
  }

  public void register(Router router) {
    router
        .add("POST", "/v1/subscriptions", this::subscribe)
        .add("GET", "/v1/subscriptions/confirm", this::confirm)
        .add("GET", "/v1/subscriptions/unsubscribe", this::unsubscribePage)
        .add("POST", "/v1/subscriptions/unsubscribe", this::unsubscribe);
  }

  private void subscribe(Router.Exchange ex) throws Exception {
    JsonObject body = Bodies.jsonObject(ex);
    Form f = new Form(body);
    String email = f.text("email", 3, 254);
    String lang = f.text("language", 2, 5);
    List<String> topics = f.strings("topics", Subscriptions.TOPICS.size(), "[a-z]{1,20}");
    String hook = f.optionalText("webhookUrl", 2000);
    f.check();
    Form.Errors errors = new Form.Errors();
    URI hookUrl = Subscriptions.webhookUrl(hook, errors);
    errors.check();
    Language language = Languages.parse(lang, "language");
    subscriptions.subscribe(new Subscriptions.Request(email, language, topics, hookUrl), ClientInfo.of(ex), apiBase.of(ex));
    ex.response().appendHeader("Cache-Control", "no-store");
    Responses.json(ex.response(), 202, Map.of("status", "confirmation_sent_if_valid"));
  }

  private void confirm(Router.Exchange ex) throws Exception {
    Subscriptions.Confirmation c;
    try {
      c = subscriptions.confirm(ex.query("token"));
    } catch (ApiException e) {
      Language lang = Languages.of(ex);
      Pages.write(ex.response(), 400, lang,
          lang == Language.EN ? "Link not valid" : "Enlace no válido",
          lang == Language.EN
              ? "This confirmation link is invalid or has expired. Subscribe again to get a new one."
              : "Este enlace de confirmación no es válido o ha caducado. Vuelve a suscribirte para recibir otro.",
          "");
      return;
    }
    Language lang = Language.fromCode(c.subscriber().language()).orElse(Language.DEFAULT);
    String extra = "";
    if (c.newWebhookSecret() != null) {
      extra = "<p>" + Pages.escape(lang == Language.EN
              ? "Webhook signing secret (shown only now; keep it to verify the X-TrustCenter-Signature header):"
              : "Secreto de firma del webhook (solo se muestra ahora; guárdalo para verificar la cabecera X-TrustCenter-Signature):")
          + "</p><p><code>" + Pages.escape(c.newWebhookSecret()) + "</code></p>";
    }
    Pages.write(ex.response(), 200, lang,
        lang == Language.EN ? "Subscription confirmed" : "Suscripción confirmada",
        lang == Language.EN
            ? "From now on you will receive notices at " + c.subscriber().email() + ". Every notice has a link to unsubscribe."
            : "A partir de ahora recibirás los avisos en " + c.subscriber().email() + ". Cada aviso incluye un enlace para darte de baja.",
        extra);
  }

  private void unsubscribePage(Router.Exchange ex) throws Exception {
    String token = ex.query("token");
    Optional<Subscriber> s = subscriptions.forUnsubscribe(token);
    Language lang = s.flatMap(x -> Language.fromCode(x.language())).orElseGet(() -> Languages.of(ex));
    if (s.isEmpty()) {
      Pages.write(ex.response(), 400, lang, lang == Language.EN ? "Link not valid" : "Enlace no válido",
          lang == Language.EN ? "This unsubscribe link is not valid." : "Este enlace para darse de baja no es válido.", "");
      return;
    }
    String action = "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    String form = "<form method=\"post\" action=\"" + Pages.escape(action) + "\">"
        + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
        + "<button type=\"submit\">" + (lang == Language.EN ? "Unsubscribe" : "Darme de baja") + "</button></form>";
    Pages.write(ex.response(), 200, lang, lang == Language.EN ? "Unsubscribe" : "Darse de baja",
        lang == Language.EN
            ? "Stop all notices to " + s.get().email() + "?"
            : "¿Dejar de enviar avisos a " + s.get().email() + "?",
        form);
  }

  private void unsubscribe(Router.Exchange ex) throws Exception {
    String body = new String(Bodies.read(ex, ONE_CLICK_LIMIT), StandardCharsets.UTF_8).trim();
    if (!body.equals("List-Unsubscribe=One-Click")) {
      throw ApiException.badRequest("invalid_body", "the body must be List-Unsubscribe=One-Click (RFC 8058)");
    }
    Subscriber s = subscriptions.unsubscribe(ex.query("token"));
    Language lang = Language.fromCode(s.language()).orElse(Language.DEFAULT);
    Pages.write(ex.response(), 200, lang, lang == Language.EN ? "Unsubscribed" : "Baja confirmada",
        lang == Language.EN
            ? "You will not receive any more notices at " + s.email() + "."
            : "No recibirás más avisos en " + s.email() + ".",
        "");
  }
}
