package dev.trustcenter.site;

import dev.trustcenter.content.CheckMethod;
import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.ControlStatus;
import dev.trustcenter.content.Language;
import dev.trustcenter.i18n.Messages;
import dev.trustcenter.i18n.PageModel;
import dev.trustcenter.i18n.PageModel.Alternate;
import dev.trustcenter.i18n.PageModel.Bilingual;
import dev.trustcenter.i18n.PageModel.CategoryItem;
import dev.trustcenter.i18n.PageModel.CertificateItem;
import dev.trustcenter.i18n.PageModel.ChangeItem;
import dev.trustcenter.i18n.PageModel.ControlItem;
import dev.trustcenter.i18n.PageModel.ControlPage;
import dev.trustcenter.i18n.PageModel.Count;
import dev.trustcenter.i18n.PageModel.DayItem;
import dev.trustcenter.i18n.PageModel.EntryGroup;
import dev.trustcenter.i18n.PageModel.EntryRow;
import dev.trustcenter.i18n.PageModel.Fact;
import dev.trustcenter.i18n.PageModel.Frame;
import dev.trustcenter.i18n.PageModel.FrameworkItem;
import dev.trustcenter.i18n.PageModel.HistoryItem;
import dev.trustcenter.i18n.PageModel.IndexPage;
import dev.trustcenter.i18n.PageModel.LangBlock;
import dev.trustcenter.i18n.PageModel.LastResult;
import dev.trustcenter.i18n.PageModel.Link;
import dev.trustcenter.i18n.PageModel.Markup;
import dev.trustcenter.i18n.PageModel.ResourceGroup;
import dev.trustcenter.i18n.PageModel.ResourceItem;
import dev.trustcenter.i18n.PageModel.Status;
import dev.trustcenter.i18n.PageModel.SubprocessorItem;
import dev.trustcenter.i18n.PageModel.Time;
import dev.trustcenter.i18n.PageModel.TransitionItem;
import dev.trustcenter.i18n.PageModel.UpstreamItem;
import dev.trustcenter.i18n.PageModel.UpstreamPage;
import dev.trustcenter.i18n.Templates;
import dev.trustcenter.publicview.HistoryDigest;
import dev.trustcenter.publicview.PublicHistory;
import dev.trustcenter.publicview.TrustCenterView;
import dev.trustcenter.publicview.TrustCenterView.CategoryView;
import dev.trustcenter.publicview.TrustCenterView.CertificateView;
import dev.trustcenter.publicview.TrustCenterView.ControlDetail;
import dev.trustcenter.publicview.TrustCenterView.ControlView;
import dev.trustcenter.publicview.TrustCenterView.FrameworkView;
import dev.trustcenter.publicview.TrustCenterView.ResourceView;
import dev.trustcenter.publicview.TrustCenterView.StatusCounts;
import dev.trustcenter.publicview.TrustCenterView.SubprocessorView;
import dev.trustcenter.publicview.Views;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Renders the whole static site from a {@link SiteInput}: the language chooser at {@code /}, the
 * trust center in each language ({@code /es/}, {@code /en/}), one page per control and per synced
 * upstream list, a 404 page, the fingerprinted stylesheet and script, and the machine-readable
 * files ({@link MachineFiles}).
 *
 * <p>Deterministic: the same input and the same statuses give byte-identical files, so an unchanged
 * trust center publishes nothing. The time of rendering only matters where the truth depends on it
 * (a control turning overdue, a list turning stale, the month of {@code security.txt}'s expiry);
 * relative times ("3 days ago") are added by the script in the browser for that reason.
 *
 * <p>Thread-safe; build one and reuse it (it compiles the templates once).
 */
public final class SiteRenderer {
  static final String HTML = "text/html; charset=utf-8";

  /** A list not verified for this long is flagged as possibly out of date. */
  static final Duration STALE_AFTER = Duration.ofDays(3);

  /** The synced vendor pages (Google Cloud's and Cloudflare's) are in English. */
  static final String VENDOR_CONTENT_LANG = "en";

  private static final int CHANGES_PER_VENDOR_PAGE = 20;

  private final Templates templates = new Templates();
  private final Map<Language, Messages> messages = Messages.loadAll();
  private final byte[] css = resource("/static/site.css");
  private final byte[] js = resource("/static/site.js");
  private final String cssPath = "/assets/site." + hash8(css) + ".css";
  private final String jsPath = "/assets/site." + hash8(js) + ".js";
  private final int reviewPeriodDays;
  private final PublicHistory history;
  private volatile EvidenceLogView evidenceLog;

  /**
   * The fingerprints of the last render's pages, feeds and lists, with what they were taken of: an
   * unchanged control (most of them, at every publish) is compared, not walked and hashed again.
   */
  private final Memo<String> prints = new Memo<>(Fingerprint::of);

  /**
   * The trust center page's control lines as last rendered ({@code control-item}), by language and
   * control id: at 300 controls, building and rendering them took most of the page's time, and one
   * change alters one line.
   */
  private final Memo<String> lines = new Memo<>(value -> line((Line) value));

  /** A control's line on the trust center page in one language: what it is rendered from. */
  private record Line(Language lang, ControlView control) {}

  /**
   * @param reviewPeriodDays the period of policy reviews ({@code POLICY_REVIEW_DAYS})
   * @param history where control pages get their check history's digest (one document each)
   */
  public SiteRenderer(int reviewPeriodDays, PublicHistory history) {
    this.reviewPeriodDays = reviewPeriodDays;
    this.history = Objects.requireNonNull(history);
  }

  /**
   * Shows the evidence log (verifier key, each control's latest logged result); without it the site
   * omits both.
   */
  public SiteRenderer withEvidenceLog(EvidenceLogView view) {
    this.evidenceLog = Objects.requireNonNull(view);
    return this;
  }

  /**
   * A renderer with the default review period and no check history (tests of layout and escaping).
   */
  public SiteRenderer() {
    this(365, (id, now) -> HistoryDigest.EMPTY);
  }

  /**
   * Renders the site.
   *
   * @param baseUrl the public URL of the site, for canonical links, alternates, the sitemap and
   *     security.txt
   * @param now the time statuses are derived at
   */
  public RenderedSite render(SiteInput input, URI baseUrl, Instant now) {
    return render(input, baseUrl, now, Reuse.NONE);
  }

  /**
   * Whether a page need not be rendered again: a control page is rendered from a fingerprinted set
   * of inputs ({@code ControlInputs}: the control as derived at the time of rendering, its category
   * and history in summary, its evidence log entry, the language, the base URL, the company name
   * and the security contact), an upstream list page likewise ({@code UpstreamInputs}); everything
   * else such a page is built from is fixed in the renderer (templates, messages, styles, script,
   * code).
   */
  @FunctionalInterface
  public interface Reuse {
    /** Reuses nothing: every page is rendered. */
    Reuse NONE = (path, inputs) -> null;

    /**
     * The SHA-256 (hex) of the page at {@code path} as it is published, if it was rendered from
     * inputs with fingerprint {@code inputs} and is still published as rendered; null to render it.
     */
    String published(String path, String inputs);

    /**
     * The fingerprint of the control's history part as the last publish took it, or null: the
     * renderer uses it only while the digest's fingerprint and the time are those it holds for.
     */
    default HistoryPrint history(String controlId) {
      return null;
    }
  }

  /**
   * The fingerprint of a control's history part ({@code HistoryPart}), taken from a digest and
   * valid without reading it again while that digest stays the same and the time is in [{@code
   * from}, {@code until}) ({@link HistoryDigest#changesAt}): a kept control page then needs its
   * digest neither parsed nor its history derived.
   *
   * @param digest the digest's fingerprint ({@link PublicHistory#fingerprint})
   * @param print the history part's fingerprint
   */
  public record HistoryPrint(String digest, Instant from, Instant until, String print) {
    boolean holds(String digestNow, Instant now) {
      return digest != null
          && digest.equals(digestNow)
          && from != null
          && until != null
          && !now.isBefore(from)
          && now.isBefore(until)
          && print != null;
    }
  }

  /**
   * Renders the site, leaving out the control and upstream list pages, feeds and sitemap that
   * {@code reuse} says are published as their inputs render them (listed in {@link
   * RenderedSite#kept()}). The files that list every control (both trust center pages and {@code
   * trust.json}) and the small others are always rendered. With {@link Reuse#NONE} this is a full
   * render.
   */
  public RenderedSite render(SiteInput input, URI baseUrl, Instant now, Reuse reuse) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(reuse, "reuse");
    Context ctx = new Context(input, base(baseUrl), now, cssPath, jsPath);
    Output out = new Output(reuse);
    Memo<String>.Round round = prints.round();
    Memo<String>.Round lineRound = lines.round();
    Map<String, SiteFile> files = out.files;
    List<String> notes = new ArrayList<>();
    put(files, new SiteFile(ctx.cssPath, css, "text/css; charset=utf-8", CacheClass.ASSET));
    put(files, new SiteFile(ctx.jsPath, js, "text/javascript; charset=utf-8", CacheClass.ASSET));
    put(files, page("/index.html", templates.render("chooser", bilingual(ctx, ctx.base + "/"))));
    put(
        files,
        page("/404.html", templates.render("notfound", bilingual(ctx, ctx.base + "/404.html"))));

    MachineFiles machine = new MachineFiles(input, ctx.base, now, messages);
    DataLocation dataLocation =
        DataLocation.from(history.digest(DataLocation.CONTROL_ID, now).recent(now));
    EvidenceLogView.Info log = evidenceLog == null ? null : evidenceLog.read();
    List<MachineFiles.PageRef> pages = new ArrayList<>();
    // A control's history as its pages show it is the same in every language: its digest is read,
    // and its fingerprint taken, once per control (the largest part of a page's inputs), not once
    // per page; a kept page needs neither when the last publish's fingerprint still holds.
    Map<String, HistoryDigest> digests = new java.util.HashMap<>();
    Map<String, HistoryPrint> historyPrints = new LinkedHashMap<>();
    // Every digest's fingerprint as stored now, in one read.
    java.util.function.Function<String, String> digestPrints = history.fingerprints();
    // Likewise an upstream list with its changes, the largest part of its pages' inputs.
    Map<String, String> listPrints = new java.util.HashMap<>();
    for (Language lang : Language.values()) {
      Messages m = messages.get(lang);
      TrustCenterView view = Views.trustCenter(input.snapshot(), lang, now, reviewPeriodDays);
      Map<String, ControlDetail> heads =
          Views.controlsWithoutHistory(input.snapshot(), lang, now, reviewPeriodDays);
      put(
          files,
          page(
              "/" + lang.code() + "/index.html",
              templates.render(
                  "index",
                  frame(ctx, lang, "", null, null),
                  index(ctx, m, view, dataLocation, lineRound))));
      for (CategoryView cat : view.categories()) {
        for (ControlView control : cat.controls()) {
          String rest = "controls/" + Slugs.of(control.id()) + "/";
          ControlDetail head = heads.get(control.id());
          Instant nextDue = head.nextDueAt();
          ControlInputs in =
              new ControlInputs(
                  lang.code(),
                  ctx.base,
                  input.snapshot().content().profile().companyName(),
                  ctx.securityContact,
                  rest,
                  head,
                  nextDue != null && !nextDue.isAfter(now),
                  evidence(ctx, m, log, control.id()).evidenceLog());
          String path = "/" + lang.code() + "/" + rest + "index.html";
          String fingerprint =
              round.of(
                  path,
                  ControlPrint.of(
                      in,
                      historyPrints
                          .computeIfAbsent(
                              control.id(),
                              id -> historyPrint(head, now, reuse, digests, digestPrints.apply(id)))
                          .print()));
          out.keptOrRendered(
              path,
              fingerprint,
              () -> {
                HistoryDigest digest =
                    digests.computeIfAbsent(control.id(), id -> history.digest(id, now));
                return page(
                    path,
                    controlPage(ctx, lang, m, in.withDetail(Views.withHistory(head, digest, now))));
              });
          if (lang == Language.DEFAULT) {
            pages.add(new MachineFiles.PageRef(rest));
          }
        }
      }
      for (SubprocessorView sp : view.subprocessors()) {
        VendorList list = input.vendorLists().get(sp.id());
        if (list != null && !list.entries().isEmpty()) {
          String rest = "subprocessors/" + Slugs.of(sp.id()) + "/";
          UpstreamInputs in =
              new UpstreamInputs(
                  lang.code(),
                  ctx.base,
                  input.snapshot().content().profile().companyName(),
                  ctx.securityContact,
                  rest,
                  sp.id(),
                  sp.name(),
                  list,
                  input.changes().stream()
                      .filter(c -> c.vendor().equals(sp.id()))
                      .limit(CHANGES_PER_VENDOR_PAGE)
                      .toList(),
                  stale(ctx, m, list));
          String path = "/" + lang.code() + "/" + rest + "index.html";
          String fingerprint =
              Fingerprint.of(
                  new UpstreamPrint(
                      in.withoutList(),
                      listPrints.computeIfAbsent(
                          sp.id(),
                          id ->
                              round.of("list:" + id, new UpstreamPart(in.list(), in.changes())))));
          out.keptOrRendered(
              path,
              fingerprint,
              () -> {
                String heading = m.format("upstreamPageTitle", sp.name());
                return page(
                    path,
                    templates.render(
                        "upstream",
                        frame(ctx, lang, rest, heading + " · " + siteTitle(ctx, m), heading),
                        upstream(m, lang, in)));
              });
          if (lang == Language.DEFAULT) {
            pages.add(new MachineFiles.PageRef(rest));
          }
        }
      }
      // The feed shows the upstream changes and our planned ones, not the controls: kept while
      // its inputs are the last publish's.
      String feed = MachineFiles.feedPath(lang);
      out.keptOrRendered(
          feed,
          round.of(feed, machine.feedInputs(lang)),
          () ->
              new SiteFile(
                  feed,
                  machine.atom(lang),
                  "application/atom+xml; charset=utf-8",
                  CacheClass.DATA));
    }
    put(
        files,
        new SiteFile(
            "/trust.json",
            machine.trustJson(log, dataLocation),
            "application/json; charset=utf-8",
            CacheClass.DATA));
    out.keptOrRendered(
        "/sitemap.xml",
        round.of("/sitemap.xml", machine.sitemapInputs(pages)),
        () ->
            new SiteFile(
                "/sitemap.xml",
                machine.sitemap(pages),
                "application/xml; charset=utf-8",
                CacheClass.DATA));
    put(
        files,
        new SiteFile(
            "/robots.txt", machine.robots(), "text/plain; charset=utf-8", CacheClass.DATA));
    if (ctx.securityContact != null) {
      put(
          files,
          new SiteFile(
              MachineFiles.SECURITY_TXT,
              machine.securityTxt(ctx.securityContact),
              "text/plain; charset=utf-8",
              CacheClass.DATA));
    } else {
      notes.add(
          MachineFiles.SECURITY_TXT
              + " not published: no security contact (an https: URL or mailto: address) is configured in the profile");
    }
    round.close();
    lineRound.close();
    return new RenderedSite(
        files, notes, out.kept, out.fingerprints, steady(historyPrints, digests.keySet(), now));
  }

  /**
   * {@code prints}, but a print taken from a digest this render read ({@code read}) is kept as
   * valid only when the digest's fingerprint, read again now that every digest the render needed
   * has been read, is still the one it was taken with: a result recorded meanwhile may or may not
   * be in what was read. One more read of the fingerprints per render, none when no digest was
   * read.
   */
  private Map<String, HistoryPrint> steady(
      Map<String, HistoryPrint> prints, java.util.Set<String> read, Instant now) {
    if (read.isEmpty()) {
      return prints;
    }
    java.util.function.Function<String, String> after = history.fingerprints();
    Map<String, HistoryPrint> out = new LinkedHashMap<>(prints);
    for (String id : read) {
      HistoryPrint p = out.get(id);
      if (p != null && p.digest() != null && !p.digest().equals(after.apply(id))) {
        out.put(id, new HistoryPrint(null, now, now, p.print()));
      }
    }
    return out;
  }

  /**
   * The fingerprint of the control's history part at {@code now}: the last publish's when it still
   * holds ({@link HistoryPrint#holds}), otherwise taken from the digest (read into {@code digests}
   * for the control's pages). A new one is taken as valid until the digest's {@link
   * HistoryDigest#changesAt}; {@link #steady} then keeps it so only when the digest's fingerprint
   * did not change while the render read it.
   *
   * @param before the digest's fingerprint as read at the start of the render ({@link
   *     PublicHistory#fingerprints}), null when it has none
   */
  private HistoryPrint historyPrint(
      ControlDetail head,
      Instant now,
      Reuse reuse,
      Map<String, HistoryDigest> digests,
      String before) {
    String controlId = head.control().id();
    HistoryPrint last = before == null ? null : reuse.history(controlId);
    if (last != null && last.holds(before, now)) {
      return last;
    }
    HistoryDigest digest = digests.computeIfAbsent(controlId, id -> history.digest(id, now));
    String print = Fingerprint.of(HistoryPart.of(Views.withHistory(head, digest, now)));
    return before == null
        ? new HistoryPrint(null, now, now, print)
        : new HistoryPrint(before, now, digest.changesAt(now), print);
  }

  /**
   * Everything a control page is rendered from besides what is fixed in the renderer; its {@link
   * Fingerprint} is the page's. {@link #frame} reads the base URL, company name and security
   * contact from the render's context, which these copy.
   *
   * @param dueNow whether the next check is due at the time of rendering
   */
  private record ControlInputs(
      String lang,
      String base,
      String companyName,
      String securityContact,
      String rest,
      ControlDetail detail,
      boolean dueNow,
      EvidenceLogView.EntryRef evidence) {
    ControlInputs withDetail(ControlDetail d) {
      return new ControlInputs(lang, base, companyName, securityContact, rest, d, dueNow, evidence);
    }
  }

  /**
   * What a control page's fingerprint is taken of: its {@link ControlInputs} with the history
   * (language-independent, see {@link HistoryPart}) replaced by that part's own fingerprint.
   */
  private record ControlPrint(
      String lang,
      String base,
      String companyName,
      String securityContact,
      String rest,
      int schemaVersion,
      String language,
      ControlView control,
      String categoryName,
      Instant lastPassingAt,
      Instant nextDueAt,
      boolean dueNow,
      EvidenceLogView.EntryRef evidence,
      String history) {
    static ControlPrint of(ControlInputs in, String history) {
      ControlDetail d = in.detail();
      return new ControlPrint(
          in.lang(),
          in.base(),
          in.companyName(),
          in.securityContact(),
          in.rest(),
          d.schemaVersion(),
          d.language(),
          d.control(),
          d.categoryName(),
          d.lastPassingAt(),
          d.nextDueAt(),
          in.dueNow(),
          in.evidence(),
          history);
    }
  }

  /** The part of a control page's inputs that is its check history, the same in every language. */
  private record HistoryPart(
      TrustCenterView.CheckResultView lastResult,
      List<TrustCenterView.DayView> daily,
      List<TrustCenterView.TransitionView> transitions,
      List<TrustCenterView.CheckResultView> history) {
    static HistoryPart of(ControlDetail d) {
      return new HistoryPart(d.lastResult(), d.daily(), d.transitions(), d.history());
    }
  }

  private String controlPage(Context ctx, Language lang, Messages m, ControlInputs in) {
    ControlView control = in.detail().control();
    String title = control.title() + " · " + siteTitle(ctx, m);
    return templates.render(
        "control",
        frame(ctx, lang, in.rest(), title, control.description()),
        control(m, in.detail(), in.dueNow()),
        new EvidenceLogView.Scope(in.evidence()));
  }

  /**
   * Everything an upstream list page is rendered from besides what is fixed in the renderer, as
   * {@link ControlInputs} for control pages.
   *
   * @param changes the list's recent changes shown, newest first
   * @param stale the warning that the list may be out of date, or null
   */
  private record UpstreamInputs(
      String lang,
      String base,
      String companyName,
      String securityContact,
      String rest,
      String subprocessorId,
      String subprocessorName,
      VendorList list,
      List<VendorListChange> changes,
      String stale) {
    UpstreamInputs withoutList() {
      return new UpstreamInputs(
          lang,
          base,
          companyName,
          securityContact,
          rest,
          subprocessorId,
          subprocessorName,
          null,
          List.of(),
          stale);
    }
  }

  /** The part of an upstream page's inputs that is the same in every language. */
  private record UpstreamPart(VendorList list, List<VendorListChange> changes) {}

  /**
   * What an upstream page's fingerprint is taken of: its {@link UpstreamInputs} without the list
   * and its changes, and their own fingerprint ({@link UpstreamPart}) in their place.
   */
  private record UpstreamPrint(UpstreamInputs page, String list) {}

  /**
   * What a render produces: the files it rendered, the ones it kept as published (path to SHA-256),
   * and the fingerprint of every file rendered only when its inputs change.
   */
  private static final class Output {
    final Map<String, SiteFile> files = new LinkedHashMap<>();
    final Map<String, String> kept = new LinkedHashMap<>();
    final Map<String, String> fingerprints = new LinkedHashMap<>();
    private final Reuse reuse;

    Output(Reuse reuse) {
      this.reuse = reuse;
    }

    /**
     * Records {@code fingerprint} for {@code path} and keeps the published file when the last
     * publish rendered it from the same inputs ({@link Reuse#published}); renders it otherwise.
     */
    void keptOrRendered(
        String path, String fingerprint, java.util.function.Supplier<SiteFile> render) {
      if (fingerprints.put(path, fingerprint) != null) {
        throw new IllegalStateException("two files rendered at " + path);
      }
      String published = reuse.published(path, fingerprint);
      if (published != null) {
        kept.put(path, published);
      } else {
        put(files, render.get());
      }
    }
  }

  private static void put(Map<String, SiteFile> files, SiteFile file) {
    if (files.put(file.path(), file) != null) {
      throw new IllegalStateException("two files rendered at " + file.path());
    }
  }

  private static SiteFile page(String path, String html) {
    return new SiteFile(path, html.getBytes(StandardCharsets.UTF_8), HTML, CacheClass.PAGE);
  }

  // ---- frames

  /** What the whole render shares. */
  private static final class Context {
    final SiteInput input;
    final String base;
    final Instant now;
    final String cssPath;
    final String jsPath;
    final String securityContact;

    /** The base URL's path without its trailing slashes: same-origin paths start with it. */
    final String rootPath;

    Context(SiteInput input, String base, Instant now, String cssPath, String jsPath) {
      this.input = input;
      this.base = base;
      this.rootPath = java.net.URI.create(base).getRawPath().replaceAll("/+$", "");
      this.now = now;
      this.cssPath = cssPath;
      this.jsPath = jsPath;
      String contact = input.snapshot().content().profile().securityContact();
      this.securityContact = SafeUrls.isHttpsOrMailto(contact) ? contact : null;
    }
  }

  private Frame frame(Context ctx, Language lang, String rest, String title, String description) {
    Messages m = messages.get(lang);
    Language other = lang == Language.ES ? Language.EN : Language.ES;
    List<Alternate> alternates = new ArrayList<>();
    for (Language l : Language.values()) {
      alternates.add(new Alternate(l.code(), ctx.base + "/" + l.code() + "/" + rest));
    }
    alternates.add(
        new Alternate(
            "x-default",
            rest.isEmpty()
                ? ctx.base + "/"
                : ctx.base + "/" + Language.DEFAULT.code() + "/" + rest));
    String company = ctx.input.snapshot().content().profile().companyName();
    return new Frame(
        lang.code(),
        m.all(),
        title == null ? siteTitle(ctx, m) : title,
        description == null ? m.format("metaDescription", company) : description,
        ctx.base + "/" + lang.code() + "/" + rest,
        alternates,
        MachineFiles.feedPath(lang),
        ctx.cssPath,
        ctx.jsPath,
        "/" + lang.code() + "/",
        siteTitle(ctx, m),
        "/" + other.code() + "/" + rest,
        other.code(),
        messages.get(other).get("langName"),
        ctx.securityContact == null ? null : contactLink(ctx.securityContact),
        ctx.securityContact == null ? null : MachineFiles.SECURITY_TXT);
  }

  private static String siteTitle(Context ctx, Messages m) {
    return m.format("siteTitle", ctx.input.snapshot().content().profile().companyName());
  }

  private Bilingual bilingual(Context ctx, String canonical) {
    List<Alternate> alternates = new ArrayList<>();
    for (Language l : Language.values()) {
      alternates.add(new Alternate(l.code(), ctx.base + "/" + l.code() + "/"));
    }
    alternates.add(new Alternate("x-default", ctx.base + "/"));
    return new Bilingual(
        canonical,
        alternates,
        ctx.cssPath,
        ctx.jsPath,
        new LangBlock(siteTitle(ctx, messages.get(Language.ES)), messages.get(Language.ES).all()),
        new LangBlock(siteTitle(ctx, messages.get(Language.EN)), messages.get(Language.EN).all()));
  }

  // ---- the trust center page

  /** A control's line on the trust center page ({@link #lines}). */
  private String line(Line line) {
    Messages m = messages.get(line.lang());
    ControlView c = line.control();
    ControlItem item =
        new ControlItem(
            "/" + line.lang().code() + "/controls/" + Slugs.of(c.id()) + "/",
            c.title(),
            c.description(),
            status(m, c.status(), c.lastOutcome()),
            method(m, c.checkMethod()),
            period(m, c.periodDays()),
            c.lastCheckedAt() == null ? null : instant(line.lang(), c.lastCheckedAt()));
    return templates.render("control-item", Map.of("m", m.all()), item);
  }

  private IndexPage index(
      Context ctx,
      Messages m,
      TrustCenterView view,
      DataLocation dataLocation,
      Memo<String>.Round lines) {
    StatusCounts s = view.summary();
    int couldNotCheck =
        (int)
            view.categories().stream()
                .flatMap(cat -> cat.controls().stream())
                .filter(
                    c ->
                        c.status() == ControlStatus.NOT_YET_CHECKED
                            && c.lastOutcome() == CheckOutcome.ERROR)
                .count();
    List<Count> rollup =
        List.of(
            new Count("passing", m.get("statusPassing"), s.passing()),
            new Count("failing", m.get("statusFailing"), s.failing()),
            new Count("overdue", m.get("statusOverdue"), s.overdue()),
            new Count("error", m.get("statusCouldNotCheck"), couldNotCheck),
            new Count(
                "not_yet_checked",
                m.get("statusNotYetChecked"),
                s.notYetChecked() - couldNotCheck));
    List<Status> legend =
        List.of(
            status(m, ControlStatus.PASSING),
            status(m, ControlStatus.FAILING),
            status(m, ControlStatus.OVERDUE),
            status(m, ControlStatus.NOT_YET_CHECKED, CheckOutcome.ERROR),
            status(m, ControlStatus.NOT_YET_CHECKED));
    Language lang = m.language();
    List<CategoryItem> categories = new ArrayList<>();
    for (CategoryView cat : view.categories()) {
      List<Markup> controls = new ArrayList<>();
      for (ControlView c : cat.controls()) {
        controls.add(new Markup(lines.of(lang.code() + "/" + c.id(), new Line(lang, c))));
      }
      boolean attention = cat.summary().failing() > 0 || cat.summary().overdue() > 0;
      categories.add(
          new CategoryItem(
              Slugs.of(cat.id()),
              cat.name(),
              m.format("categoryCount", cat.summary().passing(), cat.summary().total()),
              attention,
              controls));
    }
    // The certification's report is the company's own certificate document, public or on request.
    ResourceItem report =
        view.resources().stream()
            .filter(r -> "company".equals(r.owner()) && "certificate".equals(r.kind()))
            .findFirst()
            .map(r -> resourceItem(m, r))
            .orElse(null);
    List<FrameworkItem> frameworks = new ArrayList<>();
    for (FrameworkView f : view.frameworks()) {
      frameworks.add(
          new FrameworkItem(
              Slugs.of(f.id()),
              f.name(),
              f.version(),
              f.description(),
              certificate(ctx, m, f.certificate()),
              report));
    }
    List<SubprocessorItem> subprocessors = new ArrayList<>();
    for (SubprocessorView sp : view.subprocessors()) {
      subprocessors.add(subprocessor(ctx, m, sp));
    }
    return new IndexPage(
        view.profile().tagline(),
        view.profile().overview(),
        view.lastUpdated() == null
            ? null
            : date(lang, LocalDate.ofInstant(view.lastUpdated(), ZoneOffset.UTC)),
        rollup,
        m.plural("rollupTotal", s.total()),
        legend,
        categories,
        frameworks,
        subprocessors,
        resourceGroups(ctx, m, view),
        subscribeHref(lang),
        view.resources().stream().anyMatch(r -> r.url() == null || r.url().isBlank())
            ? accessRequestHref(lang, null)
            : null,
        dataLocation(m, view, dataLocation),
        upcoming(ctx, m));
  }

  /** The scheduled changes of our own subprocessors, or null when there are none. */
  private static PageModel.UpcomingSection upcoming(Context ctx, Messages m) {
    List<UpcomingChange> all = ctx.input.upcoming();
    if (all.isEmpty()) {
      return null;
    }
    Language lang = m.language();
    List<PageModel.UpcomingItem> items = new ArrayList<>();
    for (UpcomingChange c : all) {
      items.add(
          new PageModel.UpcomingItem(
              "upcoming-" + c.id(),
              m.format(c.titleKey(), c.name()),
              c.details(m),
              date(lang, c.effectiveOn()),
              m.format("upcomingDeadline", dateFormat(lang).format(c.objectionDeadline()))));
    }
    return new PageModel.UpcomingSection(items);
  }

  /** Where the data is: what the Data Residency check last read, or why nothing can be shown. */
  private PageModel.DataLocationItem dataLocation(
      Messages m, TrustCenterView view, DataLocation d) {
    Language lang = m.language();
    boolean controlShown =
        view.categories().stream()
            .flatMap(cat -> cat.controls().stream())
            .anyMatch(c -> c.id().equals(DataLocation.CONTROL_ID));
    String href =
        controlShown
            ? "/" + lang.code() + "/controls/" + Slugs.of(DataLocation.CONTROL_ID) + "/"
            : null;
    if (d.localDevelopment()) {
      return new PageModel.DataLocationItem(
          List.of(), instant(lang, d.readAt()), null, "local", href);
    }
    if (d.readAt() == null || d.locations().isEmpty()) {
      return new PageModel.DataLocationItem(
          List.of(), d.readAt() == null ? null : instant(lang, d.readAt()), null, "not-read", href);
    }
    List<Fact> places = new ArrayList<>();
    for (Map.Entry<String, String> e : d.placesInOrder()) {
      places.add(new Fact(m.get("dataPlace." + e.getKey()), e.getValue()));
    }
    String declared = String.join(", ", d.declared());
    String verdict =
        d.declared().isEmpty()
            ? m.get("dataLocationNoDeclaration")
            : d.outcome() == CheckOutcome.PASSING
                ? m.format("dataLocationInside", declared)
                : m.format("dataLocationOutside", declared);
    return new PageModel.DataLocationItem(places, instant(lang, d.readAt()), verdict, "read", href);
  }

  /** The subscription form of the public API ({@code /api} on the site's host, see README). */
  static String subscribeHref(Language lang) {
    return "/api/v1/subscriptions/new?lang=" + lang.code();
  }

  /** The access request form of the public API, with {@code documentId} chosen when not null. */
  static String accessRequestHref(Language lang, String documentId) {
    return "/api/v1/access-requests/new?lang="
        + lang.code()
        + (documentId == null
            ? ""
            : "&documentId=" + URLEncoder.encode(documentId, StandardCharsets.UTF_8));
  }

  private static ResourceItem resourceItem(Messages m, ResourceView r) {
    return r.url() == null || r.url().isBlank()
        ? new ResourceItem(r.title(), null, accessRequestHref(m.language(), r.id()))
        : new ResourceItem(r.title(), link(m, r.url(), r.title()), null);
  }

  private CertificateItem certificate(Context ctx, Messages m, CertificateView c) {
    if (c == null) {
      return null;
    }
    Language lang = m.language();
    List<Fact> facts =
        List.of(
            new Fact(m.get("certBody"), orNotStated(m, c.certificationBody())),
            new Fact(m.get("certNumber"), orNotStated(m, c.certificateNumber())),
            new Fact(m.get("certScope"), orNotStated(m, c.scope())),
            new Fact(
                m.get("certValidFrom"),
                c.validFrom() == null ? m.get("notStated") : date(lang, c.validFrom()).text()),
            new Fact(
                m.get("certValidUntil"),
                c.validUntil() == null ? m.get("notStated") : date(lang, c.validUntil()).text()));
    LocalDate today = LocalDate.ofInstant(ctx.now, ZoneOffset.UTC);
    String expired =
        c.validUntil() != null && c.validUntil().isBefore(today)
            ? m.format("certExpired", date(lang, c.validUntil()).text())
            : null;
    Link verify =
        c.verifyUrl() == null || c.verifyUrl().isBlank()
            ? null
            : link(m, c.verifyUrl(), m.get("certVerify"));
    return new CertificateItem(facts, expired, verify);
  }

  private SubprocessorItem subprocessor(Context ctx, Messages m, SubprocessorView sp) {
    Language lang = m.language();
    List<Link> links = new ArrayList<>();
    if (sp.subprocessorListUrl() != null && !sp.subprocessorListUrl().isBlank()) {
      links.add(link(m, sp.subprocessorListUrl(), m.format("officialList", sp.name())));
    }
    if (sp.dpaUrl() != null && !sp.dpaUrl().isBlank()) {
      links.add(link(m, sp.dpaUrl(), m.format("dpa", sp.name())));
    }
    VendorList list = ctx.input.vendorLists().get(sp.id());
    UpstreamItem upstream = null;
    if (list != null) {
      String listHref =
          list.entries().isEmpty()
              ? null
              : "/" + lang.code() + "/subprocessors/" + Slugs.of(sp.id()) + "/";
      upstream =
          new UpstreamItem(
              m.plural("upstreamEntries", list.entryCount()),
              instant(lang, list.lastVerifiedAt()),
              list.pageUpdated() == null ? null : date(lang, list.pageUpdated()),
              list.lastChangeAt() == null ? null : instant(lang, list.lastChangeAt()),
              stale(ctx, m, list),
              listHref,
              m.format("upstreamViewAll", sp.name()));
    }
    return new SubprocessorItem(
        Slugs.of(sp.id()),
        sp.name(),
        sp.purpose(),
        sp.dataLocations().isEmpty() ? m.get("notStated") : String.join(", ", sp.dataLocations()),
        sp.notes() == null || sp.notes().isBlank() ? null : sp.notes(),
        links,
        upstream);
  }

  private String stale(Context ctx, Messages m, VendorList list) {
    return list.lastVerifiedAt().isBefore(ctx.now.minus(STALE_AFTER))
        ? m.format("upstreamStale", instant(m.language(), list.lastVerifiedAt()).text())
        : null;
  }

  private List<ResourceGroup> resourceGroups(Context ctx, Messages m, TrustCenterView view) {
    Map<String, List<ResourceItem>> byOwner = new LinkedHashMap<>();
    for (ResourceView r : view.resources()) {
      ResourceItem item = resourceItem(m, r);
      byOwner.computeIfAbsent(r.owner(), k -> new ArrayList<>()).add(item);
    }
    List<ResourceGroup> groups = new ArrayList<>();
    byOwner.forEach(
        (owner, items) ->
            groups.add(
                new ResourceGroup(m.format("resourcesBy", ownerName(ctx, view, owner)), items)));
    return groups;
  }

  private static String ownerName(Context ctx, TrustCenterView view, String owner) {
    if ("company".equals(owner)) {
      return view.profile().companyName();
    }
    return view.subprocessors().stream()
        .filter(s -> s.id().equals(owner))
        .map(SubprocessorView::name)
        .findFirst()
        .orElse(owner);
  }

  // ---- control pages

  private ControlPage control(Messages m, ControlDetail detail, boolean dueNow) {
    Language lang = m.language();
    ControlView c = detail.control();
    List<HistoryItem> history = new ArrayList<>();
    for (TrustCenterView.CheckResultView r : detail.history()) {
      if (r.checkedAt() != null && r.outcome() != null) {
        history.add(
            new HistoryItem(
                instant(lang, r.checkedAt()),
                outcome(m, r.outcome()),
                blankToNull(r.note()),
                r.checkId() == null ? null : CHECK_LANG));
      }
    }
    TrustCenterView.CheckResultView last = detail.lastResult();
    String checkTests =
        last == null || last.checkId() == null ? null : m.all().get("checkTests." + last.checkId());
    List<DayItem> days = new ArrayList<>();
    Map<String, Integer> dayCounts =
        new LinkedHashMap<>(Map.of("passing", 0, "failing", 0, "error", 0, "none", 0));
    for (TrustCenterView.DayView d : detail.daily()) {
      dayCounts.merge(d.outcome(), 1, Integer::sum);
      days.add(
          new DayItem(d.outcome(), shortDate(lang, d.date()) + ": " + m.get("day_" + d.outcome())));
    }
    List<TransitionItem> transitions = new ArrayList<>();
    for (TrustCenterView.TransitionView t : detail.transitions()) {
      transitions.add(
          new TransitionItem(
              instant(lang, t.at()),
              outcome(m, t.to()),
              m.get(
                  t.to() == CheckOutcome.FAILING ? "transitionToFailing" : "transitionToPassing")));
    }
    Instant nextDue = detail.nextDueAt();
    return new ControlPage(
        c.title(),
        c.description(),
        status(m, c.status(), c.lastOutcome()),
        detail.categoryName() == null ? m.get("notStated") : detail.categoryName(),
        "/" + lang.code() + "/#category-" + Slugs.of(c.categoryId()),
        method(m, c.checkMethod()),
        period(m, c.periodDays()),
        c.lastCheckedAt() == null ? null : instant(lang, c.lastCheckedAt()),
        c.lastOutcome() == null ? null : outcome(m, c.lastOutcome()),
        detail.lastPassingAt() == null ? null : instant(lang, detail.lastPassingAt()),
        nextDue == null ? null : instant(lang, nextDue),
        dueNow,
        checkTests,
        last == null ? null : lastResult(m, last),
        m.format(
            "daysSummary",
            Views.DAYS,
            dayCounts.get("passing"),
            dayCounts.get("failing"),
            dayCounts.get("error"),
            dayCounts.get("none")),
        days,
        !transitions.isEmpty(),
        transitions,
        !history.isEmpty(),
        m.format("historyCaption", c.title()),
        history);
  }

  /**
   * Automated checks write their reasons in English (they come from the code and the cloud APIs).
   */
  static final String CHECK_LANG = "en";

  private LastResult lastResult(Messages m, TrustCenterView.CheckResultView r) {
    List<Fact> evidence = new ArrayList<>();
    if (r.evidence() instanceof Map<?, ?> values) {
      values.forEach(
          (k, v) -> {
            if (!"evidence_url".equals(k)) { // shown as the link below
              evidence.add(
                  new Fact(
                      String.valueOf(k),
                      v instanceof String str ? str : dev.trustcenter.json.Json.write(v)));
            }
          });
    }
    boolean hidden = r.evidence() == null && r.note() == null && r.evidenceUrl() == null;
    return new LastResult(
        instant(m.language(), r.checkedAt()),
        outcome(m, r.outcome()),
        blankToNull(r.note()),
        r.checkId() == null ? null : CHECK_LANG,
        !evidence.isEmpty(),
        evidence,
        r.evidenceUrl() == null ? null : link(m, r.evidenceUrl(), m.get("evidenceLink")),
        hidden);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String shortDate(Language lang, LocalDate date) {
    return switch (lang) {
      case ES -> DateTimeFormatter.ofPattern("d MMM", Locale.forLanguageTag("es")).format(date);
      case EN -> DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH).format(date);
    };
  }

  /** The control page's evidence section: its latest result's place in the published log. */
  private static EvidenceLogView.Scope evidence(
      Context ctx, Messages m, EvidenceLogView.Info log, String controlId) {
    Long index = log == null ? null : log.latestCheckResult().get(controlId);
    if (index == null || index >= log.size()) {
      return new EvidenceLogView.Scope(null);
    }
    long bundle = index / 256;
    long width = Math.min(256, log.size() - bundle * 256);
    String bundlePath =
        "/log/tile/entries/" + tileIndex(bundle) + (width == 256 ? "" : ".p/" + width);
    // Same-origin paths: the in-page check fetches them, wherever the page is served from.
    String root = ctx.rootPath;
    return new EvidenceLogView.Scope(
        new EvidenceLogView.EntryRef(
            index,
            m.format("evidenceIndex", Long.toString(index)),
            root + bundlePath,
            index % 256,
            root + "/log/checkpoint",
            log.verifierKey()));
  }

  /**
   * A tile index in the tlog-tiles path form (groups of three digits, all but the last prefixed
   * with x).
   */
  static String tileIndex(long n) {
    String digits = Long.toString(n);
    digits = "0".repeat((3 - digits.length() % 3) % 3) + digits;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < digits.length(); i += 3) {
      out.append(i > 0 ? "/" : "")
          .append(i + 3 < digits.length() ? "x" : "")
          .append(digits, i, i + 3);
    }
    return out.toString();
  }

  // ---- upstream list pages

  private UpstreamPage upstream(Messages m, Language lang, UpstreamInputs in) {
    VendorList list = in.list();
    Map<String, List<EntryRow>> byGroup = new LinkedHashMap<>();
    for (VendorList.Entry e : list.entries()) {
      byGroup
          .computeIfAbsent(e.group().strip(), k -> new ArrayList<>())
          .add(
              new EntryRow(
                  e.name(),
                  e.activity().isBlank() ? m.get("notStated") : e.activity(),
                  e.countries().isEmpty() ? m.get("notStated") : String.join(", ", e.countries())));
    }
    String heading = m.format("upstreamPageTitle", in.subprocessorName());
    List<EntryGroup> groups = new ArrayList<>();
    byGroup.forEach(
        (group, rows) ->
            groups.add(
                new EntryGroup(
                    group.isEmpty()
                        ? heading
                        : m.format("upstreamTableCaption", in.subprocessorName(), group),
                    rows)));
    List<ChangeItem> changes = new ArrayList<>();
    for (VendorListChange c : in.changes()) {
      changes.add(
          new ChangeItem(
              instant(lang, c.detectedAt()),
              changeKind(m, c.kind()),
              c.name(),
              c.group().isBlank() ? null : c.group()));
    }
    Link source =
        list.sourceUrl() == null || list.sourceUrl().isBlank()
            ? null
            : link(m, list.sourceUrl(), m.format("upstreamSource", in.subprocessorName()));
    return new UpstreamPage(
        heading,
        m.format("upstreamPageIntro", in.subprocessorName()),
        m.plural("upstreamEntries", list.entryCount()),
        instant(lang, list.lastVerifiedAt()),
        list.pageUpdated() == null ? null : date(lang, list.pageUpdated()),
        list.lastChangeAt() == null ? null : instant(lang, list.lastChangeAt()),
        in.stale(),
        source,
        "/" + lang.code() + "/#subprocessor-" + Slugs.of(in.subprocessorId()),
        VENDOR_CONTENT_LANG,
        groups,
        !changes.isEmpty(),
        changes);
  }

  static String changeKind(Messages m, String kind) {
    return switch (kind) {
      case "added" -> m.get("changeAdded");
      case "removed" -> m.get("changeRemoved");
      default -> m.get("changeChanged");
    };
  }

  // ---- small pieces

  /**
   * The status as shown: a control whose checks so far could only error is "could not be checked",
   * not "not yet checked", since a check did run (its last checked time is shown beside it).
   */
  static Status status(Messages m, ControlStatus status, CheckOutcome lastOutcome) {
    if (status == ControlStatus.NOT_YET_CHECKED && lastOutcome == CheckOutcome.ERROR) {
      return new Status("error", m.get("statusCouldNotCheck"), m.get("helpCouldNotCheck"));
    }
    return status(m, status);
  }

  static Status status(Messages m, ControlStatus status) {
    return switch (status) {
      case PASSING -> new Status("passing", m.get("statusPassing"), m.get("helpPassing"));
      case FAILING -> new Status("failing", m.get("statusFailing"), m.get("helpFailing"));
      case OVERDUE -> new Status("overdue", m.get("statusOverdue"), m.get("helpOverdue"));
      case NOT_YET_CHECKED ->
          new Status("not_yet_checked", m.get("statusNotYetChecked"), m.get("helpNotYetChecked"));
    };
  }

  private static Status outcome(Messages m, CheckOutcome outcome) {
    return switch (outcome) {
      case PASSING -> new Status("passing", m.get("outcomePassing"), null);
      case FAILING -> new Status("failing", m.get("outcomeFailing"), null);
      case ERROR -> new Status("error", m.get("outcomeError"), null);
    };
  }

  private static String method(Messages m, CheckMethod method) {
    return switch (method) {
      case AUTOMATED -> m.get("methodAutomated");
      case MANUAL_ATTESTATION -> m.get("methodManualAttestation");
      case PERIODIC_REVIEW -> m.get("methodPeriodicReview");
    };
  }

  private static String period(Messages m, int days) {
    return days == 1 ? m.get("periodDaily") : m.format("periodDays", days);
  }

  private static String orNotStated(Messages m, String value) {
    return value == null || value.isBlank() ? m.get("notStated") : value;
  }

  /** A link if {@code url} is a safe https URL, otherwise the label and the URL as text. */
  private static Link link(Messages m, String url, String label) {
    return SafeUrls.isHttps(url)
        ? new Link(true, url, label)
        : new Link(false, null, m.format("linkNotSafe", label, url));
  }

  private static Link contactLink(String contact) {
    String text = contact.regionMatches(true, 0, "mailto:", 0, 7) ? contact.substring(7) : contact;
    return new Link(true, contact, text);
  }

  /** Formatters are immutable and safe to share; building one parses its pattern. */
  private static final DateTimeFormatter DATE_ES =
      DateTimeFormatter.ofPattern("d 'de' MMMM 'de' uuuu", Locale.forLanguageTag("es"));

  private static final DateTimeFormatter DATE_EN =
      DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.ENGLISH);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  private static DateTimeFormatter dateFormat(Language lang) {
    return switch (lang) {
      case ES -> DATE_ES;
      case EN -> DATE_EN;
    };
  }

  static Time date(Language lang, LocalDate date) {
    return new Time(date.toString(), dateFormat(lang).format(date), false);
  }

  static Time instant(Language lang, Instant at) {
    Instant t = at.truncatedTo(ChronoUnit.SECONDS);
    var utc = t.atZone(ZoneOffset.UTC);
    String text = dateFormat(lang).format(utc) + ", " + TIME.format(utc) + " UTC";
    return new Time(t.toString(), text, true);
  }

  private static String base(URI baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String s = baseUrl.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    if (baseUrl.getScheme() == null
        || baseUrl.getHost() == null
        || baseUrl.getRawQuery() != null
        || baseUrl.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "the site base URL must be an absolute URL without query or fragment: " + baseUrl);
    }
    return s;
  }

  static String hash8(byte[] content) {
    return new SiteFile("/hash", content, "application/octet-stream", CacheClass.ASSET)
        .sha256()
        .substring(0, 8);
  }

  static byte[] resource(String name) {
    try (InputStream in = SiteRenderer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("site file missing from the jar: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
