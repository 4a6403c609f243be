package dev.trustcenter.documents;

import dev.trustcenter.auth.RandomTokens;
import dev.trustcenter.evidence.EvidenceLog;
import dev.trustcenter.evidence.LogEntry;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.JsonBody;
import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The gated documents: their records in the store (collection {@value #COLLECTION}) and their files
 * in the {@link DocumentBucket}.
 */
public final class DocumentLibrary {
  public static final String COLLECTION = "documents";

  /** Largest file accepted: 25 MiB. */
  public static final int MAX_BYTES = 25 * 1024 * 1024;

  /** Document ids: lower-case words joined by dashes. */
  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /** Accepted content types and the file extension offered for each. */
  public static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "application/pdf", "pdf",
          "image/png", "png",
          "image/jpeg", "jpg",
          "text/plain", "txt",
          "application/zip", "zip",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

  private final DocumentStore store;
  private final DocumentBucket bucket;
  private final Clock clock;

  public DocumentLibrary(DocumentStore store, DocumentBucket bucket, Clock clock) {
    this.store = store;
    this.bucket = bucket;
    this.clock = clock;
  }

  public DocumentBucket bucket() {
    return bucket;
  }

  public Optional<GatedDocument> find(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      return Optional.empty();
    }
    return store.get(COLLECTION, id).map(d -> Json.read(d.json(), GatedDocument.class));
  }

  public List<GatedDocument> all() {
    return store.list(COLLECTION, Range.all()).stream()
        .map(d -> Json.read(d.json(), GatedDocument.class))
        .toList();
  }

  /** The media type without parameters, lower case; null when absent. */
  public static String mediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    return contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
  }

  /**
   * Stores a new version of a document: the bytes go to a new object first, then the record moves
   * to it in one transaction, so a failure leaves the previous version served. A concurrent upload
   * of the same document makes this one fail with 409 rather than silently overwrite it. The same
   * transaction appends the version to the evidence log ({@link LogEntry#DOCUMENT_VERSION}: id,
   * version, type, size and the file's SHA-256, never the file), so a refused upload logs nothing.
   *
   * @param resourceId the resource it belongs to; null keeps the current one (or the id for a new
   *     document)
   * @throws ApiException 400 for a bad id, type or empty body; 409 on a concurrent replacement
   */
  public GatedDocument upload(
      String id, String contentType, byte[] bytes, String resourceId, String admin) {
    if (id == null || !ID.matcher(id).matches()) {
      throw ApiException.invalid(
          List.of(
              new ApiException.FieldError(
                  "id", "must be lower-case letters, digits and dashes (at most 63)")));
    }
    String type = mediaType(contentType);
    if (type == null || !CONTENT_TYPES.containsKey(type)) {
      throw JsonBody.unsupportedMediaType(
          "the Content-Type must be one of: "
              + String.join(", ", CONTENT_TYPES.keySet().stream().sorted().toList()));
    }
    if (bytes.length == 0) {
      throw ApiException.badRequest("empty", "the file is empty");
    }
    if (bytes.length > MAX_BYTES) {
      throw JsonBody.tooLarge(MAX_BYTES);
    }
    if (resourceId != null && !ID.matcher(resourceId).matches()) {
      throw ApiException.invalid(
          List.of(new ApiException.FieldError("resource", "must be a resource id")));
    }
    Optional<GatedDocument> current = find(id);
    int version = current.map(GatedDocument::version).orElse(0) + 1;
    String sha256 = RandomTokens.sha256Hex(bytes);
    String object = id + "/v" + version + "-" + sha256.substring(0, 16);
    bucket.put(object, bytes, type, sha256);
    Instant now = clock.instant();
    GatedDocument doc =
        new GatedDocument(
            id,
            resourceId != null ? resourceId : current.map(GatedDocument::resourceId).orElse(id),
            id + "." + CONTENT_TYPES.get(type),
            type,
            bytes.length,
            sha256,
            version,
            object,
            now,
            admin);
    return store.transaction(
        tx -> {
          int stored =
              tx.get(COLLECTION, id)
                  .map(d -> Json.read(d.json(), GatedDocument.class).version())
                  .orElse(0);
          if (stored != version - 1) {
            throw new ApiException(
                409, "conflict", "the document was replaced meanwhile; upload again");
          }
          EvidenceLog.Appender evidence = new EvidenceLog(store).begin(tx);
          tx.put(COLLECTION, id, Json.write(doc));
          evidence.append(logEntry(doc));
          return doc;
        });
  }

  /**
   * A document version as the evidence log holds it: what identifies the file, never the file or
   * who uploaded it.
   */
  static LogEntry logEntry(GatedDocument doc) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("version", doc.version());
    data.put("contentType", doc.contentType());
    data.put("size", doc.size());
    data.put("sha256", doc.sha256());
    return new LogEntry(LogEntry.DOCUMENT_VERSION, doc.updatedAt(), doc.id(), data);
  }
}
