package dev.trustcenter.console;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.admin.AdminApi;
import dev.trustcenter.admin.AdminPages;
import dev.trustcenter.audit.AuditLog;
import dev.trustcenter.auth.AuthException;
import dev.trustcenter.auth.Principal;
import dev.trustcenter.content.Category;
import dev.trustcenter.content.CheckMethod;
import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.Control;
import dev.trustcenter.content.ControlStatus;
import dev.trustcenter.content.Framework;
import dev.trustcenter.content.Language;
import dev.trustcenter.controls.CheckRuns;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.MultipartParser;
import dev.trustcenter.http.QueryString;
import dev.trustcenter.i18n.Messages;
import dev.trustcenter.i18n.Templates;
import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.PublicSnapshot;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.site.PublishResult;
import dev.trustcenter.site.SitePublisher;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoredDocument;
import dev.trustcenter.subprocessors.SubprocessorSync;
import dev.trustcenter.subprocessors.SyncRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin console: server-rendered pages over the admin API, served by {@code trust-admin} at
 * {@code /admin/}. Every form works without JavaScript and every change goes through the API's own
 * routes in-process ({@link AdminApi#call}), so it is validated, audited and published exactly like
 * an API request; the API's field errors are shown next to their fields and a 412 as "changed by
 * someone else".
 *
 * <p>Sign-in: deployed, Identity-Aware Proxy signs each request ({@link AdminApi#authenticate});
 * locally, the dev token is typed once and exchanged for a short-lived {@code HttpOnly}, {@code
 * SameSite=Strict} session cookie ({@link ConsoleSessions}). Every write also needs the form's CSRF
 * token, which must equal the {@code SameSite=Strict} cookie set with the page: a cross-site page
 * can neither read it nor make the browser send the cookie. Pages send a strict
 * Content-Security-Policy, load nothing from another origin and run no script.
 */
public final class AdminConsole implements AdminPages {
  static final String SESSION_COOKIE = "tc_admin_session";
  static final String CSRF_COOKIE = "tc_admin_csrf";
  static final String LANG_COOKIE = "tc_admin_lang";
  static final String CSP =
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  static final int DUE_SOON_DAYS = 14;
  static final int CERTIFICATE_WARNING_DAYS = 60;
  static final int AUDIT_PAGE = 50;

  /** At most this many audit entries are read to fill one filtered page. */
  static final int AUDIT_SCAN = 5000;

  private static final Pattern CONTROL = Pattern.compile("/controls/([a-z0-9]+(?:-[a-z0-9]+)*)");
  private static final Pattern CONTROL_ACTION =
      Pattern.compile("/controls/([a-z0-9]+(?:-[a-z0-9]+)*)/(checks|delete)");
  private static final Pattern REQUEST_ACTION =
      Pattern.compile("/access-requests/([A-Za-z0-9_.:-]{1,100})/(approve|deny|revoke)");
  private static final Map<String, String> ASSETS =
      Map.of(
          "/assets/site.css", "/static/site.css", "/assets/admin.css", "/static/admin/admin.css");

  private final DocumentStore store;
  private final Clock clock;
  private final int reviewPeriodDays;
  private final ConsoleSessions sessions;
  private final BundlePages bundles;
  private final Templates templates = new Templates("static/admin/templates");
  private final Map<Language, Messages> messages = Messages.loadAll("/static/admin/messages/");
  private final ContentEditors editors = new ContentEditors(this);
  private final Operations operations;
  private final MultipartParser multipart;

  /**
   * @param reviewPeriodDays {@code POLICY_REVIEW_DAYS}, for the status of policies
   * @param localSignIn whether the dev-token sign-in form and its sessions are offered (the local
   *     server only)
   * @param multipart reads the upload forms (documents, and the export and import page)
   */
  public AdminConsole(
      DocumentStore store,
      Clock clock,
      int reviewPeriodDays,
      boolean localSignIn,
      MultipartParser multipart) {
    this.bundles = new BundlePages();
    this.store = Objects.requireNonNull(store);
    this.clock = Objects.requireNonNull(clock);
    this.reviewPeriodDays = reviewPeriodDays;
    this.sessions = localSignIn ? new ConsoleSessions(clock) : null;
    this.operations = new Operations(this, store);
    this.multipart = Objects.requireNonNull(multipart);
  }

  @Override
  public boolean handles(String path) {
    return !(path.equals("/v1") || path.startsWith("/v1/"));
  }

  // ---- one request
  // ---------------------------------------------------------------------------------------

  /** What a page needs to know about its request. */
  final class Page implements BundlePages.View {
    final HttpRequest req;
    final HttpResponse res;
    final String path;
    final Language lang;
    final Messages m;
    final String csrf;
    final boolean secure;
    Principal who;

    /**
     * A status chosen by a handler before rendering (409 after a conflict), winning over the page's
     * 200.
     */
    Integer status;

    Page(HttpRequest req, HttpResponse res, String path) {
      this.req = req;
      this.res = res;
      this.path = path;
      this.secure = "https".equalsIgnoreCase(req.getFirstHeader("X-Forwarded-Proto").orElse(""));
      Language chosen = null;
      List<String> asked =
          QueryString.parse(req.getQuery().orElse(null))
              .get("lang"); // not getQueryParameters(): see QueryString
      if (asked != null && !asked.isEmpty()) {
        chosen = Language.fromCode(asked.get(0)).orElse(null);
        if (chosen != null) {
          setCookie(LANG_COOKIE, chosen.code(), Duration.ofDays(365));
        }
      }
      if (chosen == null) {
        String c = cookie(req, LANG_COOKIE);
        chosen = c == null ? null : Language.fromCode(c).orElse(null);
      }
      this.lang =
          chosen != null
              ? chosen
              : Language.negotiate(req.getFirstHeader("Accept-Language").orElse(null));
      this.m = messages.get(lang);
      String token = cookie(req, CSRF_COOKIE);
      if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
        token = ConsoleSessions.randomToken();
        setCookie(CSRF_COOKIE, token, null);
      }
      this.csrf = token;
    }

    void setCookie(String name, String value, Duration maxAge) {
      StringBuilder c =
          new StringBuilder(name)
              .append('=')
              .append(value)
              .append("; Path=/admin; HttpOnly; SameSite=Strict");
      if (maxAge != null) {
        c.append("; Max-Age=").append(maxAge.toSeconds());
      }
      if (secure) {
        c.append("; Secure");
      }
      res.appendHeader("Set-Cookie", c.toString());
    }

    @Override
    public HttpRequest req() {
      return req;
    }

    @Override
    public HttpResponse res() {
      return res;
    }

    @Override
    public Messages m() {
      return m;
    }

    @Override
    public Principal who() {
      return who;
    }

    @Override
    public void render(int status, String template, String title, Map<String, Object> model)
        throws IOException {
      AdminConsole.this.render(this, status, template, title, model);
    }

    String date(Instant at) {
      return at == null
          ? ""
          : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
              .withLocale(Locale.forLanguageTag(lang.code()))
              .withZone(ZoneOffset.UTC)
              .format(at);
    }

    String dateTime(Instant at) {
      return at == null
          ? ""
          : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
              .withZone(ZoneOffset.UTC)
              .format(at);
    }
  }

  @Override
  public void serve(HttpRequest req, String path, HttpResponse res, AdminApi api)
      throws IOException {
    res.appendHeader("Content-Security-Policy", CSP);
    res.appendHeader("X-Content-Type-Options", "nosniff");
    res.appendHeader("Referrer-Policy", "no-referrer");
    res.appendHeader("X-Frame-Options", "DENY");
    res.appendHeader("Cache-Control", "no-store");
    String method = req.getMethod().toUpperCase(Locale.ROOT);
    if (ASSETS.containsKey(path) && (method.equals("GET") || method.equals("HEAD"))) {
      asset(res, ASSETS.get(path), method.equals("HEAD"));
      return;
    }
    Page p = new Page(req, res, path);
    try {
      route(p, method, api);
    } catch (ApiException e) {
      message(p, e.status(), p.m.get("errorTitle"), e.getMessage());
    }
  }

  private void route(Page p, String method, AdminApi api) throws IOException {
    boolean post = method.equals("POST");
    if (!post && !method.equals("GET") && !method.equals("HEAD")) {
      p.res.appendHeader("Allow", "GET, HEAD, POST");
      message(p, 405, p.m.get("errorTitle"), p.m.get("errorMethod"));
      return;
    }
    Form form = null;
    if (post) {
      if (!sameOrigin(p.req)) {
        message(p, 403, p.m.get("errorTitle"), p.m.get("errorCsrf"));
        return;
      }
      try {
        form =
            Form.read(
                p.req, Operations.takesFiles(p.path) || BundlePages.multipart(p.path), multipart);
      } catch (ApiException e) {
        if (e.status() == 413) {
          message(p, 413, p.m.get("errorTitle"), p.m.get("errorTooLarge"));
          return;
        }
        throw e;
      }
      String sent = form.get("csrf");
      String expected = cookie(p.req, CSRF_COOKIE);
      if (expected == null
          || !MessageDigest.isEqual(
              sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
        message(p, 403, p.m.get("errorTitle"), p.m.get("errorCsrf"));
        return;
      }
    }
    try {
      p.who = api.authenticate(p.req);
    } catch (AuthException e) {
      message(
          p,
          e.isForbidden() ? 403 : 401,
          p.m.get("errorTitle"),
          p.m.get(e.isForbidden() ? "errorForbidden" : "errorUnauthenticated"));
      return;
    }
    if (p.who == null && sessions != null) {
      p.who = sessions.find(cookie(p.req, SESSION_COOKIE));
    }
    if (p.path.equals("/sign-in")) {
      signIn(p, form, api);
      return;
    }
    if (p.who == null) {
      if (sessions != null && !post) {
        redirect(p, "/admin/sign-in");
      } else if (sessions != null) {
        message(p, 401, p.m.get("errorTitle"), p.m.get("errorSessionEnded"));
      } else {
        message(p, 401, p.m.get("errorTitle"), p.m.get("errorUnauthenticated"));
      }
      return;
    }
    String path = p.path;
    if (ContentEditors.handles(path)) {
      editors.serve(p, post, form, api);
      return;
    }
    if (post && operations.post(p, api, form)) {
      return;
    }
    if (!post && operations.get(p, api)) {
      return;
    }
    if (post) {
      Matcher c = CONTROL_ACTION.matcher(path);
      Matcher cs = CONTROL.matcher(path);
      Matcher r = REQUEST_ACTION.matcher(path);
      if (path.equals("/sign-out")) {
        if (sessions != null) {
          sessions.close(cookie(p.req, SESSION_COOKIE));
        }
        p.setCookie(SESSION_COOKIE, "", Duration.ZERO);
        redirect(p, sessions != null ? "/admin/sign-in" : "/admin/");
      } else if (c.matches() && c.group(2).equals("checks")) {
        recordCheck(p, api, c.group(1), form);
      } else if (c.matches()) {
        deleteControl(p, api, c.group(1), form);
      } else if (cs.matches()) {
        saveControl(p, api, cs.group(1), form);
      } else if (r.matches()) {
        decide(p, api, r.group(1), r.group(2), form);
      } else if (path.equals("/profile")) {
        saveProfile(p, api, form);
      } else if (SubprocessorChangesPage.posts(path)) {
        SubprocessorChangesPage.post(view(p), api, path, form);
      } else if (path.equals(BundlePages.CHECK)) {
        bundles.check(p, api, form.parts());
      } else if (path.equals(BundlePages.IMPORT)) {
        bundles.importBundle(p, api, form.parts());
      } else {
        message(p, 404, p.m.get("errorTitle"), p.m.get("errorNotFound"));
      }
      return;
    }
    Matcher cs = CONTROL.matcher(path);
    if (path.equals("/")) {
      attention(p, api);
    } else if (path.equals("/controls")) {
      controls(p, api);
    } else if (cs.matches()) {
      controlPage(p, api, cs.group(1), null, null, Map.of(), null);
    } else if (path.equals("/access-requests")) {
      requests(p, api, null);
    } else if (path.equals("/profile")) {
      profilePage(p, api, null, null, Map.of());
    } else if (path.equals("/audit")) {
      audit(p);
    } else if (path.equals(SubprocessorChangesPage.PATH)) {
      SubprocessorChangesPage.show(view(p), api);
    } else if (path.equals(BundlePages.PAGE) || BundlePages.multipart(path)) {
      bundles.page(p);
    } else if (path.equals(BundlePages.EXPORT)) {
      bundles.export(p, api);
    } else {
      message(p, 404, p.m.get("errorTitle"), p.m.get("errorNotFound"));
    }
  }

  // ---- sign-in
  // --------------------------------------------------------------------------------------------

  private void signIn(Page p, Form form, AdminApi api) throws IOException {
    if (sessions == null) {
      if (p.who != null) {
        redirect(p, "/admin/");
      } else {
        message(p, 401, p.m.get("errorTitle"), p.m.get("errorUnauthenticated"));
      }
      return;
    }
    Map<String, Object> model = new HashMap<>();
    if (form != null) {
      String token = form.trimmed("token");
      if (token != null) {
        try {
          Principal who = api.signIn(token, "/sign-in");
          String id = sessions.open(who);
          p.setCookie(SESSION_COOKIE, id, ConsoleSessions.LIFETIME);
          redirect(p, "/admin/");
          return;
        } catch (AuthException e) {
          // recorded in the audit log by the API
        }
      }
      model.put("error", p.m.get("signInFailed"));
      render(p, 401, "signin", p.m.get("signInTitle"), model);
      return;
    }
    if (p.who != null) {
      redirect(p, "/admin/");
      return;
    }
    render(p, 200, "signin", p.m.get("signInTitle"), model);
  }

  // ---- needs attention
  // ------------------------------------------------------------------------------------

  private void attention(Page p, AdminApi api) throws IOException {
    Instant now = clock.instant();
    PublicSnapshot snapshot = snapshot();
    List<Map<String, Object>> failing = new ArrayList<>();
    List<Map<String, Object>> overdue = new ArrayList<>();
    List<Map<String, Object>> dueSoon = new ArrayList<>();
    List<Map<String, Object>> notChecked = new ArrayList<>();
    for (Control c : snapshot.content().controls()) {
      Map<String, Object> row = controlRow(p, snapshot, c, now);
      ControlStatus status = (ControlStatus) row.get("statusValue");
      if (status == ControlStatus.FAILING) {
        failing.add(row);
      } else if (status == ControlStatus.OVERDUE) {
        overdue.add(row);
      } else if (status == ControlStatus.NOT_YET_CHECKED) {
        notChecked.add(row);
      } else if (status == ControlStatus.PASSING
          && row.get("dueAt") instanceof Instant due
          && due.isBefore(now.plus(Duration.ofDays(DUE_SOON_DAYS)))) {
        dueSoon.add(row);
      }
    }
    List<Map<String, Object>> certificates = new ArrayList<>();
    for (Framework f : snapshot.content().frameworks()) {
      if (f.certificate() != null && f.certificate().validUntil() != null) {
        LocalDate until = f.certificate().validUntil();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!until.isAfter(today.plusDays(CERTIFICATE_WARNING_DAYS))) {
          certificates.add(
              Map.of(
                  "name",
                  f.name() + " " + f.version(),
                  "href",
                  "/admin/content/frameworks/" + f.id(),
                  "text",
                  p.m.format(
                      until.isBefore(today) ? "certificateExpired" : "certificateExpires",
                      until.toString())));
        }
      }
    }
    List<Map<String, Object>> pending = new ArrayList<>();
    AdminApi.Answer requests =
        api.call(p.who, "GET", "/v1/access-requests?status=pending", Map.of(), new byte[0]);
    if (requests.status() == 200) {
      for (JsonElement e :
          JsonParser.parseString(requests.text())
              .getAsJsonObject()
              .getAsJsonArray("accessRequests")) {
        JsonObject r = e.getAsJsonObject();
        pending.add(
            Map.of(
                "name",
                str(r, "name"),
                "email",
                str(r, "email"),
                "company",
                str(r, "company"),
                "since",
                p.dateTime(instant(r, "createdAt"))));
      }
    }
    List<Map<String, Object>> lists = new ArrayList<>();
    for (StoredDocument d : store.list(SubprocessorSync.PENDING, Range.all())) {
      lists.add(Map.of("text", p.m.format("listHeld", d.id())));
    }
    List<Map<String, Object>> runs = new ArrayList<>();
    newest(SubprocessorSync.RUNS, SyncRun.class)
        .ifPresent(
            r -> {
              for (SyncRun.VendorResult v : r.vendors()) {
                if (v.status().equals(SyncRun.FAILED)) {
                  lists.add(
                      Map.of(
                          "text",
                          p.m.format(
                              "listFailed", v.vendor(), v.reason() == null ? "" : v.reason())));
                }
              }
              runs.add(
                  runRow(
                      p,
                      "runSync",
                      r.finishedAt(),
                      r.vendors().stream()
                          .map(v -> v.vendor() + ": " + p.m.get("syncStatus_" + v.status()))
                          .reduce((a, b) -> a + "; " + b)
                          .orElse("")));
            });
    List<Map<String, Object>> publishing = new ArrayList<>();
    newest(SitePublisher.RUNS, PublishResult.class)
        .ifPresent(
            r -> {
              if (!r.complete()) {
                publishing.add(
                    Map.of("text", p.m.format("publishIncomplete", p.dateTime(r.finishedAt()))));
              }
              if (!r.failedPurges().isEmpty()) {
                publishing.add(
                    Map.of("text", p.m.format("purgesPending", r.failedPurges().size())));
              }
              runs.add(
                  runRow(
                      p,
                      "runPublish",
                      r.finishedAt(),
                      p.m.get(r.complete() ? "publishComplete" : "publishNotComplete")));
            });
    newest(CheckRuns.COLLECTION, CheckRuns.Run.class)
        .ifPresent(
            r -> {
              long failed =
                  r.checks().stream()
                      .filter(c -> c.outcome() != dev.trustcenter.content.CheckOutcome.PASSING)
                      .count();
              runs.add(
                  runRow(
                      p,
                      "runChecks",
                      r.finishedAt(),
                      p.m.format("checksSummary", r.checks().size(), failed)));
            });
    Map<String, Object> model = new HashMap<>();
    model.put("failing", failing);
    model.put("overdue", overdue);
    model.put("dueSoon", dueSoon);
    model.put("notChecked", notChecked);
    model.put("notCheckedHeading", p.m.format("attentionNotChecked", notChecked.size()));
    model.put("certificates", certificates);
    model.put("pending", pending);
    model.put("lists", lists);
    model.put("publishing", publishing);
    model.put("runs", runs);
    for (String k :
        List.of(
            "failing",
            "overdue",
            "dueSoon",
            "notChecked",
            "certificates",
            "pending",
            "lists",
            "publishing",
            "runs")) {
      model.put(
          "has" + Character.toUpperCase(k.charAt(0)) + k.substring(1),
          !((List<?>) model.get(k)).isEmpty());
    }
    model.put(
        "allClear",
        failing.isEmpty()
            && overdue.isEmpty()
            && dueSoon.isEmpty()
            && notChecked.isEmpty()
            && certificates.isEmpty()
            && pending.isEmpty()
            && lists.isEmpty()
            && publishing.isEmpty());
    render(p, 200, "attention", p.m.get("attentionTitle"), model);
  }

  private <T> java.util.Optional<T> newest(String collection, Class<T> type) {
    List<StoredDocument> docs = store.list(collection, Range.newest(null, 1));
    return docs.isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(Json.read(docs.get(0).json(), type));
  }

  private PublicSnapshot snapshot() {
    return Snapshots.readRaw(store)
        .map(d -> Json.read(d.json(), PublicSnapshot.class))
        .orElseThrow(() -> new ApiException(503, "unavailable", "the content is not readable yet"));
  }

  /** A control as the lists show it: title, category, method, status, when it is due. */
  private Map<String, Object> controlRow(Page p, PublicSnapshot s, Control c, Instant now) {
    CheckSummary summary = s.checks().get(c.id());
    int period = ControlStatus.periodDays(c, reviewPeriodDays);
    ControlStatus status = ControlStatus.derive(summary, period, now);
    Map<String, Object> row = new HashMap<>();
    row.put("id", c.id());
    row.put("href", "/admin/controls/" + c.id());
    row.put("title", c.title().in(p.lang));
    row.put(
        "category",
        s.content().categories().stream()
            .filter(x -> x.id().equals(c.categoryId()))
            .map(x -> x.name().in(p.lang))
            .findFirst()
            .orElse(c.categoryId()));
    row.put("method", p.m.get("method_" + c.checkMethod().name().toLowerCase(Locale.ROOT)));
    row.put("statusValue", status);
    row.put("status", status.name().toLowerCase(Locale.ROOT));
    row.put("statusLabel", p.m.get("status_" + status.name().toLowerCase(Locale.ROOT)));
    row.put("position", c.position());
    if (summary != null && summary.lastPassingAt() != null) {
      Instant due = summary.lastPassingAt().plus(Duration.ofDays(period));
      row.put("dueAt", due);
      row.put("due", p.date(due));
    }
    if (summary != null && summary.lastCheckedAt() != null) {
      row.put("lastChecked", p.date(summary.lastCheckedAt()));
    }
    return row;
  }

  // ---- controls
  // --------------------------------------------------------------------------------------------

  private void controls(Page p, AdminApi api) throws IOException {
    Instant now = clock.instant();
    PublicSnapshot s = snapshot();
    List<Map<String, Object>> categories = new ArrayList<>();
    for (Category cat : s.content().categories()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Control c : s.content().controls()) {
        if (c.categoryId().equals(cat.id())) {
          rows.add(controlRow(p, s, c, now));
        }
      }
      categories.add(Map.of("name", cat.name().in(p.lang), "id", cat.id(), "controls", rows));
    }
    Map<String, Object> model = new HashMap<>();
    model.put("categories", categories);
    String deleted = first(p.req, "deleted");
    if (deleted != null && deleted.matches("[a-z0-9-]{1,64}")) {
      model.put("notice", p.m.format("controlDeleted", deleted));
    }
    render(p, 200, "controls", p.m.get("controlsTitle"), model);
  }

  /**
   * The control page: its editor, the attestation or review form, its history and deletion.
   *
   * @param edited the values the admin submitted (kept after an error), or null for the stored ones
   * @param notice a message above the forms, or null
   * @param editErrors the API's field errors of the editor
   * @param checkForm the submitted attestation form and its errors, or null
   */
  private void controlPage(
      Page p,
      AdminApi api,
      String id,
      Map<String, String> edited,
      String notice,
      Map<String, String> editErrors,
      CheckForm checkForm)
      throws IOException {
    AdminApi.Answer got = api.call(p.who, "GET", "/v1/controls/" + id, Map.of(), new byte[0]);
    if (got.status() == 404) {
      message(p, 404, p.m.get("errorTitle"), p.m.get("errorNotFound"));
      return;
    }
    Control stored = Json.read(got.text(), Control.class);
    PublicSnapshot s = snapshot();
    Map<String, String> v = new HashMap<>();
    v.put("categoryId", stored.categoryId());
    v.put("titleEs", stored.title().es());
    v.put("titleEn", stored.title().en());
    v.put("descriptionEs", stored.description().es());
    v.put("descriptionEn", stored.description().en());
    v.put("checkMethod", Json.write(stored.checkMethod()).replace("\"", ""));
    v.put("periodDays", Integer.toString(stored.periodDays()));
    v.put("position", Integer.toString(stored.position()));
    v.put("etag", got.header("ETag"));
    if (edited != null) {
      v.putAll(edited);
    }
    Map<String, Object> model = new HashMap<>();
    model.put("id", id);
    model.put("title", stored.title().in(p.lang));
    model.put("v", v);
    model.put("notice", notice);
    model.put("errors", editErrors);
    model.put("hasErrors", !editErrors.isEmpty());
    List<Map<String, Object>> categories = new ArrayList<>();
    for (Category c : s.content().categories()) {
      categories.add(
          Map.of(
              "id",
              c.id(),
              "name",
              c.name().in(p.lang),
              "selected",
              c.id().equals(v.get("categoryId"))));
    }
    model.put("categories", categories);
    List<Map<String, Object>> methods = new ArrayList<>();
    for (CheckMethod m : CheckMethod.values()) {
      String code = Json.write(m).replace("\"", "");
      methods.add(
          Map.of(
              "code",
              code,
              "label",
              p.m.get("method_" + m.name().toLowerCase(Locale.ROOT)),
              "selected",
              code.equals(v.get("checkMethod"))));
    }
    model.put("methods", methods);
    Map<String, Object> row = controlRow(p, s, stored, clock.instant());
    model.put("row", row);
    // Attestation or review
    boolean automated = stored.checkMethod() == CheckMethod.AUTOMATED;
    model.put("automated", automated);
    model.put("review", stored.checkMethod() == CheckMethod.PERIODIC_REVIEW);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    CheckForm cf =
        checkForm != null
            ? checkForm
            : new CheckForm(
                Map.of("performedOn", today.toString(), "outcome", "passing"), Map.of());
    model.put("c", cf.values());
    model.put("cPassing", "passing".equals(cf.values().get("outcome")));
    model.put("cFailing", "failing".equals(cf.values().get("outcome")));
    model.put("cPublic", "on".equals(cf.values().get("publicEvidence")));
    model.put("cErrors", cf.errors());
    model.put("cHasErrors", !cf.errors().isEmpty());
    model.put("today", today.toString());
    // History
    AdminApi.Answer history =
        api.call(p.who, "GET", "/v1/controls/" + id + "/checks", Map.of(), new byte[0]);
    List<Map<String, Object>> results = new ArrayList<>();
    if (history.status() == 200) {
      for (JsonElement e :
          JsonParser.parseString(history.text()).getAsJsonObject().getAsJsonArray("results")) {
        JsonObject r = e.getAsJsonObject();
        String outcome = str(r, "outcome");
        Map<String, Object> item = new HashMap<>();
        item.put("date", p.date(instant(r, "checkedAt")));
        item.put("iso", str(r, "checkedAt"));
        item.put("outcome", outcome);
        item.put("outcomeLabel", p.m.get("outcome_" + outcome));
        item.put("by", str(r, "checkedBy"));
        item.put("note", str(r, "note"));
        String url = str(r, "evidenceUrl");
        item.put("evidenceUrl", url.startsWith("https://") ? url : "");
        item.put(
            "visibility",
            p.m.get(
                r.has("publicEvidence") && r.get("publicEvidence").getAsBoolean()
                    ? "evidencePublic"
                    : "evidencePrivate"));
        results.add(item);
      }
    }
    model.put("results", results);
    model.put("hasResults", !results.isEmpty());
    model.put("holdsResults", s.checks().containsKey(id));
    render(p, 200, "control", stored.title().in(p.lang), model);
  }

  /** A submitted attestation form and the API's errors for it. */
  private record CheckForm(Map<String, String> values, Map<String, String> errors) {}

  private void saveControl(Page p, AdminApi api, String id, Form form) throws IOException {
    Map<String, String> edited = new HashMap<>();
    for (String f :
        List.of(
            "categoryId",
            "titleEs",
            "titleEn",
            "descriptionEs",
            "descriptionEn",
            "checkMethod",
            "periodDays",
            "position",
            "etag")) {
      edited.put(f, form.get(f));
    }
    JsonObject body = new JsonObject();
    body.addProperty("id", id);
    body.addProperty("categoryId", form.get("categoryId"));
    body.add("title", text(form.get("titleEs"), form.get("titleEn")));
    body.add("description", text(form.get("descriptionEs"), form.get("descriptionEn")));
    body.addProperty("checkMethod", form.get("checkMethod"));
    body.add("periodDays", number(form.get("periodDays")));
    body.add("position", number(form.get("position")));
    // The page was opened on a stored control: it may only replace that very version.
    AdminApi.Answer a = putJson(p, api, "/v1/controls/" + id, form.trimmed("etag"), body);
    if (a.status() == 200 || a.status() == 201) {
      redirect(p, "/admin/controls/" + id + "?saved=1");
      return;
    }
    if (a.status() == 412) {
      // Keep the admin's values; the form now carries the current version's tag, so saving again is
      // a deliberate
      // choice to replace the other person's change.
      AdminApi.Answer current = api.call(p.who, "GET", "/v1/controls/" + id, Map.of(), new byte[0]);
      if (current.status() == 404) {
        message(p, 409, p.m.get("errorTitle"), p.m.get("controlGone"));
        return;
      }
      edited.put("etag", current.header("ETag"));
      p.status = 409;
      controlPage(p, api, id, edited, p.m.get("changedBySomeoneElse"), Map.of(), null);
      return;
    }
    Map<String, String> errors = fieldErrors(p, a);
    p.status = a.status();
    controlPage(p, api, id, edited, null, errors, null);
  }

  private void recordCheck(Page p, AdminApi api, String id, Form form) throws IOException {
    Map<String, String> values = new HashMap<>();
    for (String f : List.of("outcome", "performedOn", "note", "evidenceUrl")) {
      values.put(f, form.get(f));
    }
    if (form.checked("publicEvidence")) {
      values.put("publicEvidence", "on");
    }
    JsonObject body = new JsonObject();
    body.addProperty("outcome", form.get("outcome"));
    body.addProperty("note", form.get("note"));
    if (form.trimmed("evidenceUrl") != null) {
      body.addProperty("evidenceUrl", form.trimmed("evidenceUrl"));
    }
    if (form.trimmed("performedOn") != null) {
      body.addProperty("performedOn", form.trimmed("performedOn"));
    }
    body.addProperty("publicEvidence", form.checked("publicEvidence"));
    AdminApi.Answer a =
        api.call(
            p.who,
            "POST",
            "/v1/controls/" + id + "/checks",
            Map.of("Content-Type", "application/json"),
            body.toString().getBytes(StandardCharsets.UTF_8));
    if (a.status() == 201) {
      redirect(p, "/admin/controls/" + id + "?recorded=1");
      return;
    }
    Map<String, String> errors = fieldErrors(p, a);
    p.status = a.status();
    controlPage(p, api, id, null, null, Map.of(), new CheckForm(values, errors));
  }

  private void deleteControl(Page p, AdminApi api, String id, Form form) throws IOException {
    String target = "/v1/controls/" + id + (form.checked("retireHistory") ? "?history=retire" : "");
    AdminApi.Answer a = api.call(p.who, "DELETE", target, Map.of(), new byte[0]);
    if (a.status() == 204) {
      redirect(p, "/admin/controls?deleted=" + id);
      return;
    }
    String notice =
        a.status() == 409 && a.text().contains("has_history")
            ? p.m.get("deleteNeedsConfirmation")
            : apiMessage(p, a);
    p.status = a.status() == 409 ? 409 : 400;
    controlPage(p, api, id, null, notice, Map.of(), null);
  }

  // ---- profile
  // ------------------------------------------------------------------------------------------

  private static final List<String> PROFILE_FIELDS =
      List.of(
          "companyName",
          "taglineEs",
          "taglineEn",
          "overviewEs",
          "overviewEn",
          "securityContact",
          "etag");

  private void profilePage(
      Page p, AdminApi api, Map<String, String> edited, String notice, Map<String, String> errors)
      throws IOException {
    AdminApi.Answer got = api.call(p.who, "GET", "/v1/profile", Map.of(), new byte[0]);
    if (got.status() != 200) {
      message(p, got.status(), p.m.get("errorTitle"), apiMessage(p, got));
      return;
    }
    JsonObject stored = JsonParser.parseString(got.text()).getAsJsonObject();
    Map<String, String> v = new HashMap<>();
    v.put("companyName", str(stored, "companyName"));
    v.put("taglineEs", stored.has("tagline") ? str(stored.getAsJsonObject("tagline"), "es") : "");
    v.put("taglineEn", stored.has("tagline") ? str(stored.getAsJsonObject("tagline"), "en") : "");
    v.put(
        "overviewEs", stored.has("overview") ? str(stored.getAsJsonObject("overview"), "es") : "");
    v.put(
        "overviewEn", stored.has("overview") ? str(stored.getAsJsonObject("overview"), "en") : "");
    v.put("securityContact", str(stored, "securityContact"));
    v.put("etag", got.header("ETag"));
    if (edited != null) {
      v.putAll(edited);
    }
    Map<String, Object> model = new HashMap<>();
    model.put("v", v);
    model.put("notice", notice);
    model.put("errors", errors);
    model.put("hasErrors", !errors.isEmpty());
    render(p, 200, "profile", p.m.get("profileTitle"), model);
  }

  private void saveProfile(Page p, AdminApi api, Form form) throws IOException {
    Map<String, String> edited = new HashMap<>();
    PROFILE_FIELDS.forEach(f -> edited.put(f, form.get(f)));
    JsonObject body = new JsonObject();
    body.addProperty("companyName", form.get("companyName").strip());
    body.add("tagline", text(form.get("taglineEs"), form.get("taglineEn")));
    body.add("overview", text(form.get("overviewEs"), form.get("overviewEn")));
    if (form.trimmed("securityContact") != null) {
      body.addProperty("securityContact", form.trimmed("securityContact"));
    }
    AdminApi.Answer a = putJson(p, api, "/v1/profile", form.trimmed("etag"), body);
    if (a.status() == 200 || a.status() == 201) {
      redirect(p, "/admin/profile?saved=1");
      return;
    }
    if (a.status() == 412) {
      AdminApi.Answer current = api.call(p.who, "GET", "/v1/profile", Map.of(), new byte[0]);
      edited.put("etag", current.header("ETag"));
      p.status = 409;
      profilePage(p, api, edited, p.m.get("changedBySomeoneElse"), Map.of());
      return;
    }
    p.status = a.status();
    profilePage(p, api, edited, null, fieldErrors(p, a));
  }

  // ---- access requests
  // --------------------------------------------------------------------------------------

  private void requests(Page p, AdminApi api, Map<String, Object> result) throws IOException {
    AdminApi.Answer a = api.call(p.who, "GET", "/v1/access-requests", Map.of(), new byte[0]);
    if (a.status() != 200) {
      message(p, a.status(), p.m.get("errorTitle"), apiMessage(p, a));
      return;
    }
    List<Map<String, Object>> pending = new ArrayList<>();
    List<Map<String, Object>> decided = new ArrayList<>();
    for (JsonElement e :
        JsonParser.parseString(a.text()).getAsJsonObject().getAsJsonArray("accessRequests")) {
      JsonObject r = e.getAsJsonObject();
      Map<String, Object> item = new HashMap<>();
      String status = str(r, "status");
      item.put("id", str(r, "id"));
      item.put("name", str(r, "name"));
      item.put("email", str(r, "email"));
      item.put("company", str(r, "company"));
      item.put("reason", str(r, "reason"));
      item.put("status", status);
      item.put("statusLabel", p.m.get("request_" + status));
      item.put("created", p.dateTime(instant(r, "createdAt")));
      List<String> docs = new ArrayList<>();
      if (r.has("documentIds")) {
        r.getAsJsonArray("documentIds").forEach(d -> docs.add(d.getAsString()));
      }
      item.put("documents", String.join(", ", docs));
      if (r.has("nda") && r.get("nda").isJsonObject()) {
        JsonObject n = r.getAsJsonObject("nda");
        item.put(
            "nda",
            Map.of(
                "version",
                str(n, "version"),
                "language",
                str(n, "language"),
                "sha256",
                str(n, "sha256"),
                "acceptedAt",
                p.dateTime(instant(n, "acceptedAt")),
                "ip",
                str(n, "ip"),
                "userAgent",
                str(n, "userAgent"),
                "typedName",
                str(n, "typedName")));
      }
      item.put("expires", p.dateTime(instant(r, "expiresAt")));
      item.put("decidedBy", str(r, "decidedBy"));
      item.put("pending", status.equals("pending"));
      item.put("approved", status.equals("approved"));
      (status.equals("pending") ? pending : decided).add(item);
    }
    Map<String, Object> model = new HashMap<>();
    model.put("pending", pending);
    model.put("decided", decided);
    model.put("hasPending", !pending.isEmpty());
    model.put("hasDecided", !decided.isEmpty());
    if (result != null) {
      model.putAll(result);
      model.put("hasLinks", result.get("links") instanceof List<?> l && !l.isEmpty());
    }
    render(p, 200, "requests", p.m.get("requestsTitle"), model);
  }

  private void decide(Page p, AdminApi api, String id, String action, Form form)
      throws IOException {
    byte[] body = new byte[0];
    Map<String, String> headers = new HashMap<>();
    if (action.equals("approve")) {
      JsonObject b = new JsonObject();
      b.add("expiresInDays", number(form.get("expiresInDays")));
      body = b.toString().getBytes(StandardCharsets.UTF_8);
      headers.put("Content-Type", "application/json");
      // Locally the links are built from the host the admin used (deployed, from SITE_BASE_URL).
      p.req.getFirstHeader("Host").ifPresent(h -> headers.put("Host", h));
    }
    AdminApi.Answer a =
        api.call(p.who, "POST", "/v1/access-requests/" + id + "/" + action, headers, body);
    Map<String, Object> result = new HashMap<>();
    if (a.status() == 200) {
      result.put("notice", p.m.get("request_done_" + action));
      if (action.equals("approve")) {
        List<Map<String, Object>> links = new ArrayList<>();
        JsonElement l = JsonParser.parseString(a.text()).getAsJsonObject().get("links");
        if (l != null && l.isJsonObject()) {
          for (Map.Entry<String, JsonElement> e : l.getAsJsonObject().entrySet()) {
            links.add(
                Map.of(
                    "label",
                    e.getKey(),
                    "url",
                    e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : ""));
          }
        }
        result.put("links", links);
      }
    } else {
      p.status = a.status();
      result.put("problem", apiMessage(p, a));
    }
    requests(p, api, result);
  }

  // ---- audit log
  // ------------------------------------------------------------------------------------------

  private void audit(Page p) throws IOException {
    String actor = trimmedQuery(p.req, "actor");
    String kind = trimmedQuery(p.req, "action");
    String target = trimmedQuery(p.req, "target");
    String from = trimmedQuery(p.req, "from");
    String to = trimmedQuery(p.req, "to");
    String before = trimmedQuery(p.req, "before");
    Map<String, String> errors = new HashMap<>();
    String fromId = null;
    String toId = null;
    try {
      if (from != null) {
        fromId = LocalDate.parse(from).toString();
      }
    } catch (DateTimeParseException e) {
      errors.put("from", p.m.get("auditBadDate"));
    }
    try {
      if (to != null) {
        // Ids start with the instant: everything on that day sorts before the next day.
        toId = LocalDate.parse(to).plusDays(1).toString();
      }
    } catch (DateTimeParseException e) {
      errors.put("to", p.m.get("auditBadDate"));
    }
    if (before != null && !before.matches("[0-9T:.Z-]{20,40}-[0-9a-f]{16}")) {
      before = null;
    }
    String upper = before != null && (toId == null || before.compareTo(toId) < 0) ? before : toId;
    List<Map<String, Object>> entries = new ArrayList<>();
    String next = null;
    int scanned = 0;
    String cursor = upper;
    boolean exhausted = false;
    if (errors.isEmpty()) {
      while (entries.size() < AUDIT_PAGE && scanned < AUDIT_SCAN) {
        List<StoredDocument> page =
            store.list(AuditLog.COLLECTION, new Range(fromId, cursor, AuditLog.MAX_LIMIT, true));
        if (page.isEmpty()) {
          exhausted = true;
          break;
        }
        for (StoredDocument d : page) {
          scanned++;
          cursor = d.id();
          AuditLog.Entry e = Json.read(d.json(), AuditLog.Entry.class);
          if (matches(actor, e.actor())
              && matches(kind, e.kind())
              && matches(target, e.entityId())) {
            entries.add(auditRow(p, e));
            if (entries.size() == AUDIT_PAGE) {
              break;
            }
          }
        }
        if (page.size() < AuditLog.MAX_LIMIT && entries.size() < AUDIT_PAGE) {
          exhausted = true;
          break;
        }
      }
      if (!exhausted && cursor != null) {
        next = cursor;
      }
    }
    Map<String, Object> model = new HashMap<>();
    model.put("entries", entries);
    model.put("empty", entries.isEmpty());
    Map<String, String> f = new HashMap<>();
    f.put("actor", actor == null ? "" : actor);
    f.put("action", kind == null ? "" : kind);
    f.put("target", target == null ? "" : target);
    f.put("from", from == null ? "" : from);
    f.put("to", to == null ? "" : to);
    model.put("f", f);
    model.put("errors", errors);
    if (next != null) {
      StringBuilder href = new StringBuilder("/admin/audit?before=").append(enc(next));
      f.forEach(
          (k, v) -> {
            if (!v.isEmpty()) {
              href.append('&').append(k).append('=').append(enc(v));
            }
          });
      model.put("olderHref", href.toString());
    }
    if (before != null) {
      model.put("newestHref", "/admin/audit");
    }
    render(p, 200, "audit", p.m.get("auditTitle"), model);
  }

  private static boolean matches(String filter, String value) {
    return filter == null
        || (value != null
            && value.toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT)));
  }

  private Map<String, Object> auditRow(Page p, AuditLog.Entry e) {
    Map<String, Object> row = new HashMap<>();
    row.put("at", p.dateTime(e.at()));
    row.put("iso", e.at().toString());
    row.put("actor", e.actor() == null ? "—" : e.actor());
    row.put("action", e.kind() == null ? "" : e.kind());
    row.put("target", e.entityId() == null ? "" : e.entityId());
    row.put("outcome", e.outcome());
    row.put("request", e.method() == null ? "" : e.method() + " " + e.path());
    row.put("reason", e.reason() == null ? "" : e.reason());
    return row;
  }

  // ---- rendering
  // ------------------------------------------------------------------------------------------

  void render(Page p, int status, String template, String title, Map<String, Object> model)
      throws IOException {
    Map<String, Object> base = new HashMap<>();
    base.put("m", p.m.all());
    base.put("lang", p.lang.code());
    base.put("csrf", p.csrf);
    base.put("who", p.who == null ? null : p.who.email());
    base.put("signOut", p.who != null && sessions != null);
    Language other = p.lang == Language.ES ? Language.EN : Language.ES;
    base.put("switchHref", "/admin" + p.path + "?lang=" + other.code());
    base.put("switchLang", other.code());
    base.put("switchLabel", messages.get(other).get("languageName"));
    List<Map<String, Object>> nav = new ArrayList<>();
    for (String[] item :
        new String[][] {
          {"/", "navAttention"},
          {"/controls", "navControls"},
          {"/access-requests", "navRequests"},
          {SubprocessorChangesPage.PATH, "navChanges"},
          {"/profile", "navProfile"},
          {"/content", "navContent"},
          {"/documents", "navDocuments"},
          {"/lists", "navLists"},
          {"/subscribers", "navSubscribers"},
          {"/runs", "navRuns"},
          {"/audit", "navAudit"},
          {BundlePages.PAGE, "navBundle"}
        }) {
      boolean current =
          p.path.equals(item[0]) || (!item[0].equals("/") && p.path.startsWith(item[0] + "/"));
      nav.add(Map.of("href", "/admin" + item[0], "label", p.m.get(item[1]), "current", current));
    }
    base.put("nav", p.who == null ? List.of() : nav);
    // After a redirect (post/redirect/get) the page says what the post did.
    Map<String, Object> scope = new HashMap<>(model);
    if (scope.get("notice") == null && p.status == null) {
      if ("1".equals(first(p.req, "saved"))) {
        scope.put("notice", p.m.get(p.path.equals("/profile") ? "profileSaved" : "controlSaved"));
      } else if ("1".equals(first(p.req, "recorded"))) {
        scope.put("notice", p.m.get("checkRecorded"));
      }
    }
    String body = templates.render(template, base, scope);
    Map<String, Object> page = new HashMap<>(base);
    page.put("title", title);
    page.put("body", body);
    byte[] html = templates.render("layout", page).getBytes(StandardCharsets.UTF_8);
    p.res.setStatusCode(p.status != null ? p.status : status);
    p.res.setContentType("text/html; charset=utf-8");
    if (!p.req.getMethod().equalsIgnoreCase("HEAD")) {
      try (OutputStream out = p.res.getOutputStream()) {
        out.write(html);
      }
    }
  }

  /** What a page in its own class ({@link SubprocessorChangesPage}) needs of the request. */
  private SubprocessorChangesPage.View view(Page p) {
    return new SubprocessorChangesPage.View() {
      @Override
      public Messages m() {
        return p.m;
      }

      @Override
      public Principal who() {
        return p.who;
      }

      @Override
      public String dateTime(Instant at) {
        return p.dateTime(at);
      }

      @Override
      public void render(int status, String template, String title, Map<String, Object> model)
          throws IOException {
        AdminConsole.this.render(p, status, template, title, model);
      }
    };
  }

  void message(Page p, int status, String title, String text) throws IOException {
    render(p, status, "message", title, Map.of("heading", title, "text", text));
  }

  static void redirect(Page p, String location) {
    p.res.setStatusCode(303);
    p.res.appendHeader("Location", location);
  }

  private static void asset(HttpResponse res, String resource, boolean head) throws IOException {
    try (InputStream in = AdminConsole.class.getResourceAsStream(resource)) {
      if (in == null) {
        res.setStatusCode(404);
        return;
      }
      byte[] bytes = in.readAllBytes();
      res.setStatusCode(200);
      res.setContentType("text/css; charset=utf-8");
      if (!head) {
        try (OutputStream out = res.getOutputStream()) {
          out.write(bytes);
        }
      }
    }
  }

  // ---- helpers
  // ----------------------------------------------------------------------------------------------

  /** The API's field errors by form field, in the page's language ({@link FieldErrors}). */
  private static Map<String, String> fieldErrors(Page p, AdminApi.Answer a) {
    return FieldErrors.localize(
        p.m,
        a,
        field ->
            switch (field) {
              case "title.es" -> "titleEs";
              case "title.en" -> "titleEn";
              case "description.es" -> "descriptionEs";
              case "description.en" -> "descriptionEn";
              case "tagline.es" -> "taglineEs";
              case "tagline.en" -> "taglineEn";
              case "overview.es" -> "overviewEs";
              case "overview.en" -> "overviewEn";
              default -> field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
            });
  }

  /** A row of the home page's latest runs: the run's name, when it finished, what it found. */
  private static Map<String, Object> runRow(Page p, String nameKey, Instant at, String text) {
    return Map.of("name", p.m.get(nameKey), "at", p.dateTime(at), "text", text);
  }

  /**
   * PUTs {@code body} as JSON over the version the page was opened on ({@code etag}, the form's); a
   * form without it sends a tag no version has, so the API refuses (412) rather than overwrite a
   * version the admin never saw.
   */
  static AdminApi.Answer putJson(Page p, AdminApi api, String path, String etag, JsonObject body) {
    return api.call(
        p.who,
        "PUT",
        path,
        Map.of("Content-Type", "application/json", "If-Match", etag == null ? "\"missing\"" : etag),
        body.toString().getBytes(StandardCharsets.UTF_8));
  }

  static String apiMessage(Page p, AdminApi.Answer a) {
    return apiMessage(p.m, a);
  }

  /** The API's own message of a refusal, or {@code errorUnexpected} when it gave none. */
  static String apiMessage(Messages m, AdminApi.Answer a) {
    String message = apiError(a, "message");
    return message == null ? m.get("errorUnexpected") : message;
  }

  /**
   * A member of the API's error ({@code code}, {@code message}), or null when the answer is not an
   * API error.
   */
  static String apiError(AdminApi.Answer a, String name) {
    try {
      return JsonParser.parseString(a.text())
          .getAsJsonObject()
          .getAsJsonObject("error")
          .get(name)
          .getAsString();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Whether a POST comes from this origin: {@code Sec-Fetch-Site} and {@code Origin} where the
   * browser sends them.
   */
  private static boolean sameOrigin(HttpRequest req) {
    String site = req.getFirstHeader("Sec-Fetch-Site").orElse(null);
    if (site != null && !(site.equals("same-origin") || site.equals("none"))) {
      return false;
    }
    String origin = req.getFirstHeader("Origin").orElse(null);
    String host = req.getFirstHeader("Host").orElse(null);
    if (origin != null && host != null && !origin.equals("null")) {
      try {
        URI o = URI.create(origin);
        String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
        return authority != null && authority.equalsIgnoreCase(host);
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    return true;
  }

  static String cookie(HttpRequest req, String name) {
    for (Map.Entry<String, List<String>> h : req.getHeaders().entrySet()) {
      if (!h.getKey().equalsIgnoreCase("Cookie")) {
        continue;
      }
      for (String header : h.getValue()) {
        for (String part : header.split(";")) {
          String t = part.trim();
          if (t.startsWith(name + "=")) {
            return t.substring(name.length() + 1);
          }
        }
      }
    }
    return null;
  }

  static String first(HttpRequest req, String name) {
    List<String> v = QueryString.parse(req.getQuery().orElse(null)).get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static String trimmedQuery(HttpRequest req, String name) {
    String v = first(req, name);
    if (v == null || v.isBlank()) {
      return null;
    }
    String t = v.strip();
    return t.length() > 200 ? t.substring(0, 200) : t;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static JsonObject text(String es, String en) {
    JsonObject t = new JsonObject();
    t.addProperty("es", es.strip());
    t.addProperty("en", en.strip());
    return t;
  }

  /** A whole number as JSON, or the text as a string so that the API names the field as invalid. */
  private static JsonElement number(String s) {
    String t = s.strip();
    try {
      return new com.google.gson.JsonPrimitive(Long.parseLong(t));
    } catch (NumberFormatException e) {
      return new com.google.gson.JsonPrimitive(t);
    }
  }

  static String str(JsonObject o, String field) {
    JsonElement e = o.get(field);
    return e == null || e.isJsonNull() ? "" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
  }

  static Instant instant(JsonObject o, String field) {
    String s = str(o, field);
    try {
      return s.isEmpty() ? null : Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
