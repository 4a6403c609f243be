package dev.trustcenter.app;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.trustcenter.auth.Authenticator;
import dev.trustcenter.config.DeployedFunction;
import dev.trustcenter.http.Guard;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;
import dev.trustcenter.subscriptions.ChangeNotifier;
import dev.trustcenter.subscriptions.Subscriptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code deliver-notices}: Cloud Scheduler's task every ten minutes ({@code POST /} with an OIDC
 * token; locally {@code POST /tasks/deliver-notices} with the dev token). Drains the notice outbox
 * for at most {@link #BUDGET} (what is left waits for the next run, which resumes where this one
 * stopped) and purges expired subscription requests. Answers what it did; 200 also when mail is not
 * configured (then nothing can be queued).
 */
public final class DeliverNoticesFunction implements HttpFunction {
  /**
   * The drain's budget, so that a last page at its worst still ends within the function's 300 s.
   */
  static final Duration BUDGET = Duration.ofSeconds(180);

  private final Router router;

  /** Used by the Functions runtime: wires the production adapters from the environment. */
  public DeliverNoticesFunction() {
    this(
        Services.instance(DeployedFunction.DELIVER_NOTICES).taskAuthenticator(),
        Services.instance(DeployedFunction.DELIVER_NOTICES).documents().changeNotifier(),
        Services.instance(DeployedFunction.DELIVER_NOTICES).documents().subscriptions());
  }

  /**
   * @param notifier null when mail is not configured
   */
  public DeliverNoticesFunction(
      Authenticator tasks, ChangeNotifier notifier, Subscriptions subscriptions) {
    this.router =
        new Router()
            .add(
                "POST",
                "/",
                ex -> {
                  Guard.require(tasks, ex);
                  Map<String, Object> body = new LinkedHashMap<>();
                  body.put("expiredRequestsPurged", subscriptions.purgeExpiredRequests());
                  body.put("outbox", notifier == null ? null : notifier.drain(BUDGET));
                  ex.response().appendHeader("Cache-Control", "no-store");
                  Responses.json(ex.response(), 200, body);
                });
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws Exception {
    router.dispatch(request, response);
  }
}
