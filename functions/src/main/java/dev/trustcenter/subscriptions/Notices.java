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
      URI unsubscribe) {
    Messages m = m(lang);
    StringBuilder b = new StringBuilder(m.get("mailHello")).append("\n\n");
    b.append(m.format("mailSpIntro", vendor.name(), company.name())).append("\n\n");
    Instant first = events.get(0).detectedAt();
    for (SubprocessorChangeEvent e : events) {
      if (e.detectedAt().isBefore(first)) {
        first = e.detectedAt();
      }
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

  /** The day's digest of controls that started failing or recovered. */
  static OutgoingMail controlChanges(
      String to,
      Language lang,
      Company company,
      List<NoticeEvent.ControlChange> changes,
      URI unsubscribe) {
    Messages m = m(lang);
    List<String> items =
        changes.stream()
            .map(
                c ->
                    m.format(
                        "mailItem",
                        title(c.title(), lang, c.controlId()),
                        m.format(
                            NoticeEvent.ControlChange.FAILING.equals(c.kind())
                                ? "mailCtlFailing"
                                : "mailCtlRecovered",
                            date(c.at(), lang))))
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
    Messages m = m(lang);
    List<String> items =
        changes.stream()
            .map(
                d ->
                    m.format(
                        "mailItem",
                        title(d.title(), lang, d.documentId()),
                        m.format(
                            NoticeEvent.DocumentChange.REPLACED.equals(d.kind())
                                ? "mailDocReplaced"
                                : "mailDocAdded",
                            date(d.at(), lang))))
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
