package dev.trustcenter.subprocessors;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * One change to a vendor's list, in {@code subprocessor-changes}. Ids start with the detection time
 * in a fixed-width ISO form, so listing by id is time order.
 *
 * @param id {@code <detectedAt, ISO with milliseconds>-<vendor>-<hash>}
 * @param kind {@code added}, {@code removed} or {@code changed}
 * @param fields for {@code changed}: which of {@code name}, {@code group}, {@code countries},
 *     {@code activity} changed; empty otherwise
 * @param countries the entry's countries (for {@code removed}: what they were)
 * @param activity the entry's activity (for {@code removed}: what it was)
 * @param previousCountries for {@code changed}: the countries before; null otherwise
 * @param previousActivity for {@code changed}: the activity before; null otherwise
 */
public record ChangeEvent(
    String id,
    String vendor,
    String kind,
    String name,
    String group,
    List<String> fields,
    List<String> countries,
    String activity,
    List<String> previousCountries,
    String previousActivity,
    String sourceUrl,
    Instant detectedAt) {
  public static final String ADDED = "added";
  public static final String REMOVED = "removed";
  public static final String CHANGED = "changed";

  private static final DateTimeFormatter FIXED =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  public ChangeEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(detectedAt, "detectedAt");
    fields = fields == null ? List.of() : List.copyOf(fields);
    countries = countries == null ? List.of() : List.copyOf(countries);
  }

  /**
   * An instant as a fixed-width id prefix. {@link Instant#toString()} drops zero fractions, which
   * would sort {@code 10:00:00.5Z} before {@code 10:00:00Z}.
   */
  public static String timeKey(Instant t) {
    return FIXED.format(t);
  }
}
