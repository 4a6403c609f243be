package dev.trustcenter.audit;

import dev.trustcenter.auth.RandomTokens;
import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An {@link AuditSink} appending to the store (collection {@value #COLLECTION}, ids {@code <ISO
 * instant>-<random>} so they list in time order), used until the admin API's audit log is wired in
 * its place. Recording never makes the audited action fail: a store error is logged.
 */
public final class StoreAuditSink implements AuditSink {
  private static final Logger LOG = Logger.getLogger(StoreAuditSink.class.getName());
  public static final String COLLECTION = "document-audit";

  private final DocumentStore store;
  private final Clock clock;

  /** One recorded event. */
  public record Event(
      Instant at,
      String actor,
      String action,
      String target,
      String outcome,
      Map<String, String> details) {}

  public StoreAuditSink(DocumentStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void record(
      String actor, String action, String target, String outcome, Map<String, String> details) {
    Instant at = clock.instant();
    Event e = new Event(at, actor, action, target, outcome, new LinkedHashMap<>(details));
    try {
      store.createIfAbsent(
          COLLECTION,
          at.toString().replace(".", "_") + "-" + RandomTokens.randomHex(4),
          Json.write(e));
    } catch (RuntimeException ex) {
      LOG.log(Level.SEVERE, "could not record audit event " + action + " on " + target, ex);
    }
  }
}
