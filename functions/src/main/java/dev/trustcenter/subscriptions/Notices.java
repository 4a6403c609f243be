package dev.trustcenter.subscriptions;

import dev.trustcenter.content.Language;
import dev.trustcenter.i18n.Messages;
import dev.trustcenter.notices.OutgoingMail;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The subscription mails, in the subscriber's language, every text from {@code static/messages}
 * ({@code mail*} keys; Spanish in the *usted* register). Plain text: nothing in them is HTML. Every
 * subject and the sender's name carry the company's name.
 */
final class Notices {
  private static final Map<Language, Messages> MESSAGES = Messages.loadAll();

  private Notices() {}

  /**
   * A vendor whose subprocessor list is watched.
   *
   * @param name shown in mails, e.g. {@code Google Cloud}
   * @param listUrl the vendor's own list, where effective dates are stated
   * @param noticeDays the notice the vendor commits to give before a change takes effect, or null
   *     if unknown
   */
  record Vendor(String name, URI listUrl, Integer noticeDays) {}

  /**
   * The company behind the trust center, where objections go (a mailto: or https: URI, or null:
   * reply) and the site's home page of each language (null when the site's URL is unknown).
   */
  record Company(String name, String objectionContact, Map<Language, String> home) {
    Company(String name, String objectionContact) {
      this(name, objectionContact, Map.of());
    }
  }

  /** The site's home page of each language ({@code <site>/es/}, ...) under the site's base URL. */
  static Map<Language, String> homePages(String siteBase) {
    String site = siteBase.replaceAll("/+$", "");
    Map<Language, String> home = new java.util.EnumMap<>(Language.class);
    for (Language l : Language.values()) {
      home.put(l, site + "/" + l.code() + "/");
    }
    return home;
  }

  static Messages m(Language lang) {
    return MESSAGES.get(lang);
  }

  /** The RFC 8058 headers every subscription mail carries. */
  static Map<String, String> unsubscribeHeaders(URI unsubscribe) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("List-Unsubscribe", "<" + unsubscribe + ">");
    h.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    return h;
  }

  private static OutgoingMail mail(
      String to,
      Company company,
      String subject,
      StringBuilder body,
      Language lang,
      URI unsubscribe) {
    body.append("\n").append(m(lang).format("mailUnsubscribe", unsubscribe)).append("\n");
    String sender =
        company.name() == null || company.name().isBlank() ? null : oneLine(company.name());
    return new OutgoingMail(
        to, oneLine(subject), body.toString(), unsubscribeHeaders(unsubscribe), sender);
  }

  static OutgoingMail confirmation(
      String to,
      Language lang,
      Company company,
      List<String> topics,
      String webhookUrl,
      URI confirm,
      URI unsubscribe) {
    Messages m = m(lang);
    StringBuilder b = new StringBuilder(m.get("mailHello")).append("\n\n");
    b.append(m.format("mailConfirmAsked", company.name(), topics(topics, lang))).append("\n\n");
    if (webhookUrl != null) {
      b.append(m.format("mailConfirmWebhook", webhookUrl)).append("\n\n");
    }
    b.append(m.get("mailConfirmLink")).append("\n").append(confirm).append("\n\n");
    b.append(m.get("mailConfirmIgnore")).append("\n");
    return mail(to, company, m.format("mailConfirmSubject", company.name()), b, lang, unsubscribe);
  }

  private static String topics(List<String> topics, Language lang) {
    return String.join(
        ", ",
        topics.stream()
            .map(
                t ->
                    switch (t) {
                      case "subprocessors" -> m(lang).get("mailTopicSubprocessors");
                      case "controls" -> m(lang).get("mailTopicControls");
                      case "documents" -> m(lang).get("mailTopicDocuments");
                      default -> t;
                    })
            .toList());
  }

  static String date(Instant at, Language lang) {
    DateTimeFormatter f =
        lang == Language.EN
            ? DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH)
            : DateTimeFormatter.ofPattern("d 'de' MMMM 'de' yyyy", Locale.forLanguageTag("es"));
    return f.withZone(ZoneOffset.UTC).format(at);
  }

  /**
   * One notice listing every change of one vendor that the subscriber has not been told about yet.
   */
  static OutgoingMail subprocessorChanges(
      String to,
      Language lang,
      Company company,
      Vendor vendor,
      List<SubprocessorChangeEvent> events,
      URI unsubscribe,
      Instant now) {
    Messages m = m(lang);
    StringBuilder b = new StringBuilder(m.get("mailHello")).append("\n\n");
    b.append(m.format("mailSpIntro", vendor.name(), company.name())).append("\n\n");
    Instant first = firstDetected(events);
    for (SubprocessorChangeEvent e : events) {
      String kind =
          switch (e.kind()) {
            case ADDED -> m.get("mailSpAdded");
            case REMOVED -> m.get("mailSpRemoved");
            case CHANGED -> m.get("mailSpChanged");
          };
      StringBuilder what = new StringBuilder(e.name());
      if (!e.fields().isEmpty()) {
        what.append(" (");
        int i = 0;
        for (Map.Entry<String, String> f : e.fields().entrySet()) {
          what.append(i++ == 0 ? "" : "; ")
              .append(field(f.getKey(), m))
              .append(": ")
              .append(f.getValue());
        }
        what.append(")");
      }
      b.append(m.format("mailItem", kind, what)).append("\n");
    }
    b.append("\n").append(m.format("mailSpDetected", date(first, lang))).append(" ");
    if (vendor.listUrl() == null) {
      b.append(m.get("mailSpNoList"));
    } else if (vendor.noticeDays() != null) {
      b.append(m.format("mailSpNotice", vendor.name(), vendor.noticeDays(), vendor.listUrl()));
      int left = noticeLeft(vendor.noticeDays(), first, now);
      b.append(" ")
          .append(
              left > 0
                  ? m.format(
                      "mailSpNoticeLeft",
                      left,
                      date(first.plus(java.time.Duration.ofDays(vendor.noticeDays())), lang))
                  : m.get("mailSpNoticeOver"));
    } else {
      b.append(m.format("mailSpWhen", vendor.listUrl()));
    }
    b.append("\n\n");
    String contact = company.objectionContact();
    if (contact != null && contact.startsWith("mailto:")) {
      contact = contact.substring("mailto:".length());
    }
    b.append(contact == null ? m.get("mailSpObjectReply") : m.format("mailSpObjectWrite", contact))
        .append("\n");
    return mail(
        to,
        company,
        m.format("mailSpSubject", company.name(), vendor.name()),
        b,
        lang,
        unsubscribe);
  }

  // ---- the company's own subprocessor changes (GDPR Art. 28)

  /** What a planned change does, in one line: "Addition of Stripe". */
  static String planTitle(PlannedChange c, Messages m) {
    String key =
        switch (c.kind()) {
          case PlannedChange.ADD -> "mailPlanAdd";
          case PlannedChange.REMOVE -> "mailPlanRemove";
          default -> "mailPlanChange";
        };
    return m.format(key, oneLine(c.name()));
  }

  /** The details of a planned change: purpose and data location, with what they were before. */
  static List<String> planDetails(PlannedChange c, Language lang) {
    Messages m = m(lang);
    List<String> out = new java.util.ArrayList<>();
    switch (c.kind()) {
      case PlannedChange.ADD -> {
        out.add(m.format("mailPlanPurpose", oneLine(c.after().purpose().in(lang))));
        if (!c.after().dataLocations().isEmpty()) {
          out.add(m.format("mailPlanLocations", locations(c.after().dataLocations(), lang)));
        }
      }
      case PlannedChange.REMOVE ->
          out.add(m.format("mailPlanPurposeNow", oneLine(c.before().purpose().in(lang))));
      default -> {
        if (c.changed().contains("purpose")) {
          out.add(
              m.format(
                  "mailPlanPurposeChanged",
                  oneLine(c.after().purpose().in(lang)),
                  oneLine(c.before().purpose().in(lang))));
        }
        if (c.changed().contains("dataLocations")) {
          out.add(
              m.format(
                  "mailPlanLocationsChanged",
                  locations(c.after().dataLocations(), lang),
                  c.before().dataLocations().isEmpty()
                      ? m.get("mailPlanNotStated")
                      : locations(c.before().dataLocations(), lang)));
        }
      }
    }
    return out;
  }

  private static String locations(List<dev.trustcenter.content.Text> l, Language lang) {
    return oneLine(String.join(", ", l.stream().map(t -> t.in(lang)).toList()));
  }

  /**
   * The notice of a planned change: what changes, the effective day, the objection deadline, the
   * Acknowledge and Object links of this subscriber, and the event as an iCalendar attachment.
   *
   * @param host the site's host, for the event's UID
   */
  static OutgoingMail plannedChange(
      String to,
      Language lang,
      Company company,
      PlannedChange c,
      URI acknowledge,
      URI object,
      URI unsubscribe,
      String host,
      Instant stamp) {
    Messages m = m(lang);
    String title = planTitle(c, m);
    StringBuilder b = new StringBuilder(m.get("mailHello")).append("\n\n");
    b.append(m.format("mailPlanIntro", company.name())).append("\n\n");
    b.append("- ").append(title).append("\n");
    planDetails(c, lang).forEach(line -> b.append("  ").append(line).append("\n"));
    b.append("\n").append(m.format("mailPlanEffective", day(c.effectiveOn(), lang))).append("\n");
    b.append(m.format("mailPlanDeadline", day(c.objectionDeadline(), lang))).append("\n\n");
    b.append(m.get("mailPlanAcknowledge")).append("\n").append(acknowledge).append("\n\n");
    b.append(m.get("mailPlanObject")).append("\n").append(object).append("\n\n");
    b.append(m.get("mailPlanCalendar")).append("\n");
    String home = company.home().get(lang);
    if (home != null) {
      b.append("\n").append(m.format("mailPlanMore", home + "#subprocessors")).append("\n");
    }
    b.append("\n").append(m.format("mailUnsubscribe", unsubscribe)).append("\n");
    StringBuilder description = new StringBuilder(title);
    planDetails(c, lang).forEach(line -> description.append("\n").append(line));
    description.append("\n").append(m.format("mailPlanDeadline", day(c.objectionDeadline(), lang)));
    byte[] ics =
        ChangeCalendar.event(
            c,
            m.format("calPlanSummary", company.name(), title),
            description.toString(),
            host,
            home == null ? null : home + "#subprocessors",
            stamp);
    String sender =
        company.name() == null || company.name().isBlank() ? null : oneLine(company.name());
    return new OutgoingMail(
        to,
        oneLine(m.format("mailPlanSubject", company.name(), title)),
        b.toString(),
        unsubscribeHeaders(unsubscribe),
        sender,
        List.of(
            new OutgoingMail.Attachment(
                ChangeCalendar.FILE_NAME, ChangeCalendar.CONTENT_TYPE, ics)));
  }

  /** The receipt of an objection: what was recorded, and when. */
  static OutgoingMail objectionReceipt(
      String to, Language lang, Company company, PlannedChange c, ChangeAnswer a) {
    Messages m = m(lang);
    String title = planTitle(c, m);
    StringBuilder b = new StringBuilder(m.get("mailHello")).append("\n\n");
    b.append(
            m.format(
                "mailObjReceiptText",
                title,
                day(c.effectiveOn(), lang),
                date(a.at(), lang),
                company.name()))
        .append("\n\n");
    if (a.reason() != null && !a.reason().isBlank()) {
      b.append(m.get("mailObjReceiptReason")).append("\n").append(a.reason()).append("\n\n");
    }
    b.append(m.get("mailObjReceiptNext")).append("\n");
    return transactional(to, company, m.format("mailObjReceiptSubject", company.name(), title), b);
  }

  /** The company's answer to an objection. */
  static OutgoingMail objectionReply(
      String to, Language lang, Company company, PlannedChange c, String reply) {
    Messages m = m(lang);
    String title = planTitle(c, m);
    StringBuilder b = new StringBuilder(m.get("mailHello")).append("\n\n");
    b.append(m.format("mailObjReplyIntro", title, day(c.effectiveOn(), lang), company.name()))
        .append("\n\n");
    b.append(reply).append("\n");
    return transactional(to, company, m.format("mailObjReplySubject", company.name(), title), b);
  }

  private static OutgoingMail transactional(
      String to, Company company, String subject, StringBuilder body) {
    String sender =
        company.name() == null || company.name().isBlank() ? null : oneLine(company.name());
    return new OutgoingMail(to, oneLine(subject), body.toString(), Map.of(), sender);
  }

  static String day(java.time.LocalDate d, Language lang) {
    return date(d.atStartOfDay(ZoneOffset.UTC).toInstant(), lang);
  }

  /** The earliest detection among {@code events}. */
  static Instant firstDetected(List<SubprocessorChangeEvent> events) {
    Instant first = events.get(0).detectedAt();
    for (SubprocessorChangeEvent e : events) {
      if (e.detectedAt().isBefore(first)) {
        first = e.detectedAt();
      }
    }
    return first;
  }

  /**
   * Whole days left of a vendor's notice period counted from {@code detected} (at most what is
   * left: the vendor may have announced the change before we saw it); 0 when it has passed.
   */
  static int noticeLeft(int noticeDays, Instant detected, Instant now) {
    long left =
        java.time.Duration.between(now, detected.plus(java.time.Duration.ofDays(noticeDays)))
            .toDays();
    return (int) Math.max(0, left);
  }

  /** The day's digest of controls that started failing or recovered. */
  static OutgoingMail controlChanges(
      String to,
      Language lang,
      Company company,
      List<NoticeEvent.ControlChange> changes,
      URI unsubscribe) {
    List<String> items =
        changes.stream()
            .map(
                c ->
                    item(
                        lang,
                        c.title(),
                        c.controlId(),
                        NoticeEvent.ControlChange.FAILING.equals(c.kind())
                            ? "mailCtlFailing"
                            : "mailCtlRecovered",
                        c.at()))
            .toList();
    return digest(
        to, lang, company, unsubscribe, "mailCtlIntro", items, "mailCtlMore", "mailCtlSubject");
  }

  /** Documents added or replaced. */
  static OutgoingMail documentChanges(
      String to,
      Language lang,
      Company company,
      List<NoticeEvent.DocumentChange> changes,
      URI unsubscribe) {
    List<String> items =
        changes.stream()
            .map(
                d ->
                    item(
                        lang,
                        d.title(),
                        d.documentId(),
                        NoticeEvent.DocumentChange.REPLACED.equals(d.kind())
                            ? "mailDocReplaced"
                            : "mailDocAdded",
                        d.at()))
            .toList();
    return digest(
        to, lang, company, unsubscribe, "mailDocIntro", items, "mailDocRequest", "mailDocSubject");
  }

  /**
   * A list mail: greeting, {@code intro}, one line per item, a link to the company's page ({@code
   * more}).
   */
  private static OutgoingMail digest(
      String to,
      Language lang,
      Company company,
      URI unsubscribe,
      String intro,
      List<String> items,
      String more,
      String subject) {
    Messages m = m(lang);
    StringBuilder b = new StringBuilder(m.get("mailHello")).append("\n\n");
    b.append(m.format(intro, company.name())).append("\n\n");
    items.forEach(item -> b.append(item).append("\n"));
    String home = company.home().get(lang);
    if (home != null) {
      b.append("\n").append(m.format(more, home)).append("\n");
    }
    return mail(to, company, m.format(subject, company.name()), b, lang, unsubscribe);
  }

  /**
   * One line of a digest: the item's title (its id where it has none) and what happened to it when,
   * said by the message {@code what}.
   */
  private static String item(
      Language lang, Map<String, String> titles, String id, String what, Instant at) {
    Messages m = m(lang);
    return m.format("mailItem", title(titles, lang, id), m.format(what, date(at, lang)));
  }

  private static String title(Map<String, String> titles, Language lang, String fallback) {
    if (titles == null) {
      return fallback;
    }
    String t = titles.get(lang.code());
    if (t == null) {
      t = titles.values().stream().findFirst().orElse(fallback);
    }
    return oneLine(t);
  }

  private static String field(String key, Messages m) {
    return switch (key) {
      case "group" -> m.get("mailFieldGroup");
      case "countries", "country" -> m.get("mailFieldCountries");
      case "location", "locations" -> m.get("mailFieldLocation");
      case "activity", "activities", "purpose" -> m.get("mailFieldActivity");
      case "entity", "entities" -> m.get("mailFieldEntity");
      case "services", "products" -> m.get("mailFieldServices");
      default -> m.get("mailFieldOther");
    };
  }

  /** Text from data, on one line: a name can never add lines to a mail's headers or structure. */
  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("[\\r\\n\\p{Cntrl}]+", " ").strip();
  }
}
