package dev.trustcenter.documents;

import java.time.Instant;
import java.util.Objects;

/**
 * A document available on request (collection {@code documents}).
 *
 * @param id its id, also used in URLs
 * @param resourceId the content resource it belongs to (its titles are the resource's)
 * @param fileName the name offered for saving, derived from the id and content type
 * @param contentType one of {@link DocumentLibrary#CONTENT_TYPES}
 * @param size bytes
 * @param sha256 hex digest of the bytes
 * @param version 1 for the first upload, +1 on every replacement
 * @param object the bucket object holding this version
 * @param updatedAt when this version was uploaded
 * @param updatedBy the admin who uploaded it
 */
public record GatedDocument(
    String id,
    String resourceId,
    String fileName,
    String contentType,
    long size,
    String sha256,
    int version,
    String object,
    Instant updatedAt,
    String updatedBy) {
  public GatedDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(object, "object");
  }
}
