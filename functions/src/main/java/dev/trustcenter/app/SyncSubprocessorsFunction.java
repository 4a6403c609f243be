package dev.trustcenter.app;

import dev.trustcenter.auth.Authenticator;
import dev.trustcenter.config.DeployedFunction;
import dev.trustcenter.subprocessors.SubprocessorSync;
import dev.trustcenter.subprocessors.SyncRun;

/**
 * {@code sync-subprocessors}: Cloud Scheduler's daily task ({@code POST /} with an OIDC token;
 * locally {@code POST /tasks/sync-subprocessors} with the dev token). Syncs every vendor's list and
 * answers the run record: 200 when no vendor failed, 502 when one did (so the Scheduler job shows
 * the failure and retries it; retries are harmless, the sync being idempotent).
 */
public final class SyncSubprocessorsFunction extends TaskFunction {
  /** Used by the Functions runtime: wires the production adapters from the environment. */
  public SyncSubprocessorsFunction() {
    this(
        Services.instance(DeployedFunction.SYNC_SUBPROCESSORS).taskAuthenticator(),
        Services.instance(DeployedFunction.SYNC_SUBPROCESSORS).subprocessorSync());
  }

  public SyncSubprocessorsFunction(Authenticator tasks, SubprocessorSync sync) {
    super(
        tasks,
        caller -> {
          SyncRun run = sync.runAll(caller.email());
          return new Outcome(run.anyFailed() ? 502 : 200, run);
        });
  }
}
