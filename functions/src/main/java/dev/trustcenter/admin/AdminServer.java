package dev.trustcenter.admin;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.trustcenter.audit.AuditLog;
import dev.trustcenter.auth.AuthException;
import dev.trustcenter.auth.Authenticator;
import dev.trustcenter.auth.IapAuthenticator;
import dev.trustcenter.auth.Principal;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.BufferedResponse;
import dev.trustcenter.http.FieldReader;
import dev.trustcenter.http.Guard;
import dev.trustcenter.http.InMemoryRequest;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code trust-admin}: the admin API and console (IAM invoker only, never public; deployed behind
 * the load balancer and Identity-Aware Proxy at {@code /admin}, mounted at {@code /admin} by the
 * local server). Paths outside {@code /v1/} are the console's {@link AdminPages}. Every API request
 * is authenticated before routing, by IAP's signed header where {@code IAP_AUDIENCE} is set, else
 * by its bearer token (401/403 are recorded in the audit log); then:
 *
 * <ul>
 *   <li>{@code GET /v1/<kind>}, {@code GET|PUT|DELETE /v1/<kind>/{id}} for frameworks, categories,
 *       controls, subprocessors and resources; {@code GET|PUT /v1/profile}
 *   <li>{@code GET /v1/audit-log?since=<ISO instant>&limit=<1..1000>&origin=admin|public&cursor=}:
 *       newest first, a page at a time ({@code cursor} in the answer, and {@code X-Next-Cursor},
 *       starts the next); JSON, or JSON lines with {@code Accept: application/x-ndjson}
 *   <li>whatever the {@link AdminRoutes} of other capabilities add (see {@link #extensions})
 * </ul>
 */
public final class AdminServer {
  private static final Logger LOG = Logger.getLogger(AdminServer.class.getName());
  static final String NDJSON = "application/x-ndjson";

  /**
   * Deployed behind the load balancer the function sees {@code /admin/...}; the local server strips
   * it.
   */
  static final String MOUNT = "/admin";

  private final Authenticator authenticator;
  private final IapAuthenticator iap;
  private final AdminPages pages;
  private final AuditLog auditLog;
  private final Clock clock;
  private final Router router = new Router();

  /** The JSON API alone, with bearer tokens only (no IAP header, no console). */
  public AdminServer(
      Authenticator authenticator,
      DocumentStore store,
      SnapshotWriter snapshots,
      Clock clock,
      Runnable publicContentChanged,
      List<AdminRoutes> extensions) {
    this(authenticator, null, null, store, snapshots, clock, publicContentChanged, extensions);
  }

  /**
   * @param iap verifies Identity-Aware Proxy's signed header; null: the header is not trusted
   * @param pages the console; null: none
   * @param publicContentChanged called after each committed change to the public snapshot (the
   *     local server drops its cached copy so {@code /api} shows the change at once, and the site
   *     is published again)
   * @param extensions route groups of other capabilities, registered after the built-in routes
   */
  public AdminServer(
      Authenticator authenticator,
      IapAuthenticator iap,
      AdminPages pages,
      DocumentStore store,
      SnapshotWriter snapshots,
      Clock clock,
      Runnable publicContentChanged,
      List<AdminRoutes> extensions) {
    this.authenticator = authenticator;
    this.iap = iap;
    this.pages = pages;
    this.auditLog = new AuditLog(store);
    this.clock = clock;
    AdminContext ctx = new AdminContext(store, snapshots, clock, auditLog, publicContentChanged);
    new ContentAdmin(ctx).register(router);
    router.add("GET", "/v1/audit-log", this::auditLog);
    extensions.forEach(e -> e.register(router, ctx));
  }

  /**
   * Attestations and reviews: each is audited in the transaction that records it (kind {@code
   * checks}, the control's id, outcome {@code recorded}, the result's day when it was backdated),
   * then the site is published.
   */
  public static dev.trustcenter.controls.ControlCheckAdminRoutes.Recording checkRecording(
      AdminContext ctx) {
    return new dev.trustcenter.controls.ControlCheckAdminRoutes.Recording() {
      @Override
      public void audit(
          dev.trustcenter.store.DocumentStore.Transaction tx,
          Router.Exchange ex,
          dev.trustcenter.controls.CheckResult r) {
        Instant now = ctx.clock().instant();
        String reason =
            r.outcome().name().toLowerCase(java.util.Locale.ROOT)
                + (r.checkedAt().isBefore(now.minusSeconds(60))
                    ? ", performed " + r.checkedAt().toString().substring(0, 10)
                    : "");
        ctx.auditLog()
            .append(
                tx,
                AdminContext.withReason(
                    ctx.entry(
                        ex,
                        now,
                        "checks",
                        r.controlId(),
                        "recorded",
                        201,
                        null,
                        dev.trustcenter.json.Json.write(r)),
                    reason));
      }

      @Override
      public void committed() {
        ctx.publicContentChanged();
      }
    };
  }

  /** Runs an admin action as its caller, then records it (and its failure) in the audit log. */
  public static dev.trustcenter.subprocessors.SyncAdminRoutes.AdminAction audited(
      AdminContext ctx) {
    return (ex, action, target, work) -> {
      Principal who = ctx.principal(ex);
      try {
        Object result = work.apply(who);
        ctx.auditLog()
            .append(ctx.entry(ex, ctx.clock().instant(), action, target, "ok", 200, null, null));
        ctx.publicContentChanged();
        return result;
      } catch (RuntimeException e) {
        int status = e instanceof ApiException api ? api.status() : 500;
        ctx.auditLog()
            .append(
                ctx.entry(ex, ctx.clock().instant(), action, target, "failed", status, null, null));
        throw e;
      }
    };
  }

  /** Answers one request (the function class {@code app.AdminApiFunction} delegates here). */
  public void service(HttpRequest request, HttpResponse response) throws Exception {
    String path = withinFunction(request.getPath());
    if (pages != null && pages.handles(path)) {
      pages.serve(request, path, response, api);
      return;
    }
    Principal principal;
    try {
      principal = api.authenticate(request); // records its own denials
    } catch (AuthException e) {
      Responses.error(response, Guard.toApi(e));
      return;
    }
    if (principal == null) {
      try {
        // Neither header: the bearer authenticator answers the usual 401 with its reason.
        principal = authenticator.authenticate(null);
      } catch (AuthException e) {
        recordDenied(request, path, e);
        Responses.error(response, Guard.toApi(e));
        return;
      }
    }
    router.dispatch(new AuthenticatedRequest(request, principal, path), response);
  }

  /** {@code path} without the load balancer's {@code /admin} prefix. */
  static String withinFunction(String path) {
    String p = path == null || path.isEmpty() ? "/" : path;
    if (p.equals(MOUNT)) {
      return "/";
    }
    return p.startsWith(MOUNT + "/") ? p.substring(MOUNT.length()) : p;
  }

  private final AdminApi api =
      new AdminApi() {
        @Override
        public Principal authenticate(HttpRequest request) throws AuthException {
          String path = withinFunction(request.getPath());
          String assertion = request.getFirstHeader(IapAuthenticator.HEADER).orElse(null);
          String authorization = request.getFirstHeader("Authorization").orElse(null);
          try {
            if (iap != null && assertion != null) {
              return iap.authenticate(assertion);
            }
            return authorization == null ? null : authenticator.authenticate(authorization);
          } catch (AuthException e) {
            recordDenied(request, path, e);
            throw e;
          }
        }

        @Override
        public Principal signIn(String token, String path) throws AuthException {
          try {
            return authenticator.authenticate("Bearer " + token);
          } catch (AuthException e) {
            recordDenied("POST", path, e);
            throw e;
          }
        }

        @Override
        public Answer call(
            Principal who, String method, String target, Map<String, String> headers, byte[] body) {
          InMemoryRequest req = new InMemoryRequest(method, target, headers, body);
          BufferedResponse res = new BufferedResponse();
          try {
            router.dispatch(new AuthenticatedRequest(req, who, req.getPath()), res);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          Map<String, List<String>> copy = new LinkedHashMap<>();
          res.getHeaders().forEach((k, v) -> copy.put(k, List.copyOf(v)));
          return new Answer(res.status(), copy, res.bodyBytes());
        }
      };

  /**
   * Records a denied request: who (when the token was valid), what was asked, and why; never the
   * token.
   */
  private void recordDenied(HttpRequest request, String path, AuthException e) {
    recordDenied(request.getMethod(), path, e);
  }

  private void recordDenied(String method, String path, AuthException e) {
    Instant now = clock.instant();
    try {
      auditLog.append(
          new AuditLog.Entry(
              AuditLog.newId(now),
              now,
              e.email(),
              Router.safe(method),
              safePath(path),
              "auth",
              null,
              "denied",
              e.isForbidden() ? 403 : 401,
              null,
              null,
              e.getMessage()));
    } catch (RuntimeException failure) {
      // The denial stands even when it cannot be recorded.
      LOG.log(Level.WARNING, "cannot record a denied request in the audit log", failure);
    }
  }

  private void auditLog(Router.Exchange ex) throws IOException {
    // Query parameters, checked the way request fields are: every fault named at once.
    FieldReader errors = FieldReader.withoutBody();
    Instant since = null;
    String sinceParam = ex.query("since");
    if (sinceParam != null) {
      try {
        since = Instant.parse(sinceParam);
      } catch (DateTimeParseException e) {
        errors.reject("since", "must be an ISO-8601 instant such as 2026-03-01T00:00:00Z");
      }
    }
    int limit = 100;
    String limitParam = ex.query("limit");
    if (limitParam != null) {
      try {
        limit = Integer.parseInt(limitParam);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > AuditLog.MAX_LIMIT) {
        errors.reject("limit", "must be a whole number between 1 and " + AuditLog.MAX_LIMIT);
      }
    }
    String cursor = ex.query("cursor");
    if (cursor != null && !AuditLog.validCursor(cursor)) {
      errors.reject("cursor", "must be the cursor of a previous page");
    }
    String origin = ex.query("origin");
    if (origin != null && !AuditLog.ORIGINS.contains(origin)) {
      errors.reject("origin", "must be one of " + String.join(", ", AuditLog.ORIGINS));
    }
    errors.finish();
    AuditLog.Page page;
    try {
      page = auditLog.page(since, cursor, origin, limit);
    } catch (StoreException e) {
      throw ContentAdmin.unavailable(e);
    }
    List<String> entries = page.entries();
    HttpResponse res = ex.response();
    res.appendHeader("Cache-Control", "no-store");
    if (page.cursor() != null) {
      res.appendHeader("X-Next-Cursor", page.cursor());
    }
    if (ex.headers("Accept").stream()
        .anyMatch(a -> a.toLowerCase(java.util.Locale.ROOT).contains(NDJSON))) {
      res.setStatusCode(200);
      res.setContentType(NDJSON + "; charset=utf-8");
      res.appendHeader("X-Content-Type-Options", "nosniff");
      if (!ex.head()) {
        try (OutputStream out = res.getOutputStream()) {
          for (String d : entries) {
            // Stored entries are compact Gson output: one line each (line breaks inside strings are
            // escaped).
            out.write(d.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
          }
        }
      }
      return;
    }
    StringBuilder body = new StringBuilder("{\"entries\":[");
    for (int i = 0; i < entries.size(); i++) {
      body.append(i == 0 ? "" : ",").append(entries.get(i));
    }
    body.append("]");
    if (page.cursor() != null) {
      body.append(",\"cursor\":").append(dev.trustcenter.json.Json.write(page.cursor()));
    }
    body.append("}");
    Responses.json(res, 200, body.toString().getBytes(StandardCharsets.UTF_8), ex.head());
  }

  /** A request path fit for the audit log and messages. */
  static String safePath(String path) {
    return Router.safe(path == null || path.isEmpty() ? "/" : path);
  }
}
