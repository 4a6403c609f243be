package dev.trustcenter.app;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.trustcenter.auth.Authenticator;
import dev.trustcenter.auth.Principal;
import dev.trustcenter.http.Guard;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;

/**
 * The shape every scheduled task shares: {@code POST /} with a Google ID token of an allowed caller
 * (Cloud Scheduler, or another function; locally {@code POST /tasks/<name>} with the dev token)
 * runs the task once and answers what it did as JSON, never cached. Anything else is the router's
 * usual 404 or 405, and a refused token its 401 or 403.
 */
abstract class TaskFunction implements HttpFunction {
  /** What one run answers: its status (200, or 502 when part of it failed) and its JSON body. */
  record Outcome(int status, Object body) {}

  /** One run of the task, as {@code caller}. */
  @FunctionalInterface
  interface Task {
    Outcome run(Principal caller) throws Exception;
  }

  private final Router router;

  TaskFunction(Authenticator tasks, Task task) {
    java.util.Objects.requireNonNull(tasks, "tasks");
    java.util.Objects.requireNonNull(task, "task");
    this.router =
        new Router()
            .add(
                "POST",
                "/",
                ex -> {
                  Outcome outcome = task.run(Guard.require(tasks, ex));
                  ex.response().appendHeader("Cache-Control", "no-store");
                  Responses.json(ex.response(), outcome.status(), outcome.body());
                });
  }

  @Override
  public final void service(HttpRequest request, HttpResponse response) throws Exception {
    router.dispatch(request, response);
  }
}
