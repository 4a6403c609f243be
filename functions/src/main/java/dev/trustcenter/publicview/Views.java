package dev.trustcenter.publicview;

import dev.trustcenter.content.Category;
import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.Content;
import dev.trustcenter.content.Control;
import dev.trustcenter.content.ControlStatus;
import dev.trustcenter.content.Framework;
import dev.trustcenter.content.Language;
import dev.trustcenter.content.Resource;
import dev.trustcenter.content.Subprocessor;
import dev.trustcenter.publicview.TrustCenterView.CategoryView;
import dev.trustcenter.publicview.TrustCenterView.CertificateView;
import dev.trustcenter.publicview.TrustCenterView.ControlView;
import dev.trustcenter.publicview.TrustCenterView.FrameworkView;
import dev.trustcenter.publicview.TrustCenterView.ProfileView;
import dev.trustcenter.publicview.TrustCenterView.ResourceView;
import dev.trustcenter.publicview.TrustCenterView.StatusCounts;
import dev.trustcenter.publicview.TrustCenterView.SubprocessorView;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Derives the localized public views from a {@link PublicSnapshot} at a given time. Pure functions.
 */
public final class Views {
  private Views() {}

  /**
   * The whole trust center in {@code lang}, with statuses as of {@code now}.
   *
   * @param reviewPeriodDays the period of policy reviews ({@code POLICY_REVIEW_DAYS}), see {@link
   *     ControlStatus#periodDays}
   */
  public static TrustCenterView trustCenter(
      PublicSnapshot s, Language lang, Instant now, int reviewPeriodDays) {
    Content c = s.content();
    List<ControlView> controls =
        c.controls().stream().map(ctl -> control(s, ctl, lang, now, reviewPeriodDays)).toList();
    List<CategoryView> categories =
        c.categories().stream()
            .map(
                cat -> {
                  List<ControlView> mine =
                      controls.stream().filter(v -> v.categoryId().equals(cat.id())).toList();
                  return new CategoryView(cat.id(), cat.name().in(lang), counts(mine), mine);
                })
            .toList();
    return new TrustCenterView(
        s.schemaVersion(),
        lang.code(),
        s.generatedAt(),
        s.contentUpdatedAt(),
        new ProfileView(
            c.profile().companyName(),
            c.profile().tagline().in(lang),
            c.profile().overview().in(lang),
            c.profile().securityContact()),
        counts(controls),
        c.frameworks().stream().map(f -> framework(f, lang)).toList(),
        categories,
        subprocessors(s, lang),
        c.resources().stream().map(r -> resource(r, lang)).toList());
  }

  /**
   * When {@link #trustCenter} first gives another answer than at {@code now}, for any later time:
   * when the first control's status changes with time (see {@link ControlStatus#changesAt}). Empty
   * if time alone never changes it. Statuses are the answer's only dependence on time.
   */
  public static Optional<Instant> changesAt(PublicSnapshot s, Instant now, int reviewPeriodDays) {
    Instant first = null;
    for (Control c : s.content().controls()) {
      Optional<Instant> at =
          ControlStatus.changesAt(
              s.checks().get(c.id()), ControlStatus.periodDays(c, reviewPeriodDays), now);
      if (at.isPresent() && (first == null || at.get().isBefore(first))) {
        first = at.get();
      }
    }
    return Optional.ofNullable(first);
  }

  /** Days in a control's daily strip. */
  public static final int DAYS = 90;

  /** At most this many changes between passing and failing in a control's answer. */
  public static final int TRANSITIONS = 20;

  /** At most this many of a control's latest results in its answer. */
  public static final int RECENT = 10;

  /**
   * One control in {@code lang} with its history's {@code digest} (see {@link
   * TrustCenterView.ControlDetail}), or empty if the snapshot has no control with that id. The
   * answer's size is bounded however long the history is.
   */
  public static Optional<TrustCenterView.ControlDetail> control(
      PublicSnapshot s,
      String id,
      Language lang,
      Instant now,
      int reviewPeriodDays,
      HistoryDigest digest) {
    return controlWithoutHistory(s, id, lang, now, reviewPeriodDays)
        .map(head -> withHistory(head, digest, now));
  }

  /**
   * One control in {@code lang} as {@link #control} answers it, without its history: no last
   * result, days, changes or results. What its answer holds besides the history, derived without
   * reading it; {@link #withHistory} adds it.
   */
  public static Optional<TrustCenterView.ControlDetail> controlWithoutHistory(
      PublicSnapshot s, String id, Language lang, Instant now, int reviewPeriodDays) {
    return s.content().controls().stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .map(ctl -> withoutHistory(s, ctl, categoryNames(s, lang), lang, now, reviewPeriodDays));
  }

  /**
   * Every control in {@code lang} as {@link #controlWithoutHistory} answers it, by id in the
   * snapshot's order, derived in one pass.
   */
  public static Map<String, TrustCenterView.ControlDetail> controlsWithoutHistory(
      PublicSnapshot s, Language lang, Instant now, int reviewPeriodDays) {
    Map<String, String> categoryNames = categoryNames(s, lang);
    Map<String, TrustCenterView.ControlDetail> out = new LinkedHashMap<>();
    for (Control ctl : s.content().controls()) {
      out.putIfAbsent(ctl.id(), withoutHistory(s, ctl, categoryNames, lang, now, reviewPeriodDays));
    }
    return out;
  }

  /** Category id to its name in {@code lang}, the first of an id kept. */
  private static Map<String, String> categoryNames(PublicSnapshot s, Language lang) {
    Map<String, String> out = new java.util.HashMap<>();
    for (Category cat : s.content().categories()) {
      out.putIfAbsent(cat.id(), cat.name().in(lang));
    }
    return out;
  }

  private static TrustCenterView.ControlDetail withoutHistory(
      PublicSnapshot s,
      Control ctl,
      Map<String, String> categoryNames,
      Language lang,
      Instant now,
      int reviewPeriodDays) {
    ControlView view = control(s, ctl, lang, now, reviewPeriodDays);
    CheckSummary summary = s.checks().get(ctl.id());
    Instant lastPassing = summary == null ? null : summary.lastPassingAt();
    return new TrustCenterView.ControlDetail(
        s.schemaVersion(),
        lang.code(),
        view,
        categoryNames.get(ctl.categoryId()),
        null,
        lastPassing,
        lastPassing == null ? null : lastPassing.plus(Duration.ofDays(view.periodDays())),
        List.of(),
        List.of(),
        List.of());
  }

  /**
   * {@code head} ({@link #controlWithoutHistory}) with the history of {@code digest} at {@code
   * now}.
   */
  public static TrustCenterView.ControlDetail withHistory(
      TrustCenterView.ControlDetail head, HistoryDigest digest, Instant now) {
    List<TrustCenterView.CheckResultView> recent = digest.recent(now);
    return new TrustCenterView.ControlDetail(
        head.schemaVersion(),
        head.language(),
        head.control(),
        head.categoryName(),
        recent.isEmpty() ? null : recent.get(0),
        head.lastPassingAt(),
        head.nextDueAt(),
        digest.daily(now),
        digest.transitions(now),
        recent);
  }

  static ControlView control(
      PublicSnapshot s, Control c, Language lang, Instant now, int reviewPeriodDays) {
    CheckSummary summary = s.checks().get(c.id());
    int period = ControlStatus.periodDays(c, reviewPeriodDays);
    return new ControlView(
        c.id(),
        c.categoryId(),
        c.title().in(lang),
        c.description().in(lang),
        c.checkMethod(),
        period,
        ControlStatus.derive(summary, period, now),
        summary == null ? null : summary.lastCheckedAt(),
        summary == null ? null : summary.lastOutcome());
  }

  /** How many of {@code controls} are in each status. */
  public static StatusCounts counts(List<ControlView> controls) {
    int passing = 0;
    int failing = 0;
    int overdue = 0;
    int notYet = 0;
    for (ControlView v : controls) {
      switch (v.status()) {
        case PASSING -> passing++;
        case FAILING -> failing++;
        case OVERDUE -> overdue++;
        case NOT_YET_CHECKED -> notYet++;
      }
    }
    return new StatusCounts(controls.size(), passing, failing, overdue, notYet);
  }

  private static FrameworkView framework(Framework f, Language lang) {
    var cert = f.certificate();
    return new FrameworkView(
        f.id(),
        f.name(),
        f.version(),
        f.description().in(lang),
        cert == null
            ? null
            : new CertificateView(
                cert.certificationBody(),
                cert.certificateNumber(),
                cert.scope() == null ? null : cert.scope().in(lang),
                cert.validFrom(),
                cert.validUntil(),
                cert.verifyUrl()));
  }

  /** Our subprocessors in {@code lang}, each with its upstream list summary when synced. */
  public static List<SubprocessorView> subprocessors(PublicSnapshot snapshot, Language lang) {
    return snapshot.content().subprocessors().stream()
        .map(sp -> subprocessor(sp, snapshot.upstream().get(sp.id()), lang))
        .toList();
  }

  private static SubprocessorView subprocessor(
      Subprocessor s, PublicSnapshot.Upstream up, Language lang) {
    return new SubprocessorView(
        s.id(),
        s.name(),
        s.purpose().in(lang),
        s.dataLocations().stream().map(t -> t.in(lang)).toList(),
        s.subprocessorListUrl(),
        s.dpaUrl(),
        s.notes().in(lang),
        up == null
            ? null
            : new TrustCenterView.UpstreamView(
                up.entryCount(), up.lastVerifiedAt(), up.pageUpdated(), up.lastChangeAt()));
  }

  private static ResourceView resource(Resource r, Language lang) {
    return new ResourceView(
        r.id(),
        r.title().in(lang),
        r.owner(),
        r.kind(),
        r.url(),
        r.url() == null ? "on_request" : "public");
  }
}
