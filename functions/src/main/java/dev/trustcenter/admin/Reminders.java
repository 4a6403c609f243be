package dev.trustcenter.admin;

import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.Control;
import dev.trustcenter.content.ControlStatus;
import dev.trustcenter.content.Framework;
import dev.trustcenter.content.Language;
import dev.trustcenter.documents.AccessRequest;
import dev.trustcenter.i18n.Messages;
import dev.trustcenter.json.Json;
import dev.trustcenter.notices.Mailer;
import dev.trustcenter.notices.OutgoingMail;
import dev.trustcenter.publicview.PublicSnapshot;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.store.DocumentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The admins' daily reminder: one digest mail per admin, in the admin's language, of what needs
 * doing soon: controls overdue and those due within {@value #DUE_SOON_DAYS} days, certificates
 * expiring within {@value #CERTIFICATE_DAYS} days (or expired), and access requests waiting for a
 * decision for more than two days. Nothing is sent when nothing is due.
 *
 * <p>Once a day per admin: before mailing, the run claims {@value #COLLECTION}/{@code <day>-<hash
 * of the address>} in a transaction; after the mail server took the mail the claim becomes {@code
 * sent}, and when it did not the claim is released so a retried trigger sends it. A claim older
 * than {@link #CLAIM_TIMEOUT} (a run that died mid-send) may be taken over.
 */
public final class Reminders {
  private static final Logger LOG = Logger.getLogger(Reminders.class.getName());
  static final String COLLECTION = "reminder-digests";
  static final int DUE_SOON_DAYS = 14;
  static final int CERTIFICATE_DAYS = 60;
  static final Duration WAITING = Duration.ofDays(2);
  static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(15);
  private static final String SENT = "sent";
  private static final String CLAIMED = "claimed";

  /** An admin who gets the digest, and the language it is written in. */
  public record Recipient(String email, Language language) {
    public Recipient {
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(language, "language");
    }
  }

  /**
   * What one run did.
   *
   * @param day the UTC day of the run
   * @param items how many things the digest lists
   * @param sent digests mailed now
   * @param alreadySent recipients whose digest of the day was mailed (or is being mailed) before
   * @param failed recipients whose mail the server did not take (released for a retry)
   */
  public record Result(
      LocalDate day, int items, int sent, int alreadySent, int failed, boolean mailConfigured) {}

  private record Claim(String state, Instant at) {}

  private final DocumentStore store;
  private final Clock clock;
  private final Mailer mailer;
  private final List<Recipient> recipients;
  private final int reviewPeriodDays;
  private final Supplier<List<AccessRequest>> pendingRequests;
  private final Map<Language, Messages> messages = Messages.loadAll();

  /**
   * @param mailer null when mail is not configured (then nothing is sent)
   * @param reviewPeriodDays {@code POLICY_REVIEW_DAYS}, the period of policy reviews
   * @param pendingRequests the access requests waiting for a decision
   */
  public Reminders(
      DocumentStore store,
      Clock clock,
      Mailer mailer,
      List<Recipient> recipients,
      int reviewPeriodDays,
      Supplier<List<AccessRequest>> pendingRequests) {
    this.store = Objects.requireNonNull(store);
    this.clock = Objects.requireNonNull(clock);
    this.mailer = mailer;
    this.recipients = List.copyOf(recipients);
    this.reviewPeriodDays = reviewPeriodDays;
    this.pendingRequests = Objects.requireNonNull(pendingRequests);
  }

  /** Mails today's digest to every recipient who has not had it yet; none when nothing is due. */
  public Result run() {
    Instant now = clock.instant();
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Optional<PublicSnapshot> snapshot =
        Snapshots.readRaw(store).map(d -> Json.read(d.json(), PublicSnapshot.class));
    if (snapshot.isEmpty()) {
      return new Result(day, 0, 0, 0, 0, mailer != null);
    }
    Due due = due(snapshot.get(), pendingRequests.get(), now);
    if (due.isEmpty() || mailer == null) {
      return new Result(day, due.size(), 0, 0, 0, mailer != null);
    }
    String company = snapshot.get().content().profile().companyName();
    int sent = 0;
    int already = 0;
    int failed = 0;
    for (Recipient r : recipients) {
      String id = day + "-" + hash(r.email());
      if (!claim(id, now)) {
        already++;
        continue;
      }
      try {
        mailer.send(mail(r, company, day, due));
        store.transaction(
            tx -> {
              tx.put(COLLECTION, id, Json.write(new Claim(SENT, clock.instant())));
              return null;
            });
        sent++;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "the reminder digest was not mailed: " + e.getMessage());
        release(id, now);
        failed++;
      }
    }
    return new Result(day, due.size(), sent, already, failed, true);
  }

  /** Claims the day's digest of one admin; false when it was sent or is being sent. */
  private boolean claim(String id, Instant now) {
    return store.transaction(
        tx -> {
          Optional<Claim> current =
              tx.get(COLLECTION, id).map(d -> Json.read(d.json(), Claim.class));
          if (current.isPresent()
              && (current.get().state().equals(SENT)
                  || current.get().at().isAfter(now.minus(CLAIM_TIMEOUT)))) {
            return false;
          }
          tx.put(COLLECTION, id, Json.write(new Claim(CLAIMED, now)));
          return true;
        });
  }

  private void release(String id, Instant claimedAt) {
    try {
      store.transaction(
          tx -> {
            Optional<Claim> current =
                tx.get(COLLECTION, id).map(d -> Json.read(d.json(), Claim.class));
            if (current.isPresent()
                && current.get().state().equals(CLAIMED)
                && current.get().at().equals(claimedAt)) {
              tx.delete(COLLECTION, id);
            }
            return null;
          });
    } catch (RuntimeException e) {
      // The claim then expires after CLAIM_TIMEOUT and a later trigger sends the digest.
      LOG.log(Level.WARNING, "could not release a reminder claim: " + e.getMessage());
    }
  }

  /** What the digest lists, each part in display order. */
  record Due(
      List<Control> overdue,
      Map<String, LocalDate> dueDates,
      List<Control> dueSoon,
      List<Framework> certificates,
      List<AccessRequest> waiting) {
    boolean isEmpty() {
      return size() == 0;
    }

    int size() {
      return overdue.size() + dueSoon.size() + certificates.size() + waiting.size();
    }
  }

  Due due(PublicSnapshot s, List<AccessRequest> pending, Instant now) {
    List<Control> overdue = new ArrayList<>();
    List<Control> soon = new ArrayList<>();
    Map<String, LocalDate> dates = new java.util.HashMap<>();
    for (Control c : s.content().controls()) {
      CheckSummary summary = s.checks().get(c.id());
      int period = ControlStatus.periodDays(c, reviewPeriodDays);
      ControlStatus status = ControlStatus.derive(summary, period, now);
      Instant dueAt =
          summary == null || summary.lastPassingAt() == null
              ? null
              : summary.lastPassingAt().plus(Duration.ofDays(period));
      if (dueAt != null) {
        dates.put(c.id(), LocalDate.ofInstant(dueAt, ZoneOffset.UTC));
      }
      if (status == ControlStatus.OVERDUE) {
        overdue.add(c);
      } else if (status == ControlStatus.PASSING
          && dueAt != null
          && dueAt.isBefore(now.plus(Duration.ofDays(DUE_SOON_DAYS)))) {
        soon.add(c);
      }
    }
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<Framework> certificates =
        s.content().frameworks().stream()
            .filter(
                f ->
                    f.certificate() != null
                        && f.certificate().validUntil() != null
                        && !f.certificate().validUntil().isAfter(today.plusDays(CERTIFICATE_DAYS)))
            .toList();
    List<AccessRequest> waiting =
        pending.stream()
            .filter(r -> r.createdAt() != null && r.createdAt().isBefore(now.minus(WAITING)))
            .sorted(java.util.Comparator.comparing(AccessRequest::createdAt))
            .toList();
    return new Due(overdue, dates, soon, certificates, waiting);
  }

  /** The digest for one admin, every word from the message files. */
  OutgoingMail mail(Recipient r, String company, LocalDate day, Due due) {
    Language lang = r.language();
    Messages m = messages.get(lang);
    StringBuilder b = new StringBuilder();
    b.append(m.get("mailHello")).append("\n\n");
    b.append(m.format("mailDigestIntro", company, day)).append("\n");
    if (!due.overdue().isEmpty()) {
      b.append("\n").append(m.format("mailDigestOverdue", due.overdue().size())).append("\n");
      for (Control c : due.overdue()) {
        b.append(
                m.format(
                    "mailDigestControlOverdue",
                    c.title().in(lang),
                    Optional.ofNullable(due.dueDates().get(c.id()))
                        .map(LocalDate::toString)
                        .orElse("—")))
            .append("\n");
      }
    }
    if (!due.dueSoon().isEmpty()) {
      b.append("\n")
          .append(m.format("mailDigestDueSoon", due.dueSoon().size(), DUE_SOON_DAYS))
          .append("\n");
      for (Control c : due.dueSoon()) {
        b.append(m.format("mailDigestControlDue", c.title().in(lang), due.dueDates().get(c.id())))
            .append("\n");
      }
    }
    if (!due.certificates().isEmpty()) {
      b.append("\n")
          .append(m.format("mailDigestCertificates", due.certificates().size(), CERTIFICATE_DAYS))
          .append("\n");
      for (Framework f : due.certificates()) {
        LocalDate until = f.certificate().validUntil();
        b.append(
                m.format(
                    until.isBefore(day) ? "mailDigestCertificateExpired" : "mailDigestCertificate",
                    (f.name() + " " + f.version()).strip(),
                    until))
            .append("\n");
      }
    }
    if (!due.waiting().isEmpty()) {
      b.append("\n").append(m.format("mailDigestRequests", due.waiting().size())).append("\n");
      for (AccessRequest a : due.waiting()) {
        b.append(
                m.format(
                    "mailDigestRequest",
                    a.name(),
                    a.email(),
                    a.company(),
                    LocalDate.ofInstant(a.createdAt(), ZoneOffset.UTC)))
            .append("\n");
      }
    }
    b.append("\n").append(m.get("mailDigestConsole")).append("\n\n");
    b.append(m.get("mailDigestWhy")).append("\n");
    return new OutgoingMail(
        r.email(),
        m.format("mailDigestSubject", company, due.size()),
        b.toString(),
        Map.of(),
        m.format("siteTitle", company).strip());
  }

  private static String hash(String email) {
    return dev.trustcenter.http.Responses.sha256Hex(email.toLowerCase(Locale.ROOT))
        .substring(0, 24);
  }

  /**
   * The recipients of {@code ADMIN_DIGEST_EMAILS}: comma-separated addresses, each optionally
   * followed by {@code :es} or {@code :en}; without a language, or when the variable is unset and
   * {@code ADMIN_EMAILS} is used, the digest is in {@link Language#DEFAULT}.
   *
   * @throws IllegalArgumentException naming an entry with an unknown language or no address
   */
  public static List<Recipient> recipients(List<String> entries) {
    List<Recipient> out = new ArrayList<>();
    for (String e : entries) {
      String entry = e.strip();
      int colon = entry.lastIndexOf(':');
      String email = colon < 0 ? entry : entry.substring(0, colon).strip();
      Language lang =
          colon < 0
              ? Language.DEFAULT
              : Language.fromCode(entry.substring(colon + 1).strip())
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "ADMIN_DIGEST_EMAILS: \"" + entry + "\" must end in :es or :en"));
      if (!email.contains("@")) {
        throw new IllegalArgumentException(
            "ADMIN_DIGEST_EMAILS: \"" + entry + "\" is not an e-mail address");
      }
      out.add(new Recipient(email, lang));
    }
    return List.copyOf(out);
  }
}
