package dev.trustcenter.subscriptions;

import dev.trustcenter.content.Language;
import dev.trustcenter.documents.Secrets;
import dev.trustcenter.json.Json;
import dev.trustcenter.notices.Mailer;
import dev.trustcenter.notices.WebhookSender;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells confirmed subscribers of the {@code subprocessors} topic about subprocessor change events: one mail per
 * subscriber and vendor with every event of that vendor not yet sent to them, plus a signed webhook delivery
 * where they set one up.
 *
 * <p>Exactly once per (event, subscriber, channel): before sending, a marker
 * {@code <channel>:<subscriberId>:<event>} is created in {@value #SENT} with {@code createIfAbsent}; only the
 * caller that created it sends. A failed send deletes its markers again, so the next {@link #notify} (the sync's
 * retry) sends it; a successful one marks them {@code sent}, so a retry sends nothing more. A crash between
 * creating a marker and sending leaves it {@code sending}: that notice is not sent twice, and the marker shows it.
 */
public final class ChangeNotifier {
  private static final Logger LOG = Logger.getLogger(ChangeNotifier.class.getName());
  static final String SENT = "notices-sent";

  private final DocumentStore store;
  private final Mailer mailer;
  private final WebhookSender webhooks;
  private final Subscriptions subscriptions;
  private final URI apiBase;
  private final Map<String, Notices.Vendor> vendors;
  private final Supplier<Notices.Company> company;
  private final Clock clock;

  /** What one call did. {@code failed} counts notices that a later call will try again. */
  public record Result(int mails, int webhooks, int failed) {}

  /**
   * @param webhooks null: webhook deliveries are skipped (and retried once a sender is configured)
   * @param apiBase the public API's base URL, for unsubscribe links
   * @param vendors by vendor id ({@code google-cloud}, {@code cloudflare}): name, list URL, notice days
   * @param company the company's name and objection contact, read when notices are sent
   */
  public ChangeNotifier(
      DocumentStore store, Mailer mailer, WebhookSender webhooks, Subscriptions subscriptions, URI apiBase,
      Map<String, VendorInfo> vendors, Supplier<CompanyInfo> company, Clock clock) {
    this.store = store;
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
  }

  /** A vendor whose list is watched; {@code noticeDays} null when the vendor commits to no notice period. */
  public record VendorInfo(String name, URI listUrl, Integer noticeDays) {}

  /** The company and where objections go ({@code mailto:} or {@code https:}; null: reply to the mail). */
  public record CompanyInfo(String name, String objectionContact) {}

  /** Sends what has not been sent yet for {@code events}. Safe to call again with the same events. */
  public Result notify(List<SubprocessorChangeEvent> events) {
    if (events.isEmpty()) {
      return new Result(0, 0, 0);
    }
    Map<String, List<SubprocessorChangeEvent>> byVendor = new LinkedHashMap<>();
    for (SubprocessorChangeEvent e : events) {
      byVendor.computeIfAbsent(e.vendor(), k -> new ArrayList<>()).add(e);
    }
    int mails = 0;
    int hooks = 0;
    int failed = 0;
    Notices.Company who = company.get();
    for (var doc : store.list(Subscriptions.COLLECTION, Range.all())) {
      Subscriber s = Json.read(doc.json(), Subscriber.class);
      if (!s.wants("subprocessors")) {
        continue;
      }
      Language lang = Language.fromCode(s.language()).orElse(Language.DEFAULT);
      URI unsubscribe = subscriptions.unsubscribeUrl(apiBase, s.id());
      for (var entry : byVendor.entrySet()) {
        Notices.Vendor vendor = vendors.getOrDefault(entry.getKey(), new Notices.Vendor(entry.getKey(), null, null));
        List<String> claimed = claim("mail", s.id(), entry.getValue());
        if (!claimed.isEmpty()) {
          List<SubprocessorChangeEvent> toSend = only(entry.getValue(), claimed, "mail", s.id());
          try {
            mailer.send(Notices.subprocessorChanges(s.email(), lang, who, vendor, toSend, unsubscribe));
            settle(claimed);
            mails++;
          } catch (RuntimeException ex) {
            release(claimed);
            failed++;
            LOG.log(Level.WARNING, "notice to subscriber " + s.id() + " failed; it will be retried: " + ex.getMessage());
          }
        }
        if (s.webhookUrl() != null && s.webhookSecret() != null && webhooks != null) {
          List<String> hookClaims = claim("hook", s.id(), entry.getValue());
          if (!hookClaims.isEmpty()) {
            try {
              webhooks.post(URI.create(s.webhookUrl()), payload(who, vendor, entry.getKey(), only(entry.getValue(), hookClaims, "hook", s.id())),
                  Base64.getUrlDecoder().decode(s.webhookSecret()));
              settle(hookClaims);
              hooks++;
            } catch (RuntimeException ex) {
              release(hookClaims);
              failed++;
              LOG.log(Level.WARNING, "webhook of subscriber " + s.id() + " failed; it will be retried: " + ex.getMessage());
            }
          }
        }
      }
    }
    return new Result(mails, hooks, failed);
  }

  private String payload(Notices.Company who, Notices.Vendor vendor, String vendorId, List<SubprocessorChangeEvent> events) {
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
    body.put("sentAt", clock.instant());
    return Json.write(body);
  }

  static String markerId(String channel, String subscriberId, String eventId) {
    String e = eventId.matches("[A-Za-z0-9_:+-][A-Za-z0-9._:+-]{0,120}") ? eventId : Secrets.sha256Hex(eventId).substring(0, 40);
    return channel + ":" + subscriberId + ":" + e;
  }

  private record Marker(String state, java.time.Instant at) {}

  /** The markers this call created (so it owns those notices). */
  private List<String> claim(String channel, String subscriberId, List<SubprocessorChangeEvent> events) {
    List<String> claimed = new ArrayList<>();
    for (SubprocessorChangeEvent e : events) {
      String id = markerId(channel, subscriberId, e.eventId());
      if (store.createIfAbsent(SENT, id, Json.write(new Marker("sending", clock.instant())))) {
        claimed.add(id);
      }
    }
    return claimed;
  }

  private static List<SubprocessorChangeEvent> only(
      List<SubprocessorChangeEvent> events, List<String> claimed, String channel, String subscriberId) {
    return events.stream().filter(e -> claimed.contains(markerId(channel, subscriberId, e.eventId()))).toList();
  }

  private void settle(List<String> claimed) {
    String json = Json.write(new Marker("sent", clock.instant()));
    store.transaction(tx -> {
      for (String id : claimed) {
        tx.put(SENT, id, json);
      }
      return null;
    });
  }

  private void release(List<String> claimed) {
    try {
      store.transaction(tx -> {
        for (String id : claimed) {
          tx.delete(SENT, id);
        }
        return null;
      });
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "could not release notice markers " + claimed + "; those notices will not be retried", e);
    }
  }
}
