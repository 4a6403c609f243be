package dev.trustcenter.publicview;

import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.Content;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the public may see, denormalized into one stored document so that a public read costs
 * one document read. Rebuilt in the same transaction as every change to what it contains.
 * Language-neutral: the localized views are derived from it per request (and cached), because a
 * control's status depends on the time of reading.
 *
 * @param schemaVersion the version of this document's shape; bumped on incompatible changes
 * @param generatedAt when it was built
 * @param contentUpdatedAt when admins (or the seed) last changed content
 * @param content the admin-managed content
 * @param checks per control id, the latest check facts; a control without an entry was never
 *     checked
 * @param upstream per subprocessor id, a summary of its own subprocessor list as last synced;
 *     absent for a subprocessor whose list was never synced (and in snapshots written before the
 *     sync existed)
 */
public record PublicSnapshot(
    int schemaVersion,
    Instant generatedAt,
    Instant contentUpdatedAt,
    Content content,
    Map<String, CheckSummary> checks,
    Map<String, Upstream> upstream) {
  public static final int SCHEMA_VERSION = 1;

  public PublicSnapshot {
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(content, "content");
    checks = checks == null ? Map.of() : Map.copyOf(checks);
    upstream = upstream == null ? Map.of() : Map.copyOf(upstream);
  }

  /** A snapshot without upstream summaries. */
  public PublicSnapshot(
      int schemaVersion,
      Instant generatedAt,
      Instant contentUpdatedAt,
      Content content,
      Map<String, CheckSummary> checks) {
    this(schemaVersion, generatedAt, contentUpdatedAt, content, checks, Map.of());
  }

  /**
   * A subprocessor's own subprocessor list in brief (the entries are in {@code
   * subprocessor-lists}).
   *
   * @param entryCount number of entries
   * @param lastVerifiedAt when the vendor's page last yielded the list
   * @param pageUpdated the date the vendor's page shows, or null
   * @param lastChangeAt when a change to it was last recorded, or null
   */
  public record Upstream(
      int entryCount, Instant lastVerifiedAt, LocalDate pageUpdated, Instant lastChangeAt) {}
}
