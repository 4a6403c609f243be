package dev.trustcenter.subprocessors;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A list held for review next to the list in force, as an admin reviews it: what accepting it would
 * add, remove and change (the same diff an acceptance records as change events).
 *
 * @param contentSha256 the held list's page hash: send it back with accept or reject so that only
 *     the list reviewed is acted on
 * @param currentCount entries of the list in force (0 when there is none)
 * @param heldCount entries of the held list
 * @param changes added, then removed, then changed entries, each kind in key order
 */
public record PendingReview(
    String vendor,
    String contentSha256,
    Instant fetchedAt,
    String sourceUrl,
    String reason,
    int currentCount,
    int heldCount,
    List<Change> changes) {
  public PendingReview {
    Objects.requireNonNull(vendor, "vendor");
    changes = List.copyOf(changes);
  }

  /**
   * One difference.
   *
   * @param kind {@code added}, {@code removed} or {@code changed}
   * @param before the entry in force, null for an added one
   * @param after the held entry, null for a removed one
   * @param fields for a changed entry, which of {@code name}, {@code group}, {@code countries},
   *     {@code activity} differ
   */
  public record Change(
      String kind, UpstreamEntry before, UpstreamEntry after, List<String> fields) {
    public Change {
      fields = List.copyOf(fields);
    }
  }
}
