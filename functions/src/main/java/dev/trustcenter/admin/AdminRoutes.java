package dev.trustcenter.admin;

import dev.trustcenter.http.Router;

/**
 * A group of admin endpoints contributed by another capability (sync, checks, documents, ...). The
 * admin function authenticates every request before routing, so a handler registered here only ever
 * runs for an admin; it gets the caller with {@link AdminContext#principal} and records what it
 * changes in {@link AdminContext#auditLog}. Registered routes must not clash with the built-in ones
 * ({@code /v1/<kind>}, {@code /v1/profile}, {@code /v1/audit-log}). Add an implementation to {@link
 * AdminServer#extensions}.
 *
 * <pre>{@code
 * (router, ctx) -> router.add("POST", "/v1/sync", ex -> {
 *   Principal who = ctx.principal(ex);
 *   ...
 * });
 * }</pre>
 */
@FunctionalInterface
public interface AdminRoutes {
  void register(Router router, AdminContext context);
}
