package dev.trustcenter.site;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One detected change to a vendor's subprocessor list, for the site and the Atom feed.
 *
 * @param id stable id of the change (starts with its detection time)
 * @param vendor the subprocessor id whose list changed
 * @param kind {@code added}, {@code removed} or {@code changed}
 * @param name the entry's name
 * @param group the entry's group, or empty
 * @param countries the entry's countries
 * @param activity the entry's activity, or empty
 * @param detectedAt when the change was detected
 */
public record VendorListChange(
    String id,
    String vendor,
    String kind,
    String name,
    String group,
    List<String> countries,
    String activity,
    Instant detectedAt) {
  public VendorListChange {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(detectedAt, "detectedAt");
    group = group == null ? "" : group;
    activity = activity == null ? "" : activity;
    countries = countries == null ? List.of() : List.copyOf(countries);
  }
}
