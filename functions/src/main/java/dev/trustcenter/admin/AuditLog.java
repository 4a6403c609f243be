package dev.trustcenter.admin;

import dev.trustcenter.http.Responses;
import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.DocumentStore.Transaction;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoredDocument;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The append-only record of who changed what, in the store's {@value #COLLECTION} collection. Each entry's id is
 * a fixed-width ISO instant plus a random suffix ({@code 2026-03-02T10:15:30.123456000Z-3f9a...}), so listing by
 * id is listing in time order. Nothing here updates or deletes an entry, and neither may any caller.
 *
 * <p>Other capabilities (documents, sync, checks) record their actions through this class: inside their own
 * transaction with {@link #append(Transaction, Entry)}, so the entry commits with the change, or on its own with
 * {@link #append(Entry)} for events that write nothing else (such as a denied request).
 */
public final class AuditLog {
  public static final String COLLECTION = "audit-log";
  public static final int MAX_LIMIT = 1000;
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DocumentStore store;

  public AuditLog(DocumentStore store) {
    this.store = Objects.requireNonNull(store);
  }

  /**
   * One recorded action. Never contains a token, secret or request body.
   *
   * @param id the entry's id (see {@link AuditLog#newId}); also its document id
   * @param at when it happened
   * @param actor the verified email of who acted ({@code local-dev} for the local dev token); null when unknown
   * @param method the HTTP method
   * @param path the request path within the function, without the query string
   * @param kind what was acted on ({@code controls}, {@code profile}, {@code auth}, ...)
   * @param entityId the id of the entity acted on, or null
   * @param outcome {@code created}, {@code replaced}, {@code deleted}, {@code denied}, or a capability's own word
   * @param status the HTTP status answered
   * @param before {@code sha256:<hex>} of the entity's stored JSON before, null if it did not exist
   * @param after {@code sha256:<hex>} of the entity's stored JSON after, null if it no longer exists
   * @param reason why a request was denied or anything else worth knowing; safe to show
   */
  public record Entry(
      String id,
      Instant at,
      String actor,
      String method,
      String path,
      String kind,
      String entityId,
      String outcome,
      int status,
      String before,
      String after,
      String reason) {
    public Entry {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /** A new entry id for something that happened at {@code at}: sorts by time, unique by its random suffix. */
  public static String newId(Instant at) {
    byte[] suffix = new byte[8];
    RANDOM.nextBytes(suffix);
    return ID_TIME.format(at) + "-" + HexFormat.of().formatHex(suffix);
  }

  /** {@code sha256:<hex>} of a stored JSON document, or null for none. */
  public static String digest(String json) {
    return json == null ? null : "sha256:" + HexFormat.of().formatHex(Responses.sha256(json.getBytes(StandardCharsets.UTF_8)));
  }

  /** Appends {@code entry} inside the caller's transaction, after all of its reads. */
  public void append(Transaction tx, Entry entry) {
    tx.put(COLLECTION, entry.id(), Json.write(entry));
  }

  /** Appends {@code entry} on its own; never overwrites an existing entry. */
  public void append(Entry entry) {
    if (!store.createIfAbsent(COLLECTION, entry.id(), Json.write(entry))) {
      throw new IllegalStateException("audit entry id collision: " + entry.id());
    }
  }

  /**
   * The newest entries at or after {@code since} (all when null), newest first, as stored JSON.
   *
   * @param limit 1 to {@link #MAX_LIMIT}
   */
  public List<StoredDocument> list(Instant since, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
    return store.list(COLLECTION, Range.newest(since == null ? null : ID_TIME.format(since), limit));
  }
}
