package dev.trustcenter.subscriptions;

import dev.trustcenter.auth.RandomTokens;
import dev.trustcenter.evidence.EvidenceLog;
import dev.trustcenter.evidence.LogEntry;
import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoredDocument;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The durable outbox of subscriber notices: whoever records a change only {@link #enqueue}s it;
 * {@link #drain} (after the sync, and from the scheduled {@code deliver-notices} task) delivers it,
 * so no subscriber can slow down or stop the sync.
 *
 * <ol>
 *   <li>{@link #enqueue} stores each new event in {@value #EVENTS} and, in the same transaction, a
 *       fan-out job in {@value #FANOUTS}. An event already stored is skipped, so handing the same
 *       events over again is harmless.
 *   <li>Fan-out pages through every subscriber (any number: a page at a time, a cursor in the job)
 *       and writes one delivery per (event, subscriber, channel) into {@value #OUTBOX}, id {@code
 *       <subscriber>:<channel>:<event>}, each page with its cursor in one transaction, so a crash
 *       repeats nothing and skips nothing.
 *   <li>Delivery takes a page of the outbox, groups it into notices (one per subscriber, channel
 *       and group: one mail with every change of a vendor), sends them on at most {@code
 *       concurrency} threads, each bounded by {@code perDeliveryTimeout}, and then deletes what was
 *       sent and reschedules what failed (backoff doubling from a minute to a day; after {@value
 *       #MAX_ATTEMPTS} attempts the delivery moves to {@value #DEAD}, where it stays for an
 *       operator). A slow endpoint holds one thread for at most its own timeout.
 * </ol>
 *
 * <p>One drain at a time: a lease in {@value #LOCKS} (renewed for each page) keeps a second caller
 * out. A drain stops starting pages when its time budget is spent, and whatever it did not finish
 * stays in the store for the next one. Delivery is at least once: a crash after a notice was sent
 * but before its page was settled sends that page's notices again (webhook bodies carry {@code
 * deliveryId}s so receivers can drop repeats).
 *
 * <p>Settling a page also appends, for each event with notices in it, a {@link
 * LogEntry#NOTICES_SENT} entry to the evidence log in the same transaction as the delivery state:
 * counts only (mails and webhooks sent, failed and retried, given up), never an address. A notice's
 * sending cannot share a transaction with anything, so what is logged is what the page recorded as
 * sent; an event whose notices span several pages or drains has one entry per page.
 */
public final class NoticeOutbox {
  private static final Logger LOG = Logger.getLogger(NoticeOutbox.class.getName());
  public static final String EVENTS = "notice-events";
  public static final String FANOUTS = "notice-fanouts";
  public static final String OUTBOX = "notice-outbox";
  public static final String DEAD = "notice-dead";
  static final String LOCKS = "notice-locks";

  /** When a subscriber last got a notice of a rate-limited group: {@code <subscriber>:<group>}. */
  static final String LAST_SENT = "notice-last-sent";

  static final String MAIL = "mail";
  static final String HOOK = "hook";
  static final int MAX_ATTEMPTS = 10;

  /** Writes per transaction, below Firestore's 500. */
  static final int MAX_WRITES = 450;

  static final int SUBSCRIBER_PAGE = 400;
  static final Duration EVENT_RETENTION = Duration.ofDays(30);

  private final DocumentStore store;
  private final Dispatcher dispatcher;
  private final Clock clock;
  private final int concurrency;
  private final Duration perDeliveryTimeout;
  private final Duration lease;
  private final int pageSize;
  private volatile Map<String, Duration> minIntervals = Map.of();

  /**
   * Sends one notice: the deliveries of one subscriber, channel and group. Throws when it was not
   * sent.
   */
  @FunctionalInterface
  public interface Dispatcher {
    void send(
        Subscriber to,
        String channel,
        String group,
        List<NoticeEvent> events,
        List<String> deliveryIds);
  }

  /** One delivery waiting in the outbox. {@code notBefore}: not tried again before then. */
  record Delivery(
      String id,
      String subscriberId,
      String channel,
      String eventId,
      String topic,
      String group,
      int attempts,
      Instant notBefore,
      String lastError) {

    /** This delivery, due again at {@code notBefore} after {@code attempts} tries. */
    Delivery due(int attempts, Instant notBefore, String lastError) {
      return new Delivery(
          id, subscriberId, channel, eventId, topic, group, attempts, notBefore, lastError);
    }
  }

  /**
   * A fan-out job: these events, to every subscriber after {@code cursor} (null: from the start).
   */
  record FanOut(String id, List<String> eventIds, String cursor, Instant createdAt) {}

  private record Lock(String owner, Instant until) {}

  /**
   * What a drain did. {@code complete}: nothing due is left (false when the budget ran out or
   * another drain runs).
   */
  public record Result(int fannedOut, int sent, int failed, int dead, boolean complete) {}

  /**
   * @param concurrency notices sent at once
   * @param perDeliveryTimeout the longest one notice may take (the sender enforces it; this is the
   *     backstop)
   */
  public NoticeOutbox(
      DocumentStore store,
      Dispatcher dispatcher,
      Clock clock,
      int concurrency,
      Duration perDeliveryTimeout) {
    this(store, dispatcher, clock, concurrency, perDeliveryTimeout, Math.max(16, concurrency * 8));
  }

  NoticeOutbox(
      DocumentStore store,
      Dispatcher dispatcher,
      Clock clock,
      int concurrency,
      Duration perDeliveryTimeout,
      int pageSize) {
    this.store = Objects.requireNonNull(store);
    this.dispatcher = Objects.requireNonNull(dispatcher);
    this.clock = Objects.requireNonNull(clock);
    this.concurrency = concurrency;
    this.perDeliveryTimeout = perDeliveryTimeout;
    this.pageSize = pageSize;
    // A page can take at most ceil(page / concurrency) timeouts; the lease covers a few of those.
    this.lease =
        perDeliveryTimeout
            .multipliedBy(3L * ((pageSize + concurrency - 1) / concurrency))
            .plusMinutes(1);
  }

  /**
   * Sends at most one notice of {@code group} per subscriber per {@code interval} (a digest): what
   * comes sooner waits and goes out together.
   */
  public NoticeOutbox limit(String group, Duration interval) {
    Map<String, Duration> m = new HashMap<>(minIntervals);
    m.put(group, interval);
    minIntervals = Map.copyOf(m);
    return this;
  }

  /** Stores the events not stored yet and a job to fan them out; answers how many were new. */
  public int enqueue(List<NoticeEvent> events) {
    int added = 0;
    for (int from = 0; from < events.size(); from += 100) {
      List<NoticeEvent> chunk = events.subList(from, Math.min(events.size(), from + 100));
      Instant now = clock.instant();
      added +=
          store.transaction(
              tx -> {
                List<NoticeEvent> fresh = new ArrayList<>();
                for (NoticeEvent e : chunk) {
                  if (tx.get(EVENTS, e.id()).isEmpty()
                      && fresh.stream().noneMatch(f -> f.id().equals(e.id()))) {
                    fresh.add(e);
                  }
                }
                if (fresh.isEmpty()) {
                  return 0;
                }
                List<String> ids = fresh.stream().map(NoticeEvent::id).toList();
                String jobId =
                    timeKey(now)
                        + "-"
                        + dev.trustcenter.http.Responses.sha256Hex(String.join("\n", ids))
                            .substring(0, 16);
                for (NoticeEvent e : fresh) {
                  tx.put(EVENTS, e.id(), Json.write(e));
                }
                tx.put(FANOUTS, jobId, Json.write(new FanOut(jobId, ids, null, now)));
                return fresh.size();
              });
    }
    return added;
  }

  /**
   * Fans out pending jobs and delivers what is due, until done or {@code budget} is spent (at least
   * one page is always done, so repeated drains progress); then purges event records older than
   * {@link #EVENT_RETENTION}. Returns at once when another drain holds the lease.
   */
  public Result drain(Duration budget) {
    long deadline = System.nanoTime() + budget.toNanos();
    String owner = RandomTokens.randomToken(12);
    if (!acquire(owner)) {
      LOG.info("another drain of the notice outbox is running");
      return new Result(0, 0, 0, 0, false);
    }
    int fanned = 0;
    int sent = 0;
    int failed = 0;
    int dead = 0;
    boolean complete = false;
    ExecutorService pool =
        Executors.newFixedThreadPool(
            concurrency,
            r -> {
              Thread t = new Thread(r, "notice-delivery");
              t.setDaemon(true);
              return t;
            });
    try {
      FanOutStep f = fanOut(owner, deadline);
      fanned = f.deliveries;
      if (f.complete) {
        String from = null;
        Map<String, NoticeEvent> events = new HashMap<>();
        while (true) {
          if (!renew(owner)) {
            break;
          }
          Page p = deliverPage(from, events, pool);
          sent += p.sent;
          failed += p.failed;
          dead += p.dead;
          if (p.next == null) {
            complete = true;
            break;
          }
          from = p.next;
          if (System.nanoTime() > deadline) {
            break; // at least one page per drain, then only within the budget
          }
        }
      }
      if (complete) {
        purgeOldEvents();
      }
    } finally {
      pool.shutdownNow();
      release(owner);
    }
    LOG.info(
        "notice outbox drained: "
            + fanned
            + " deliveries queued, "
            + sent
            + " notices sent, "
            + failed
            + " failed (retried later), "
            + dead
            + " given up"
            + (complete ? "" : "; more remains for the next drain"));
    return new Result(fanned, sent, failed, dead, complete);
  }

  /**
   * The longest one page of deliveries can take (every notice of it at its timeout): a caller whose
   * own time limit is {@code L} passes a budget of at most {@code L} minus this.
   */
  public Duration worstPage() {
    return perDeliveryTimeout
        .multipliedBy((pageSize + concurrency - 1) / concurrency)
        .plusSeconds(2);
  }

  // ---- fan-out
  // ------------------------------------------------------------------------------------------

  private record FanOutStep(int deliveries, boolean complete) {}

  private FanOutStep fanOut(String owner, long deadline) {
    int written = 0;
    for (StoredDocument jobDoc : store.list(FANOUTS, new Range(null, null, 100, false))) {
      FanOut job = Json.read(jobDoc.json(), FanOut.class);
      List<NoticeEvent> events = new ArrayList<>();
      for (String id : job.eventIds()) {
        store.get(EVENTS, id).ifPresent(d -> events.add(Json.read(d.json(), NoticeEvent.class)));
      }
      String cursor = job.cursor();
      while (true) {
        if (!renew(owner)) {
          return new FanOutStep(written, false);
        }
        List<StoredDocument> page =
            store.list(
                Subscriptions.COLLECTION, new Range(cursor, null, SUBSCRIBER_PAGE + 1, false));
        if (cursor != null && !page.isEmpty() && page.get(0).id().equals(cursor)) {
          page = page.subList(1, page.size());
        } else if (page.size() > SUBSCRIBER_PAGE) {
          page = page.subList(0, SUBSCRIBER_PAGE);
        }
        Map<String, String> writes = new LinkedHashMap<>();
        List<String> expiredLegacy = new ArrayList<>();
        String next = cursor;
        boolean cut = false;
        Instant now = clock.instant();
        for (StoredDocument d : page) {
          Subscriber s = Json.read(d.json(), Subscriber.class);
          Map<String, String> mine = new LinkedHashMap<>();
          if (Subscriber.PENDING.equals(s.status())) {
            // Written by an earlier version, which kept pending requests here; they expire like
            // requests do.
            if (s.createdAt() == null
                || s.createdAt().plus(Subscriptions.CONFIRM_VALIDITY).isBefore(now)) {
              mine.put("legacy:" + s.id(), null);
            }
          } else {
            for (NoticeEvent e : events) {
              if (!s.wants(e.topic())) {
                continue;
              }
              boolean hook = s.webhookUrl() != null && s.webhookSecret() != null;
              for (String channel : hook ? List.of(MAIL, HOOK) : List.of(MAIL)) {
                String id = deliveryId(s.id(), channel, e.id());
                mine.put(
                    id,
                    Json.write(
                        new Delivery(
                            id, s.id(), channel, e.id(), e.topic(), e.group(), 0, null, null)));
              }
            }
          }
          if (writes.size() + expiredLegacy.size() + mine.size() + 1 > MAX_WRITES
              && (!writes.isEmpty() || !expiredLegacy.isEmpty())) {
            cut = true;
            break;
          }
          mine.forEach(
              (k, v) -> {
                if (v == null) {
                  expiredLegacy.add(k.substring("legacy:".length()));
                } else {
                  writes.put(k, v);
                }
              });
          next = s.id();
        }
        boolean done = !cut && page.size() < SUBSCRIBER_PAGE;
        String expected = cursor;
        String newCursor = next;
        boolean advanced =
            store.transaction(
                tx -> {
                  Optional<FanOut> current =
                      tx.get(FANOUTS, job.id()).map(x -> Json.read(x.json(), FanOut.class));
                  if (current.isEmpty() || !Objects.equals(current.get().cursor(), expected)) {
                    return false; // another drain moved on; this page is its business
                  }
                  List<String> stillPending = new ArrayList<>();
                  for (String id : expiredLegacy) {
                    tx.get(Subscriptions.COLLECTION, id)
                        .map(x -> Json.read(x.json(), Subscriber.class))
                        .filter(x -> Subscriber.PENDING.equals(x.status()))
                        .ifPresent(x -> stillPending.add(x.id()));
                  }
                  writes.forEach((id, json) -> tx.put(OUTBOX, id, json));
                  stillPending.forEach(id -> tx.delete(Subscriptions.COLLECTION, id));
                  if (done) {
                    tx.delete(FANOUTS, job.id());
                  } else {
                    tx.put(
                        FANOUTS,
                        job.id(),
                        Json.write(
                            new FanOut(job.id(), job.eventIds(), newCursor, job.createdAt())));
                  }
                  return true;
                });
        if (!advanced) {
          return new FanOutStep(written, false);
        }
        written += writes.size();
        if (done) {
          break;
        }
        cursor = newCursor;
        if (System.nanoTime() > deadline) {
          return new FanOutStep(
              written, false); // at least one page per drain, then only within the budget
        }
      }
    }
    return new FanOutStep(written, true);
  }

  static String deliveryId(String subscriberId, String channel, String eventId) {
    return subscriberId + ":" + channel + ":" + eventId;
  }

  // ---- delivery
  // -----------------------------------------------------------------------------------------

  private record Page(int sent, int failed, int dead, String next) {}

  private record Unit(
      Subscriber to,
      String channel,
      String group,
      List<Delivery> deliveries,
      List<NoticeEvent> events) {}

  /**
   * Delivers one page of the outbox starting at {@code from}; {@code next} null when it was the
   * last page.
   */
  private Page deliverPage(String from, Map<String, NoticeEvent> eventCache, ExecutorService pool) {
    List<StoredDocument> docs = store.list(OUTBOX, new Range(from, null, pageSize + 1, false));
    boolean more = docs.size() > pageSize;
    List<Delivery> all =
        new ArrayList<>(docs.stream().map(d -> Json.read(d.json(), Delivery.class)).toList());
    String next = null;
    if (more) {
      // Keep one subscriber's deliveries in one page, so a subscriber gets one notice per group:
      // the page ends
      // before the last subscriber in it, unless that subscriber is all the page holds.
      String lastSubscriber = all.get(all.size() - 1).subscriberId();
      List<Delivery> kept =
          all.stream().filter(d -> !d.subscriberId().equals(lastSubscriber)).toList();
      if (kept.isEmpty()) {
        next = all.remove(all.size() - 1).id();
      } else {
        next =
            all.stream()
                .filter(d -> d.subscriberId().equals(lastSubscriber))
                .findFirst()
                .orElseThrow()
                .id();
        all = new ArrayList<>(kept);
      }
    }
    Instant now = clock.instant();
    Map<String, List<Delivery>> groups = new LinkedHashMap<>();
    for (Delivery d : all) {
      if (d.notBefore() == null || !d.notBefore().isAfter(now)) {
        groups
            .computeIfAbsent(
                d.subscriberId() + "|" + d.channel() + "|" + d.group(), k -> new ArrayList<>())
            .add(d);
      }
    }
    List<String> dropped = new ArrayList<>();
    Map<String, String> held = new LinkedHashMap<>();
    List<Unit> units = new ArrayList<>();
    Map<String, Optional<Subscriber>> subscribers = new HashMap<>();
    for (List<Delivery> g : groups.values()) {
      Delivery first = g.get(0);
      Optional<Subscriber> s =
          subscribers.computeIfAbsent(
              first.subscriberId(),
              id ->
                  store
                      .get(Subscriptions.COLLECTION, id)
                      .map(x -> Json.read(x.json(), Subscriber.class)));
      List<Delivery> live = new ArrayList<>();
      List<NoticeEvent> events = new ArrayList<>();
      for (Delivery d : g) {
        NoticeEvent e =
            eventCache.computeIfAbsent(
                d.eventId(),
                id ->
                    store
                        .get(EVENTS, id)
                        .map(x -> Json.read(x.json(), NoticeEvent.class))
                        .orElse(null));
        boolean wanted =
            s.isPresent()
                && s.get().wants(d.topic())
                && (d.channel().equals(MAIL)
                    || (s.get().webhookUrl() != null && s.get().webhookSecret() != null));
        if (e == null || !wanted) {
          dropped.add(d.id()); // unsubscribed, topic or webhook dropped since: nothing to send
        } else {
          live.add(d);
          events.add(e);
        }
      }
      if (live.isEmpty()) {
        continue;
      }
      Duration interval = minIntervals.get(first.group());
      if (interval != null) {
        Optional<Instant> last =
            store
                .get(LAST_SENT, lastSentId(first.subscriberId(), first.channel(), first.group()))
                .map(x -> Json.read(x.json(), LastSent.class).at());
        if (last.isPresent() && last.get().plus(interval).isAfter(now)) {
          Instant due = last.get().plus(interval);
          for (Delivery d : live) {
            held.put(d.id(), Json.write(d.due(d.attempts(), due, d.lastError())));
          }
          continue;
        }
      }
      units.add(new Unit(s.get(), first.channel(), first.group(), live, events));
    }
    List<Future<?>> futures = new ArrayList<>();
    for (Unit u : units) {
      futures.add(
          pool.submit(
              () ->
                  dispatcher.send(
                      u.to(),
                      u.channel(),
                      u.group(),
                      u.events(),
                      u.deliveries().stream().map(Delivery::id).toList())));
    }
    List<String> sentIds = new ArrayList<>(dropped);
    Map<String, String> rescheduled = new LinkedHashMap<>(held);
    Map<String, String> marks = new LinkedHashMap<>();
    Map<String, String> buried = new LinkedHashMap<>();
    Map<String, NoticeCounts> counts = new TreeMap<>();
    int sent = 0;
    int failed = 0;
    long waitUntil =
        System.nanoTime()
            + perDeliveryTimeout.toNanos()
                * ((units.size() + concurrency - 1) / Math.max(1, concurrency))
            + TimeUnit.SECONDS.toNanos(2);
    for (int i = 0; i < units.size(); i++) {
      Unit u = units.get(i);
      String error = null;
      try {
        futures.get(i).get(Math.max(1, waitUntil - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        futures.get(i).cancel(true);
        error = "timed out";
      } catch (java.util.concurrent.ExecutionException e) {
        error =
            e.getCause() == null
                ? e.toString()
                : e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        error = "interrupted";
      }
      if (error == null) {
        sent++;
        u.deliveries().forEach(d -> sentIds.add(d.id()));
        u.deliveries()
            .forEach(
                d ->
                    counts
                        .computeIfAbsent(d.eventId(), k -> new NoticeCounts(d.topic()))
                        .sent(d.channel()));
        if (minIntervals.containsKey(u.group())) {
          marks.put(
              lastSentId(u.to().id(), u.channel(), u.group()),
              Json.write(new LastSent(clock.instant())));
        }
        continue;
      }
      failed++;
      LOG.log(
          Level.WARNING,
          u.channel()
              + " notice to subscriber "
              + u.to().id()
              + " failed; it will be retried: "
              + error);
      for (Delivery d : u.deliveries()) {
        int attempts = d.attempts() + 1;
        Delivery after = d.due(attempts, clock.instant().plus(backoff(attempts)), clip(error));
        (attempts >= MAX_ATTEMPTS ? buried : rescheduled).put(d.id(), Json.write(after));
        counts
            .computeIfAbsent(d.eventId(), k -> new NoticeCounts(d.topic()))
            .failed(attempts >= MAX_ATTEMPTS);
      }
    }
    Instant settled = clock.instant();
    List<LogEntry> entries = new ArrayList<>();
    counts.forEach((eventId, c) -> entries.add(c.logEntry(eventId, settled)));
    settle(sentIds, rescheduled, buried, marks, entries);
    int dead =
        (int)
            units.stream()
                .filter(u -> u.deliveries().stream().anyMatch(d -> buried.containsKey(d.id())))
                .count();
    return new Page(sent, failed - dead, dead, next);
  }

  /** One minute after the first failure, doubling to at most a day. */
  static Duration backoff(int attempts) {
    return Duration.ofMinutes(1L << Math.min(11, attempts - 1)).compareTo(Duration.ofDays(1)) > 0
        ? Duration.ofDays(1)
        : Duration.ofMinutes(1L << Math.min(11, attempts - 1));
  }

  private record LastSent(Instant at) {}

  private static String lastSentId(String subscriberId, String channel, String group) {
    return subscriberId + ":" + channel + ":" + group;
  }

  /** What one page did with one event's deliveries (a delivery: one subscriber, one channel). */
  private static final class NoticeCounts {
    private final String topic;
    private int mails;
    private int webhooks;
    private int failed;
    private int gaveUp;

    NoticeCounts(String topic) {
      this.topic = topic;
    }

    void sent(String channel) {
      if (channel.equals(MAIL)) {
        mails++;
      } else {
        webhooks++;
      }
    }

    void failed(boolean last) {
      if (last) {
        gaveUp++;
      } else {
        failed++;
      }
    }

    LogEntry logEntry(String eventId, Instant at) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("topic", topic);
      data.put("mailsSent", mails);
      data.put("webhooksSent", webhooks);
      data.put("failed", failed);
      data.put("gaveUp", gaveUp);
      return new LogEntry(LogEntry.NOTICES_SENT, at, eventId, data);
    }
  }

  /**
   * Writes a page's outcome in transactions of at most {@link #MAX_WRITES} writes. The evidence
   * entries come last, so they commit with the page's last writes (an entry costs two writes, the
   * tree's state one per transaction).
   */
  private void settle(
      List<String> done,
      Map<String, String> rescheduled,
      Map<String, String> buried,
      Map<String, String> marks,
      List<LogEntry> entries) {
    List<Object[]> writes = new ArrayList<>();
    marks.forEach((id, json) -> writes.add(new Object[] {LAST_SENT, id, json}));
    done.forEach(id -> writes.add(new Object[] {OUTBOX, id, null}));
    rescheduled.forEach((id, json) -> writes.add(new Object[] {OUTBOX, id, json}));
    buried.forEach(
        (id, json) -> {
          writes.add(new Object[] {DEAD, id, json});
          writes.add(new Object[] {OUTBOX, id, null});
        });
    entries.forEach(e -> writes.add(new Object[] {e}));
    EvidenceLog log = new EvidenceLog(store);
    int from = 0;
    while (from < writes.size()) {
      int to = from;
      int cost = 0;
      boolean logs = false;
      while (to < writes.size()) {
        boolean entry = writes.get(to).length == 1;
        int c = entry ? (logs ? 2 : 3) : 1;
        if (cost + c > MAX_WRITES && to > from) {
          break;
        }
        cost += c;
        logs |= entry;
        to++;
      }
      List<Object[]> chunk = writes.subList(from, to);
      boolean appends = logs;
      store.transaction(
          tx -> {
            EvidenceLog.Appender evidence = appends ? log.begin(tx) : null;
            for (Object[] w : chunk) {
              if (w.length == 1) {
                evidence.append((LogEntry) w[0]);
              } else if (w[2] == null) {
                tx.delete((String) w[0], (String) w[1]);
              } else {
                tx.put((String) w[0], (String) w[1], (String) w[2]);
              }
            }
            return null;
          });
      from = to;
    }
  }

  private void purgeOldEvents() {
    String until = timeKey(clock.instant().minus(EVENT_RETENTION));
    List<StoredDocument> old = new ArrayList<>();
    for (StoredDocument d : store.list(EVENTS, new Range(null, null, 2000, false))) {
      NoticeEvent e = Json.read(d.json(), NoticeEvent.class);
      if (timeKey(e.at()).compareTo(until) < 0) {
        old.add(d);
      }
    }
    for (int from = 0; from < old.size(); from += MAX_WRITES) {
      List<StoredDocument> chunk = old.subList(from, Math.min(old.size(), from + MAX_WRITES));
      store.transaction(
          tx -> {
            chunk.forEach(d -> tx.delete(EVENTS, d.id()));
            return null;
          });
    }
  }

  // ---- lease
  // --------------------------------------------------------------------------------------------

  private boolean acquire(String owner) {
    Instant now = clock.instant();
    return lease(owner, now, cur -> cur.isEmpty() || !cur.get().until().isAfter(now));
  }

  /** Extends the lease; false when it was lost (it expired and another drain took it). */
  private boolean renew(String owner) {
    return lease(owner, clock.instant(), cur -> cur.isPresent() && cur.get().owner().equals(owner));
  }

  /**
   * Gives {@code owner} the lease until {@code now} plus its length when {@code may} allows it
   * given the lease as stored; false (and nothing written) otherwise.
   */
  private boolean lease(String owner, Instant now, Predicate<Optional<Lock>> may) {
    return store.transaction(
        tx -> {
          if (!may.test(lock(tx))) {
            return false;
          }
          tx.put(LOCKS, "drain", Json.write(new Lock(owner, now.plus(lease))));
          return true;
        });
  }

  private static Optional<Lock> lock(DocumentStore.Transaction tx) {
    return tx.get(LOCKS, "drain").map(d -> Json.read(d.json(), Lock.class));
  }

  private void release(String owner) {
    try {
      store.transaction(
          tx -> {
            Optional<Lock> cur = lock(tx);
            if (cur.isPresent() && cur.get().owner().equals(owner)) {
              tx.delete(LOCKS, "drain");
            }
            return null;
          });
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not release the outbox lease; it expires by itself", e);
    }
  }

  /** Fixed-width milliseconds: sorts as time does. */
  private static String timeKey(Instant t) {
    return String.format("%013d", t.toEpochMilli());
  }

  private static String clip(String s) {
    String c = s.replaceAll("\\p{Cntrl}", " ");
    return c.length() > 300 ? c.substring(0, 300) : c;
  }
}
