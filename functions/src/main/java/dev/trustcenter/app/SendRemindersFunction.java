package dev.trustcenter.app;

import dev.trustcenter.admin.Reminders;
import dev.trustcenter.auth.Authenticator;
import dev.trustcenter.config.DeployedFunction;

/**
 * {@code send-reminders}: Cloud Scheduler's daily task ({@code POST /} with an OIDC token; locally
 * {@code POST /tasks/send-reminders} with the dev token). Mails each admin the day's {@link
 * Reminders} digest, at most once a day, and answers what it did: 200, or 502 when the mail server
 * refused a digest (then Cloud Scheduler retries, and only the digests not yet sent go out).
 */
public final class SendRemindersFunction extends TaskFunction {
  /** Used by the Functions runtime: wires the production adapters from the environment. */
  public SendRemindersFunction() {
    this(
        Services.instance(DeployedFunction.SEND_REMINDERS).taskAuthenticator(),
        Services.instance(DeployedFunction.SEND_REMINDERS).reminders());
  }

  public SendRemindersFunction(Authenticator tasks, Reminders reminders) {
    super(
        tasks,
        caller -> {
          Reminders.Result result = reminders.run();
          return new Outcome(result.failed() > 0 ? 502 : 200, result);
        });
  }
}
