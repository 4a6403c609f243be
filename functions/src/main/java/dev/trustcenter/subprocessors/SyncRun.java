package dev.trustcenter.subprocessors;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The record of one sync, in {@code sync-runs} (id {@code <startedAt>-<random>}), and the answer of
 * the task.
 *
 * @param trigger who started it: {@code scheduler} (the task endpoint's caller) or the admin's
 *     email
 */
public record SyncRun(
    String id, Instant startedAt, Instant finishedAt, String trigger, List<VendorResult> vendors) {
  public static final String UPDATED = "updated";
  public static final String UNCHANGED = "unchanged";
  public static final String FAILED = "failed";
  public static final String PENDING_REVIEW = "pending_review";

  public SyncRun {
    Objects.requireNonNull(id, "id");
    vendors = List.copyOf(vendors);
  }

  /**
   * Whether some vendor failed (the task then answers 502, so Cloud Scheduler shows and retries
   * it).
   */
  public boolean anyFailed() {
    return vendors.stream().anyMatch(v -> v.status().equals(FAILED));
  }

  /**
   * What happened to one vendor's list.
   *
   * @param status {@code updated}, {@code unchanged}, {@code failed} or {@code pending_review}
   * @param reason why it failed or waits for review (or a note such as the first list), else null
   * @param entries entries of the list read, 0 when none was read
   * @param contentSha256 SHA-256 of the page read, null when none was
   * @param archivedPage where the page was archived, null when it was not
   */
  public record VendorResult(
      String vendor,
      String status,
      String reason,
      int entries,
      int added,
      int removed,
      int changed,
      String contentSha256,
      String archivedPage) {

    static VendorResult failed(String vendor, String reason, String sha256, String archivedPage) {
      return new VendorResult(vendor, FAILED, reason, 0, 0, 0, 0, sha256, archivedPage);
    }
  }
}
