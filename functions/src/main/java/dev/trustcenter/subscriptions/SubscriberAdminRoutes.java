package dev.trustcenter.subscriptions;

import dev.trustcenter.auth.Principal;
import dev.trustcenter.documents.AdminAccess;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Admin routes for subscribers (paths as the admin function sees them, without {@code /admin}):
 *
 * <ul>
 *   <li>{@code GET /v1/subscribers?status=pending&after=&limit=<1..200, default 50>}: one page of
 *       subscribers (confirmed or unsubscribed) by id, or with {@code status=pending} the requests
 *       not confirmed yet, oldest first; {@code next} starts the following page. Never a token, a
 *       webhook secret or the webhook's address: only whether there is one
 *   <li>{@code DELETE /v1/subscribers/{id}}: removes the subscriber and its open requests (204; 404
 *       when there is neither); audit-logged as {@code subscription.removed}
 * </ul>
 */
public final class SubscriberAdminRoutes {
  static final int DEFAULT_LIMIT = 50;
  private final Subscriptions subscriptions;

  public SubscriberAdminRoutes(Subscriptions subscriptions) {
    this.subscriptions = Objects.requireNonNull(subscriptions);
  }

  public void register(Router router, AdminAccess access) {
    router
        .add(
            "GET",
            "/v1/subscribers",
            ex -> {
              access.require(ex);
              String status = ex.query("status");
              if (status != null && !status.equals(Subscriber.PENDING)) {
                throw ApiException.invalid(
                    List.of(
                        new ApiException.FieldError(
                            "status", "must be \"pending\" or left out (the subscribers)")));
              }
              Subscriptions.Page page =
                  subscriptions.list(status != null, ex.query("after"), limit(ex.query("limit")));
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("subscribers", page.items());
              if (page.next() != null) {
                body.put("next", page.next());
              }
              ex.response().appendHeader("Cache-Control", "no-store");
              Responses.json(ex.response(), 200, body);
            })
        .add(
            "DELETE",
            "/v1/subscribers/{id}",
            ex -> {
              Principal admin = access.require(ex);
              subscriptions.remove(ex.param("id"), admin.email());
              ex.response().setStatusCode(204);
            });
  }

  private static int limit(String v) {
    if (v == null) {
      return DEFAULT_LIMIT;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw ApiException.invalid(
          List.of(new ApiException.FieldError("limit", "must be a whole number")));
    }
  }
}
