package dev.trustcenter.controls;

import dev.trustcenter.content.CheckOutcome;
import java.util.Map;
import java.util.Objects;

/**
 * What one run of an automated check found, before it is recorded as a {@link CheckResult}.
 *
 * @param outcome passing, failing or error
 * @param evidence the observed values (keys in snake_case, values JSON-compatible)
 * @param note for failing: what is wrong; for error: why the check could not decide; may be null
 *     when passing
 */
public record Finding(CheckOutcome outcome, Map<String, Object> evidence, String note) {
  public Finding {
    Objects.requireNonNull(outcome, "outcome");
    evidence = evidence == null ? Map.of() : evidence;
  }

  /** Passing when {@code problems} is empty, else failing with the problems as the note. */
  public static Finding judge(Map<String, Object> evidence, java.util.List<String> problems) {
    return problems.isEmpty()
        ? new Finding(CheckOutcome.PASSING, evidence, null)
        : new Finding(CheckOutcome.FAILING, evidence, String.join("; ", problems));
  }

  /** The check could not decide; never passing. */
  public static Finding error(String reason) {
    return new Finding(CheckOutcome.ERROR, Map.of(), reason);
  }

  /** An error naming the setting (environment variable) that the check needs and does not have. */
  public static Finding notConfigured(String variable) {
    return error(notConfiguredReason(variable));
  }

  /** The one wording of a missing setting, {@code "<VARIABLE> is not configured"}. */
  static String notConfiguredReason(String variable) {
    return variable + " is not configured";
  }
}
