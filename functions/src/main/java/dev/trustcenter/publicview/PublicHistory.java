package dev.trustcenter.publicview;

import java.time.Instant;

/**
 * The check history of one control as the public may see it, as a {@link HistoryDigest}: with
 * evidence only where it was marked public. One document read per call; the public API calls it
 * once per snapshot version.
 */
@FunctionalInterface
public interface PublicHistory {
  /** The digest of the control's results, to be read as of {@code now}. */
  HistoryDigest digest(String controlId, Instant now);

  /**
   * A fingerprint of the control's digest as stored, taken without parsing it: while it stays the
   * same, {@link #digest} answers the same digest. Null when there is none to take (no digest is
   * stored yet, or this source cannot tell); the caller then reads the digest.
   */
  default String fingerprint(String controlId) {
    return null;
  }

  /**
   * {@link #fingerprint} of every control as stored now, read at once: a source that keeps them in
   * one document reads it once, not once per control.
   */
  default java.util.function.Function<String, String> fingerprints() {
    return this::fingerprint;
  }
}
