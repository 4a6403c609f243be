package dev.trustcenter.app;

import dev.trustcenter.auth.Authenticator;
import dev.trustcenter.config.DeployedFunction;
import dev.trustcenter.site.PublishTrigger;
import dev.trustcenter.subscriptions.ChangeNotifier;
import dev.trustcenter.subscriptions.PlannedChange;
import dev.trustcenter.subscriptions.PlannedChanges;
import dev.trustcenter.subscriptions.Subscriptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code deliver-notices}: Cloud Scheduler's task every ten minutes ({@code POST /} with an OIDC
 * token; locally {@code POST /tasks/deliver-notices} with the dev token). Drains the notice outbox
 * for at most {@link #BUDGET} (what is left waits for the next run, which resumes where this one
 * stopped) and purges expired subscription requests. Before draining, it applies the company's own
 * subprocessor changes whose effective day has come ({@link PlannedChanges#applyDue}, unless
 * withdrawn) and, when it applied any, asks for the site to be published. Answers what it did; 200
 * also when mail is not configured (then nothing can be queued, and due changes still apply).
 */
public final class DeliverNoticesFunction extends TaskFunction {
  /**
   * The drain's budget, so that a last page at its worst still ends within the function's 300 s.
   */
  static final Duration BUDGET = Duration.ofSeconds(180);

  /** Used by the Functions runtime: wires the production adapters from the environment. */
  public DeliverNoticesFunction() {
    this(
        Services.instance(DeployedFunction.DELIVER_NOTICES).taskAuthenticator(),
        Services.instance(DeployedFunction.DELIVER_NOTICES).documents().changeNotifier(),
        Services.instance(DeployedFunction.DELIVER_NOTICES).documents().subscriptions(),
        Services.instance(DeployedFunction.DELIVER_NOTICES).documents().plannedChanges(),
        Services.instance(DeployedFunction.DELIVER_NOTICES).publishTrigger());
  }

  /**
   * @param notifier null when mail is not configured
   */
  public DeliverNoticesFunction(
      Authenticator tasks,
      ChangeNotifier notifier,
      Subscriptions subscriptions,
      PlannedChanges plannedChanges,
      PublishTrigger publish) {
    super(
        tasks,
        caller -> {
          Map<String, Object> body = new LinkedHashMap<>();
          List<PlannedChange> applied = plannedChanges.applyDue();
          if (!applied.isEmpty()) {
            publish.requestPublish("subprocessor changes applied");
          }
          body.put(
              "plannedChanges",
              applied.stream().map(c -> Map.of("id", c.id(), "status", c.status())).toList());
          body.put("expiredRequestsPurged", subscriptions.purgeExpiredRequests());
          body.put("outbox", notifier == null ? null : notifier.drain(BUDGET));
          return new Outcome(200, body);
        });
  }
}
