package dev.trustcenter.app;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.trustcenter.auth.Authenticator;
import dev.trustcenter.http.Guard;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;
import dev.trustcenter.site.PublishResult;
import dev.trustcenter.site.SitePublisher;
import java.util.Objects;

/**
 * {@code publish-site}: renders the site from the store, uploads what changed to {@code
 * SITE_BUCKET} and purges the changed URLs from Cloudflare. A task: {@code POST /} with a Google ID
 * token of an allowed service account (Cloud Scheduler daily, and the functions that change what
 * the site shows); locally {@code POST /tasks/publish-site} with the dev token.
 *
 * <p>Answers 200 with the {@link PublishResult} (what was uploaded, deleted and purged, and which
 * purges failed and will be retried), or 502 with the same body when an upload or deletion failed.
 */
public final class PublishSiteFunction implements HttpFunction {
  private final Router router;

  /** Used by the Functions runtime: wires the production adapters from the environment. */
  public PublishSiteFunction() {
    this(
        Services.instance(dev.trustcenter.config.DeployedFunction.PUBLISH_SITE).taskAuthenticator(),
        Services.instance(dev.trustcenter.config.DeployedFunction.PUBLISH_SITE).sitePublisher());
  }

  public PublishSiteFunction(Authenticator tasks, SitePublisher publisher) {
    Objects.requireNonNull(tasks, "tasks");
    Objects.requireNonNull(publisher, "publisher");
    this.router =
        new Router()
            .add(
                "POST",
                "/",
                ex -> {
                  Guard.require(tasks, ex);
                  PublishResult result = publisher.publish();
                  ex.response().appendHeader("Cache-Control", "no-store");
                  Responses.json(ex.response(), result.complete() ? 200 : 502, result);
                });
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws Exception {
    router.dispatch(request, response);
  }
}
