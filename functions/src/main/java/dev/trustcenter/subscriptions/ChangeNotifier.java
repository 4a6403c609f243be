package dev.trustcenter.subscriptions;

import dev.trustcenter.content.Language;
import dev.trustcenter.json.Json;
import dev.trustcenter.notices.Mailer;
import dev.trustcenter.notices.WebhookSender;
import dev.trustcenter.store.DocumentStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What subscribers are told, and how: the {@link NoticeOutbox}'s dispatcher. Recorders hand events to
 * {@link #enqueue}; {@link #drain} delivers them. A notice is one mail per subscriber and group (a vendor's
 * subprocessor changes, ...) with every event of that group waiting for them, plus a signed webhook delivery
 * where they set one up. Delivery is read from the subscriber at sending time: someone who unsubscribed or
 * dropped the topic since gets nothing.
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

  /**
   * @param webhooks null: webhook deliveries fail and are retried once a sender is configured
   * @param apiBase the public API's base URL, for unsubscribe links
   * @param vendors by vendor id ({@code google-cloud}, {@code cloudflare}): name, list URL, notice days
   * @param company the company's name and objection contact, read when notices are sent
   */
  public ChangeNotifier(
      DocumentStore store, Mailer mailer, WebhookSender webhooks, Subscriptions subscriptions, URI apiBase,
      Map<String, VendorInfo> vendors, Supplier<CompanyInfo> company, Clock clock) {
    this(store, mailer, webhooks, subscriptions, apiBase, vendors, company, clock, CONCURRENCY, DELIVERY_TIMEOUT);
  }

  public ChangeNotifier(
      DocumentStore store, Mailer mailer, WebhookSender webhooks, Subscriptions subscriptions, URI apiBase,
      Map<String, VendorInfo> vendors, Supplier<CompanyInfo> company, Clock clock, int concurrency, Duration timeout) {
    this.mailer = mailer;
    this.webhooks = webhooks;
    this.subscriptions = subscriptions;
    this.apiBase = apiBase;
    Map<String, Notices.Vendor> v = new LinkedHashMap<>();
    vendors.forEach((k, i) -> v.put(k, new Notices.Vendor(i.name(), i.listUrl(), i.noticeDays())));
    this.vendors = Map.copyOf(v);
    this.company = () -> {
      CompanyInfo c = company.get();
      return new Notices.Company(c.name(), c.objectionContact());
    };
    this.clock = clock;
    this.outbox = new NoticeOutbox(store, this, clock, concurrency, timeout).limit("controls", Duration.ofDays(1));
  }

  /** A vendor whose list is watched; {@code noticeDays} null when the vendor commits to no notice period. */
  public record VendorInfo(String name, URI listUrl, Integer noticeDays) {}

  /** The company and where objections go ({@code mailto:} or {@code https:}; null: reply to the mail). */
  public record CompanyInfo(String name, String objectionContact) {}

  /** Queues subprocessor changes (see {@link NoticeOutbox#enqueue}); safe to call again with the same events. */
  public int notify(List<SubprocessorChangeEvent> events) {
    return enqueue(events.stream().map(NoticeEvent::of).toList());
  }

  /** Queues events of any topic; answers how many were new. */
  public int enqueue(List<NoticeEvent> events) {
    return events.isEmpty() ? 0 : outbox.enqueue(events);
  }

  /** Delivers what is queued, for at most {@code budget} (see {@link NoticeOutbox#drain}). */
  public NoticeOutbox.Result drain(Duration budget) {
    return outbox.drain(budget);
  }

  public NoticeOutbox outbox() {
    return outbox;
  }

  @Override
  public void send(Subscriber to, String channel, String group, List<NoticeEvent> events, List<String> deliveryIds) {
    Notices.Company who = company.get();
    Language lang = Language.fromCode(to.language()).orElse(Language.DEFAULT);
    URI unsubscribe = subscriptions.unsubscribeUrl(apiBase, to.id());
    String topic = events.get(0).topic();
    if (!topic.equals("subprocessors")) {
      throw new IllegalStateException("no notice for topic " + topic);
    }
    String vendorId = group.substring("subprocessors:".length());
    Notices.Vendor vendor = vendors.getOrDefault(vendorId, new Notices.Vendor(vendorId, null, null));
    List<SubprocessorChangeEvent> changes = events.stream().map(NoticeEvent::subprocessor).toList();
    if (channel.equals(NoticeOutbox.MAIL)) {
      mailer.send(Notices.subprocessorChanges(to.email(), lang, who, vendor, changes, unsubscribe));
    } else {
      if (webhooks == null) {
        throw new IllegalStateException("no webhook sender is configured");
      }
      webhooks.post(URI.create(to.webhookUrl()), payload(who, vendor, vendorId, changes, deliveryIds),
          Base64.getUrlDecoder().decode(to.webhookSecret()));
    }
  }

  private String payload(Notices.Company who, Notices.Vendor vendor, String vendorId, List<SubprocessorChangeEvent> events,
      List<String> deliveryIds) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "subprocessors.changed");
    body.put("company", who.name());
    body.put("vendor", vendorId);
    body.put("vendorName", vendor.name());
    body.put("vendorListUrl", vendor.listUrl() == null ? null : vendor.listUrl().toString());
    body.put("noticeDays", vendor.noticeDays());
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
    body.put("deliveryIds", deliveryIds);
    body.put("sentAt", clock.instant());
    return Json.write(body);
  }
}
