package dev.trustcenter.publicview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.TrustCenterView.CheckResultView;
import dev.trustcenter.publicview.TrustCenterView.DayView;
import dev.trustcenter.publicview.TrustCenterView.TransitionView;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The digest answers what listing the window's results answers. The reference below is how a
 * control's answer was computed from the listed results before digests were kept.
 */
class HistoryDigestTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void foldedOneResultAtATimeItAnswersAsTheListedWindowDoes() {
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      List<CheckResultView> all = history(random, 200 + random.nextInt(400));
      HistoryDigest digest = HistoryDigest.EMPTY;
      Instant last = START;
      for (CheckResultView r : all) {
        digest = digest.plus(r, r.checkedAt());
        if (random.nextInt(10) == 0) {
          digest = roundTrip(digest); // as stored and read back between recordings
        }
        last = r.checkedAt();
      }
      // Read at the last result, and up to 120 days later (the window moves past the results).
      for (int later : new int[] {0, 1, 30, 89, 90, 91, 120}) {
        Instant now = last.plus(Duration.ofDays(later)).plusSeconds(random.nextInt(86_400));
        List<CheckResultView> window = window(all, now);
        String at = "seed " + seed + ", " + later + " days later";
        assertEquals(Reference.daily(window, now), digest.daily(now), at);
        assertEquals(Reference.transitions(window), digest.transitions(now), at);
        assertEquals(
            window.subList(0, Math.min(Views.RECENT, window.size())), digest.recent(now), at);
        assertEquals(digest.daily(now), HistoryDigest.of(window, now).daily(now), "rebuilt, " + at);
        assertEquals(
            digest.transitions(now),
            HistoryDigest.of(window, now).transitions(now),
            "rebuilt, " + at);
      }
    }
  }

  @Test
  void changesAtIsTheFirstTimeItsAnswerChanges() {
    for (long seed = 1; seed <= 40; seed++) {
      Random random = new Random(seed);
      // Results hours to weeks apart, so that results and changes leave the window at any time.
      List<CheckResultView> all = new ArrayList<>();
      Instant t = START;
      CheckOutcome state = CheckOutcome.PASSING;
      for (int i = 0, n = 5 + random.nextInt(60); i < n; i++) {
        t = t.plusSeconds(3_600L + random.nextInt(20 * 86_400));
        if (random.nextInt(3) == 0) {
          state = state == CheckOutcome.PASSING ? CheckOutcome.FAILING : CheckOutcome.PASSING;
        }
        all.add(new CheckResultView(state, t, null, null, null, "c"));
      }
      HistoryDigest digest = HistoryDigest.of(all, t);
      for (int read = 0; read < 30; read++) {
        Instant now = t.plusSeconds(random.nextInt(100 * 86_400)).plusNanos(random.nextInt(1000));
        Instant until = digest.changesAt(now);
        String at = "seed " + seed + ", read at " + now;
        assertTrue(until.isAfter(now), at);
        List<Object> answer = answer(digest, now);
        for (int k = 0; k < 5; k++) {
          long span = Duration.between(now, until).toNanos();
          Instant between = now.plusNanos((long) (random.nextDouble() * span));
          assertEquals(answer, answer(digest, between), at + ", again at " + between);
        }
        assertEquals(answer, answer(digest, until.minusNanos(1)), at);
        assertFalse(answer.equals(answer(digest, until)), at + ": nothing changed at " + until);
      }
    }
  }

  private static List<Object> answer(HistoryDigest digest, Instant now) {
    return List.of(digest.recent(now), digest.daily(now), digest.transitions(now));
  }

  @Test
  void whatItKeepsIsBoundedHoweverLongTheHistory() {
    List<CheckResultView> all = history(new Random(7), 5_000);
    HistoryDigest digest = HistoryDigest.EMPTY;
    for (CheckResultView r : all) {
      digest = digest.plus(r, r.checkedAt());
    }
    assertTrue(digest.days().size() <= Views.DAYS + 3, "days: " + digest.days().size());
    assertTrue(digest.transitions().size() <= Views.TRANSITIONS);
    assertEquals(Views.RECENT, digest.recent().size());
  }

  @Test
  void aResultOlderThanTheNewestIsRefusedForARebuild() {
    HistoryDigest d =
        HistoryDigest.EMPTY.plus(new CheckResultView(CheckOutcome.PASSING, START, null), START);
    assertFalse(d.takes(START.minusSeconds(1)));
    assertTrue(d.takes(START));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            d.plus(new CheckResultView(CheckOutcome.FAILING, START.minusSeconds(1), null), START));
  }

  @Test
  void aChangeFromAResultThatLeftTheWindowNoLongerCounts() {
    Instant failed = START;
    Instant passed = START.plus(Duration.ofDays(10));
    HistoryDigest d =
        HistoryDigest.EMPTY
            .plus(new CheckResultView(CheckOutcome.FAILING, failed, null), failed)
            .plus(new CheckResultView(CheckOutcome.PASSING, passed, null), passed);
    assertEquals(
        List.of(new TransitionView(passed, CheckOutcome.FAILING, CheckOutcome.PASSING)),
        d.transitions(passed));
    Instant later = failed.plus(Duration.ofDays(HistoryDigest.WINDOW_DAYS)).plusSeconds(1);
    assertEquals(List.of(), d.transitions(later));
  }

  /** Results every 20 to 180 minutes, some errors, runs of passing and failing. */
  private static List<CheckResultView> history(Random random, int n) {
    List<CheckResultView> out = new ArrayList<>();
    Instant t = START;
    CheckOutcome state = CheckOutcome.PASSING;
    for (int i = 0; i < n; i++) {
      t =
          t.plus(
              Duration.ofMinutes(20 + random.nextInt(160 + (random.nextInt(20) == 0 ? 4000 : 0))));
      if (random.nextInt(8) == 0) {
        state = state == CheckOutcome.PASSING ? CheckOutcome.FAILING : CheckOutcome.PASSING;
      }
      CheckOutcome outcome = random.nextInt(10) == 0 ? CheckOutcome.ERROR : state;
      out.add(new CheckResultView(outcome, t, Map.of("n", (long) i), null, null, "check-" + i % 3));
    }
    return out;
  }

  /** The results in the window before {@code now}, newest first (as the store lists them). */
  private static List<CheckResultView> window(List<CheckResultView> all, Instant now) {
    Instant since = now.minus(Duration.ofDays(HistoryDigest.WINDOW_DAYS));
    List<CheckResultView> out = new ArrayList<>();
    for (CheckResultView r : all) {
      if (!r.checkedAt().isBefore(since) && !r.checkedAt().isAfter(now)) {
        out.add(r);
      }
    }
    out.sort(Comparator.comparing(CheckResultView::checkedAt).reversed());
    return out;
  }

  private static HistoryDigest roundTrip(HistoryDigest d) {
    return Json.read(Json.write(d), HistoryDigest.class);
  }

  /** The computation from the listed results that digests replaced. */
  private static final class Reference {
    /** The last {@link Views#DAYS} days (UTC) up to the day of {@code now}, oldest first. */
    static List<DayView> daily(List<CheckResultView> newestFirst, Instant now) {
      LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
      LocalDate first = today.minusDays(Views.DAYS - 1);
      int[] passing = new int[Views.DAYS];
      int[] failing = new int[Views.DAYS];
      int[] errors = new int[Views.DAYS];
      for (CheckResultView r : newestFirst) {
        if (r.checkedAt() == null || r.outcome() == null) {
          continue;
        }
        long i = ChronoUnit.DAYS.between(first, LocalDate.ofInstant(r.checkedAt(), ZoneOffset.UTC));
        if (i < 0 || i >= Views.DAYS) {
          continue;
        }
        switch (r.outcome()) {
          case PASSING -> passing[(int) i]++;
          case FAILING -> failing[(int) i]++;
          case ERROR -> errors[(int) i]++;
        }
      }
      List<DayView> days = new ArrayList<>(Views.DAYS);
      for (int i = 0; i < Views.DAYS; i++) {
        String outcome =
            failing[i] > 0
                ? "failing"
                : passing[i] > 0 ? "passing" : errors[i] > 0 ? "error" : "none";
        days.add(new DayView(first.plusDays(i), outcome, passing[i] + failing[i] + errors[i]));
      }
      return days;
    }

    /** The changes between passing and failing, newest first, at most {@link Views#TRANSITIONS}. */
    static List<TransitionView> transitions(List<CheckResultView> newestFirst) {
      List<TransitionView> out = new ArrayList<>();
      CheckOutcome previous = null;
      for (int i = newestFirst.size() - 1; i >= 0; i--) {
        CheckResultView r = newestFirst.get(i);
        if (r.outcome() == null || r.outcome() == CheckOutcome.ERROR || r.checkedAt() == null) {
          continue; // a check that could not run observed nothing: no change
        }
        if (previous != null && previous != r.outcome()) {
          out.add(new TransitionView(r.checkedAt(), previous, r.outcome()));
        }
        previous = r.outcome();
      }
      Collections.reverse(out);
      return List.copyOf(out.subList(0, Math.min(Views.TRANSITIONS, out.size())));
    }
  }
}
