package dev.trustcenter.documents;

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
   * @throws ApiException 400 for a bad id or empty body; 413 beyond {@link #MAX_BYTES}; 415 for a
   *     type not accepted or content that is not of the type; 409 on a concurrent replacement
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
    if (!contentMatches(type, bytes)) {
      throw new ApiException(
          415,
          "content_mismatch",
          "the file's content is not " + type + " (it does not begin as such a file does)");
    }
    if (resourceId != null && !ID.matcher(resourceId).matches()) {
      throw ApiException.invalid(
          List.of(new ApiException.FieldError("resource", "must be a resource id")));
    }
    Optional<GatedDocument> current = find(id);
    int version = current.map(GatedDocument::version).orElse(0) + 1;
    String sha256 = dev.trustcenter.http.Responses.sha256Hex(bytes);
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
   * Whether {@code bytes} begin as a file of {@code type} does (its signature), so that a file sent
   * under the wrong type is refused instead of being offered under a misleading name: PDF {@code
   * %PDF}, PNG's eight-byte signature, JPEG {@code FF D8 FF}, ZIP (also DOCX and XLSX) a local file
   * header or an empty archive's end record, plain text without NUL bytes.
   */
  public static boolean contentMatches(String type, byte[] bytes) {
    return switch (type) {
      case "application/pdf" -> startsWith(bytes, '%', 'P', 'D', 'F');
      case "image/png" -> startsWith(bytes, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
      case "image/jpeg" -> startsWith(bytes, 0xFF, 0xD8, 0xFF);
      case "text/plain" -> {
        for (byte b : bytes) {
          if (b == 0) {
            yield false;
          }
        }
        yield true;
      }
      case "application/zip",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ->
          startsWith(bytes, 'P', 'K', 3, 4) || startsWith(bytes, 'P', 'K', 5, 6);
      default -> false;
    };
  }

  private static boolean startsWith(byte[] bytes, int... signature) {
    if (bytes.length < signature.length) {
      return false;
    }
    for (int i = 0; i < signature.length; i++) {
      if ((bytes[i] & 0xFF) != signature[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Withdraws a document: its record goes, so it is no longer offered, requested or downloaded (a
   * grant that named it then answers "no such document"). Its files stay in the bucket, every
   * version, so nothing that was ever shared is lost and the evidence log's hashes keep their file.
   *
   * @param expectedVersion when not null, the version the admin saw; another one is refused with
   *     409 (replaced meanwhile)
   * @return the record removed
   * @throws ApiException 404 for an unknown document, 409 when it was replaced meanwhile
   */
  public GatedDocument delete(String id, Integer expectedVersion) {
    if (id == null || !ID.matcher(id).matches()) {
      throw ApiException.notFound("no such document");
    }
    return store.transaction(
        tx -> {
          GatedDocument doc =
              tx.get(COLLECTION, id)
                  .map(d -> Json.read(d.json(), GatedDocument.class))
                  .orElseThrow(() -> ApiException.notFound("no such document"));
          if (expectedVersion != null && expectedVersion != doc.version()) {
            throw new ApiException(
                409,
                "conflict",
                "the document is at version "
                    + doc.version()
                    + ", not "
                    + expectedVersion
                    + "; look at it again before deleting it");
          }
          tx.delete(COLLECTION, id);
          return doc;
        });
  }

  /**
   * Inside a caller's transaction (the bundle import): stores a document's record whose file is
   * already in the bucket (the caller checked), with its evidence log entry, as {@link #upload}
   * does. {@code evidence} was begun in the same transaction before its first write.
   */
  public static void restoreIn(
      DocumentStore.Transaction tx, EvidenceLog.Appender evidence, GatedDocument doc) {
    tx.put(COLLECTION, doc.id(), Json.write(doc));
    evidence.append(logEntry(doc));
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
