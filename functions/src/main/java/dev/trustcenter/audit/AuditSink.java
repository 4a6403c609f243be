package dev.trustcenter.audit;

import java.util.Map;

/**
 * Where every access request, decision, revocation, download and document change is recorded. The
 * admin API's audit log is adapted to this when the pieces are wired together; tokens and grant
 * secrets never go into {@code details}.
 */
@FunctionalInterface
public interface AuditSink {
  /**
   * @param actor who acted: an admin's email, a requester's email, {@code auto} or {@code
   *     anonymous}
   * @param action e.g. {@code access_request.submitted}, {@code document.downloaded}
   * @param target what it was done to, e.g. {@code access-requests/<id>} or {@code documents/<id>}
   * @param outcome {@code ok}, {@code denied}, {@code invalid}, ...
   * @param details a few more facts (strings), never secrets
   */
  void record(
      String actor, String action, String target, String outcome, Map<String, String> details);
}
