package dev.trustcenter.app;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.trustcenter.auth.Authenticator;
import dev.trustcenter.config.DeployedFunction;
import dev.trustcenter.controls.CheckRunner;
import dev.trustcenter.controls.CheckRuns;
import dev.trustcenter.http.Guard;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;
import java.util.Map;

/**
 * {@code run-control-checks}: runs every automated control check, records each result with its
 * evidence and the run itself. Called hourly by Cloud Scheduler with an OIDC token ({@code POST
 * /}); locally {@code POST /tasks/run-control-checks} with the dev token. Answers the run: each
 * check's outcome and note.
 */
public final class RunControlChecksFunction implements HttpFunction {
  private final Router router;

  /** Used by the Functions runtime: wires the production adapters from the environment. */
  public RunControlChecksFunction() {
    this(
        Services.instance(DeployedFunction.RUN_CONTROL_CHECKS).taskAuthenticator(),
        Services.instance(DeployedFunction.RUN_CONTROL_CHECKS).checkRunner());
  }

  public RunControlChecksFunction(Authenticator tasks, CheckRunner runner) {
    this.router =
        new Router()
            .add(
                "POST",
                "/",
                ex -> {
                  Guard.require(tasks, ex);
                  CheckRuns.Run run = runner.runAll();
                  Responses.json(ex.response(), 200, Map.of("run", run));
                });
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws Exception {
    router.dispatch(request, response);
  }
}
