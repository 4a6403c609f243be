package dev.trustcenter.admin;

import dev.trustcenter.audit.AuditLog;
import dev.trustcenter.auth.Principal;
import dev.trustcenter.http.Router;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.store.DocumentStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * What an admin route handler needs besides its request: the authenticated caller, the audit log,
 * the store, the clock, and the hook to call after a committed change to what the public sees.
 */
public final class AdminContext {
  private final DocumentStore store;
  private final SnapshotWriter snapshots;
  private final Clock clock;
  private final AuditLog auditLog;
  private final Runnable publicContentChanged;

  AdminContext(
      DocumentStore store,
      SnapshotWriter snapshots,
      Clock clock,
      AuditLog auditLog,
      Runnable publicContentChanged) {
    this.store = Objects.requireNonNull(store);
    this.snapshots = Objects.requireNonNull(snapshots);
    this.clock = Objects.requireNonNull(clock);
    this.auditLog = Objects.requireNonNull(auditLog);
    this.publicContentChanged = Objects.requireNonNull(publicContentChanged);
  }

  /** The admin who made this request (always authenticated: the function checks before routing). */
  public Principal principal(Router.Exchange exchange) {
    if (exchange.request() instanceof AuthenticatedRequest r) {
      return r.principal();
    }
    throw new IllegalStateException("route reached without authentication");
  }

  public AuditLog auditLog() {
    return auditLog;
  }

  /** Writes the public snapshot in the same transaction as a change to what it shows. */
  public SnapshotWriter snapshots() {
    return snapshots;
  }

  public DocumentStore store() {
    return store;
  }

  public Clock clock() {
    return clock;
  }

  /**
   * Tells this process that the public snapshot changed, after the transaction that changed it
   * committed. In the local server the public API shares this process and shows the change on its
   * next request; deployed, {@code trust-api} runs elsewhere and re-reads the snapshot within
   * {@code PUBLIC_CACHE_SECONDS}.
   */
  public void publicContentChanged() {
    publicContentChanged.run();
  }

  /** An audit entry for this request, happening at {@code at}, by its caller. */
  public AuditLog.Entry entry(
      Router.Exchange exchange,
      Instant at,
      String kind,
      String entityId,
      String outcome,
      int status,
      String beforeJson,
      String afterJson) {
    return new AuditLog.Entry(
        AuditLog.newId(at),
        at,
        principal(exchange).email(),
        exchange.request().getMethod(),
        AdminServer.safePath(exchange.request().getPath()),
        kind,
        entityId,
        outcome,
        status,
        AuditLog.digest(beforeJson),
        AuditLog.digest(afterJson),
        null);
  }

  /** {@code e} with its reason (why the change was made, or what it did), the rest as it is. */
  public static AuditLog.Entry withReason(AuditLog.Entry e, String reason) {
    return new AuditLog.Entry(
        e.id(),
        e.at(),
        e.actor(),
        e.method(),
        e.path(),
        e.kind(),
        e.entityId(),
        e.outcome(),
        e.status(),
        e.before(),
        e.after(),
        reason);
  }
}
