package dev.trustcenter.subscriptions;

import dev.trustcenter.content.Subprocessor;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * A change to the company's own subprocessors, announced ahead of the day it takes effect (GDPR
 * Art. 28(2): customers are told of an intended addition or replacement and may object). Stored in
 * {@value PlannedChanges#COLLECTION}; published at once as upcoming; applied to the subprocessor
 * list on {@code effectiveOn} unless withdrawn before.
 *
 * @param id {@code spc-<effective day>-<random>}; also its document id
 * @param kind {@value #ADD}, {@value #REMOVE} or {@value #CHANGE}
 * @param subprocessorId the subprocessor it is about
 * @param after the entry as it will be ({@value #ADD}, {@value #CHANGE}); null for {@value #REMOVE}
 * @param before the entry as it was when the change was scheduled; null for {@value #ADD}
 * @param changed for {@value #CHANGE}: which of {@code purpose} and {@code dataLocations} change
 * @param effectiveOn the day (UTC) it takes effect; objections are taken until the day before
 * @param status {@value #SCHEDULED}, {@value #WITHDRAWN}, {@value #APPLIED} or {@value #FAILED}
 * @param outcome why it was withdrawn, or why applying it failed; null otherwise
 */
public record PlannedChange(
    String id,
    String kind,
    String subprocessorId,
    Subprocessor after,
    Subprocessor before,
    List<String> changed,
    LocalDate effectiveOn,
    String status,
    Instant scheduledAt,
    String scheduledBy,
    Instant closedAt,
    String closedBy,
    String outcome) {
  public static final String ADD = "add";
  public static final String REMOVE = "remove";
  public static final String CHANGE = "change";
  public static final List<String> KINDS = List.of(ADD, REMOVE, CHANGE);

  public static final String SCHEDULED = "scheduled";
  public static final String WITHDRAWN = "withdrawn";
  public static final String APPLIED = "applied";
  public static final String FAILED = "failed";

  public PlannedChange {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subprocessorId, "subprocessorId");
    Objects.requireNonNull(effectiveOn, "effectiveOn");
    Objects.requireNonNull(status, "status");
    changed = changed == null ? List.of() : List.copyOf(changed);
  }

  /** The start of the effective day, UTC: from then on it applies and objections are closed. */
  public Instant effectiveAt() {
    return effectiveOn.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The last day objections are taken. */
  public LocalDate objectionDeadline() {
    return effectiveOn.minusDays(1);
  }

  /** The subprocessor's name (after the change, or as it was for a removal). */
  public String name() {
    return after != null ? after.name() : before != null ? before.name() : subprocessorId;
  }

  /** Whether it may still be withdrawn, answered and objected to. */
  public boolean open() {
    return SCHEDULED.equals(status);
  }

  PlannedChange closed(String newStatus, Instant at, String by, String why) {
    return new PlannedChange(
        id,
        kind,
        subprocessorId,
        after,
        before,
        changed,
        effectiveOn,
        newStatus,
        scheduledAt,
        scheduledBy,
        at,
        by,
        why);
  }
}
