package dev.trustcenter.app;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.trustcenter.admin.AdminRoutes;
import dev.trustcenter.admin.AdminServer;
import dev.trustcenter.config.DeployedFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code trust-admin}: the admin API and console (IAM invoker only, never public; deployed behind
 * Identity-Aware Proxy). The routes and their checks are {@link AdminServer}'s; this class only
 * wires them to the production adapters.
 */
public final class AdminApiFunction implements HttpFunction {
  private final AdminServer server;

  /** Used by the Functions runtime: wires the production adapters from the environment. */
  public AdminApiFunction() {
    this(Services.instance(DeployedFunction.TRUST_ADMIN));
  }

  /** The admin API and console over {@code services}, with every capability's extra routes. */
  public AdminApiFunction(Services services) {
    this.server = server(services);
  }

  /** The admin API and console over {@code services}; the local server mounts the same thing. */
  public static AdminServer server(Services services) {
    return new AdminServer(
        services.adminAuthenticator(),
        services.iapAuthenticator(),
        services.adminConsole(),
        services.store(),
        services.snapshotWriter(),
        services.clock(),
        () -> {
          services.snapshots().invalidate();
          services.publishTrigger().requestPublish("admin change");
        },
        extensions(services));
  }

  /**
   * The admin route groups of other capabilities (sync, checks, documents, ...): add one line per
   * group here. Both the deployed function and the local server use this list.
   */
  public static List<AdminRoutes> extensions(Services services) {
    List<AdminRoutes> routes = new ArrayList<>();
    routes.add(
        (router, ctx) ->
            services
                .controlCheckAdminRoutes()
                .register(router, ctx::principal, AdminServer.checkRecording(ctx)));
    routes.add((router, ctx) -> services.documents().registerAdmin(router, ctx::principal));
    routes.add(
        (router, ctx) ->
            new dev.trustcenter.subprocessors.SyncAdminRoutes(services::subprocessorSync)
                .register(router, AdminServer.audited(ctx)));
    routes.add(
        (router, ctx) ->
            new dev.trustcenter.subscriptions.PlannedChangeAdminRoutes(
                    services.documents().plannedChanges())
                .register(router, ctx::principal, ctx::publicContentChanged));
    routes.add(
        new dev.trustcenter.admin.Bundles(
            object -> services.documents().library().bucket().exists(object)));
    return routes;
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws Exception {
    server.service(request, response);
  }
}
