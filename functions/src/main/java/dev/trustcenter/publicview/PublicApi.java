package dev.trustcenter.publicview;

import dev.trustcenter.content.Language;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.Responses;
import dev.trustcenter.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public read side: turns the cached snapshot into JSON answers with their entity tags.
 * Serialized answers are cached per path and language for as long as the snapshot is unchanged and
 * they are younger than {@code renderTtl}, because statuses depend on the time of reading.
 */
public final class PublicApi {
  private final SnapshotCache snapshots;
  private final Clock clock;
  private final Duration renderTtl;
  private final int reviewPeriodDays;
  private final PublicHistory history;
  private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();

  /**
   * Each control's history digest as last read, with the snapshot version it was read for. A
   * recorded result rewrites the snapshot in the same transaction as the digest, so the digest
   * cannot change while the version stays: re-rendering an aged answer (statuses depend on the
   * time) or the other language reuses it.
   */
  private final Map<String, History> histories = new ConcurrentHashMap<>();

  private record History(String version, HistoryDigest digest) {}

  private final java.util.Set<String> rendering = ConcurrentHashMap.newKeySet();

  // The cache keys of the two most requested answers, built once rather than on every request.
  private static final Map<Language, String> TRUST_CENTER_KEYS = keys("trust-center/");
  private static final Map<Language, String> SUBPROCESSORS_KEYS = keys("subprocessors/");

  private static Map<Language, String> keys(String prefix) {
    Map<Language, String> keys = new java.util.EnumMap<>(Language.class);
    for (Language lang : Language.values()) {
      keys.put(lang, prefix + lang.code());
    }
    return keys;
  }

  /**
   * A serialized answer and its strong entity tag, with the version of the snapshot it was rendered
   * from ({@link #READY} for a ready answer) and when.
   */
  public record Rendered(byte[] body, String etag, String version, Instant at) {}

  /** The version of an answer taken from the snapshot's {@link ReadyAnswers}. */
  static final String READY = "ready";

  /**
   * @param reviewPeriodDays the period of policy reviews ({@code POLICY_REVIEW_DAYS})
   * @param history the digest of a control's check history, read once per snapshot version
   */
  public PublicApi(
      SnapshotCache snapshots,
      Clock clock,
      Duration renderTtl,
      int reviewPeriodDays,
      PublicHistory history) {
    this.snapshots = snapshots;
    this.clock = clock;
    this.renderTtl = renderTtl;
    this.reviewPeriodDays = reviewPeriodDays;
    this.history = history;
  }

  /**
   * The whole trust center in {@code lang}: the snapshot's {@link ReadyAnswers} while they are
   * exactly what rendering would give, otherwise rendered.
   */
  public Rendered trustCenter(Language lang) {
    Instant now = clock.instant();
    SnapshotCache.Copy copy = snapshots.copy().orElseThrow(PublicApi::notPublished);
    Optional<ReadyAnswers.Answer> ready =
        copy.ready().flatMap(r -> r.answer(lang, now, reviewPeriodDays));
    if (ready.isPresent()) {
      return new Rendered(ready.get().body(), ready.get().etag(), READY, now);
    }
    SnapshotCache.Loaded loaded = copy.loaded();
    return render(
        TRUST_CENTER_KEYS.get(lang),
        loaded,
        () -> Views.trustCenter(loaded.snapshot(), lang, clock.instant(), reviewPeriodDays));
  }

  /** Our subprocessors in {@code lang}, each with its upstream list summary. */
  public Rendered subprocessors(Language lang) {
    SnapshotCache.Loaded loaded = loaded();
    return render(
        SUBPROCESSORS_KEYS.get(lang),
        loaded,
        () ->
            new TrustCenterView.SubprocessorList(
                loaded.snapshot().schemaVersion(),
                lang.code(),
                Views.subprocessors(loaded.snapshot(), lang)));
  }

  /** The current snapshot (cached), if one was published. */
  public Optional<PublicSnapshot> snapshot() {
    return snapshots.current().map(SnapshotCache.Loaded::snapshot);
  }

  /**
   * One control in {@code lang} with its recent history; 404 if there is no such control. The
   * history's digest is read (one document) once per snapshot version, for both languages:
   * recording a result rewrites the snapshot in the same transaction, so a digest read for the
   * current snapshot version is the latest.
   */
  public Rendered control(String id, Language lang) {
    SnapshotCache.Loaded loaded = loaded();
    Instant now = clock.instant();
    if (loaded.snapshot().content().controls().stream().noneMatch(c -> c.id().equals(id))) {
      throw ApiException.notFound(
          "no control with id \"" + (id.length() > 80 ? id.substring(0, 80) + "..." : id) + "\"");
    }
    return render(
        "controls/" + id + "/" + lang.code(),
        loaded,
        () ->
            Views.control(
                    loaded.snapshot(), id, lang, now, reviewPeriodDays, history(id, loaded, now))
                .orElseThrow());
  }

  private HistoryDigest history(String id, SnapshotCache.Loaded loaded, Instant now) {
    History h = histories.get(id);
    if (h == null || !h.version().equals(loaded.version())) {
      h = new History(loaded.version(), history.digest(id, now));
      if (histories.size() > 1000) {
        histories.clear(); // only ids of existing controls get here, but never grow without bound
      }
      histories.put(id, h);
    }
    return h.digest();
  }

  private SnapshotCache.Loaded loaded() {
    return snapshots.current().orElseThrow(PublicApi::notPublished);
  }

  private static ApiException notPublished() {
    return new ApiException(503, "not_published", "the trust center has not been published yet");
  }

  private Rendered render(
      String key, SnapshotCache.Loaded loaded, java.util.function.Supplier<Object> view) {
    Instant now = clock.instant();
    Rendered r = rendered.get(key);
    boolean sameSnapshot = r != null && r.version.equals(loaded.version());
    if (sameSnapshot && now.isBefore(r.at.plus(renderTtl))) {
      return r;
    }
    // Same snapshot, aged answer (statuses depend on the time): one request renders it again, the
    // others answer
    // the previous rendering meanwhile instead of all rendering at once.
    boolean mine = !sameSnapshot || rendering.add(key);
    if (!mine) {
      return r;
    }
    try {
      byte[] body = Json.write(view.get()).getBytes(StandardCharsets.UTF_8);
      Rendered fresh = new Rendered(body, Responses.etag(body), loaded.version(), now);
      if (rendered.size() > 1000) {
        rendered.clear(); // ids come from URLs: never let them grow the cache without bound
      }
      rendered.put(key, fresh);
      return fresh;
    } finally {
      if (sameSnapshot) {
        rendering.remove(key);
      }
    }
  }
}
