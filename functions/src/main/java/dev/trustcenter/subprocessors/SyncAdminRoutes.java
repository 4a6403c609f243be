package dev.trustcenter.subprocessors;

import dev.trustcenter.auth.Principal;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.FieldReader;
import dev.trustcenter.http.JsonBody;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The admin API's sync routes, registered on the admin function's router:
 *
 * <ul>
 *   <li>{@code POST /v1/sync}: syncs every vendor now; answers the run record
 *   <li>{@code GET /v1/sync/{vendor}/pending}: the list held for review (404 when none)
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
            ex -> {
              Object run =
                  admin.perform(
                      ex, "subprocessors.sync", "all", who -> syncs.get().runAll(who.email()));
              noStore(ex);
              Responses.json(ex.response(), 200, run);
            })
        .add(
            "GET",
            "/v1/sync/{vendor}/pending",
            ex -> {
              String vendor = knownVendor(ex.param("vendor"));
              Object pending =
                  admin.perform(
                      ex,
                      "subprocessors.pending.view",
                      vendor,
                      who ->
                          syncs
                              .get()
                              .pending(vendor)
                              .orElseThrow(
                                  () ->
                                      ApiException.notFound(
                                          "no list of " + vendor + " is waiting for review")));
              noStore(ex);
              Responses.json(ex.response(), 200, pending);
            })
        .add(
            "POST",
            "/v1/sync/{vendor}/accept",
            ex -> {
              String vendor = knownVendor(ex.param("vendor"));
              String expected = expectedSha(ex);
              Object result =
                  admin.perform(
                      ex,
                      "subprocessors.accept",
                      vendor,
                      who -> syncs.get().accept(vendor, expected));
              noStore(ex);
              Responses.json(ex.response(), 200, result);
            });
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

  private static void noStore(Router.Exchange ex) {
    ex.response().appendHeader("Cache-Control", "no-store");
  }
}
