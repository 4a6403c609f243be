package dev.trustcenter.subprocessors;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One subprocessor row of a vendor's published list.
 *
 * <p>Contract: every field is non-null; {@code name} is not blank. {@code activity} and {@code
 * group} are {@code ""} when the page does not give them. {@code countries} keeps the order of the
 * page, holds no blank value and no duplicate (duplicates are dropped here, so the invariant holds
 * whoever builds the record). The parsers hand over text that is already normalised (trimmed,
 * whitespace collapsed, NBSP turned into a space, footnote marks removed); this record does not
 * rewrite it, so what is stored is what the page said.
 *
 * @param name the legal entity as written on the page, e.g. {@code "Google Ireland Limited"}
 * @param countries where the processing is performed, e.g. {@code ["Ireland", "India"]}
 * @param activity what the entity does (activity, function or purpose column), or {@code ""}
 * @param group the section the row was listed in (nearest heading, tab label or caption), or {@code
 *     ""}
 */
public record UpstreamEntry(String name, List<String> countries, String activity, String group) {

  public UpstreamEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(countries, "countries");
    Objects.requireNonNull(activity, "activity");
    Objects.requireNonNull(group, "group");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name is blank");
    }
    Set<String> unique = new LinkedHashSet<>();
    for (String country : countries) {
      Objects.requireNonNull(country, "country");
      if (!country.isBlank()) {
        unique.add(country);
      }
    }
    countries = List.copyOf(new ArrayList<>(unique));
  }

  /**
   * The identity of the row when two versions of a list are compared: the name and the group,
   * lower-cased (ROOT locale) with whitespace collapsed, joined by {@code "|"}, e.g. {@code "google
   * llc|cloudflare developer platform"}. The same company listed under two groups is two rows on
   * purpose: being added to a new product is a change customers are told about. Countries and
   * activity are not part of the key, so a change there shows up as a modified row rather than a
   * removal plus an addition.
   */
  public String key() {
    return normalizeForKey(name) + "|" + normalizeForKey(group);
  }

  private static String normalizeForKey(String text) {
    return text.replace('\u00A0', ' ').strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
