package dev.trustcenter.publicview;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import dev.trustcenter.content.Language;
import dev.trustcenter.http.Responses;
import dev.trustcenter.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The answer to {@code GET /v1/trust-center} in each language, rendered when the snapshot is
 * written and stored at the front of the snapshot's document. A cold trust-api instance answers its
 * first request from them without parsing the snapshot, rendering or hashing (most of its cold
 * start, see docs/performance.md); a warm one serves them without rendering every few seconds.
 *
 * <p>An answer is served only while it is, byte for byte, what rendering the snapshot would give:
 * from {@code renderedAt} until the first control's status changes with time ({@code validUntil},
 * see {@link Views#changesAt}), with the same review period, and from code that renders the same
 * bytes ({@link #FORMAT}). Otherwise the snapshot is parsed and rendered as before.
 *
 * @param format {@link #FORMAT} of the code that rendered them
 * @param reviewPeriodDays the review period they were rendered with ({@code POLICY_REVIEW_DAYS})
 * @param renderedAt the snapshot's {@code generatedAt}, the time they were rendered for
 * @param validUntil when the first status changes with time; null if none ever does
 * @param answers the answer per language
 */
public record ReadyAnswers(
    int format,
    int reviewPeriodDays,
    Instant renderedAt,
    Instant validUntil,
    Map<Language, Answer> answers) {
  private static final Logger LOG = Logger.getLogger(ReadyAnswers.class.getName());

  /**
   * The version of the trust-center answer's bytes. Bump it with every change that makes the same
   * snapshot render to other bytes (a field, an order, an escape): answers stored by the previous
   * code are then no longer served. {@code ReadyAnswersTest} pins the bytes and fails until it is
   * bumped.
   */
  public static final int FORMAT = 1;

  /**
   * The member of the stored snapshot that holds them, always its first. Not part of the snapshot:
   * whoever publishes the stored form ({@code trust.json}) leaves it out.
   */
  public static final String MEMBER = "ready";

  /**
   * Above this many bytes the snapshot is stored without them (Firestore's limit is 1 MiB per
   * document; the snapshot of 300 controls with its answers is about 540 KB).
   */
  static final int MAX_STORED_BYTES = 900_000;

  /** One language's answer: its body and strong entity tag. */
  public record Answer(String etag, byte[] body) {}

  /** Renders both languages' answers to {@code snapshot} as of its {@code generatedAt}. */
  public static ReadyAnswers render(PublicSnapshot snapshot, int reviewPeriodDays) {
    Instant at = snapshot.generatedAt();
    Map<Language, Answer> answers = new EnumMap<>(Language.class);
    for (Language lang : Language.values()) {
      byte[] body =
          Json.write(Views.trustCenter(snapshot, lang, at, reviewPeriodDays))
              .getBytes(StandardCharsets.UTF_8);
      answers.put(lang, new Answer(Responses.etag(body), body));
    }
    return new ReadyAnswers(
        FORMAT,
        reviewPeriodDays,
        at,
        Views.changesAt(snapshot, at, reviewPeriodDays).orElse(null),
        answers);
  }

  /**
   * The answer in {@code lang}, if it is exactly what rendering the snapshot at {@code now} with
   * {@code reviewPeriodDays} gives.
   */
  public Optional<Answer> answer(Language lang, Instant now, int reviewPeriodDays) {
    boolean current =
        format == FORMAT
            && this.reviewPeriodDays == reviewPeriodDays
            && !now.isBefore(renderedAt)
            && (validUntil == null || now.isBefore(validUntil));
    return current ? Optional.ofNullable(answers.get(lang)) : Optional.empty();
  }

  /**
   * The snapshot's stored form: {@code snapshotJson} with these answers as its first member, or
   * {@code snapshotJson} alone if that would exceed {@link #MAX_STORED_BYTES}. Readers of the
   * snapshot skip the member (Gson ignores members a record does not have).
   */
  String storedForm(String snapshotJson) {
    StringWriter out = new StringWriter();
    try (JsonWriter w = new JsonWriter(out)) {
      w.beginObject();
      w.name("format").value(format);
      w.name("reviewPeriodDays").value(reviewPeriodDays);
      w.name("renderedAt").value(renderedAt.toString());
      w.name("validUntil").value(validUntil == null ? null : validUntil.toString());
      w.name("answers").beginObject();
      for (Map.Entry<Language, Answer> a : answers.entrySet()) {
        w.name(a.getKey().code()).beginObject();
        w.name("etag").value(a.getValue().etag());
        w.name("body").value(new String(a.getValue().body(), StandardCharsets.UTF_8));
        w.endObject();
      }
      w.endObject();
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String stored = "{\"" + MEMBER + "\":" + out + "," + snapshotJson.substring(1);
    if (stored.length() * 3L > MAX_STORED_BYTES
        && stored.getBytes(StandardCharsets.UTF_8).length > MAX_STORED_BYTES) {
      LOG.info(
          "the snapshot is stored without its ready answers: with them it would exceed "
              + MAX_STORED_BYTES
              + " bytes");
      return snapshotJson;
    }
    return stored;
  }

  /**
   * The ready answers at the front of a stored snapshot, read without reading the rest; empty if it
   * has none (written before they existed, or too large) or they cannot be read.
   */
  public static Optional<ReadyAnswers> peek(String stored) {
    try (JsonReader in = new JsonReader(new StringReader(stored))) {
      in.beginObject();
      if (!in.hasNext() || !in.nextName().equals(MEMBER)) {
        return Optional.empty();
      }
      int format = -1;
      int days = -1;
      Instant renderedAt = null;
      Instant validUntil = null;
      Map<Language, Answer> answers = new EnumMap<>(Language.class);
      in.beginObject();
      while (in.hasNext()) {
        switch (in.nextName()) {
          case "format" -> format = in.nextInt();
          case "reviewPeriodDays" -> days = in.nextInt();
          case "renderedAt" -> renderedAt = Instant.parse(in.nextString());
          case "validUntil" -> validUntil = nullableInstant(in);
          case "answers" -> readAnswers(in, answers);
          default -> in.skipValue();
        }
      }
      in.endObject();
      if (format < 0 || days < 0 || renderedAt == null) {
        LOG.warning("the snapshot's ready answers are incomplete; rendering instead");
        return Optional.empty();
      }
      return Optional.of(new ReadyAnswers(format, days, renderedAt, validUntil, answers));
    } catch (IOException | RuntimeException e) {
      LOG.warning("the snapshot's ready answers cannot be read, rendering instead: " + e);
      return Optional.empty();
    }
  }

  private static Instant nullableInstant(JsonReader in) throws IOException {
    if (in.peek() == JsonToken.NULL) {
      in.nextNull();
      return null;
    }
    return Instant.parse(in.nextString());
  }

  private static void readAnswers(JsonReader in, Map<Language, Answer> answers) throws IOException {
    in.beginObject();
    while (in.hasNext()) {
      Optional<Language> lang = Language.fromCode(in.nextName());
      String etag = null;
      String body = null;
      in.beginObject();
      while (in.hasNext()) {
        switch (in.nextName()) {
          case "etag" -> etag = in.nextString();
          case "body" -> body = in.nextString();
          default -> in.skipValue();
        }
      }
      in.endObject();
      if (lang.isPresent() && etag != null && body != null) {
        answers.put(lang.get(), new Answer(etag, body.getBytes(StandardCharsets.UTF_8)));
      }
    }
    in.endObject();
  }
}
