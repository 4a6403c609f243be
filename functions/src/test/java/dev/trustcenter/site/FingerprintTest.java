package dev.trustcenter.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.content.CheckOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Equal values give equal fingerprints, in any process; values that differ in any way do not. */
class FingerprintTest {
  record Page(String title, List<Object> items, Map<String, Object> evidence, Instant at) {}

  record Other(String title, List<Object> items, Map<String, Object> evidence, Instant at) {}

  private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

  @Test
  void equalValuesGiveEqualFingerprints_whateverTheMapsOrder() {
    Map<String, Object> ab = new LinkedHashMap<>();
    ab.put("a", 1L);
    ab.put("b", List.of("x"));
    Map<String, Object> ba = new LinkedHashMap<>();
    ba.put("b", List.of("x"));
    ba.put("a", 1L);
    String print = Fingerprint.of(new Page("t", List.of("x", 2L), ab, AT));
    assertEquals(print, Fingerprint.of(new Page("t", List.of("x", 2L), ba, AT)));
    assertEquals(print, Fingerprint.of(new Page("t", List.of("x", 2L), Map.copyOf(ab), AT)));
    assertTrue(print.matches("[0-9a-f]{32}"), print);
  }

  /** A record whose accessor takes a fingerprint of its own while it is walked, when asked to. */
  record Nesting(String title) {
    static boolean nest;

    @Override
    public String title() {
      if (nest) {
        Fingerprint.of(new Page("inner", List.of(), Map.of(), AT));
      }
      return title;
    }
  }

  @Test
  void aFingerprintTakenWhileAnotherIsWalked_leavesThatOneAsItWouldBe() {
    Nesting.nest = false;
    String alone = Fingerprint.of(List.of(new Nesting("t"), "after"));
    Nesting.nest = true;
    try {
      assertEquals(alone, Fingerprint.of(List.of(new Nesting("t"), "after")));
    } finally {
      Nesting.nest = false;
    }
    // The one a thread reuses is left as fresh for the next.
    assertEquals(alone, Fingerprint.of(List.of(new Nesting("t"), "after")));
  }

  @Test
  void valuesThatDifferInAnyWayGiveDifferentFingerprints() {
    List<Object> values =
        Arrays.asList(
            new Page("t", List.of(), Map.of(), AT),
            new Other("t", List.of(), Map.of(), AT),
            new Page("u", List.of(), Map.of(), AT),
            new Page(null, List.of(), Map.of(), AT),
            new Page("null", List.of(), Map.of(), AT),
            new Page("", List.of(), Map.of(), AT),
            new Page("t", null, Map.of(), AT),
            new Page("t", List.of("ab"), Map.of(), AT),
            new Page("t", List.of("a", "b"), Map.of(), AT),
            new Page("t", List.of(List.of("a"), "b"), Map.of(), AT),
            new Page("t", List.of(List.of("a", "b")), Map.of(), AT),
            new Page("t", List.of(1L), Map.of(), AT),
            new Page("t", List.of(1), Map.of(), AT), // an int and a long of one value: equal
            new Page("t", List.of("1"), Map.of(), AT),
            new Page("t", List.of(1.0), Map.of(), AT),
            new Page("t", List.of(true), Map.of(), AT),
            new Page("t", List.of(false), Map.of(), AT),
            new Page("t", List.of(CheckOutcome.PASSING), Map.of(), AT),
            new Page("t", List.of("PASSING"), Map.of(), AT),
            new Page("t", List.of(LocalDate.of(2026, 12, 6)), Map.of(), AT),
            new Page("t", List.of("2026-12-06"), Map.of(), AT),
            new Page("t", List.of(), Map.of("a", "b"), AT),
            new Page("t", List.of(), Map.of("ab", ""), AT),
            new Page("t", List.of(), Map.of("a", "b", "c", "d"), AT),
            new Page("t", List.of(), Map.of(), AT.plusNanos(1)),
            new Page("t", List.of(), Map.of(), null),
            new Page("t", List.of("x".repeat(20_000)), Map.of(), AT),
            new Page("t", List.of("x".repeat(20_000) + "y"), Map.of(), AT),
            new Page("t", List.of("é"), Map.of(), AT),
            new Page("t", List.of("e\u0301"), Map.of(), AT));
    List<String> prints = new ArrayList<>();
    for (Object v : values) {
      prints.add(Fingerprint.of(v));
    }
    Set<String> distinct = new HashSet<>(prints);
    // 1 and 1L are the same number, as they were in the JSON this replaces.
    assertEquals(prints.get(11), prints.get(12));
    assertEquals(values.size() - 1, distinct.size(), prints.toString());
  }

  @Test
  void aKindItCannotWalkIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Fingerprint.of(new Object()));
    assertNotEquals(Fingerprint.of(List.of()), Fingerprint.of(Map.of()));
  }
}
