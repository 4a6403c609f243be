package dev.trustcenter.documents;

import com.google.gson.JsonObject;
import dev.trustcenter.audit.AuditSink;
import dev.trustcenter.content.Language;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.ClientInfo;
import dev.trustcenter.http.FieldReader;
import dev.trustcenter.http.Languages;
import dev.trustcenter.http.Negotiation;
import dev.trustcenter.http.PublicBody;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;
import dev.trustcenter.i18n.Messages;
import dev.trustcenter.i18n.PageModel;
import dev.trustcenter.notices.EmailAddresses;
import dev.trustcenter.site.PublicPages;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The public side of gated documents, registered on the public API's router. Routes that people
 * reach with a browser answer it with an HTML page in the site's design ({@link PublicPages}) and
 * API clients with JSON:
 *
 * <ul>
 *   <li>{@code GET /v1/documents}: which documents exist (available on request)
 *   <li>{@code GET /v1/nda?lang=}: the click-through NDA in force
 *   <li>{@code GET /v1/access-requests/new?lang=[&documentId=]}: the request form (HTML)
 *   <li>{@code POST /v1/access-requests}: ask for documents, as JSON or as the form; always 202
 *       once valid
 *   <li>{@code GET /v1/documents/{id}/download?lang=}: the page a mailed link opens; the link
 *       carries the grant token in its fragment, which no server sees, and the page posts it
 *   <li>{@code POST /v1/documents/{id}/download} with {@code grant} (form or JSON): the file itself
 *       where the bucket is a local folder, else 303 to a signed URL valid {@link
 *       #SIGNED_URL_VALIDITY}
 *   <li>{@code GET /v1/documents/{id}?grant=}: links mailed before; never downloads (the token was
 *       in a URL that servers log): a browser gets the download page, an API client 400 {@code
 *       grant_in_query}
 * </ul>
 */
public final class PublicDocumentRoutes {
  /**
   * How long a signed download URL works: long enough to start a download, short enough not to be
   * shared.
   */
  public static final Duration SIGNED_URL_VALIDITY = Duration.ofMinutes(5);

  /**
   * The download page's only script: takes the token from the fragment into the form and drops the
   * fragment.
   */
  static final String DOWNLOAD_SCRIPT =
      "(function(){var h=location.hash.slice(1),f=document.getElementById('grant');"
          + "if(h&&f){if(!f.value){f.value=decodeURIComponent(h);}"
          + "history.replaceState(null,'',location.pathname+location.search);}})();";

  static final Map<String, PublicBody.FieldType> REQUEST_FIELDS = new LinkedHashMap<>();

  static {
    REQUEST_FIELDS.put("name", PublicBody.FieldType.TEXT);
    REQUEST_FIELDS.put("email", PublicBody.FieldType.TEXT);
    REQUEST_FIELDS.put("company", PublicBody.FieldType.TEXT);
    REQUEST_FIELDS.put("reason", PublicBody.FieldType.TEXT);
    REQUEST_FIELDS.put("documentIds", PublicBody.FieldType.LIST);
    REQUEST_FIELDS.put("ndaVersion", PublicBody.FieldType.INTEGER);
    REQUEST_FIELDS.put("ndaAccepted", PublicBody.FieldType.BOOLEAN);
    REQUEST_FIELDS.put("language", PublicBody.FieldType.TEXT);
    REQUEST_FIELDS.put("signature", PublicBody.FieldType.TEXT);
  }

  private static final Map<String, PublicBody.FieldType> GRANT_FIELDS =
      Map.of("grant", PublicBody.FieldType.TEXT);

  private final DocumentLibrary library;
  private final Nda nda;
  private final AccessRequests requests;
  private final AuditSink audit;
  private final PublicPages pages;
  private final Published published;

  public PublicDocumentRoutes(
      DocumentLibrary library,
      Nda nda,
      AccessRequests requests,
      AuditSink audit,
      PublicPages pages,
      Published published) {
    this.library = library;
    this.nda = nda;
    this.requests = requests;
    this.audit = audit;
    this.pages = pages;
    this.published = published;
  }

  public void register(Router router) {
    router
        .add("GET", "/v1/documents", this::list)
        .add("GET", "/v1/nda", this::nda)
        .add("GET", "/v1/access-requests/new", this::form)
        .add("POST", "/v1/access-requests", this::request)
        .add("GET", "/v1/documents/{id}", this::legacyLink)
        .add("GET", "/v1/documents/{id}/download", this::downloadPage)
        .add("POST", "/v1/documents/{id}/download", this::download);
  }

  private void list(Router.Exchange ex) throws Exception {
    List<Map<String, Object>> docs =
        library.all().stream()
            .map(
                d -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("id", d.id());
                  m.put("resourceId", d.resourceId());
                  m.put("contentType", d.contentType());
                  m.put("size", d.size());
                  m.put("version", d.version());
                  m.put("updatedAt", d.updatedAt());
                  m.put("availability", "on_request");
                  return m;
                })
            .toList();
    ex.response().appendHeader("Cache-Control", "public, max-age=60");
    Responses.json(ex.response(), 200, Map.of("documents", docs));
  }

  private void nda(Router.Exchange ex) throws Exception {
    Language lang = Languages.of(ex);
    Nda.Version v = nda.current();
    ex.response().appendHeader("Cache-Control", "no-cache");
    ex.response().appendHeader("Content-Language", lang.code());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", v.version());
    body.put("language", lang.code());
    body.put("text", v.text().in(lang));
    body.put("sha256", v.sha256(lang));
    Responses.json(ex.response(), 200, body);
  }

  // ---- the request form

  /**
   * The language of a page: {@code ?lang=} when supported, else {@code Accept-Language}; a page
   * never answers 400 for it.
   */
  static Language pageLanguage(Router.Exchange ex) {
    String lang = ex.query("lang");
    return (lang == null ? java.util.Optional.<Language>empty() : Language.fromCode(lang))
        .orElseGet(() -> Language.negotiate(ex.header("Accept-Language")));
  }

  private void form(Router.Exchange ex) throws Exception {
    Language lang = pageLanguage(ex);
    String preselect = ex.query("documentId");
    FormState state = new FormState();
    if (preselect != null && library.find(preselect).isPresent()) {
      state.documentIds.add(preselect);
    }
    writeForm(ex, 200, lang, state, nda.current());
  }

  private void request(Router.Exchange ex) throws Exception {
    boolean html = Negotiation.wantsHtml(ex);
    JsonObject body = PublicBody.read(ex, REQUEST_FIELDS);
    FieldReader f = FieldReader.lenient(body);
    String name = f.trimmedLine("name", 2, 120);
    String email = f.trimmedLine("email", 3, 254);
    String company = f.trimmedLine("company", 2, 160);
    String reason = f.trimmed("reason", 0, 2000);
    List<String> docs = f.distinctStrings("documentIds", 20, DocumentLibrary.ID.pattern());
    Integer ndaVersion = f.optionalInteger("ndaVersion", -1, 1, Integer.MAX_VALUE);
    if (!body.has("ndaVersion")) {
      f.reject("ndaVersion", "is required");
    }
    Boolean accepted = f.bool("ndaAccepted");
    String langCode = f.optionalTrimmed("language", 5);
    if (email != null && !EmailAddresses.valid(email)) {
      f.reject(
          "email",
          "is not a valid email address"); // with the other fields' problems, not after them
    }
    if (Boolean.FALSE.equals(accepted)) {
      f.reject("ndaAccepted", "must be true: the NDA has to be accepted");
    }
    if (html) {
      String signature =
          body.has("signature") && body.get("signature").isJsonPrimitive()
              ? body.get("signature").getAsString()
              : "";
      if (name != null && !sameName(signature, name)) {
        f.reject("signature", "must be the name as typed above");
      }
    }
    Language lang = html ? pageLanguage(ex) : Languages.of(ex);
    try {
      f.finish();
      lang = langCode == null ? lang : Languages.parse(langCode, "language");
      requests.submit(
          new AccessRequests.Submission(
              name, email, company, reason, docs, ndaVersion, accepted, lang),
          ClientInfo.of(ex));
    } catch (ApiException e) {
      if (!html) {
        throw e;
      }
      Language pageLang = langCode == null ? lang : Language.fromCode(langCode).orElse(lang);
      refused(ex, pageLang, FormState.of(body), e);
      return;
    }
    ex.response().appendHeader("Cache-Control", "no-store");
    if (html) {
      formResult(
          ex, 202, lang, "accessSentTitle", pages.messages(lang).format("accessSentText", email));
      return;
    }
    Responses.json(ex.response(), 202, Map.of("status", "received"));
  }

  /**
   * A refused form: the form again with every problem next to its field, or a page for limits and
   * outages.
   */
  private void refused(Router.Exchange ex, Language lang, FormState state, ApiException e)
      throws IOException {
    Messages m = pages.messages(lang);
    if (e.status() == 400 && !e.fields().isEmpty()) {
      for (String field :
          List.of(
              "documentIds",
              "name",
              "email",
              "company",
              "reason",
              "ndaAccepted",
              "signature",
              "ndaVersion",
              "language")) {
        for (ApiException.FieldError fe : e.fields()) {
          if (fe.field().equals(field)) {
            state.errors.putIfAbsent(fe.field(), m.get(errorKey(fe)));
          }
        }
      }
      writeForm(ex, 400, lang, state, nda.current());
    } else if (e.code().equals("nda_outdated")) {
      state.ndaAccepted = false;
      state.signature = "";
      state.errors.put("ndaAccepted", m.get("accessErrorNdaChanged"));
      writeForm(ex, 409, lang, state, nda.current());
    } else if (e.status() == 429) {
      e.headers().forEach(ex.response()::appendHeader);
      formResult(ex, 429, lang, "accessTooManyTitle", m.get("accessTooManyText"));
    } else if (e.status() == 400) {
      state.errors.put("name", m.get("accessErrorOther"));
      writeForm(ex, 400, lang, state, nda.current());
    } else {
      formResult(ex, e.status(), lang, "accessUnavailableTitle", m.get("accessUnavailableText"));
    }
  }

  /** A page answering the access-request form (sent, or refused for a limit or an outage). */
  private void formResult(Router.Exchange ex, int status, Language lang, String title, String text)
      throws IOException {
    Messages m = pages.messages(lang);
    pages.message(
        ex,
        status,
        lang,
        "/v1/access-requests/new",
        m.get(title),
        List.of(text),
        new PageModel.Link(true, pages.homeHref(lang), m.get("backToSite")));
  }

  private static String errorKey(ApiException.FieldError fe) {
    return switch (fe.field()) {
      case "name" -> "accessErrorName";
      case "email" ->
          fe.message().contains("free mail") ? "accessErrorEmailFree" : "accessErrorEmail";
      case "company" -> "accessErrorCompany";
      case "reason" -> "accessErrorReason";
      case "documentIds" -> "accessErrorDocuments";
      case "ndaAccepted" -> "accessErrorNda";
      case "signature" -> "accessErrorSignature";
      default -> "accessErrorOther";
    };
  }

  /** The typed signature matches the name, ignoring case and runs of spaces. */
  static boolean sameName(String signature, String name) {
    return norm(signature).equals(norm(name)) && !norm(name).isEmpty();
  }

  private static String norm(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /** What the visitor typed, to fill the form again, and the problems by field. */
  static final class FormState {
    String name = "";
    String email = "";
    String company = "";
    String reason = "";
    String signature = "";
    boolean ndaAccepted;
    final List<String> documentIds = new ArrayList<>();
    final Map<String, String> errors = new LinkedHashMap<>();

    static FormState of(JsonObject body) {
      FormState s = new FormState();
      s.name = str(body, "name");
      s.email = str(body, "email");
      s.company = str(body, "company");
      s.reason = str(body, "reason");
      s.signature = str(body, "signature");
      s.ndaAccepted =
          body.has("ndaAccepted")
              && body.get("ndaAccepted").isJsonPrimitive()
              && body.get("ndaAccepted").getAsJsonPrimitive().isBoolean()
              && body.get("ndaAccepted").getAsBoolean();
      if (body.has("documentIds") && body.get("documentIds").isJsonArray()) {
        body.getAsJsonArray("documentIds")
            .forEach(
                e -> {
                  if (e.isJsonPrimitive()) {
                    s.documentIds.add(e.getAsString());
                  }
                });
      }
      return s;
    }

    private static String str(JsonObject body, String field) {
      var e = body.get(field);
      return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }
  }

  private void writeForm(Router.Exchange ex, int status, Language lang, FormState s, Nda.Version v)
      throws IOException {
    Messages m = pages.messages(lang);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("heading", m.get("accessTitle"));
    model.put("intro", m.format("accessIntro", pages.companyName()));
    model.put("action", PublicPages.href("/v1/access-requests", lang));
    List<Map<String, Object>> docs = new ArrayList<>();
    int i = 0;
    for (GatedDocument d : library.all()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("id", d.id());
      doc.put("inputId", i++ == 0 ? "documentIds-first" : "doc-" + d.id());
      doc.put("title", published.title(d.id(), lang));
      doc.put("checked", s.documentIds.contains(d.id()));
      docs.add(doc);
    }
    model.put("documents", docs);
    model.put("noDocuments", docs.isEmpty());
    model.put("name", s.name);
    model.put("email", s.email);
    model.put("company", s.company);
    model.put("reason", s.reason);
    model.put("signature", s.signature);
    model.put("ndaAccepted", s.ndaAccepted);
    model.put("ndaVersion", v.version());
    model.put("ndaHeading", m.format("accessNdaHeading", v.version()));
    model.put("ndaText", v.text().in(lang));
    List<Map<String, String>> errors = new ArrayList<>();
    s.errors.forEach(
        (field, text) -> {
          String key =
              field.equals("documentIds")
                  ? "documents"
                  : field.equals("ndaAccepted") ? "nda" : field;
          model.put(key + "Error", text);
          String anchor =
              field.equals("documentIds")
                  ? "documentIds-first"
                  : field.equals("ndaVersion") || field.equals("language") ? "name" : field;
          errors.add(Map.of("href", "#" + anchor, "text", text));
        });
    model.put("errors", errors);
    model.put("hasErrors", !errors.isEmpty());
    String path =
        "/v1/access-requests/new"
            + (s.documentIds.size() == 1
                ? "?documentId=" + URLEncoder.encode(s.documentIds.get(0), StandardCharsets.UTF_8)
                : "");
    pages.write(
        ex,
        status,
        new PublicPages.Page("access-request", lang, m.get("accessTitle"), path, model));
  }

  // ---- downloads

  private void legacyLink(Router.Exchange ex) throws Exception {
    if (!Negotiation.wantsHtml(ex)) {
      throw ApiException.badRequest(
          ex.query("grant") != null ? "grant_in_query" : "grant_required",
          "grant tokens are not accepted in URLs (servers log them): POST /v1/documents/{id}/download with {\"grant\": ...}");
    }
    downloadPage(ex, ex.query("grant"));
  }

  private void downloadPage(Router.Exchange ex) throws Exception {
    downloadPage(ex, null);
  }

  private void downloadPage(Router.Exchange ex, String code) throws IOException {
    Language lang = pageLanguage(ex);
    String id = ex.param("id");
    Messages m = pages.messages(lang);
    String path = "/v1/documents/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/download";
    if (library.find(id).isEmpty()) {
      pages.message(
          ex,
          404,
          lang,
          path,
          m.get("downloadUnknownTitle"),
          List.of(m.get("downloadUnknownText")),
          new PageModel.Link(
              true, PublicPages.href("/v1/access-requests/new", lang), m.get("accessTitle")));
      return;
    }
    ex.response().appendHeader("Referrer-Policy", "no-referrer");
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("heading", m.format("downloadTitle", published.title(id, lang)));
    model.put("action", PublicPages.href(path, lang));
    model.put("code", code == null ? "" : code);
    model.put("script", DOWNLOAD_SCRIPT);
    pages.write(
        ex,
        200,
        new PublicPages.Page(
            "download",
            lang,
            m.format("downloadTitle", published.title(id, lang)),
            path,
            model,
            List.of(DOWNLOAD_SCRIPT)));
  }

  private void download(Router.Exchange ex) throws Exception {
    boolean html = Negotiation.wantsHtml(ex);
    Language lang = html ? pageLanguage(ex) : Languages.of(ex);
    String id = ex.param("id");
    ex.response().appendHeader("Cache-Control", "no-store");
    ex.response().appendHeader("Referrer-Policy", "no-referrer");
    Optional<GatedDocument> doc = library.find(id);
    if (doc.isEmpty()) {
      if (html) {
        downloadPage(ex, null);
        return;
      }
      throw ApiException.notFound("no such document");
    }
    JsonObject body = PublicBody.read(ex, GRANT_FIELDS);
    String token =
        body.has("grant") && body.get("grant").isJsonPrimitive()
            ? body.get("grant").getAsString()
            : null;
    ClientInfo client = ClientInfo.of(ex);
    AccessRequests.Check check = requests.check(token, id);
    if (check.verdict() != AccessRequests.Verdict.OK) {
      audit.record(
          check.grant() == null ? "anonymous" : check.grant().email(),
          "document.downloaded",
          "documents/" + id,
          "denied",
          check.grant() == null
              ? Map.of("ip", client.ip())
              : Map.of(
                  "ip",
                  client.ip(),
                  "grant",
                  check.grant().id(),
                  "reason",
                  check.verdict().name().toLowerCase(Locale.ROOT)));
      if (!html) {
        throw new ApiException(
            403, "grant_invalid", "this link is not valid: it may have expired or been revoked");
      }
      refusedDownload(ex, lang, id, check);
      return;
    }
    Grant grant = check.grant();
    GatedDocument d = doc.get();
    audit.record(
        grant.email(),
        "document.downloaded",
        "documents/" + id,
        "ok",
        Map.of(
            "grant",
            grant.id(),
            "request",
            grant.requestId(),
            "version",
            Integer.toString(d.version()),
            "sha256",
            d.sha256(),
            "ip",
            client.ip()));
    DocumentBucket.Download dl =
        library.bucket().download(d.object(), d.fileName(), SIGNED_URL_VALIDITY);
    if (dl instanceof DocumentBucket.Redirect r) {
      ex.response().setStatusCode(303);
      ex.response().appendHeader("Location", r.url().toString());
    } else if (dl instanceof DocumentBucket.Content c) {
      ex.response().setStatusCode(200);
      ex.response().setContentType(c.contentType());
      ex.response()
          .appendHeader("Content-Disposition", "attachment; filename=\"" + d.fileName() + "\"");
      ex.response().appendHeader("X-Content-Type-Options", "nosniff");
      try (OutputStream out = ex.response().getOutputStream()) {
        out.write(c.bytes());
      }
    }
  }

  private void refusedDownload(
      Router.Exchange ex, Language lang, String id, AccessRequests.Check check) throws IOException {
    Messages m = pages.messages(lang);
    String path = "/v1/documents/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/download";
    PageModel.Link again =
        new PageModel.Link(
            true,
            PublicPages.href(
                "/v1/access-requests/new?documentId="
                    + URLEncoder.encode(id, StandardCharsets.UTF_8),
                lang),
            m.get("accessTitle"));
    String title;
    String text;
    switch (check.verdict()) {
      case EXPIRED -> {
        title = "downloadExpiredTitle";
        text =
            m.format(
                "downloadExpiredText",
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                    .withZone(ZoneOffset.UTC)
                    .format(check.grant().expiresAt()));
      }
      case REVOKED -> {
        title = "downloadRevokedTitle";
        text = m.get("downloadRevokedText");
      }
      case NOT_COVERED -> {
        title = "downloadNotCoveredTitle";
        text = m.get("downloadNotCoveredText");
      }
      default -> {
        title = "downloadInvalidTitle";
        text = m.get("downloadInvalidText");
      }
    }
    pages.message(ex, 403, lang, path, m.get(title), List.of(text), again);
  }
}
