package dev.trustcenter.subprocessors;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A list that parsed but looks wrong (it shrank by more than half at once), kept in {@code
 * subprocessor-pending} (id: the vendor id) until an admin accepts it or a normal list replaces it.
 *
 * @param reason why it was held back
 * @param currentCount the number of entries of the current list when it was held back
 */
public record PendingList(
    String vendor,
    String sourceUrl,
    Instant fetchedAt,
    String contentSha256,
    LocalDate pageUpdated,
    List<UpstreamEntry> entries,
    String archivedPage,
    String reason,
    int currentCount) {
  public PendingList {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
    Objects.requireNonNull(contentSha256, "contentSha256");
    entries = List.copyOf(entries);
  }
}
