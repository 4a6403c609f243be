package dev.trustcenter.subprocessors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordsTest {

  @Test
  void keyIsLowerCaseNameAndGroupWithWhitespaceCollapsed() {
    assertEquals(
        "acme ltd|third-party subprocessors",
        new UpstreamEntry(" Acme\u00A0 LTD", List.of(), "", "Third-Party  Subprocessors").key());
    assertNotEquals(
        new UpstreamEntry("Google LLC", List.of(), "", "A").key(),
        new UpstreamEntry("Google LLC", List.of(), "", "B").key());
  }

  @Test
  void entryCopiesCountriesAndDropsDuplicatesAndBlanks() {
    List<String> countries = new ArrayList<>(List.of("Chile", "Peru", "Chile", " "));
    UpstreamEntry entry = new UpstreamEntry("Acme", countries, "", "");
    countries.add("India");

    assertEquals(List.of("Chile", "Peru"), entry.countries());
    assertThrows(UnsupportedOperationException.class, () -> entry.countries().add("X"));
  }

  @Test
  void entryRejectsNullsAndBlankName() {
    assertThrows(NullPointerException.class, () -> new UpstreamEntry("A", List.of(), null, ""));
    assertThrows(NullPointerException.class, () -> new UpstreamEntry(null, List.of(), "", ""));
    assertThrows(IllegalArgumentException.class, () -> new UpstreamEntry(" ", List.of(), "", ""));
  }

  @Test
  void parsedListSortsByGroupThenNameThenCountriesAndAllowsNoDate() {
    UpstreamEntry b1 = new UpstreamEntry("Beta", List.of("Peru"), "", "B");
    UpstreamEntry a2 = new UpstreamEntry("Zeta", List.of("Chile"), "", "A");
    UpstreamEntry a1 = new UpstreamEntry("Alpha", List.of("India"), "", "A");
    UpstreamEntry a1b = new UpstreamEntry("Alpha", List.of("Chile"), "", "A");

    ParsedList list = new ParsedList(List.of(b1, a2, a1, a1b), null);

    assertEquals(List.of(a1b, a1, a2, b1), list.entries());
    assertEquals(list, new ParsedList(List.of(a1, a1b, b1, a2), null));
    assertNotEquals(list, new ParsedList(List.of(a1, a1b, b1, a2), LocalDate.of(2025, 1, 1)));
  }
}
