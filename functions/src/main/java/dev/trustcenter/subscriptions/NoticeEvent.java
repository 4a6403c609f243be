package dev.trustcenter.subscriptions;

import java.time.Instant;
import java.util.Objects;

/**
 * Something subscribers of {@code topic} are told about, as the outbox stores it (collection
 * {@value NoticeOutbox#EVENTS}): exactly one of {@code subprocessor}, {@code control}, {@code
 * document} and {@code planned} is set, by topic (a {@code planned} change is of the {@code
 * subprocessors} topic, group {@code planned:<change id>}).
 *
 * @param id stable and unique: the same change handed over twice has the same id and is told once
 * @param topic one of {@link Subscriptions#TOPICS}
 * @param group events of one group that wait for the same subscriber go out in one notice (one
 *     vendor's changes, one day's control changes, ...)
 * @param at when it happened
 */
public record NoticeEvent(
    String id,
    String topic,
    String group,
    Instant at,
    SubprocessorChangeEvent subprocessor,
    ControlChange control,
    DocumentChange document,
    PlannedChange planned) {

  public NoticeEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(at, "at");
  }

  /** A subprocessor change: grouped by vendor. */
  public static NoticeEvent of(SubprocessorChangeEvent e) {
    return new NoticeEvent(
        safeId("sp", e.eventId()),
        "subprocessors",
        "subprocessors:" + e.vendor(),
        e.detectedAt(),
        e,
        null,
        null,
        null);
  }

  /** A control that started failing or recovered: all of them go out as one digest. */
  public static NoticeEvent of(ControlChange c) {
    return new NoticeEvent(
        safeId("ctl", c.controlId() + ":" + c.at().getEpochSecond() + ":" + c.kind()),
        "controls",
        "controls",
        c.at(),
        null,
        c,
        null,
        null);
  }

  /** A document added or replaced. */
  public static NoticeEvent of(DocumentChange d) {
    return new NoticeEvent(
        safeId("doc", d.documentId() + ":" + d.sha256()),
        "documents",
        "documents",
        d.at(),
        null,
        null,
        d,
        null);
  }

  /**
   * One of the company's own subprocessor changes, scheduled ahead: a notice of its own (with its
   * Acknowledge and Object links), never grouped with others.
   */
  public static NoticeEvent of(PlannedChange c) {
    return new NoticeEvent(
        safeId("plan", c.id()),
        "subprocessors",
        PLANNED_GROUP + c.id(),
        c.scheduledAt(),
        null,
        null,
        null,
        c);
  }

  /** The group prefix of {@link #of(PlannedChange)} events. */
  static final String PLANNED_GROUP = "planned:";

  /** {@code prefix:rest} when that is a valid document id, else {@code prefix:<hash of rest>}. */
  static String safeId(String prefix, String rest) {
    String id = prefix + "-" + rest;
    return id.matches("[A-Za-z0-9_:+-][A-Za-z0-9._:+-]{0,150}")
        ? id
        : prefix + "-" + dev.trustcenter.http.Responses.sha256Hex(rest).substring(0, 40);
  }

  /**
   * A control whose automated check changed between passing and failing.
   *
   * @param kind {@code failing} (it started failing) or {@code recovered}
   * @param title the control's title in each language, by language code
   */
  public record ControlChange(
      String controlId, java.util.Map<String, String> title, String kind, Instant at) {
    public static final String FAILING = "failing";
    public static final String RECOVERED = "recovered";
  }

  /**
   * A gated document that was added or replaced.
   *
   * @param kind {@code added} or {@code replaced}
   * @param title the title shown on the site, by language code (the id where none is published)
   * @param sha256 the new file's digest: replacing it again is another change
   */
  public record DocumentChange(
      String documentId,
      java.util.Map<String, String> title,
      String kind,
      String sha256,
      Instant at) {
    public static final String ADDED = "added";
    public static final String REPLACED = "replaced";
  }
}
