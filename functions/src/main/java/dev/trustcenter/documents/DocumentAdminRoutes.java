package dev.trustcenter.documents;

import dev.trustcenter.audit.AuditSink;
import dev.trustcenter.auth.Principal;
import dev.trustcenter.content.Text;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.Bodies;
import dev.trustcenter.http.FieldReader;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Admin routes for documents and the NDA (paths as the admin function sees them, without {@code
 * /admin}):
 *
 * <ul>
 *   <li>{@code PUT /v1/documents/{id}?resource=<resourceId>}: upload or replace; the body is the
 *       file with its own {@code Content-Type}; at most 25 MiB (413 beyond)
 *   <li>{@code GET /v1/documents}: the documents with version and SHA-256
 *   <li>{@code GET /v1/nda}, {@code PUT /v1/nda} {@code {"text":{"es","en"}}}: the NDA, with its
 *       version as the {@code ETag}; a replacement is a new version, so acceptances of older
 *       versions no longer count for new requests. {@code If-Match} with another version's tag
 *       answers 412 and writes nothing; the same text as the version in force writes nothing either
 * </ul>
 */
public final class DocumentAdminRoutes {
  private final DocumentLibrary library;
  private final Nda nda;

  public DocumentAdminRoutes(DocumentLibrary library, Nda nda) {
    this.library = library;
    this.nda = nda;
  }

  public void register(Router router, AdminAccess access, AuditSink audit) {
    router
        .add(
            "PUT",
            "/v1/documents/{id}",
            ex -> {
              Principal admin = access.require(ex);
              String id = ex.param("id");
              byte[] bytes = Bodies.read(ex, DocumentLibrary.MAX_BYTES);
              GatedDocument doc;
              try {
                doc =
                    library.upload(
                        id, ex.header("Content-Type"), bytes, ex.query("resource"), admin.email());
              } catch (ApiException e) {
                audit.record(
                    admin.email(),
                    "document.uploaded",
                    "documents/" + safe(id),
                    "invalid",
                    Map.of("reason", e.code()));
                throw e;
              }
              audit.record(
                  admin.email(),
                  "document.uploaded",
                  "documents/" + id,
                  "ok",
                  Map.of(
                      "version",
                      Integer.toString(doc.version()),
                      "sha256",
                      doc.sha256(),
                      "size",
                      Long.toString(doc.size()),
                      "contentType",
                      doc.contentType()));
              Responses.json(ex.response(), doc.version() == 1 ? 201 : 200, doc);
            })
        .add(
            "GET",
            "/v1/documents",
            ex -> {
              access.require(ex);
              Responses.json(ex.response(), 200, Map.of("documents", library.all()));
            })
        .add(
            "GET",
            "/v1/nda",
            ex -> {
              access.require(ex);
              Nda.Version v = nda.current();
              ex.response().appendHeader("ETag", Nda.etag(v));
              Responses.json(ex.response(), 200, v);
            })
        .add(
            "PUT",
            "/v1/nda",
            ex -> {
              Principal admin = access.require(ex);
              FieldReader f = FieldReader.of(Bodies.jsonObject(ex));
              Text text = f.text("text", Nda.MAX_CHARS);
              f.finish();
              List<String> ifMatch = new ArrayList<>();
              for (String h : ex.headers("If-Match")) {
                for (String t : h.split(",")) {
                  if (!t.isBlank()) {
                    ifMatch.add(t.trim());
                  }
                }
              }
              Nda.Replaced r = nda.replace(text, admin.email(), ifMatch);
              Nda.Version v = r.version();
              if (r.created()) {
                Map<String, String> details = new LinkedHashMap<>();
                details.put("version", Integer.toString(v.version()));
                details.put("sha256Es", v.sha256().es());
                details.put("sha256En", v.sha256().en());
                audit.record(admin.email(), "nda.replaced", "nda/current", "ok", details);
              }
              ex.response().appendHeader("ETag", Nda.etag(v));
              Responses.json(ex.response(), 200, v);
            });
  }

  private static String safe(String id) {
    return id != null && DocumentLibrary.ID.matcher(id).matches() ? id : "(invalid)";
  }
}
