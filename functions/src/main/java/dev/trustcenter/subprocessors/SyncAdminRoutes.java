package dev.trustcenter.subprocessors;

import dev.trustcenter.auth.Principal;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.FieldReader;
import dev.trustcenter.http.JsonBody;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;
import java.io.IOException;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The admin API's sync routes, registered on the admin function's router:
 *
 * <ul>
 *   <li>{@code POST /v1/sync}: syncs every vendor now; answers the run record
 *   <li>{@code GET /v1/sync/{vendor}/pending}: the list held for review (404 when none)
 *   <li>{@code GET /v1/sync/{vendor}/pending/changes}: the held list against the list in force, as
 *       added, removed and changed entries (404 when none)
 *   <li>{@code POST /v1/sync/{vendor}/reject}, optional body {@code {"contentSha256":"..."}}:
 *       discards the held list and keeps the list in force; 409 as for accept
 *   <li>{@code POST /v1/sync/{vendor}/accept}, optional body {@code {"contentSha256":"..."}} (the
 *       pending list reviewed): applies the pending list, recording its changes; 409 when nothing
 *       is pending or the pending list is not the one reviewed
 * </ul>
 *
 * Authentication and the audit log belong to the admin function; it passes them in as an {@link
 * AdminAction}.
 */
public final class SyncAdminRoutes {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final int MAX_BODY = 4096;

  /**
   * How the admin function runs an admin action: it authenticates the caller of {@code exchange} as
   * an admin (throwing {@link ApiException} 401/403 without running {@code work} otherwise), runs
   * {@code work} with the caller, writes one audit entry naming the caller, {@code action}, {@code
   * target} and the outcome (also when {@code work} throws), and returns {@code work}'s result.
   */
  @FunctionalInterface
  public interface AdminAction {
    Object perform(
        Router.Exchange exchange, String action, String target, Function<Principal, Object> work)
        throws Exception;
  }

  private final java.util.function.Supplier<SubprocessorSync> syncs;

  public SyncAdminRoutes(SubprocessorSync sync) {
    Objects.requireNonNull(sync, "sync");
    this.syncs = () -> sync;
  }

  /**
   * With the sync built on first use, so an admin instance that never syncs never builds its
   * fetcher.
   */
  public SyncAdminRoutes(java.util.function.Supplier<SubprocessorSync> syncs) {
    this.syncs = Objects.requireNonNull(syncs, "syncs");
  }

  /** Adds the routes to {@code router}, each run through {@code admin}. */
  public void register(Router router, AdminAction admin) {
    router
        .add(
            "POST",
            "/v1/sync",
            ex ->
                answer(
                    ex, admin, "subprocessors.sync", "all", who -> syncs.get().runAll(who.email())))
        .add(
            "GET",
            "/v1/sync/{vendor}/pending",
            vendorRoute(
                admin,
                "subprocessors.pending.view",
                vendor ->
                    syncs
                        .get()
                        .pending(vendor)
                        .orElseThrow(
                            () ->
                                ApiException.notFound(
                                    "no list of " + vendor + " is waiting for review"))))
        .add(
            "GET",
            "/v1/sync/{vendor}/pending/changes",
            vendorRoute(admin, "subprocessors.pending.view", vendor -> syncs.get().review(vendor)))
        .add(
            "POST",
            "/v1/sync/{vendor}/reject",
            reviewedRoute(
                admin,
                "subprocessors.reject",
                (vendor, expected) -> {
                  syncs.get().reject(vendor, expected);
                  return java.util.Map.of("vendor", vendor, "status", "rejected");
                }))
        .add(
            "POST",
            "/v1/sync/{vendor}/accept",
            reviewedRoute(
                admin,
                "subprocessors.accept",
                (vendor, expected) -> syncs.get().accept(vendor, expected)));
  }

  /**
   * A route on {@code /v1/sync/{vendor}/...}: 404 for a vendor that is not synced, else {@code
   * work} on the vendor as the admin action {@code action}; its result is the answer.
   */
  private Router.Handler vendorRoute(
      AdminAction admin, String action, Function<String, Object> work) {
    return ex -> {
      String vendor = knownVendor(ex.param("vendor"));
      answer(ex, admin, action, vendor, who -> work.apply(vendor));
    };
  }

  /**
   * A vendor route that acts on the pending list as reviewed: as {@link #vendorRoute}, and {@code
   * work} also gets the body's optional {@code contentSha256} (a bad body is a 400 before the
   * action runs or is audited).
   */
  private Router.Handler reviewedRoute(
      AdminAction admin, String action, BiFunction<String, String, Object> work) {
    return ex -> {
      String vendor = knownVendor(ex.param("vendor"));
      String expected = expectedSha(ex);
      answer(ex, admin, action, vendor, who -> work.apply(vendor, expected));
    };
  }

  /** Runs {@code work} as the admin action and answers its result, 200, never cached. */
  private static void answer(
      Router.Exchange ex,
      AdminAction admin,
      String action,
      String target,
      Function<Principal, Object> work)
      throws Exception {
    Object result = admin.perform(ex, action, target, work);
    ex.response().appendHeader("Cache-Control", "no-store");
    Responses.json(ex.response(), 200, result);
  }

  private String knownVendor(String vendor) {
    if (syncs.get().vendor(vendor).isEmpty()) {
      throw ApiException.notFound(
          "no synced vendor with that id; known: "
              + String.join(", ", syncs.get().vendors().stream().map(Vendor::id).toList()));
    }
    return vendor;
  }

  /**
   * The optional {@code contentSha256} of the body (an empty body: none); 400 for a body that is
   * not that.
   */
  private static String expectedSha(Router.Exchange ex) throws IOException {
    var body = JsonBody.readOptional(ex.request(), MAX_BODY);
    if (body.isEmpty()) {
      return null;
    }
    FieldReader f = FieldReader.of(body.get());
    String sha = f.optionalString("contentSha256", 64);
    if (sha != null && !SHA256.matcher(sha).matches()) {
      f.reject("contentSha256", "must be 64 lower-case hex digits");
    }
    f.finish();
    return sha;
  }
}
