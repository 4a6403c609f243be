package dev.trustcenter.subscriptions;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One change the subprocessor sync detected in a vendor's list (the sync stores these in {@code
 * subprocessor-changes} and hands them to {@link ChangeNotifier#notify}).
 *
 * @param vendor whose list changed: {@code google-cloud}, {@code cloudflare}, ...
 * @param kind added, removed or changed
 * @param name the subprocessor's name
 * @param fields what the list says about it (for a change: the fields that changed, with their new
 *     values)
 * @param detectedAt when the sync saw the change (not when it takes effect: the vendor's list says
 *     that)
 * @param eventId stable id of the event; notices are sent once per event and subscriber
 */
public record SubprocessorChangeEvent(
    String vendor,
    ChangeKind kind,
    String name,
    Map<String, String> fields,
    Instant detectedAt,
    String eventId) {

  /** What happened to the entry. */
  public enum ChangeKind {
    ADDED,
    REMOVED,
    CHANGED
  }

  public SubprocessorChangeEvent {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(detectedAt, "detectedAt");
    Objects.requireNonNull(eventId, "eventId");
    fields =
        fields == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
