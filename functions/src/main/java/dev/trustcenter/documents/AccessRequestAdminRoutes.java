package dev.trustcenter.documents;

import dev.trustcenter.auth.Principal;
import dev.trustcenter.http.FieldReader;
import dev.trustcenter.http.JsonBody;
import dev.trustcenter.http.LinkBase;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Admin routes deciding access requests (paths as the admin function sees them):
 *
 * <ul>
 *   <li>{@code GET /v1/access-requests?status=pending|approved|denied|revoked}
 *   <li>{@code POST /v1/access-requests/{id}/approve} {@code {"expiresInDays": 7}} (1..90): the
 *       answer carries the grantee's download links (shown once; also mailed when mail is
 *       configured)
 *   <li>{@code POST /v1/access-requests/{id}/deny}
 *   <li>{@code POST /v1/access-requests/{id}/revoke}: in force for the very next download
 * </ul>
 */
public final class AccessRequestAdminRoutes {
  private final AccessRequests requests;
  private final LinkBase linkBase;

  public AccessRequestAdminRoutes(AccessRequests requests, LinkBase linkBase) {
    this.requests = requests;
    this.linkBase = linkBase;
  }

  /** Adds the routes; decisions are audited by {@link AccessRequests} itself. */
  public void register(Router router, AdminAccess access) {
    router
        .add(
            "GET",
            "/v1/access-requests",
            ex -> {
              access.require(ex);
              ex.response().appendHeader("Cache-Control", "no-store");
              Responses.json(
                  ex.response(), 200, Map.of("accessRequests", requests.list(ex.query("status"))));
            })
        .add(
            "POST",
            "/v1/access-requests/{id}/approve",
            ex -> {
              Principal admin = access.require(ex);
              int days = AccessRequests.DEFAULT_DAYS;
              var body = JsonBody.readOptional(ex.request(), JsonBody.MAX_BYTES);
              if (body.isPresent()) {
                FieldReader f = FieldReader.lenient(body.get());
                Integer d =
                    f.optionalInteger(
                        "expiresInDays", AccessRequests.DEFAULT_DAYS, 1, AccessRequests.MAX_DAYS);
                f.finish();
                days = d;
              }
              java.net.URI base = linkBase.of(ex);
              AccessRequests.Approval a =
                  requests.approve(ex.param("id"), days, admin.email(), base);
              requests.mailLinks(a);
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("accessRequest", a.request());
              out.put("links", a.links());
              ex.response().appendHeader("Cache-Control", "no-store");
              Responses.json(ex.response(), 200, out);
            })
        .add(
            "POST",
            "/v1/access-requests/{id}/deny",
            ex -> {
              Principal admin = access.require(ex);
              Responses.json(
                  ex.response(),
                  200,
                  Map.of("accessRequest", requests.deny(ex.param("id"), admin.email())));
            })
        .add(
            "POST",
            "/v1/access-requests/{id}/revoke",
            ex -> {
              Principal admin = access.require(ex);
              Responses.json(
                  ex.response(),
                  200,
                  Map.of("accessRequest", requests.revoke(ex.param("id"), admin.email())));
            });
  }
}
