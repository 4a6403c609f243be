package dev.trustcenter.site;

import dev.trustcenter.content.Language;
import dev.trustcenter.content.Profile;
import dev.trustcenter.http.Router;
import dev.trustcenter.i18n.Messages;
import dev.trustcenter.i18n.PageModel.Alternate;
import dev.trustcenter.i18n.PageModel.Frame;
import dev.trustcenter.i18n.PageModel.Link;
import dev.trustcenter.i18n.Templates;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * HTML pages that the public API serves to browsers (forms, their results, the pages people reach
 * from mailed links), in the published site's design: the same {@code head} and {@code footer}
 * partials, the same fingerprinted stylesheet and script (linked at the paths the publisher gives
 * them, computed from the same files in this jar), the company's name from the profile, and every
 * text from {@code static/messages}.
 *
 * <p>A page is a template in {@code static/templates/} that starts with {@code {{> head}}} and ends
 * with {@code {{> footer}}}; it is rendered with the {@link Frame} (as {@code {{m.key}}}, {@code
 * {{siteTitle}}}...) and its own model, looked up first. Every value is escaped by Mustache. Pages
 * are never cached or indexed and carry a strict Content-Security-Policy: scripts only from the
 * site and the page's own inline scripts (by hash, see {@link Page#inlineScripts}).
 *
 * <p>Thread-safe; build one per function instance.
 */
public final class PublicPages {
  /** Where the site mounts the public API: pages link to routes under it. */
  public static final String API_PREFIX = "/api";

  private final Templates templates = new Templates();
  private final Map<Language, Messages> messages = Messages.loadAll();
  private final Supplier<Profile> profile;
  private final String siteBase;
  private final String cssPath;
  private final String jsPath;

  /**
   * A page to render.
   *
   * @param template the template's name in {@code static/templates/}
   * @param title the page's title (the site's title is appended)
   * @param path the page's path under {@link #API_PREFIX} with its query but without {@code lang},
   *     e.g. {@code /v1/access-requests/new?documentId=iso}: the language switch and the alternates
   *     link to it
   * @param model the page's own values, looked up before the frame's
   * @param inlineScripts the page's inline scripts, exactly as the template writes them between
   *     {@code <script>} tags; each is allowed by its hash
   */
  public record Page(
      String template,
      Language lang,
      String title,
      String path,
      Object model,
      List<String> inlineScripts) {
    public Page {
      Objects.requireNonNull(template);
      Objects.requireNonNull(lang);
      Objects.requireNonNull(title);
      Objects.requireNonNull(path);
      inlineScripts = List.copyOf(inlineScripts);
    }

    public Page(String template, Language lang, String title, String path, Object model) {
      this(template, lang, title, path, model, List.of());
    }
  }

  /**
   * @param profile the company's profile as currently published (name, security contact); read per
   *     page
   * @param siteBase the site's public URL ({@code SITE_BASE_URL}), or null to link the site's files
   *     by path (the local server, where the site and the API share an origin)
   */
  public PublicPages(Supplier<Profile> profile, URI siteBase) {
    this.profile = Objects.requireNonNull(profile);
    this.siteBase = siteBase == null ? "" : siteBase.toString().replaceAll("/+$", "");
    this.cssPath =
        "/assets/site." + SiteRenderer.hash8(SiteRenderer.resource("/static/site.css")) + ".css";
    this.jsPath =
        "/assets/site." + SiteRenderer.hash8(SiteRenderer.resource("/static/site.js")) + ".js";
  }

  /** The texts of a language. */
  public Messages messages(Language lang) {
    return messages.get(lang);
  }

  /** The company's name as published, or empty before a profile exists. */
  public String companyName() {
    Profile p = profile.get();
    return p == null || p.companyName() == null ? "" : p.companyName();
  }

  /** The page's HTML. */
  public String render(Page page) {
    return templates.render(
        page.template(),
        frame(page),
        Map.of("noindex", true),
        page.model() == null ? Map.of() : page.model());
  }

  /**
   * Writes the page with {@code status} (no body for HEAD) and the headers every public page
   * carries.
   */
  public void write(Router.Exchange ex, int status, Page page) throws IOException {
    byte[] html = render(page).getBytes(StandardCharsets.UTF_8);
    var res = ex.response();
    res.setStatusCode(status);
    res.setContentType("text/html; charset=utf-8");
    res.appendHeader("Content-Language", page.lang().code());
    res.appendHeader("Cache-Control", "no-store");
    res.appendHeader("Vary", "Accept, Accept-Language");
    res.appendHeader("Content-Security-Policy", csp(page));
    res.appendHeader("Referrer-Policy", "no-referrer");
    res.appendHeader("X-Content-Type-Options", "nosniff");
    res.appendHeader("X-Frame-Options", "DENY");
    if (!ex.head()) {
      try (OutputStream out = res.getOutputStream()) {
        out.write(html);
      }
    }
  }

  /**
   * Writes a page with a heading and paragraphs ({@code public-message.mustache}): the result of a
   * form, or why a link did not work.
   *
   * @param link an optional link below the text (e.g. back to the form), or null
   */
  public void message(
      Router.Exchange ex,
      int status,
      Language lang,
      String path,
      String title,
      List<String> paragraphs,
      Link link)
      throws IOException {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("heading", title);
    model.put("paragraphs", List.copyOf(paragraphs));
    model.put("link", link);
    write(ex, status, new Page("public-message", lang, title, path, model));
  }

  /** The site's page of a language, e.g. {@code /es/}, absolute when the site's URL is known. */
  public String homeHref(Language lang) {
    return siteBase + "/" + lang.code() + "/";
  }

  private Frame frame(Page page) {
    Language lang = page.lang();
    Messages m = messages.get(lang);
    Language other = lang == Language.ES ? Language.EN : Language.ES;
    List<Alternate> alternates = new ArrayList<>();
    for (Language l : Language.values()) {
      alternates.add(new Alternate(l.code(), href(page.path(), l)));
    }
    String company = companyName();
    String contact = profile.get() == null ? null : profile.get().securityContact();
    boolean contactOk = SafeUrls.isHttpsOrMailto(contact);
    String siteTitle = m.format("siteTitle", company);
    return new Frame(
        lang.code(),
        m.all(),
        page.title() + " · " + siteTitle,
        m.format("metaDescription", company),
        href(page.path(), lang),
        alternates,
        siteBase + MachineFiles.feedPath(lang),
        siteBase + cssPath,
        siteBase + jsPath,
        homeHref(lang),
        siteTitle,
        href(page.path(), other),
        other.code(),
        messages.get(other).get("langName"),
        contactOk ? contactLink(contact) : null,
        contactOk ? siteBase + MachineFiles.SECURITY_TXT : null);
  }

  /** The path of a page under the API's mount in a language: {@code /api/v1/x?a=1&lang=en}. */
  public static String href(String path, Language lang) {
    return API_PREFIX + path + (path.contains("?") ? "&" : "?") + "lang=" + lang.code();
  }

  private static Link contactLink(String contact) {
    String text = contact.regionMatches(true, 0, "mailto:", 0, 7) ? contact.substring(7) : contact;
    return new Link(true, contact, text);
  }

  private String csp(Page page) {
    StringBuilder scripts = new StringBuilder("'self'");
    String origin =
        siteBase.isEmpty()
            ? ""
            : " " + URI.create(siteBase).resolve("/").toString().replaceAll("/$", "");
    scripts.append(origin);
    for (String s : page.inlineScripts()) {
      byte[] hash = dev.trustcenter.http.Responses.sha256(s.getBytes(StandardCharsets.UTF_8));
      scripts.append(" 'sha256-").append(Base64.getEncoder().encodeToString(hash)).append("'");
    }
    // form-action allows https: because a download form is answered with a redirect to the
    // storage's signed URL.
    return "default-src 'none'; style-src 'self'"
        + origin
        + "; script-src "
        + scripts
        + "; img-src data:; "
        + "form-action 'self' https:; base-uri 'none'; frame-ancestors 'none'";
  }
}
