package dev.trustcenter.subprocessors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Splits the text of a country cell into country names.
 *
 * <p>Contract: {@code "A, B and C"}, {@code "A, B, and C"}, {@code "A; B"}, {@code "A & B"} and one
 * value per line all give {@code [A, B, C]}, in page order, without duplicates (case-insensitive)
 * or blanks; each value is normalised (NBSP, whitespace, footnote marks, a trailing full stop).
 * Names that contain "and", "&amp;" or a comma are kept whole when they are in the known list below
 * (ISO 3166 short names and common variants, e.g. "Trinidad and Tobago", "Korea, Republic of",
 * "United Kingdom of Great Britain and Northern Ireland"), and text inside parentheses is never
 * split. An unknown name that contains " and " is split: there is no safe way to tell it from two
 * countries, and the known list covers every current country.
 */
public final class CountrySplitter {

  /** Country and region names that contain a separator ("and", "&amp;" or a comma). */
  static final List<String> PROTECTED =
      List.of(
          "Antigua and Barbuda",
          "Bosnia and Herzegovina",
          "Trinidad and Tobago",
          "Saint Kitts and Nevis",
          "St. Kitts and Nevis",
          "St Kitts and Nevis",
          "Saint Vincent and the Grenadines",
          "St. Vincent and the Grenadines",
          "St Vincent and the Grenadines",
          "Saint Vincent and Grenadines",
          "Saint Pierre and Miquelon",
          "St. Pierre and Miquelon",
          "St Pierre and Miquelon",
          "Sao Tome and Principe",
          "São Tomé and Príncipe",
          "São Tomé and Principe",
          "Sao Tomé and Príncipe",
          "Heard Island and McDonald Islands",
          "Heard and McDonald Islands",
          "South Georgia and the South Sandwich Islands",
          "South Georgia and South Sandwich Islands",
          "Turks and Caicos Islands",
          "Turks and Caicos",
          "Wallis and Futuna Islands",
          "Wallis and Futuna",
          "Svalbard and Jan Mayen Islands",
          "Svalbard and Jan Mayen",
          "French Southern and Antarctic Lands",
          "Ashmore and Cartier Islands",
          "Akrotiri and Dhekelia",
          "Serbia and Montenegro",
          "United Kingdom of Great Britain and Northern Ireland",
          "Great Britain and Northern Ireland",
          "Bonaire, Sint Eustatius and Saba",
          "Saint Helena, Ascension and Tristan da Cunha",
          "Korea, Republic of",
          "Korea, Rep.",
          "Korea, South",
          "Korea, Democratic People's Republic of",
          "Korea, Democratic People’s Republic of",
          "Iran, Islamic Republic of",
          "Congo, The Democratic Republic of the",
          "Congo, Democratic Republic of the",
          "Congo, Dem. Rep.",
          "Congo, Republic of the",
          "Congo, Rep.",
          "Taiwan, Province of China",
          "Taiwan, Republic of China",
          "Tanzania, United Republic of",
          "Moldova, Republic of",
          "Micronesia, Federated States of",
          "Venezuela, Bolivarian Republic of",
          "Bolivia, Plurinational State of",
          "Macedonia, the Former Yugoslav Republic of",
          "Palestine, State of",
          "Palestinian Territory, Occupied",
          "Virgin Islands, British",
          "Virgin Islands, U.S.",
          "Hong Kong SAR, China",
          "Macao SAR, China",
          "Macau SAR, China",
          "Bahamas, The",
          "Gambia, The",
          "Netherlands, Kingdom of the",
          "Europe, the Middle East and Africa",
          "Europe, Middle East and Africa",
          "Middle East and North Africa",
          "Middle East and Africa",
          "Latin America and the Caribbean");

  private static final Pattern PROTECTED_PATTERN = protectedPattern();
  private static final Pattern PARENTHESES = Pattern.compile("\\([^()]*\\)|\\[[^\\[\\]]*]");

  /** ", and", ",", ";", " and ", " & ", bullets and pipes between names. */
  private static final Pattern SEPARATOR =
      Pattern.compile(
          "\\s*[,;\\u2022\\u00B7|]\\s*(?:(?:and|&)\\s+)?|\\s+(?:and|&)\\s+",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern LEADING_AND =
      Pattern.compile("^(?:and|&)\\s+", Pattern.CASE_INSENSITIVE);
  private static final Pattern TRAILING_AND =
      Pattern.compile("\\s+(?:and|&)$", Pattern.CASE_INSENSITIVE);

  /** Private-use characters mark a protected span while the rest is split. */
  private static final char OPEN = '\uE000';

  private static final char CLOSE = '\uE001';
  private static final Pattern PLACEHOLDER = Pattern.compile(OPEN + "(\\d+)" + CLOSE);

  private CountrySplitter() {}

  /** Splits one block of text (a cell's line, or a whole cell without line breaks). */
  public static List<String> split(String text) {
    return splitLines(List.of(text == null ? "" : text));
  }

  /** Splits every line of a cell (lines come from {@code <br>}, {@code <p>}, {@code <li>}). */
  public static List<String> splitLines(List<String> lines) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> countries = new ArrayList<>();
    for (String line : lines) {
      for (String country : splitOne(line)) {
        if (seen.add(country.toLowerCase(Locale.ROOT))) {
          countries.add(country);
        }
      }
    }
    return List.copyOf(countries);
  }

  private static List<String> splitOne(String line) {
    String text = PageText.clean(line);
    if (text.isEmpty()) {
      return List.of();
    }
    // The input cannot contain our private-use markers, or restoring would mix them up.
    text = text.replace(OPEN, ' ').replace(CLOSE, ' ');
    List<String> kept = new ArrayList<>();
    text = protect(text, PROTECTED_PATTERN, kept);
    text = protect(text, PARENTHESES, kept);
    List<String> result = new ArrayList<>();
    for (String part : SEPARATOR.split(text)) {
      String value = restore(part, kept);
      value = LEADING_AND.matcher(value).replaceAll("");
      value = TRAILING_AND.matcher(value).replaceAll("");
      value = PageText.normalize(value);
      // "Ireland." but not "U.S.": a final full stop only goes when it is the only one.
      if (value.endsWith(".") && value.indexOf('.') == value.length() - 1) {
        value = value.substring(0, value.length() - 1).strip();
      }
      if (!value.isEmpty() && !value.equalsIgnoreCase("and")) {
        result.add(value);
      }
    }
    return result;
  }

  private static String protect(String text, Pattern pattern, List<String> kept) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      kept.add(m.group());
      m.appendReplacement(
          out, Matcher.quoteReplacement(OPEN + String.valueOf(kept.size() - 1) + CLOSE));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String restore(String text, List<String> kept) {
    // Placeholders may nest (parentheses around a protected name), so resolve until none is left.
    String current = text;
    for (int round = 0; round < 4 && current.indexOf(OPEN) >= 0; round++) {
      Matcher m = PLACEHOLDER.matcher(current);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        int index = Integer.parseInt(m.group(1));
        String original = index < kept.size() ? kept.get(index) : "";
        m.appendReplacement(out, Matcher.quoteReplacement(original));
      }
      m.appendTail(out);
      current = out.toString();
    }
    return current.replace(OPEN, ' ').replace(CLOSE, ' ');
  }

  private static Pattern protectedPattern() {
    String alternatives =
        PROTECTED.stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .map(CountrySplitter::flexible)
            .collect(Collectors.joining("|"));
    // Letters on either side would mean the name is part of a longer word.
    return Pattern.compile(
        "(?<![\\p{L}])(?:" + alternatives + ")(?![\\p{L}])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /**
   * A listed name as a regex that tolerates "&amp;" for "and", any spacing and either apostrophe.
   */
  private static String flexible(String name) {
    StringBuilder regex = new StringBuilder();
    for (String word : name.split(" ")) {
      if (regex.length() > 0) {
        regex.append("\\s+");
      }
      if (word.equals("and")) {
        regex.append("(?:and|&)");
        continue;
      }
      for (char ch : word.toCharArray()) {
        if (ch == '\'' || ch == '’') {
          regex.append("['’]");
        } else if (ch == ',') {
          regex.append("\\s*,");
        } else if (Character.isLetterOrDigit(ch)) {
          regex.append(ch);
        } else {
          regex.append('\\').append(ch);
        }
      }
    }
    return regex.toString();
  }
}
