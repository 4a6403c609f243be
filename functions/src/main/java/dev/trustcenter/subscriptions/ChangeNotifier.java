package dev.trustcenter.subscriptions;

import dev.trustcenter.content.Language;
import dev.trustcenter.json.Json;
import dev.trustcenter.notices.Mailer;
import dev.trustcenter.notices.OutgoingMail;
import dev.trustcenter.notices.WebhookSender;
import dev.trustcenter.store.DocumentStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What subscribers are told, and how: the {@link NoticeOutbox}'s dispatcher. Recorders hand events
 * to {@link #enqueue}; {@link #drain} delivers them. A notice is one mail per subscriber and group
 * (a vendor's subprocessor changes, ...) with every event of that group waiting for them, plus a
 * signed webhook delivery where they set one up. Delivery is read from the subscriber at sending
 * time: someone who unsubscribed or dropped the topic since gets nothing.
 */
public final class ChangeNotifier implements NoticeOutbox.Dispatcher {
  /** Notices sent at once by one drain. */
  public static final int CONCURRENCY = 8;

  /** The longest one notice (a mail or a webhook call) may take. */
  public static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);

  private final Mailer mailer;
  private final WebhookSender webhooks;
  private final Subscriptions subscriptions;
  private final URI apiBase;
  private final Map<String, Notices.Vendor> vendors;
  private final Supplier<Notices.Company> company;
  private final Clock clock;
  private final NoticeOutbox outbox;
  private final ChangeWatch watch;
  private final DocumentStore store;
  private static final Logger LOG = Logger.getLogger(ChangeNotifier.class.getName());

  /**
   * @param webhooks null: webhook deliveries fail and are retried once a sender is configured
   * @param apiBase the public API's base URL, for unsubscribe links
   * @param vendors by vendor id ({@code google-cloud}, {@code cloudflare}): name, list URL, notice
   *     days
   * @param company the company's name and objection contact, read when notices are sent
   */
  public ChangeNotifier(
      DocumentStore store,
      Mailer mailer,
      WebhookSender webhooks,
      Subscriptions subscriptions,
      URI apiBase,
      Map<String, VendorInfo> vendors,
      Supplier<CompanyInfo> company,
      Clock clock) {
    this(
        store,
        mailer,
        webhooks,
        subscriptions,
        apiBase,
        vendors,
        company,
        clock,
        CONCURRENCY,
        DELIVERY_TIMEOUT);
  }

  public ChangeNotifier(
      DocumentStore store,
      Mailer mailer,
      WebhookSender webhooks,
      Subscriptions subscriptions,
      URI apiBase,
      Map<String, VendorInfo> vendors,
      Supplier<CompanyInfo> company,
      Clock clock,
      int concurrency,
      Duration timeout) {
    this.mailer = mailer;
    this.webhooks = webhooks;
    this.subscriptions = subscriptions;
    this.apiBase = apiBase;
    Map<String, Notices.Vendor> v = new LinkedHashMap<>();
    vendors.forEach((k, i) -> v.put(k, new Notices.Vendor(i.name(), i.listUrl(), i.noticeDays())));
    this.vendors = Map.copyOf(v);
    // The public API sits one path segment below the site (SITE_BASE_URL + /api): the site is its
    // parent.
    String api = apiBase.toString().replaceAll("/+$", "");
    Map<Language, String> home = Notices.homePages(api.substring(0, api.lastIndexOf('/')));
    this.company =
        () -> {
          CompanyInfo c = company.get();
          return new Notices.Company(c.name(), c.objectionContact(), home);
        };
    this.clock = clock;
    this.outbox =
        new NoticeOutbox(store, this, clock, concurrency, timeout)
            .limit("controls", Duration.ofDays(1));
    this.watch = new ChangeWatch(store);
    this.store = store;
  }

  /**
   * A vendor whose list is watched; {@code noticeDays} null when the vendor commits to no notice
   * period.
   */
  public record VendorInfo(String name, URI listUrl, Integer noticeDays) {}

  /**
   * The company and where objections go ({@code mailto:} or {@code https:}; null: reply to the
   * mail).
   */
  public record CompanyInfo(String name, String objectionContact) {}

  /**
   * Queues subprocessor changes (see {@link NoticeOutbox#enqueue}); safe to call again with the
   * same events.
   */
  public int notify(List<SubprocessorChangeEvent> events) {
    return enqueue(events.stream().map(NoticeEvent::of).toList());
  }

  /** Queues events of any topic; answers how many were new. */
  public int enqueue(List<NoticeEvent> events) {
    return events.isEmpty() ? 0 : outbox.enqueue(events);
  }

  /**
   * Queues what the {@code controls} and {@code documents} topics tell ({@link ChangeWatch}:
   * controls that started failing or recovered, documents added or replaced), then delivers what is
   * queued, for at most {@code budget} (see {@link NoticeOutbox#drain}). A failure to look is
   * logged; delivery goes on.
   */
  public NoticeOutbox.Result drain(Duration budget) {
    try {
      watch.controls(this::enqueue);
      watch.documents(this::enqueue);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "looking for control and document changes failed; the next drain looks again",
          e);
    }
    return outbox.drain(budget);
  }

  public NoticeOutbox outbox() {
    return outbox;
  }

  @Override
  public void send(
      Subscriber to,
      String channel,
      String group,
      List<NoticeEvent> events,
      List<String> deliveryIds) {
    Notices.Company who = company.get();
    Language lang = Language.fromCode(to.language()).orElse(Language.DEFAULT);
    URI unsubscribe = subscriptions.unsubscribeUrl(apiBase, to.id());
    String topic = events.get(0).topic();
    OutgoingMail mail;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("company", who.name());
    switch (topic) {
      case "subprocessors" -> {
        if (group.startsWith(NoticeEvent.PLANNED_GROUP)) {
          // Read as it is now: a change withdrawn (or applied) before its notice went out is told
          // nobody.
          PlannedChange c =
              store
                  .get(PlannedChanges.COLLECTION, events.get(0).planned().id())
                  .map(d -> Json.read(d.json(), PlannedChange.class))
                  .orElse(events.get(0).planned());
          if (!c.open()) {
            return;
          }
          URI acknowledge = subscriptions.answerUrl(apiBase, false, to.id(), c);
          URI object = subscriptions.answerUrl(apiBase, true, to.id(), c);
          mail =
              Notices.plannedChange(
                  to.email(),
                  lang,
                  who,
                  c,
                  acknowledge,
                  object,
                  unsubscribe,
                  apiBase.getHost(),
                  clock.instant());
          body.put("type", "subprocessors.planned");
          body.put("change", c);
          body.put("objectionDeadline", c.objectionDeadline().toString());
          body.put("acknowledgeUrl", acknowledge.toString());
          body.put("objectUrl", object.toString());
          break;
        }
        String vendorId = group.substring("subprocessors:".length());
        Notices.Vendor vendor =
            vendors.getOrDefault(vendorId, new Notices.Vendor(vendorId, null, null));
        List<SubprocessorChangeEvent> changes =
            events.stream().map(NoticeEvent::subprocessor).toList();
        mail =
            Notices.subprocessorChanges(
                to.email(), lang, who, vendor, changes, unsubscribe, clock.instant());
        body = subprocessorPayload(who, vendor, vendorId, changes, clock.instant());
      }
      case "controls" -> {
        List<NoticeEvent.ControlChange> changes =
            events.stream().map(NoticeEvent::control).toList();
        mail = Notices.controlChanges(to.email(), lang, who, changes, unsubscribe);
        body.put("type", "controls.changed");
        body.put("controls", changes);
      }
      case "documents" -> {
        List<NoticeEvent.DocumentChange> changes =
            events.stream().map(NoticeEvent::document).toList();
        mail = Notices.documentChanges(to.email(), lang, who, changes, unsubscribe);
        body.put("type", "documents.changed");
        body.put(
            "documents",
            changes.stream()
                .map(
                    d -> {
                      Map<String, Object> x = new LinkedHashMap<>();
                      x.put("documentId", d.documentId());
                      x.put("title", d.title());
                      x.put("kind", d.kind());
                      x.put("at", d.at());
                      return x;
                    })
                .toList());
      }
      default -> throw new IllegalStateException("no notice for topic " + topic);
    }
    if (channel.equals(NoticeOutbox.MAIL)) {
      mailer.send(mail);
      return;
    }
    if (webhooks == null) {
      throw new IllegalStateException("no webhook sender is configured");
    }
    body.put("deliveryIds", deliveryIds);
    body.put("sentAt", clock.instant());
    webhooks.post(
        URI.create(to.webhookUrl()),
        Json.write(body),
        Base64.getUrlDecoder().decode(to.webhookSecret()));
  }

  private static Map<String, Object> subprocessorPayload(
      Notices.Company who,
      Notices.Vendor vendor,
      String vendorId,
      List<SubprocessorChangeEvent> events,
      Instant now) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "subprocessors.changed");
    body.put("company", who.name());
    body.put("vendor", vendorId);
    body.put("vendorName", vendor.name());
    body.put("vendorListUrl", vendor.listUrl() == null ? null : vendor.listUrl().toString());
    body.put("noticeDays", vendor.noticeDays());
    // Counted from the earliest detection: the vendor may have announced it before we saw it, so
    // this is at most what is left.
    body.put(
        "noticeDaysLeftAtMost",
        vendor.noticeDays() == null
            ? null
            : Notices.noticeLeft(vendor.noticeDays(), Notices.firstDetected(events), now));
    List<Map<String, Object>> list = new ArrayList<>();
    for (SubprocessorChangeEvent e : events) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("eventId", e.eventId());
      m.put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
      m.put("name", e.name());
      m.put("fields", e.fields());
      m.put("detectedAt", e.detectedAt());
      list.add(m);
    }
    body.put("events", list);
    return body;
  }
}
