package dev.trustcenter.app;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.trustcenter.admin.Reminders;
import dev.trustcenter.auth.Authenticator;
import dev.trustcenter.config.DeployedFunction;
import dev.trustcenter.http.Guard;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;

/**
 * {@code send-reminders}: Cloud Scheduler's daily task ({@code POST /} with an OIDC token; locally
 * {@code POST /tasks/send-reminders} with the dev token). Mails each admin the day's {@link
 * Reminders} digest, at most once a day, and answers what it did: 200, or 502 when the mail server
 * refused a digest (then Cloud Scheduler retries, and only the digests not yet sent go out).
 */
public final class SendRemindersFunction implements HttpFunction {
  private final Router router;

  /** Used by the Functions runtime: wires the production adapters from the environment. */
  public SendRemindersFunction() {
    this(
        Services.instance(DeployedFunction.SEND_REMINDERS).taskAuthenticator(),
        Services.instance(DeployedFunction.SEND_REMINDERS).reminders());
  }

  public SendRemindersFunction(Authenticator tasks, Reminders reminders) {
    this.router =
        new Router()
            .add(
                "POST",
                "/",
                ex -> {
                  Guard.require(tasks, ex);
                  Reminders.Result result = reminders.run();
                  ex.response().appendHeader("Cache-Control", "no-store");
                  Responses.json(ex.response(), result.failed() > 0 ? 502 : 200, result);
                });
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws Exception {
    router.dispatch(request, response);
  }
}
