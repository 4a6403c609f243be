package dev.trustcenter.app;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.trustcenter.auth.Authenticator;
import dev.trustcenter.auth.Principal;
import dev.trustcenter.config.DeployedFunction;
import dev.trustcenter.http.Guard;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;
import dev.trustcenter.subprocessors.SubprocessorSync;
import dev.trustcenter.subprocessors.SyncRun;

/**
 * {@code sync-subprocessors}: Cloud Scheduler's daily task ({@code POST /} with an OIDC token;
 * locally {@code POST /tasks/sync-subprocessors} with the dev token). Syncs every vendor's list and
 * answers the run record: 200 when no vendor failed, 502 when one did (so the Scheduler job shows
 * the failure and retries it; retries are harmless, the sync being idempotent).
 */
public final class SyncSubprocessorsFunction implements HttpFunction {
  private final Router router;

  /** Used by the Functions runtime: wires the production adapters from the environment. */
  public SyncSubprocessorsFunction() {
    this(
        Services.instance(DeployedFunction.SYNC_SUBPROCESSORS).taskAuthenticator(),
        Services.instance(DeployedFunction.SYNC_SUBPROCESSORS).subprocessorSync());
  }

  public SyncSubprocessorsFunction(Authenticator tasks, SubprocessorSync sync) {
    this.router =
        new Router()
            .add(
                "POST",
                "/",
                ex -> {
                  Principal caller = Guard.require(tasks, ex);
                  SyncRun run = sync.runAll(caller.email());
                  ex.response().appendHeader("Cache-Control", "no-store");
                  Responses.json(ex.response(), run.anyFailed() ? 502 : 200, run);
                });
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws Exception {
    router.dispatch(request, response);
  }
}
