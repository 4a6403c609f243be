package dev.trustcenter.subprocessors;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The result of parsing one vendor page: its subprocessor rows and the date the page says it was
 * last changed.
 *
 * <p>Contract: {@code entries} is immutable, non-null and sorted by group, then name, then
 * countries, then activity (plain {@link String} order, independent of the locale), so the same
 * content always yields an equal list whatever the order of tables or rows on the page. {@code
 * pageUpdated} is {@code null} when the page shows no date: a missing date is a warning for the
 * caller, not a parse failure.
 *
 * @param entries the rows, sorted as described
 * @param pageUpdated "Last modified" / "Last Updated" date shown on the page, or {@code null}
 */
public record ParsedList(List<UpstreamEntry> entries, LocalDate pageUpdated) {

  /** The deterministic order of {@link #entries()}. */
  static final Comparator<UpstreamEntry> ORDER =
      Comparator.comparing(UpstreamEntry::group)
          .thenComparing(UpstreamEntry::name)
          .thenComparing(e -> String.join("\u0000", e.countries()))
          .thenComparing(UpstreamEntry::activity);

  public ParsedList {
    Objects.requireNonNull(entries, "entries");
    List<UpstreamEntry> sorted = new ArrayList<>(entries);
    sorted.sort(ORDER);
    entries = List.copyOf(sorted);
  }
}
