package dev.trustcenter.controls;

/**
 * One automated check of one control: it inspects real configuration and says what it found. Adding
 * a check means writing a class that extends {@link AutomatedCheck} (which holds the id, control
 * and visibility) and adding it to {@link Checks#all}.
 *
 * <p>A check may throw or take long: the {@link CheckRunner} runs each on its own thread with a
 * timeout and records an {@code error} result with the reason, so one broken check never stops the
 * others. A check must never report passing when it could not observe what it judges.
 */
public interface ControlCheck {
  /** Stable id of the check, recorded as {@code checkedBy}, e.g. {@code cloudflare-zone-tls}. */
  String id();

  /** The id of the control it checks (a control of the seed). */
  String controlId();

  /** Whether visitors may see this check's evidence. */
  boolean publicEvidence();

  /** Inspects and judges. */
  Finding run() throws Exception;
}
