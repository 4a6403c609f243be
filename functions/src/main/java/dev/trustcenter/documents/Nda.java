package dev.trustcenter.documents;

import dev.trustcenter.content.Language;
import dev.trustcenter.content.Text;
import dev.trustcenter.evidence.EvidenceLog;
import dev.trustcenter.evidence.LogEntry;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The click-through NDA requesters accept: its current text in both languages and version
 * (collection {@value #COLLECTION}, document {@code current}; every version is kept in {@value
 * #VERSIONS} so an acceptance can always be matched with the text it accepted). The first read
 * stores the default text as version 1. A replacement is a new version: requests accepting an older
 * one are refused. Each version, the default one included, is appended to the evidence log ({@link
 * LogEntry#NDA_VERSION}) in the transaction that stores it.
 */
public final class Nda {
  public static final String COLLECTION = "nda";
  static final String VERSIONS = "nda-versions";

  /**
   * The default click-through agreement, until an admin replaces it: {@code seed/nda.es.txt} and
   * {@code seed/nda.en.txt} (UTF-8, no final newline; their bytes are what version 1's hashes are
   * taken of).
   */
  static final Text DEFAULT_TEXT = Text.of(seed("es"), seed("en"));

  private static String seed(String lang) {
    String name = "/seed/nda." + lang + ".txt";
    try (java.io.InputStream in = Nda.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private final DocumentStore store;
  private final Clock clock;

  /**
   * One version of the NDA.
   *
   * @param sha256 the SHA-256 (hex) of the text in each language, as shown to the requester
   */
  public record Version(int version, Text text, Text sha256, Instant createdAt, String createdBy) {
    public Version {
      Objects.requireNonNull(text, "text");
    }

    /** The hash of the text shown in {@code lang}. */
    public String sha256(Language lang) {
      return sha256.in(lang);
    }
  }

  public Nda(DocumentStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The version in force; stores the default text as version 1 on first use. */
  public Version current() {
    return store
        .get(COLLECTION, "current")
        .map(d -> Json.read(d.json(), Version.class))
        .orElseGet(this::seed);
  }

  private Version seed() {
    Version v = version(1, DEFAULT_TEXT, clock.instant(), "default");
    store.transaction(
        tx -> {
          if (tx.get(COLLECTION, "current").isEmpty()) {
            EvidenceLog.Appender evidence = new EvidenceLog(store).begin(tx);
            tx.put(VERSIONS, "1", Json.write(v));
            tx.put(COLLECTION, "current", Json.write(v));
            evidence.append(logEntry(v));
          }
          return null;
        });
    return store
        .get(COLLECTION, "current")
        .map(d -> Json.read(d.json(), Version.class))
        .orElseThrow();
  }

  /** The longest text of a language, in characters. */
  public static final int MAX_CHARS = 20_000;

  /** What a replacement did: the version in force after it, and whether it is a new one. */
  public record Replaced(Version version, boolean created) {}

  /** A version's entity tag: its number, so it changes exactly when a new version is published. */
  public static String etag(Version v) {
    return "\"v" + v.version() + "\"";
  }

  /**
   * Publishes a new text as the next version (the same text as the version in force changes
   * nothing).
   *
   * @throws ApiException 400 when a language is blank or too long
   */
  public Version replace(Text text, String admin) {
    return replace(text, admin, List.of()).version();
  }

  /**
   * Publishes a new text as the next version, if the version in force is still the one the caller
   * read. The same text as the version in force publishes nothing: a new version would refuse the
   * requests of everyone who accepted the same words.
   *
   * @param ifMatch the caller's {@code If-Match} tags ({@link #etag}, or {@code *}); empty for none
   * @throws ApiException 400 when a language is blank or too long; 412 {@code precondition_failed}
   *     when {@code ifMatch} names another version (nothing is written)
   */
  public Replaced replace(Text text, String admin, List<String> ifMatch) {
    if (text == null
        || text.es().isBlank()
        || text.en().isBlank()
        || text.es().length() > MAX_CHARS
        || text.en().length() > MAX_CHARS) {
      throw ApiException.badRequest(
          "invalid", "the NDA needs a text in es and en, each at most 20000 characters");
    }
    current();
    Instant now = clock.instant();
    return store.transaction(
        tx -> {
          Version cur =
              Json.read(tx.get(COLLECTION, "current").orElseThrow().json(), Version.class);
          if (!ifMatch.isEmpty() && !ifMatch.contains("*") && !ifMatch.contains(etag(cur))) {
            throw new ApiException(
                412,
                "precondition_failed",
                "the NDA changed since you read it (If-Match does not match its ETag); nothing was written");
          }
          if (cur.text().equals(text)) {
            return new Replaced(cur, false);
          }
          Version next = version(cur.version() + 1, text, now, admin);
          EvidenceLog.Appender evidence = new EvidenceLog(store).begin(tx);
          tx.put(VERSIONS, Integer.toString(next.version()), Json.write(next));
          tx.put(COLLECTION, "current", Json.write(next));
          evidence.append(logEntry(next));
          return new Replaced(next, true);
        });
  }

  /**
   * The version in force as stored, read inside {@code tx}; empty before the first read stored the
   * default (whose text is {@link #defaultText()}).
   */
  public static java.util.Optional<Version> stored(DocumentStore.Transaction tx) {
    return tx.get(COLLECTION, "current").map(d -> Json.read(d.json(), Version.class));
  }

  /** The text in force until an admin replaces it. */
  public static Text defaultText() {
    return DEFAULT_TEXT;
  }

  /**
   * Inside a caller's transaction (the bundle import): publishes {@code text} as the version after
   * {@code current} (version 1 when none is stored), with its evidence log entry. {@code evidence}
   * was begun in the same transaction before its first write.
   */
  public static Version publishIn(
      DocumentStore.Transaction tx,
      EvidenceLog.Appender evidence,
      java.util.Optional<Version> current,
      Text text,
      Instant now,
      String admin) {
    Version next = version(current.map(Version::version).orElse(0) + 1, text, now, admin);
    tx.put(VERSIONS, Integer.toString(next.version()), Json.write(next));
    tx.put(COLLECTION, "current", Json.write(next));
    evidence.append(logEntry(next));
    return next;
  }

  private static Version version(int n, Text text, Instant at, String by) {
    return new Version(
        n,
        text,
        Text.of(
            dev.trustcenter.http.Responses.sha256Hex(text.es()),
            dev.trustcenter.http.Responses.sha256Hex(text.en())),
        at,
        by);
  }

  /**
   * An NDA version as the evidence log holds it: the version and the SHA-256 of the text shown in
   * each language (the hashes a requester's acceptance records), never who published it.
   */
  static LogEntry logEntry(Version v) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("version", v.version());
    data.put("sha256", Map.of("es", v.sha256(Language.ES), "en", v.sha256(Language.EN)));
    return new LogEntry(LogEntry.NDA_VERSION, v.createdAt(), "nda", data);
  }
}
