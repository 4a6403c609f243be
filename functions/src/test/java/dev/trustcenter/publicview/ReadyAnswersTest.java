package dev.trustcenter.publicview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.Content;
import dev.trustcenter.content.Control;
import dev.trustcenter.content.Language;
import dev.trustcenter.content.Seed;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.http.Responses;
import dev.trustcenter.json.Json;
import dev.trustcenter.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ready answers stored with the snapshot are served only while they are, byte for byte, what
 * rendering the snapshot gives.
 */
class ReadyAnswersTest {
  private static final Content SEED = Seed.load();
  private static final Instant AT = Instant.parse("2026-11-28T10:00:00Z");

  /** A snapshot of the seed with a random check history behind each control. */
  private static PublicSnapshot randomSnapshot(Random random, Instant at) {
    Map<String, CheckSummary> checks = new LinkedHashMap<>();
    for (Control c : SEED.controls()) {
      int kind = random.nextInt(5);
      if (kind == 0) {
        continue; // never checked
      }
      Instant passing = at.minus(Duration.ofMinutes(random.nextInt(400 * 24 * 60)));
      Instant failing = at.minus(Duration.ofMinutes(random.nextInt(400 * 24 * 60)));
      checks.put(
          c.id(),
          switch (kind) {
            case 1 -> new CheckSummary(CheckOutcome.PASSING, passing, passing, null);
            case 2 -> new CheckSummary(CheckOutcome.FAILING, failing, null, failing);
            case 3 ->
                new CheckSummary(
                    failing.isAfter(passing) ? CheckOutcome.FAILING : CheckOutcome.PASSING,
                    failing.isAfter(passing) ? failing : passing,
                    passing,
                    failing);
            default -> new CheckSummary(CheckOutcome.ERROR, at, passing, null);
          });
    }
    return new PublicSnapshot(PublicSnapshot.SCHEMA_VERSION, at, at, SEED, checks);
  }

  private static byte[] rendered(PublicSnapshot s, Language lang, Instant now, int days) {
    return Json.write(Views.trustCenter(s, lang, now, days)).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void whileServedTheyAreWhatRenderingGivesAndTheyStopWhenTheFirstStatusChanges() {
    int served = 0;
    int expired = 0;
    for (int seed = 0; seed < 40; seed++) {
      Random random = new Random(seed);
      PublicSnapshot s = randomSnapshot(random, AT);
      int days = random.nextBoolean() ? 365 : 30 + random.nextInt(400);
      ReadyAnswers ready = ReadyAnswers.render(s, days);
      for (int i = 0; i < 30; i++) {
        Instant now = AT.plus(Duration.ofMinutes(random.nextInt(500 * 24 * 60)));
        for (Language lang : Language.values()) {
          Optional<ReadyAnswers.Answer> a = ready.answer(lang, now, days);
          if (a.isPresent()) {
            served++;
            assertArrayEquals(rendered(s, lang, now, days), a.get().body(), "seed " + seed);
            assertEquals(Responses.etag(a.get().body()), a.get().etag());
          } else {
            expired++;
            assertTrue(ready.validUntil() != null && !now.isBefore(ready.validUntil()));
          }
        }
      }
      if (ready.validUntil() != null) {
        Instant edge = ready.validUntil();
        Instant before = edge.minusMillis(1);
        assertArrayEquals(
            rendered(s, Language.EN, before, days),
            ready.answer(Language.EN, before, days).orElseThrow().body());
        // Not a moment too early: at validUntil rendering gives another answer.
        assertTrue(ready.answer(Language.EN, edge, days).isEmpty());
        assertFalse(
            java.util.Arrays.equals(
                rendered(s, Language.EN, edge, days), ready.answers().get(Language.EN).body()),
            "seed " + seed);
      }
    }
    assertTrue(served > 100 && expired > 100, served + " served, " + expired + " expired");
  }

  @Test
  void notServedForAnotherReviewPeriodBeforeTheirTimeOrFromAnotherFormat() {
    PublicSnapshot s = randomSnapshot(new Random(7), AT);
    ReadyAnswers ready = ReadyAnswers.render(s, 365);
    assertTrue(ready.answer(Language.ES, AT, 365).isPresent());
    assertTrue(ready.answer(Language.ES, AT, 180).isEmpty());
    assertTrue(ready.answer(Language.ES, AT.minusSeconds(1), 365).isEmpty());
    ReadyAnswers older =
        new ReadyAnswers(
            ReadyAnswers.FORMAT - 1, 365, ready.renderedAt(), ready.validUntil(), ready.answers());
    assertTrue(older.answer(Language.ES, AT, 365).isEmpty());
  }

  @Test
  void storedInFrontOfTheSnapshotWhichReadersStillParse() {
    PublicSnapshot s = randomSnapshot(new Random(3), AT);
    ReadyAnswers ready = ReadyAnswers.render(s, 365);
    String stored = ready.storedForm(Json.write(s));
    assertTrue(stored.startsWith("{\"ready\":"));
    assertEquals(s, Json.read(stored, PublicSnapshot.class));

    ReadyAnswers read = ReadyAnswers.peek(stored).orElseThrow();
    assertEquals(ready.format(), read.format());
    assertEquals(ready.reviewPeriodDays(), read.reviewPeriodDays());
    assertEquals(ready.renderedAt(), read.renderedAt());
    assertEquals(ready.validUntil(), read.validUntil());
    for (Language lang : Language.values()) {
      assertArrayEquals(ready.answers().get(lang).body(), read.answers().get(lang).body());
      assertEquals(ready.answers().get(lang).etag(), read.answers().get(lang).etag());
    }
  }

  @Test
  void aSnapshotWithoutThemOrWithUnreadableOnesHasNone() {
    PublicSnapshot s = randomSnapshot(new Random(5), AT);
    assertTrue(ReadyAnswers.peek(Json.write(s)).isEmpty());
    assertTrue(ReadyAnswers.peek("{\"ready\":{\"format\":\"one\"},\"schemaVersion\":1}").isEmpty());
    assertTrue(ReadyAnswers.peek("{\"ready\":{\"answers\":{}},\"schemaVersion\":1}").isEmpty());
  }

  @Test
  void aSnapshotTooLargeWithThemIsStoredWithout() {
    ReadyAnswers ready = ReadyAnswers.render(randomSnapshot(new Random(1), AT), 365);
    String large = "{\"filler\":\"" + "x".repeat(ReadyAnswers.MAX_STORED_BYTES) + "\"}";
    assertSame(large, ready.storedForm(large));
    String small = "{\"schemaVersion\":1}";
    assertNotEquals(small, ready.storedForm(small));
  }

  /**
   * Pins the bytes of the answers to a stored snapshot (a fixed file, so that editing the seed does
   * not move them). When this fails, the same snapshot now renders to other bytes: bump {@link
   * ReadyAnswers#FORMAT} (answers stored by the previous code must not be served after a
   * deployment) and update the digests here.
   */
  @Test
  void theAnswersBytesChangeOnlyWithTheFormat() throws java.io.IOException {
    String stored;
    try (var in = getClass().getResourceAsStream("ready-answers-snapshot.json")) {
      stored = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    PublicSnapshot s = Json.read(stored, PublicSnapshot.class);
    assertEquals(1, ReadyAnswers.FORMAT, "update the digests below with the format");
    assertEquals(
        "f26e3fbd9654ceba5ff0ab99ce3aeee75c0f13d52492869b8edff077ba5f1b32",
        Responses.sha256Hex(rendered(s, Language.EN, s.generatedAt(), 365)),
        "the answer's bytes changed: bump ReadyAnswers.FORMAT and update this digest");
    assertEquals(
        "32ae0e21d8daa7687f53bd55fc6f4a714904882bd6597fdc55a0af1bff58e642",
        Responses.sha256Hex(rendered(s, Language.ES, s.generatedAt(), 365)),
        "the answer's bytes changed: bump ReadyAnswers.FORMAT and update this digest");
  }

  @Test
  void thePublicApiAnswersFromThemUntilTheyExpireThenRenders(@TempDir Path dir) {
    try (FileDocumentStore store = FileDocumentStore.open(dir)) {
      new SnapshotWriter(365).seedIfEmpty(store, SEED, AT);
      String control = SEED.controls().get(0).id();
      store.transaction(
          tx -> {
            tx.put(
                Snapshots.CHECK_SUMMARIES,
                control,
                Json.write(new CheckSummary(CheckOutcome.PASSING, AT, AT)));
            return null;
          });
      new SnapshotWriter(365).rebuild(store, AT);
      MutableClock clock = new MutableClock(AT.plusSeconds(60));
      PublicApi api =
          new PublicApi(
              new SnapshotCache(Snapshots.source(store), clock, Duration.ofSeconds(2)),
              clock,
              Duration.ofSeconds(10),
              365,
              (id, now) -> HistoryDigest.EMPTY);
      PublicApi.Rendered first = api.trustCenter(Language.EN);
      assertEquals(PublicApi.READY, first.version());
      assertArrayEquals(
          rendered(api.snapshot().orElseThrow(), Language.EN, clock.instant(), 365), first.body());

      // The control turns overdue after its period: the stored answer no longer says what is true.
      int period = dev.trustcenter.content.ControlStatus.periodDays(SEED.controls().get(0), 365);
      clock.advance(Duration.ofDays(period).minusSeconds(60));
      PublicApi.Rendered later = api.trustCenter(Language.EN);
      assertNotEquals(PublicApi.READY, later.version());
      assertNotEquals(first.etag(), later.etag());
      assertTrue(new String(later.body(), StandardCharsets.UTF_8).contains("\"overdue\""));
    }
  }
}
