package dev.trustcenter.subprocessors;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The last good list of one vendor, one document per vendor in {@code subprocessor-lists} (id: the
 * vendor id). It is replaced only by a list that passed every check (or one an admin accepted); a
 * failed sync never touches it.
 *
 * @param vendor vendor id
 * @param sourceUrl the URL the list was read from (after redirects)
 * @param lastVerifiedAt when the vendor's page last yielded this list
 * @param contentSha256 SHA-256 of the page bytes last read, the name of its archived copy
 * @param pageUpdated the date the page itself shows, or null
 * @param entryCount {@code entries.size()}, kept so the public snapshot can read the count without
 *     the entries
 * @param entries the rows, in {@link ParsedList}'s order
 * @param lastChangeAt when a change to the entries was last recorded, null if never
 * @param archivedPage the archived object holding the page last read
 */
public record UpstreamList(
    String vendor,
    String sourceUrl,
    Instant lastVerifiedAt,
    String contentSha256,
    LocalDate pageUpdated,
    int entryCount,
    List<UpstreamEntry> entries,
    Instant lastChangeAt,
    String archivedPage) {
  public UpstreamList {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(lastVerifiedAt, "lastVerifiedAt");
    entries = List.copyOf(entries);
    entryCount = entries.size();
  }
}
