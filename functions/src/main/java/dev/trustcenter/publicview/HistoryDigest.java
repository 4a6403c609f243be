package dev.trustcenter.publicview;

import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.publicview.TrustCenterView.CheckResultView;
import dev.trustcenter.publicview.TrustCenterView.DayView;
import dev.trustcenter.publicview.TrustCenterView.TransitionView;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One control's check history, summarized as its public answer shows it, kept in one document
 * ({@link #COLLECTION}) that the transaction recording a result updates. A control's answer then
 * reads one document however many results its window holds (an hourly check records about 2,160 in
 * {@link Views#DAYS} days), and what the digest keeps is bounded: about {@link Views#DAYS} day
 * counts, {@link Views#TRANSITIONS} changes and {@link Views#RECENT} results.
 *
 * <p>It answers exactly what listing the window's results would: the views below filter by the
 * window of the time of reading, and a change counts only if the result it changed from is in the
 * window too. A result older than the newest one folded in cannot be added in place (it may split a
 * change in two); its writer builds the digest again from the listed history ({@link #of}).
 *
 * @param days per UTC day ({@code yyyy-MM-dd}), the outcomes counted
 * @param transitions the changes between passing and failing, newest first
 * @param recent the newest results, newest first
 * @param lastAt the newest result's time; a result before it needs a rebuild
 * @param lastObserved the newest outcome other than an error (the next change starts from it)
 * @param lastObservedAt when that outcome was observed
 */
public record HistoryDigest(
    Map<String, Day> days,
    List<Transition> transitions,
    List<CheckResultView> recent,
    Instant lastAt,
    CheckOutcome lastObserved,
    Instant lastObservedAt) {

  /** The digests, one per control id. */
  public static final String COLLECTION = "check-history";

  /**
   * How far back a control's public history reaches: the results checked in the last this many days
   * before the time of reading.
   */
  public static final int WINDOW_DAYS = Views.DAYS;

  /** A digest of no results. */
  public static final HistoryDigest EMPTY =
      new HistoryDigest(Map.of(), List.of(), List.of(), null, null, null);

  /** Days kept beyond the window, so a digest read a little later still covers it. */
  private static final int SPARE_DAYS = 2;

  /** One day's outcomes. */
  public record Day(int passing, int failing, int errors) {}

  /**
   * A change between passing and failing.
   *
   * @param fromAt when the outcome it changed from was observed
   */
  public record Transition(Instant at, CheckOutcome from, CheckOutcome to, Instant fromAt) {}

  public HistoryDigest {
    days = days == null ? Map.of() : Map.copyOf(days);
    transitions = transitions == null ? List.of() : List.copyOf(transitions);
    recent = recent == null ? List.of() : List.copyOf(recent);
  }

  /** A digest as stored. */
  public static HistoryDigest parse(String json) {
    return dev.trustcenter.json.Json.read(json, HistoryDigest.class);
  }

  /** The digest of {@code results} (any order), as of {@code now}. */
  public static HistoryDigest of(List<CheckResultView> results, Instant now) {
    List<CheckResultView> oldestFirst = new ArrayList<>(results);
    oldestFirst.sort(
        Comparator.comparing(
            CheckResultView::checkedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
    HistoryDigest d = EMPTY;
    for (CheckResultView r : oldestFirst) {
      d = d.plus(r, now);
    }
    return d;
  }

  /**
   * Whether {@code checkedAt} can be folded in with {@link #plus} (it is not before the newest).
   */
  public boolean takes(Instant checkedAt) {
    return lastAt == null || (checkedAt != null && !checkedAt.isBefore(lastAt));
  }

  /**
   * This digest with {@code r} folded in; {@code r} must not be older than the newest result so far
   * ({@link #takes}). Days that left the window before {@code now} are dropped.
   */
  public HistoryDigest plus(CheckResultView r, Instant now) {
    if (!takes(r.checkedAt())) {
      throw new IllegalArgumentException("a result older than the digest's newest needs a rebuild");
    }
    TreeMap<String, Day> newDays = new TreeMap<>(days);
    List<Transition> newTransitions = new ArrayList<>(transitions);
    CheckOutcome observed = lastObserved;
    Instant observedAt = lastObservedAt;
    if (r.checkedAt() != null && r.outcome() != null) {
      String day = LocalDate.ofInstant(r.checkedAt(), ZoneOffset.UTC).toString();
      Day d = newDays.getOrDefault(day, new Day(0, 0, 0));
      newDays.put(
          day,
          switch (r.outcome()) {
            case PASSING -> new Day(d.passing() + 1, d.failing(), d.errors());
            case FAILING -> new Day(d.passing(), d.failing() + 1, d.errors());
            case ERROR -> new Day(d.passing(), d.failing(), d.errors() + 1);
          });
      if (r.outcome() != CheckOutcome.ERROR) {
        if (observed != null && observed != r.outcome()) {
          newTransitions.add(0, new Transition(r.checkedAt(), observed, r.outcome(), observedAt));
        }
        observed = r.outcome();
        observedAt = r.checkedAt();
      }
    }
    String oldest = firstDay(now).minusDays(SPARE_DAYS).toString();
    newDays.headMap(oldest).clear();
    List<CheckResultView> newRecent = new ArrayList<>(recent.size() + 1);
    newRecent.add(r);
    newRecent.addAll(recent);
    return new HistoryDigest(
        newDays,
        newTransitions.subList(0, Math.min(Views.TRANSITIONS, newTransitions.size())),
        newRecent.subList(0, Math.min(Views.RECENT, newRecent.size())),
        r.checkedAt() == null ? lastAt : r.checkedAt(),
        observed,
        observedAt);
  }

  /** The newest results in the window before {@code now}, newest first. */
  public List<CheckResultView> recent(Instant now) {
    Instant since = since(now);
    return recent.stream()
        .filter(r -> r.checkedAt() != null && !r.checkedAt().isBefore(since))
        .toList();
  }

  /** The last {@link Views#DAYS} UTC days up to the day of {@code now}, oldest first. */
  public List<DayView> daily(Instant now) {
    LocalDate first = firstDay(now);
    List<DayView> out = new ArrayList<>(Views.DAYS);
    for (int i = 0; i < Views.DAYS; i++) {
      LocalDate date = first.plusDays(i);
      // The window starts on the day before the first one shown: every result of these days is in
      // it.
      Day d = days.get(date.toString());
      if (d == null) {
        out.add(new DayView(date, "none", 0));
        continue;
      }
      String outcome =
          d.failing() > 0
              ? "failing"
              : d.passing() > 0 ? "passing" : d.errors() > 0 ? "error" : "none";
      out.add(new DayView(date, outcome, d.passing() + d.failing() + d.errors()));
    }
    return out;
  }

  /**
   * The changes in the window before {@code now}, newest first, at most {@link Views#TRANSITIONS}:
   * both the result changed from and the one changed to lie in it.
   */
  public List<TransitionView> transitions(Instant now) {
    Instant since = since(now);
    return transitions.stream()
        .filter(t -> !t.fromAt().isBefore(since) && !t.at().isBefore(since))
        .map(t -> new TransitionView(t.at(), t.from(), t.to()))
        .toList();
  }

  /**
   * The first time after {@code now} at which {@link #recent}, {@link #daily} or {@link
   * #transitions} may answer otherwise than at {@code now}: the next UTC midnight (the days shift),
   * or earlier when a result or change in the window leaves it. Read at any time from {@code now}
   * until then, they answer exactly as at {@code now} (nothing enters the window as time passes).
   */
  public Instant changesAt(Instant now) {
    Instant until =
        LocalDate.ofInstant(now, ZoneOffset.UTC)
            .plusDays(1)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
    Instant since = since(now);
    for (CheckResultView r : recent) {
      if (r.checkedAt() != null && !r.checkedAt().isBefore(since)) {
        until = earlier(until, leaves(r.checkedAt()));
      }
    }
    for (Transition t : transitions) {
      if (!t.fromAt().isBefore(since) && !t.at().isBefore(since)) {
        until = earlier(until, leaves(t.fromAt().isBefore(t.at()) ? t.fromAt() : t.at()));
      }
    }
    return until;
  }

  /** The first time at which a result checked at {@code at} is no longer in the window. */
  private static Instant leaves(Instant at) {
    return at.plus(Duration.ofDays(WINDOW_DAYS)).plusNanos(1);
  }

  private static Instant earlier(Instant a, Instant b) {
    return b.isBefore(a) ? b : a;
  }

  private static Instant since(Instant now) {
    return now.minus(Duration.ofDays(WINDOW_DAYS));
  }

  private static LocalDate firstDay(Instant now) {
    return LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(Views.DAYS - 1);
  }
}
