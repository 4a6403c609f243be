package dev.trustcenter.documents;

import dev.trustcenter.http.Languages;
import com.google.gson.JsonObject;
import dev.trustcenter.content.Language;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public side of gated documents, registered on the public API's router:
 *
 * <ul>
 *   <li>{@code GET /v1/documents}: which documents exist (available on request)
 *   <li>{@code GET /v1/nda?lang=}: the click-through NDA in force
 *   <li>{@code POST /v1/access-requests}: ask for documents; always 202 once valid
 *   <li>{@code GET /v1/documents/{id}?grant=}: download with a grant: 302 to a signed URL valid
 *       {@link #SIGNED_URL_VALIDITY}, or the bytes where the bucket is a local folder
 * </ul>
 */
public final class PublicDocumentRoutes {
  /** How long a signed download URL works: long enough to start a download, short enough not to be shared. */
  public static final Duration SIGNED_URL_VALIDITY = Duration.ofMinutes(5);

  private final DocumentLibrary library;
  private final Nda nda;
  private final AccessRequests requests;
  private final AuditSink audit;

  public PublicDocumentRoutes(DocumentLibrary library, Nda nda, AccessRequests requests, AuditSink audit) {
    this.library = library;
    this.nda = nda;
    this.requests = requests;
    this.audit = audit;
  }

  public void register(Router router) {
    router
        .add("GET", "/v1/documents", this::list)
        .add("GET", "/v1/nda", this::nda)
        .add("POST", "/v1/access-requests", this::request)
        .add("GET", "/v1/documents/{id}", this::download);
  }

  private void list(Router.Exchange ex) throws Exception {
    List<Map<String, Object>> docs =
        library.all().stream()
            .map(d -> {
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

  private void request(Router.Exchange ex) throws Exception {
    JsonObject body = Bodies.jsonObject(ex);
    Form f = new Form(body);
    String name = f.text("name", 2, 120);
    String email = f.text("email", 3, 254);
    String company = f.text("company", 2, 160);
    String reason = f.text("reason", 0, 2000);
    List<String> docs = f.strings("documentIds", 20, DocumentLibrary.ID.pattern());
    Integer ndaVersion = f.integer("ndaVersion", -1, 1, Integer.MAX_VALUE);
    if (!body.has("ndaVersion")) {
      f.fail("ndaVersion", "is required");
    }
    Boolean accepted = f.bool("ndaAccepted");
    String langCode = f.optionalText("language", 5);
    f.check();
    Language lang = langCode == null ? Languages.of(ex) : Languages.parse(langCode, "language");
    requests.submit(
        new AccessRequests.Submission(name, email, company, reason, docs, ndaVersion, accepted, lang), ClientInfo.of(ex));
    ex.response().appendHeader("Cache-Control", "no-store");
    Responses.json(ex.response(), 202, Map.of("status", "received"));
  }

  private void download(Router.Exchange ex) throws Exception {
    String id = ex.param("id");
    ex.response().appendHeader("Cache-Control", "no-store");
    ex.response().appendHeader("Referrer-Policy", "no-referrer");
    Optional<GatedDocument> doc = library.find(id);
    if (doc.isEmpty()) {
      throw ApiException.notFound("no such document");
    }
    ClientInfo client = ClientInfo.of(ex);
    Optional<Grant> grant = requests.authorize(ex.query("grant"), id);
    if (grant.isEmpty()) {
      audit.record("anonymous", "document.downloaded", "documents/" + id, "denied", Map.of("ip", client.ip()));
      throw new ApiException(403, "grant_invalid", "this link is not valid: it may have expired or been revoked");
    }
    GatedDocument d = doc.get();
    audit.record(grant.get().email(), "document.downloaded", "documents/" + id, "ok",
        Map.of("grant", grant.get().id(), "request", grant.get().requestId(), "version", Integer.toString(d.version()),
            "sha256", d.sha256(), "ip", client.ip()));
    DocumentBucket.Download dl = library.bucket().download(d.object(), d.fileName(), SIGNED_URL_VALIDITY);
    if (dl instanceof DocumentBucket.Redirect r) {
      ex.response().setStatusCode(302);
      ex.response().appendHeader("Location", r.url().toString());
    } else if (dl instanceof DocumentBucket.Content c) {
      ex.response().setStatusCode(200);
      ex.response().setContentType(c.contentType());
      ex.response().appendHeader("Content-Disposition", "attachment; filename=\"" + d.fileName() + "\"");
      ex.response().appendHeader("X-Content-Type-Options", "nosniff");
      if (!ex.head()) {
        try (OutputStream out = ex.response().getOutputStream()) {
          out.write(c.bytes());
        }
      }
    }
  }
}
