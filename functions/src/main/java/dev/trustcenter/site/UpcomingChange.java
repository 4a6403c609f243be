package dev.trustcenter.site;

import dev.trustcenter.content.Text;
import dev.trustcenter.i18n.Messages;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One of the company's own subprocessor changes, scheduled and not yet applied or withdrawn, as the
 * site shows it (read from {@code subprocessor-plans}, written by {@code
 * subscriptions.PlannedChanges}).
 *
 * @param kind {@code add}, {@code remove} or {@code change}
 * @param purpose the purpose after the change (null for a removal)
 * @param dataLocations the data locations after the change (empty for a removal or when not stated)
 * @param changed for {@code change}: which of {@code purpose} and {@code dataLocations} change
 * @param effectiveOn the day it takes effect; objections are taken until the day before
 */
public record UpcomingChange(
    String id,
    String kind,
    String subprocessorId,
    String name,
    Text purpose,
    List<Text> dataLocations,
    List<String> changed,
    LocalDate effectiveOn,
    Instant scheduledAt) {
  public UpcomingChange {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(effectiveOn, "effectiveOn");
    Objects.requireNonNull(scheduledAt, "scheduledAt");
    dataLocations = dataLocations == null ? List.of() : List.copyOf(dataLocations);
    changed = changed == null ? List.of() : List.copyOf(changed);
  }

  /** The last day objections are taken. */
  public LocalDate objectionDeadline() {
    return effectiveOn.minusDays(1);
  }

  /** The message key of its one-line title ({@code {0}}: the name). */
  String titleKey() {
    return switch (kind) {
      case "add" -> "mailPlanAdd";
      case "remove" -> "mailPlanRemove";
      default -> "mailPlanChange";
    };
  }

  /** Its details in {@code m}'s language: purpose and data location where they are news. */
  List<String> details(Messages m) {
    List<String> out = new java.util.ArrayList<>();
    boolean add = kind.equals("add");
    if (purpose != null && (add || changed.contains("purpose"))) {
      out.add(m.format("mailPlanPurpose", purpose.in(m.language())));
    }
    if ((add && !dataLocations.isEmpty()) || changed.contains("dataLocations")) {
      out.add(
          m.format(
              "mailPlanLocations",
              dataLocations.isEmpty()
                  ? m.get("mailPlanNotStated")
                  : String.join(
                      ", ", dataLocations.stream().map(t -> t.in(m.language())).toList())));
    }
    return out;
  }
}
