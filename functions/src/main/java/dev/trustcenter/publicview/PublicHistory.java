package dev.trustcenter.publicview;

import java.time.Instant;
import java.util.List;

/**
 * The recent check results of one control as the public may see them: newest first, with evidence
 * only where it was marked public. One store query per call; the public API calls it only when it
 * renders a control afresh.
 */
@FunctionalInterface
public interface PublicHistory {
  /**
   * The results of the last days (the implementation's window) before {@code now}, newest first.
   */
  List<TrustCenterView.CheckResultView> recent(String controlId, Instant now);
}
