package dev.trustcenter.subprocessors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CountrySplitterTest {

  @Test
  void commaListWithFinalAndGivesEachCountryInPageOrder() {
    assertEquals(
        List.of("Bulgaria", "Canada", "India", "Romania", "United States of America"),
        CountrySplitter.split("Bulgaria, Canada, India, Romania and United States of America"));
  }

  @Test
  void oxfordCommaSemicolonsAndAmpersandAllSplit() {
    assertEquals(
        List.of("Ireland", "Japan", "Chile"), CountrySplitter.split("Ireland, Japan, and Chile"));
    assertEquals(List.of("Ireland", "Japan"), CountrySplitter.split("Ireland; Japan"));
    assertEquals(List.of("Ireland", "Japan"), CountrySplitter.split("Ireland & Japan"));
    assertEquals(
        List.of("Ireland", "Japan", "Chile"), CountrySplitter.split("Ireland;Japan ; and Chile."));
  }

  @Test
  void unitedStatesOfAmericaStaysWhole() {
    assertEquals(
        List.of("United States of America"), CountrySplitter.split("United States of America"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Trinidad and Tobago",
        "Bosnia and Herzegovina",
        "Antigua and Barbuda",
        "Saint Kitts and Nevis",
        "Saint Vincent and the Grenadines",
        "Heard Island and McDonald Islands",
        "South Georgia and the South Sandwich Islands",
        "São Tomé and Príncipe",
        "Sao Tome and Principe",
        "Turks and Caicos Islands",
        "Wallis and Futuna",
        "Svalbard and Jan Mayen",
        "Saint Pierre and Miquelon",
        "Papua New Guinea",
        "United Kingdom of Great Britain and Northern Ireland",
        "Bonaire, Sint Eustatius and Saba",
        "Saint Helena, Ascension and Tristan da Cunha",
        "Korea, Republic of",
        "Iran, Islamic Republic of",
        "Congo, Democratic Republic of the",
        "Taiwan, Province of China",
        "Virgin Islands, U.S.",
        "Korea, Democratic People's Republic of",
        "Trinidad & Tobago"
      })
  void namesContainingAndOrACommaStayWholeAloneAndInsideAList(String name) {
    assertEquals(List.of(name), CountrySplitter.split(name));
    assertEquals(
        List.of("Chile", name, "Peru"), CountrySplitter.split("Chile, " + name + " and Peru"));
    assertEquals(List.of(name, "Peru"), CountrySplitter.split(name + " and Peru"));
    assertEquals(List.of("Peru", name), CountrySplitter.split("Peru and " + name));
  }

  @Test
  void twoProtectedNamesJoinedByAndBothSurvive() {
    assertEquals(
        List.of("Trinidad and Tobago", "Bosnia and Herzegovina"),
        CountrySplitter.split("Trinidad and Tobago and Bosnia and Herzegovina"));
  }

  @Test
  void linesFromBrOrLiAreSeparateValuesAndEachLineIsSplitToo() {
    assertEquals(
        List.of("Ireland", "India", "Japan", "Canada"),
        CountrySplitter.splitLines(List.of("Ireland", "India and Japan", "Canada")));
  }

  @Test
  void nbspFootnoteMarksAndDuplicatesAreRemoved() {
    assertEquals(
        List.of("United States of America", "Ireland", "India", "Japan"),
        CountrySplitter.split(
            "United\u00A0States of\u00A0America*, Ireland\u2020, India[1], Japan\u00B9 and ireland"));
  }

  @Test
  void parenthesesAreNeverSplit() {
    assertEquals(
        List.of("Korea (Republic of)", "Hong Kong (SAR, China)", "Chile"),
        CountrySplitter.split("Korea (Republic of), Hong Kong (SAR, China) and Chile"));
  }

  @Test
  void emptyBlankAndNullGiveNoCountry() {
    assertEquals(List.of(), CountrySplitter.split(""));
    assertEquals(List.of(), CountrySplitter.split(" \u00A0 , and ;"));
    assertEquals(List.of(), CountrySplitter.split(null));
  }

  @Test
  void privateUseMarkersInTheInputCannotConfuseRestoring() {
    // The markers become spaces; the digit between them is ordinary text.
    assertEquals(
        List.of("0 Chile", "Trinidad and Tobago"),
        CountrySplitter.split("\uE0000\uE001Chile and Trinidad and Tobago"));
  }
}
