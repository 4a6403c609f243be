package dev.trustcenter.subscriptions;

import dev.trustcenter.auth.RandomTokens;
import dev.trustcenter.content.Content;
import dev.trustcenter.content.ContentRepository;
import dev.trustcenter.content.Language;
import dev.trustcenter.content.Subprocessor;
import dev.trustcenter.content.Text;
import dev.trustcenter.evidence.EvidenceLog;
import dev.trustcenter.evidence.LogEntry;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.ApiException.FieldError;
import dev.trustcenter.json.Json;
import dev.trustcenter.notices.Mailer;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.DocumentStore.Transaction;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.Stamps;
import dev.trustcenter.store.StoredDocument;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The company's own subprocessor changes (GDPR Art. 28(2)): scheduled by an admin at least {@code
 * SUBPROCESSOR_NOTICE_DAYS} ahead, announced at once (the public snapshot's site shows them as
 * upcoming; subscribers of {@code subprocessors} get a notice with Acknowledge and Object links and
 * an iCalendar event), answered by subscribers through those signed links, and applied to the
 * subprocessor list on the effective day by {@link #applyDue} unless withdrawn. Every step writes
 * its audit entry and evidence log entry ({@link LogEntry#PLANNED_CHANGE}) in the transaction that
 * makes it.
 *
 * <p>Collections: {@value #COLLECTION} (one document per change) and {@value #ANSWERS} (one per
 * subscriber and change, id {@code <change>:<subscriber>}, so the answers of a change list by
 * prefix).
 */
public final class PlannedChanges {
  private static final Logger LOG = Logger.getLogger(PlannedChanges.class.getName());

  /** The plans; stamped ({@link Stamps}): written only where the stamp is touched. */
  public static final String COLLECTION = "subprocessor-plans";

  public static final String ANSWERS = "subprocessor-plan-answers";

  /** The audit log's {@code kind} of every entry written here. */
  public static final String AUDIT_KIND = "subprocessor-changes";

  static final String ID_PATTERN = "spc-[0-9]{8}-[0-9a-f]{8}";
  static final int MAX_REASON = 2000;
  static final int MAX_REPLY = 4000;

  /** The system's name in the audit log, for what the scheduled step does. */
  static final String SYSTEM = "deliver-notices";

  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  /**
   * Writes one audit entry inside the transaction of the action it records (the admin API's audit
   * log, wired by the composition root).
   */
  @FunctionalInterface
  public interface Audit {
    void append(Transaction tx, AuditRecord record);
  }

  /**
   * One audited action on a planned change.
   *
   * @param actor an admin's email, {@value #SYSTEM}, or a subscriber's email
   * @param method the HTTP method, or {@code TASK} for the scheduled step
   * @param path the request path, or the task's name
   * @param outcome {@code scheduled}, {@code withdrawn}, {@code applied}, {@code failed}, {@code
   *     replied}, {@code acknowledged}, {@code objected}
   */
  public record AuditRecord(
      String actor,
      String method,
      String path,
      String entityId,
      String outcome,
      int status,
      String beforeJson,
      String afterJson,
      String reason,
      boolean byPublic) {}

  /**
   * What an admin asks for.
   *
   * @param name for {@code add}: the new subprocessor's name
   * @param purpose for {@code add} (required) and {@code change} (optional)
   * @param dataLocations for {@code add} and {@code change}; null: unchanged
   * @param dpaUrl for {@code add}: its data processing agreement, or null
   */
  public record Draft(
      String kind,
      String subprocessorId,
      LocalDate effectiveOn,
      String name,
      Text purpose,
      List<Text> dataLocations,
      String dpaUrl) {}

  /** A change with how many subscribers acknowledged it and objected to it. */
  public record Summary(
      PlannedChange change, int acknowledged, int objected, int objectionsAnswered) {}

  /** A change with every answer, newest first. */
  public record Detail(PlannedChange change, List<ChangeAnswer> answers) {}

  private final DocumentStore store;
  private final SnapshotWriter snapshots;
  private final Clock clock;
  private final int noticeDays;
  private final Audit audit;
  private final Subscriptions subscriptions;
  private final Mailer mailer;
  private final Supplier<Notices.Company> company;
  private volatile ChangeNotifier notifier;

  /**
   * @param noticeDays {@code SUBPROCESSOR_NOTICE_DAYS}: the least notice a change is scheduled with
   * @param mailer null when mail is not configured: no receipts or replies are mailed (the answers
   *     are still recorded); notices need the {@link #notifier}
   * @param company the company's name and the site's home pages, read when a mail is written
   */
  public PlannedChanges(
      DocumentStore store,
      SnapshotWriter snapshots,
      Clock clock,
      int noticeDays,
      Audit audit,
      Subscriptions subscriptions,
      Mailer mailer,
      Supplier<String> company,
      URI siteBase) {
    this.store = Objects.requireNonNull(store);
    this.snapshots = Objects.requireNonNull(snapshots);
    this.clock = Objects.requireNonNull(clock);
    this.noticeDays = noticeDays;
    this.audit = Objects.requireNonNull(audit);
    this.subscriptions = Objects.requireNonNull(subscriptions);
    this.mailer = mailer;
    Map<Language, String> home =
        siteBase == null ? Map.of() : Notices.homePages(siteBase.toString());
    this.company = () -> new Notices.Company(company.get(), null, home);
  }

  /** Where notices are queued; null (mail not configured): a change is scheduled, told nobody. */
  public PlannedChanges notifier(ChangeNotifier notifier) {
    this.notifier = notifier;
    return this;
  }

  public int noticeDays() {
    return noticeDays;
  }

  /** The first day a change may take effect if it is scheduled now. */
  public LocalDate earliestEffectiveDay() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(noticeDays);
  }

  // ---- scheduling
  // ---------------------------------------------------------------------------------------

  /**
   * Checks {@code draft} against the current subprocessors and stores it with its audit and
   * evidence entries; then queues its notice. Nothing is stored when anything is wrong.
   *
   * @throws ApiException 400 naming every invalid field (an effective day sooner than {@code
   *     SUBPROCESSOR_NOTICE_DAYS} from today among them); 409 when an open change of the same
   *     subprocessor is already scheduled
   */
  public PlannedChange schedule(Draft draft, String actor, String method, String path) {
    Instant now = clock.instant();
    List<FieldError> errors = new ArrayList<>();
    LocalDate earliest = earliestEffectiveDay();
    if (draft.effectiveOn() != null && draft.effectiveOn().isBefore(earliest)) {
      errors.add(
          new FieldError(
              "effectiveOn",
              "must be at least "
                  + noticeDays
                  + " days ahead (SUBPROCESSOR_NOTICE_DAYS): "
                  + earliest
                  + " or later"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    String id = "spc-" + DAY.format(draft.effectiveOn()) + "-" + RandomTokens.randomHex(4);
    PlannedChange change =
        store.transaction(
            tx -> {
              Content content = ContentRepository.read(tx);
              Optional<Subprocessor> current =
                  content.subprocessors().stream()
                      .filter(s -> s.id().equals(draft.subprocessorId()))
                      .findFirst();
              for (StoredDocument d : tx.list(COLLECTION, Range.all())) {
                PlannedChange other = Json.read(d.json(), PlannedChange.class);
                if (other.open() && other.subprocessorId().equals(draft.subprocessorId())) {
                  throw new ApiException(
                      409,
                      "conflict",
                      "change "
                          + other.id()
                          + " of this subprocessor is already scheduled; withdraw it first");
                }
              }
              PlannedChange c = build(id, draft, current, content, now, actor);
              EvidenceLog.Appender evidence = new EvidenceLog(store).begin(tx);
              return save(
                  tx,
                  evidence,
                  c,
                  now,
                  after ->
                      new AuditRecord(
                          actor,
                          method,
                          path,
                          c.id(),
                          "scheduled",
                          201,
                          null,
                          after,
                          summary(c),
                          false));
            });
    queueNotice(change);
    return change;
  }

  private PlannedChange build(
      String id,
      Draft d,
      Optional<Subprocessor> current,
      Content content,
      Instant now,
      String actor) {
    List<FieldError> errors = new ArrayList<>();
    Subprocessor after = null;
    List<String> changed = new ArrayList<>();
    switch (d.kind()) {
      case PlannedChange.ADD -> {
        if (current.isPresent()) {
          errors.add(
              new FieldError("subprocessorId", "is already a subprocessor; schedule a change"));
        }
        if (d.name() == null) {
          errors.add(new FieldError("name", "is required to add a subprocessor"));
        }
        if (d.purpose() == null) {
          errors.add(new FieldError("purpose", "is required to add a subprocessor"));
        }
        if (errors.isEmpty()) {
          int position =
              content.subprocessors().stream().mapToInt(Subprocessor::position).max().orElse(0)
                  + 10;
          after =
              new Subprocessor(
                  d.subprocessorId(),
                  d.name(),
                  d.purpose(),
                  d.dataLocations() == null ? List.of() : d.dataLocations(),
                  null,
                  d.dpaUrl(),
                  new Text("", ""),
                  position);
        }
      }
      case PlannedChange.REMOVE -> {
        if (current.isEmpty()) {
          errors.add(new FieldError("subprocessorId", "is not a current subprocessor"));
        }
        extraFields(d, errors);
      }
      case PlannedChange.CHANGE -> {
        if (current.isEmpty()) {
          errors.add(new FieldError("subprocessorId", "is not a current subprocessor"));
        }
        if (d.name() != null) {
          errors.add(new FieldError("name", "cannot change; a change is of purpose or location"));
        }
        if (d.dpaUrl() != null) {
          errors.add(new FieldError("dpaUrl", "is only for adding a subprocessor"));
        }
        if (current.isPresent()) {
          Subprocessor s = current.get();
          if (d.purpose() != null && !d.purpose().equals(s.purpose())) {
            changed.add("purpose");
          }
          if (d.dataLocations() != null && !d.dataLocations().equals(s.dataLocations())) {
            changed.add("dataLocations");
          }
          if (changed.isEmpty()) {
            errors.add(
                new FieldError(
                    "purpose",
                    "or dataLocations must differ from the current entry: nothing would change"));
          }
          after = changedEntry(s, d.purpose(), d.dataLocations());
        }
      }
      default -> errors.add(new FieldError("kind", "must be one of add, remove, change"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return new PlannedChange(
        id,
        d.kind(),
        d.subprocessorId(),
        after,
        current.orElse(null),
        changed,
        d.effectiveOn(),
        PlannedChange.SCHEDULED,
        now,
        actor,
        null,
        null,
        null);
  }

  private static void extraFields(Draft d, List<FieldError> errors) {
    if (d.name() != null) {
      errors.add(new FieldError("name", "is only for adding a subprocessor"));
    }
    if (d.purpose() != null) {
      errors.add(new FieldError("purpose", "is not used to remove a subprocessor"));
    }
    if (d.dataLocations() != null) {
      errors.add(new FieldError("dataLocations", "is not used to remove a subprocessor"));
    }
    if (d.dpaUrl() != null) {
      errors.add(new FieldError("dpaUrl", "is only for adding a subprocessor"));
    }
  }

  private static Subprocessor changedEntry(Subprocessor s, Text purpose, List<Text> locations) {
    return new Subprocessor(
        s.id(),
        s.name(),
        purpose == null ? s.purpose() : purpose,
        locations == null ? s.dataLocations() : locations,
        s.subprocessorListUrl(),
        s.dpaUrl(),
        s.notes(),
        s.position());
  }

  private void queueNotice(PlannedChange change) {
    ChangeNotifier n = notifier;
    if (n == null) {
      LOG.info("mail is not configured: change " + change.id() + " is published, not mailed");
      return;
    }
    try {
      n.enqueue(List.of(NoticeEvent.of(change)));
    } catch (RuntimeException e) {
      // The change is stored and published; the admin can see it was not queued and nothing
      // is lost: scheduling it again is refused (409), so the operator re-queues by retrying.
      LOG.log(Level.SEVERE, "could not queue the notice of change " + change.id(), e);
      throw new ApiException(
          503,
          "unavailable",
          "the change "
              + change.id()
              + " was scheduled but its notice could not be queued; POST"
              + " /v1/subprocessor-changes/"
              + change.id()
              + "/notify to queue it again");
    }
  }

  /**
   * Queues the notice of an open change again (safe: the outbox tells each subscriber of an event
   * once).
   */
  public PlannedChange notifyAgain(String id) {
    PlannedChange c = get(id);
    if (!c.open()) {
      throw new ApiException(409, "conflict", "change " + id + " is " + c.status());
    }
    queueNotice(c);
    return c;
  }

  // ---- reading
  // ------------------------------------------------------------------------------------------

  /** Every change, the soonest effective first, with its answer counts. */
  public List<Summary> list() {
    List<PlannedChange> all =
        store.list(COLLECTION, Range.all()).stream()
            .map(d -> Json.read(d.json(), PlannedChange.class))
            .sorted(
                Comparator.comparing(PlannedChange::effectiveOn).thenComparing(PlannedChange::id))
            .toList();
    List<Summary> out = new ArrayList<>();
    for (PlannedChange c : all) {
      List<ChangeAnswer> answers = answers(c.id());
      int ack = 0;
      int obj = 0;
      int replied = 0;
      for (ChangeAnswer a : answers) {
        if (ChangeAnswer.OBJECTED.equals(a.kind())) {
          obj++;
          if (a.reply() != null) {
            replied++;
          }
        } else {
          ack++;
        }
      }
      out.add(new Summary(c, ack, obj, replied));
    }
    return out;
  }

  /** The changes not yet applied or withdrawn, the soonest first: what the site shows. */
  public List<PlannedChange> upcoming() {
    return list().stream().map(Summary::change).filter(PlannedChange::open).toList();
  }

  /**
   * @throws ApiException 404 when there is no such change
   */
  public PlannedChange get(String id) {
    if (id == null || !id.matches(ID_PATTERN)) {
      throw ApiException.notFound("no such change");
    }
    return store
        .get(COLLECTION, id)
        .map(d -> Json.read(d.json(), PlannedChange.class))
        .orElseThrow(() -> ApiException.notFound("no such change: " + id));
  }

  public Detail detail(String id) {
    PlannedChange c = get(id);
    List<ChangeAnswer> answers = new ArrayList<>(answers(id));
    answers.sort(Comparator.comparing(ChangeAnswer::at).reversed());
    return new Detail(c, answers);
  }

  private List<ChangeAnswer> answers(String changeId) {
    return store
        .list(ANSWERS, new Range(changeId + ":", changeId + ";", Range.MAX_LIMIT, false))
        .stream()
        .map(d -> Json.read(d.json(), ChangeAnswer.class))
        .toList();
  }

  // ---- admin actions
  // ------------------------------------------------------------------------------------

  /**
   * Withdraws an open change: it will not be applied; the site stops showing it.
   *
   * @throws ApiException 404 unknown, 409 already applied, withdrawn or failed
   */
  public PlannedChange withdraw(
      String id, String reason, String actor, String method, String path) {
    get(id);
    Instant now = clock.instant();
    return store.transaction(
        tx -> {
          PlannedChange c = read(tx, id);
          if (!c.open()) {
            throw new ApiException(
                409, "conflict", "change " + id + " is " + c.status() + "; it cannot be withdrawn");
          }
          PlannedChange w = c.closed(PlannedChange.WITHDRAWN, now, actor, reason);
          EvidenceLog.Appender evidence = new EvidenceLog(store).begin(tx);
          String before = Json.write(c);
          return save(
              tx,
              evidence,
              w,
              now,
              after ->
                  new AuditRecord(
                      actor, method, path, id, "withdrawn", 200, before, after, reason, false));
        });
  }

  /**
   * Answers a subscriber's objection: stores the reply and mails it to the subscriber in their
   * language.
   *
   * @throws ApiException 404 no such change or objection; 409 already answered; 503 mail is not
   *     configured (nothing is stored, so the answer can be given again once it is)
   */
  public ChangeAnswer reply(
      String changeId, String subscriberId, String text, String actor, String method, String path) {
    PlannedChange change = get(changeId);
    if (mailer == null) {
      throw new ApiException(
          503, "mail_not_configured", "the answer cannot be mailed: mail is not configured");
    }
    if (subscriberId == null || !subscriberId.matches("[0-9a-f]{32}")) {
      throw ApiException.notFound("no such objection");
    }
    String answerId = ChangeAnswer.idOf(changeId, subscriberId);
    Instant now = clock.instant();
    ChangeAnswer replied =
        store.transaction(
            tx -> {
              ChangeAnswer a =
                  tx.get(ANSWERS, answerId)
                      .map(d -> Json.read(d.json(), ChangeAnswer.class))
                      .filter(x -> ChangeAnswer.OBJECTED.equals(x.kind()))
                      .orElseThrow(() -> ApiException.notFound("no such objection"));
              if (a.reply() != null) {
                throw new ApiException(
                    409, "conflict", "this objection was answered on " + a.repliedAt());
              }
              ChangeAnswer r = a.replied(text, now, actor);
              String after = Json.write(r);
              tx.put(ANSWERS, answerId, after);
              audit.append(
                  tx,
                  new AuditRecord(
                      actor,
                      method,
                      path,
                      changeId,
                      "replied",
                      200,
                      Json.write(a),
                      after,
                      "objection of subscriber " + subscriberId,
                      false));
              return r;
            });
    // The reply is stored before it is mailed: a failed mail is reported (502) and can be read in
    // the admin; nothing is lost.
    try {
      mailer.send(
          Notices.objectionReply(
              replied.email(), language(replied), company.get(), change, replied.reply()));
    } catch (Mailer.MailException e) {
      LOG.log(Level.WARNING, "the reply to an objection to " + changeId + " was not mailed", e);
      throw new ApiException(
          502,
          "mail_failed",
          "the answer was recorded but the mail server did not take it: " + e.getMessage());
    }
    return replied;
  }

  // ---- subscribers' answers
  // -----------------------------------------------------------------------------

  /** What a signed answer link names, read for the page that shows its button. */
  public record LinkTarget(Subscriber subscriber, PlannedChange change, ChangeAnswer answer) {
    /** Whether answers are still taken (open and before the effective day). */
    public boolean acceptsAnswers(Instant now) {
      return change.open() && now.isBefore(change.effectiveAt());
    }
  }

  /**
   * The subscriber and change of a valid link, if any; nothing is recorded (mail scanners follow
   * links).
   */
  public Optional<LinkTarget> target(boolean object, String token) {
    return subscriptions
        .verifyAnswer(object, token)
        .flatMap(
            ids -> {
              Optional<Subscriber> s =
                  store
                      .get(Subscriptions.COLLECTION, ids[0])
                      .map(d -> Json.read(d.json(), Subscriber.class));
              Optional<PlannedChange> c =
                  store.get(COLLECTION, ids[1]).map(d -> Json.read(d.json(), PlannedChange.class));
              if (s.isEmpty() || c.isEmpty()) {
                return Optional.empty();
              }
              ChangeAnswer a =
                  store
                      .get(ANSWERS, ChangeAnswer.idOf(ids[1], ids[0]))
                      .map(d -> Json.read(d.json(), ChangeAnswer.class))
                      .orElse(null);
              return Optional.of(new LinkTarget(s.get(), c.get(), a));
            });
  }

  /** What an answer did: the answer as stored, and whether this request recorded it. */
  public record Answered(LinkTarget target, ChangeAnswer answer, boolean recorded) {}

  /**
   * Records an acknowledgement or an objection for the link's subscriber (an objection also mails a
   * receipt). Answering again changes nothing, except that an objection follows an acknowledgement.
   *
   * @throws ApiException 400 invalid link; 409 the change is closed (applied, withdrawn, or its
   *     effective day has come)
   */
  public Answered answer(boolean object, String token, String reason) {
    LinkTarget t =
        target(object, token)
            .orElseThrow(
                () -> ApiException.badRequest("invalid_link", "this link is invalid or expired"));
    Instant now = clock.instant();
    if (!t.acceptsAnswers(now)) {
      throw new ApiException(409, "closed", "answers to this change are closed");
    }
    String changeId = t.change().id();
    String subscriberId = t.subscriber().id();
    String answerId = ChangeAnswer.idOf(changeId, subscriberId);
    String kind = object ? ChangeAnswer.OBJECTED : ChangeAnswer.ACKNOWLEDGED;
    Answered done =
        store.transaction(
            tx -> {
              Optional<ChangeAnswer> cur =
                  tx.get(ANSWERS, answerId).map(d -> Json.read(d.json(), ChangeAnswer.class));
              if (cur.isPresent() && (cur.get().kind().equals(ChangeAnswer.OBJECTED) || !object)) {
                return new Answered(t, cur.get(), false);
              }
              ChangeAnswer a =
                  new ChangeAnswer(
                      answerId,
                      changeId,
                      subscriberId,
                      t.subscriber().email(),
                      t.subscriber().language(),
                      kind,
                      object ? (reason == null ? "" : reason) : null,
                      now,
                      null,
                      null,
                      null);
              String after = Json.write(a);
              tx.put(ANSWERS, answerId, after);
              audit.append(
                  tx,
                  new AuditRecord(
                      t.subscriber().email(),
                      "POST",
                      "/v1/subscriptions/changes/" + (object ? "object" : "acknowledge"),
                      changeId,
                      kind,
                      200,
                      cur.map(Json::write).orElse(null),
                      after,
                      null,
                      true));
              return new Answered(t, a, true);
            });
    if (done.recorded() && object && mailer != null) {
      try {
        mailer.send(
            Notices.objectionReceipt(
                t.subscriber().email(),
                language(done.answer()),
                company.get(),
                t.change(),
                done.answer()));
      } catch (Mailer.MailException e) {
        // The objection is recorded (and shown to the admin); the page tells the subscriber so.
        LOG.log(Level.WARNING, "the receipt of an objection to " + changeId + " was not mailed", e);
      }
    }
    return done;
  }

  private static Language language(ChangeAnswer a) {
    return Language.fromCode(a.language()).orElse(Language.DEFAULT);
  }

  // ---- the scheduled step
  // -------------------------------------------------------------------------------

  /**
   * Applies every open change whose effective day has come (run by {@code deliver-notices}): adds,
   * changes or removes the subprocessor, rebuilds the public snapshot, and records the audit and
   * evidence entries, one transaction per change. A change that can no longer be applied (the
   * subprocessor was removed or added by hand meanwhile, or still owns resources) is marked {@code
   * failed} with the reason, never half applied.
   *
   * @return the changes applied or failed by this call
   */
  public List<PlannedChange> applyDue() {
    Instant now = clock.instant();
    List<PlannedChange> due =
        store.list(COLLECTION, Range.all()).stream()
            .map(d -> Json.read(d.json(), PlannedChange.class))
            .filter(c -> c.open() && !now.isBefore(c.effectiveAt()))
            .toList();
    List<PlannedChange> done = new ArrayList<>();
    for (PlannedChange c : due) {
      try {
        PlannedChange r = store.transaction(tx -> apply(tx, c.id(), now));
        if (r != null) {
          done.add(r);
        }
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING, "applying change " + c.id() + " failed; the next run tries again", e);
      }
    }
    return done;
  }

  private PlannedChange apply(Transaction tx, String id, Instant now) {
    PlannedChange c = read(tx, id);
    if (!c.open()) {
      return null; // withdrawn or applied since it was listed
    }
    Snapshots.Inputs inputs = Snapshots.readInputs(tx);
    EvidenceLog.Appender evidence = new EvidenceLog(store).begin(tx);
    Content content = inputs.content();
    Optional<Subprocessor> current =
        content.subprocessors().stream().filter(s -> s.id().equals(c.subprocessorId())).findFirst();
    String failure = null;
    Subprocessor next = null;
    switch (c.kind()) {
      case PlannedChange.ADD -> {
        if (current.isPresent()) {
          failure = "a subprocessor with this id was added meanwhile";
        } else {
          next = c.after();
        }
      }
      case PlannedChange.CHANGE -> {
        if (current.isEmpty()) {
          failure = "the subprocessor was removed meanwhile";
        } else {
          next =
              changedEntry(
                  current.get(),
                  c.changed().contains("purpose") ? c.after().purpose() : null,
                  c.changed().contains("dataLocations") ? c.after().dataLocations() : null);
        }
      }
      case PlannedChange.REMOVE -> {
        if (current.isEmpty()) {
          failure = "the subprocessor was removed meanwhile";
        } else {
          long owned =
              content.resources().stream()
                  .filter(r -> r.owner().equals(c.subprocessorId()))
                  .count();
          if (owned > 0) {
            failure = "the subprocessor still owns " + owned + " resource(s)";
          }
        }
      }
      default -> failure = "unknown kind " + c.kind();
    }
    String before = Json.write(c);
    if (failure != null) {
      String reason = failure;
      PlannedChange f =
          save(
              tx,
              evidence,
              c.closed(PlannedChange.FAILED, now, SYSTEM, reason),
              now,
              after ->
                  new AuditRecord(
                      SYSTEM, "TASK", SYSTEM, id, "failed", 409, before, after, reason, false));
      LOG.warning("change " + id + " could not be applied: " + reason);
      return f;
    }
    List<Subprocessor> list = new ArrayList<>(content.subprocessors());
    list.removeIf(s -> s.id().equals(c.subprocessorId()));
    if (next != null) {
      list.add(next);
      tx.put(ContentRepository.SUBPROCESSORS, next.id(), Json.write(next));
    } else {
      tx.delete(ContentRepository.SUBPROCESSORS, c.subprocessorId());
    }
    list.sort(Comparator.comparingInt(Subprocessor::position).thenComparing(Subprocessor::id));
    Content updated =
        new Content(
            content.profile(),
            content.frameworks(),
            content.categories(),
            content.controls(),
            list,
            content.resources());
    ContentRepository.touch(tx, now);
    snapshots.write(
        tx, new Snapshots.Inputs(updated, now, inputs.checks(), inputs.upstream()), now);
    PlannedChange a = c.closed(PlannedChange.APPLIED, now, SYSTEM, null);
    return save(
        tx,
        evidence,
        a,
        now,
        after ->
            new AuditRecord(
                SYSTEM, "TASK", SYSTEM, id, "applied", 200, before, after, summary(a), false));
  }

  /**
   * Stores a change's new state with its evidence log entry and its audit entry ({@code entry} of
   * the stored JSON), in the transaction that makes the step; the transaction's reads are done.
   */
  private PlannedChange save(
      Transaction tx,
      EvidenceLog.Appender evidence,
      PlannedChange c,
      Instant now,
      Function<String, AuditRecord> entry) {
    String after = Json.write(c);
    tx.put(COLLECTION, c.id(), after);
    Stamps.touch(tx, COLLECTION);
    evidence.append(logEntry(c, now));
    audit.append(tx, entry.apply(after));
    return c;
  }

  private static PlannedChange read(Transaction tx, String id) {
    return tx.get(COLLECTION, id)
        .map(d -> Json.read(d.json(), PlannedChange.class))
        .orElseThrow(() -> ApiException.notFound("no such change: " + id));
  }

  /** The public facts of a change in its current state, for the evidence log. */
  static LogEntry logEntry(PlannedChange c, Instant at) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("change", c.id());
    data.put("kind", c.kind());
    data.put("status", c.status());
    data.put("name", c.name());
    data.put("effectiveOn", c.effectiveOn().toString());
    data.put("changed", c.changed().isEmpty() ? null : c.changed());
    if (c.after() != null) {
      data.put("purpose", c.after().purpose());
      data.put("dataLocations", c.after().dataLocations());
    }
    data.put("outcome", c.outcome());
    return new LogEntry(LogEntry.PLANNED_CHANGE, at, c.subprocessorId(), data);
  }

  private static String summary(PlannedChange c) {
    return c.kind() + " " + c.subprocessorId() + " effective " + c.effectiveOn();
  }
}
