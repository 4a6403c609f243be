package dev.trustcenter.app;

import dev.trustcenter.auth.Authenticator;
import dev.trustcenter.config.DeployedFunction;
import dev.trustcenter.controls.CheckRunner;
import java.util.Map;

/**
 * {@code run-control-checks}: runs every automated control check, records each result with its
 * evidence and the run itself. Called hourly by Cloud Scheduler with an OIDC token ({@code POST
 * /}); locally {@code POST /tasks/run-control-checks} with the dev token. Answers the run: each
 * check's outcome and note.
 */
public final class RunControlChecksFunction extends TaskFunction {
  /** Used by the Functions runtime: wires the production adapters from the environment. */
  public RunControlChecksFunction() {
    this(
        Services.instance(DeployedFunction.RUN_CONTROL_CHECKS).taskAuthenticator(),
        Services.instance(DeployedFunction.RUN_CONTROL_CHECKS).checkRunner());
  }

  public RunControlChecksFunction(Authenticator tasks, CheckRunner runner) {
    super(tasks, caller -> new Outcome(200, Map.of("run", runner.runAll())));
  }
}
