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
}
