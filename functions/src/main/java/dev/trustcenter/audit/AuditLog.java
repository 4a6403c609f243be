package dev.trustcenter.audit;

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
 * The append-only record of who changed what, in the store's {@value #COLLECTION} collection. Each
 * entry's id is a fixed-width ISO instant plus a random suffix ({@code
 * 2026-03-02T10:15:30.123456000Z-3f9a...}), so listing by id is listing in time order. Nothing here
 * updates or deletes an entry, and neither may any caller.
 *
 * <p>Other capabilities (documents, sync, checks) record their actions through this class: inside
 * their own transaction with {@link #append(Transaction, Entry)}, so the entry commits with the
 * change, or on its own with {@link #append(Entry)} for events that write nothing else (such as a
 * denied request).
 */
public final class AuditLog {
  public static final String COLLECTION = "audit-log";
  public static final int MAX_LIMIT = 1000;

  /**
   * Where repeated refusals of anonymous callers are counted, one document per kind, target and
   * hour.
   */
  public static final String REPEATS = "audit-log-repeats";

  /** The {@code origin} of public events. */
  public static final String PUBLIC = "public";

  /** What an {@code origin} filter accepts: admin (and system) actions, or public events. */
  public static final List<String> ORIGINS = List.of("admin", PUBLIC);

  private static final java.util.regex.Pattern ID =
      java.util.regex.Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]{18}Z-[0-9a-f]{16}");

  /**
   * At most this many entries are read to fill one filtered page; the cursor then says where to go
   * on.
   */
  private static final int SCAN_BATCHES = 10;

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DocumentStore store;

  public AuditLog(DocumentStore store) {
    this.store = Objects.requireNonNull(store);
  }

  /**
   * This log as the capabilities' {@link AuditSink} (documents, access requests, subscriptions):
   * what the public does (requests, downloads, refusals) is marked {@link #PUBLIC}, so admins can
   * filter it out; refusals of anonymous callers are aggregated per target and hour ({@link
   * #appendRefusal}), so a flood cannot bury admin actions.
   */
  public AuditSink sink(java.time.Clock clock) {
    return (actor, action, target, outcome, details) -> {
      Instant at = clock.instant();
      boolean anonymous = "anonymous".equals(actor);
      boolean isPublic =
          anonymous
              || "auto".equals(actor)
              || action.equals("access_request.submitted")
              || action.equals("document.downloaded");
      String reason =
          details == null || details.isEmpty() ? null : new java.util.TreeMap<>(details).toString();
      AuditLog.Entry entry =
          new AuditLog.Entry(
              AuditLog.newId(at),
              at,
              actor,
              null,
              null,
              action,
              target,
              outcome,
              0,
              null,
              null,
              reason,
              isPublic ? AuditLog.PUBLIC : null,
              null);
      if (anonymous && !"ok".equals(outcome)) {
        appendRefusal(entry); // the first refusal's details (its IP) stand for the hour
      } else {
        append(entry);
      }
    };
  }

  /**
   * One recorded action. Never contains a token, secret or request body.
   *
   * @param id the entry's id (see {@link AuditLog#newId}); also its document id
   * @param at when it happened
   * @param actor the verified email of who acted ({@code local-dev} for the local dev token); null
   *     when unknown
   * @param method the HTTP method
   * @param path the request path within the function, without the query string
   * @param kind what was acted on ({@code controls}, {@code profile}, {@code auth}, ...)
   * @param entityId the id of the entity acted on, or null
   * @param outcome {@code created}, {@code replaced}, {@code deleted}, {@code denied}, or a
   *     capability's own word
   * @param status the HTTP status answered
   * @param before {@code sha256:<hex>} of the entity's stored JSON before, null if it did not exist
   * @param after {@code sha256:<hex>} of the entity's stored JSON after, null if it no longer
   *     exists
   * @param reason why a request was denied or anything else worth knowing; safe to show
   * @param origin {@value #PUBLIC} for what the public did (requests, downloads, refusals of
   *     anonymous callers); null for admin and system actions
   * @param repeats for a refusal of anonymous callers, the id of the counter of its repeats in the
   *     same hour (collection {@value #REPEATS}); null otherwise
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
      String reason,
      String origin,
      String repeats) {
    /** An admin or system action. */
    public Entry(
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
      this(
          id, at, actor, method, path, kind, entityId, outcome, status, before, after, reason, null,
          null);
    }

    public Entry {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /**
   * A new entry id for something that happened at {@code at}: sorts by time, unique by its random
   * suffix.
   */
  public static String newId(Instant at) {
    byte[] suffix = new byte[8];
    RANDOM.nextBytes(suffix);
    return ID_TIME.format(at) + "-" + HexFormat.of().formatHex(suffix);
  }

  /** {@code sha256:<hex>} of a stored JSON document, or null for none. */
  public static String digest(String json) {
    return json == null
        ? null
        : "sha256:"
            + HexFormat.of().formatHex(Responses.sha256(json.getBytes(StandardCharsets.UTF_8)));
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
   * Appends a refusal of an anonymous caller, aggregated: the first one of its {@code kind}, {@code
   * entityId} and hour becomes an entry (public, with the counter's id); later ones in that hour
   * only count, so a flood of refused requests adds one entry an hour per target instead of one per
   * request and cannot push admin actions out of reach.
   */
  public void appendRefusal(Entry entry) {
    String hour = ID_TIME.format(entry.at().truncatedTo(java.time.temporal.ChronoUnit.HOURS));
    String counterId =
        hour
            + "-"
            + Responses.sha256Hex(entry.kind() + "\n" + entry.entityId() + "\n" + entry.outcome())
                .substring(0, 16);
    store.transaction(
        tx -> {
          var counter = tx.get(REPEATS, counterId);
          if (counter.isEmpty()) {
            tx.put(REPEATS, counterId, Json.write(new Repeats(1, entry.id())));
            tx.put(
                COLLECTION,
                entry.id(),
                Json.write(
                    new Entry(
                        entry.id(),
                        entry.at(),
                        entry.actor(),
                        entry.method(),
                        entry.path(),
                        entry.kind(),
                        entry.entityId(),
                        entry.outcome(),
                        entry.status(),
                        entry.before(),
                        entry.after(),
                        entry.reason(),
                        PUBLIC,
                        counterId)));
          } else {
            Repeats r = Json.read(counter.get().json(), Repeats.class);
            tx.put(REPEATS, counterId, Json.write(new Repeats(r.count() + 1, r.entryId())));
          }
          return null;
        });
  }

  /** How often a refusal happened in its hour, and the entry that recorded the first one. */
  record Repeats(int count, String entryId) {}

  /**
   * The newest entries at or after {@code since} (all when null), newest first, as stored JSON.
   *
   * @param limit 1 to {@link #MAX_LIMIT}
   */
  public List<StoredDocument> list(Instant since, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
    return store.list(
        COLLECTION, Range.newest(since == null ? null : ID_TIME.format(since), limit));
  }

  /**
   * One page of the log, newest first, and where the next (older) page starts.
   *
   * @param entries each entry's JSON; an aggregated refusal also carries {@code "count"}, how often
   *     it happened in its hour
   * @param cursor pass it back as {@code cursor} for the next page; null when there is nothing
   *     older
   */
  public record Page(List<String> entries, String cursor) {}

  /** Whether {@code cursor} is an entry id, as {@link Page#cursor} gives. */
  public static boolean validCursor(String cursor) {
    return cursor != null && ID.matcher(cursor).matches();
  }

  /**
   * A page of entries older than {@code cursor} (from the newest when null) and at or after {@code
   * since}, of one origin ({@code admin}, {@code public}; all when null).
   *
   * @param limit 1 to {@link #MAX_LIMIT}
   */
  public Page page(Instant since, String cursor, String origin, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
    String from = since == null ? null : ID_TIME.format(since);
    List<String> out = new java.util.ArrayList<>();
    String upTo = cursor;
    for (int batch = 0; batch < SCAN_BATCHES; batch++) {
      List<StoredDocument> docs = store.list(COLLECTION, new Range(from, upTo, limit, true));
      for (StoredDocument d : docs) {
        upTo = d.id();
        com.google.gson.JsonObject o =
            com.google.gson.JsonParser.parseString(d.json()).getAsJsonObject();
        boolean isPublic =
            o.has("origin")
                && o.get("origin").isJsonPrimitive()
                && PUBLIC.equals(o.get("origin").getAsString());
        if (origin != null && isPublic != origin.equals(PUBLIC)) {
          continue;
        }
        if (o.has("repeats") && o.get("repeats").isJsonPrimitive()) {
          var r = store.get(REPEATS, o.get("repeats").getAsString());
          if (r.isPresent()) {
            o.addProperty("count", Json.read(r.get().json(), Repeats.class).count());
            out.add(Json.write(o));
          } else {
            out.add(d.json());
          }
        } else {
          out.add(d.json());
        }
        if (out.size() == limit) {
          return new Page(out, upTo);
        }
      }
      if (docs.size() < limit) {
        return new Page(out, null);
      }
    }
    return new Page(out, upTo);
  }
}
