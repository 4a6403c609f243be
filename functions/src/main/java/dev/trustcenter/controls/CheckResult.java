package dev.trustcenter.controls;

import dev.trustcenter.content.CheckOutcome;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One recorded check of a control. Results are append-only: a later check adds a result, it never
 * changes one.
 *
 * @param controlId the control checked
 * @param outcome passing, failing, or error (the check could not run)
 * @param checkedAt when it was checked
 * @param checkedBy the automated check's id, or the email of the admin who recorded it
 * @param evidence the observed values, as JSON-compatible values (strings, numbers, booleans,
 *     lists, maps)
 * @param note what was wrong, why the check could not run, or the admin's note; may be null for a
 *     plain pass
 * @param evidenceUrl a link to the evidence of an attestation or review; null for automated checks
 * @param publicEvidence whether visitors may see {@code evidence}
 */
public record CheckResult(
    String controlId,
    CheckOutcome outcome,
    Instant checkedAt,
    String checkedBy,
    Map<String, Object> evidence,
    String note,
    String evidenceUrl,
    boolean publicEvidence) {
  public CheckResult {
    Objects.requireNonNull(controlId, "controlId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(checkedAt, "checkedAt");
    Objects.requireNonNull(checkedBy, "checkedBy");
    // Insertion order is kept so that stored and shown evidence reads in the order the check wrote
    // it.
    evidence =
        evidence == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
  }
}
