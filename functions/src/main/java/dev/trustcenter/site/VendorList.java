package dev.trustcenter.site;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A direct subprocessor's own subprocessor list as last synced, as the site shows it.
 *
 * @param vendor the subprocessor id it belongs to
 * @param sourceUrl the page it was read from, or null
 * @param lastVerifiedAt when the vendor's page last yielded this list
 * @param pageUpdated the date the vendor's page shows, or null
 * @param entryCount how many entries it has
 * @param entries the entries, possibly empty when only the summary is known
 * @param lastChangeAt when a change was last detected, or null if never
 */
public record VendorList(
    String vendor,
    String sourceUrl,
    Instant lastVerifiedAt,
    LocalDate pageUpdated,
    int entryCount,
    List<Entry> entries,
    Instant lastChangeAt) {
  public VendorList {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(lastVerifiedAt, "lastVerifiedAt");
    entries = entries == null ? List.of() : List.copyOf(entries);
  }

  /**
   * One row of the vendor's list; {@code activity} and {@code group} are empty when the page has
   * none.
   */
  public record Entry(String name, List<String> countries, String activity, String group) {
    public Entry {
      Objects.requireNonNull(name, "name");
      countries = countries == null ? List.of() : List.copyOf(countries);
      activity = activity == null ? "" : activity;
      group = group == null ? "" : group;
    }
  }
}
