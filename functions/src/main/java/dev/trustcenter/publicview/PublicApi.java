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
  private final java.util.Set<String> rendering = ConcurrentHashMap.newKeySet();

  /** A serialized answer and its strong entity tag. */
  public record Rendered(byte[] body, String etag, String version, Instant at) {}

  /**
   * @param reviewPeriodDays the period of policy reviews ({@code POLICY_REVIEW_DAYS})
   * @param history the recent check results of a control, read when a control is rendered afresh
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

  /** The whole trust center in {@code lang}. */
  public Rendered trustCenter(Language lang) {
    SnapshotCache.Loaded loaded = loaded();
    return render(
        "trust-center/" + lang.code(),
        loaded,
        () -> Views.trustCenter(loaded.snapshot(), lang, clock.instant(), reviewPeriodDays));
  }

  /** Our subprocessors in {@code lang}, each with its upstream list summary. */
  public Rendered subprocessors(Language lang) {
    SnapshotCache.Loaded loaded = loaded();
    return render(
        "subprocessors/" + lang.code(),
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
   * history is read (one query) only when the answer is rendered afresh: recording a result
   * rewrites the snapshot in the same transaction, so a cached answer for the current snapshot
   * version already has the latest history.
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
                    loaded.snapshot(), id, lang, now, reviewPeriodDays, history.recent(id, now))
                .orElseThrow());
  }

  private SnapshotCache.Loaded loaded() {
    return snapshots
        .current()
        .orElseThrow(
            () ->
                new ApiException(
                    503, "not_published", "the trust center has not been published yet"));
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
