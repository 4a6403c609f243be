package dev.trustcenter.app;

import dev.trustcenter.auth.Authenticator;
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
public final class PublishSiteFunction extends TaskFunction {
  /** Used by the Functions runtime: wires the production adapters from the environment. */
  public PublishSiteFunction() {
    this(
        Services.instance(dev.trustcenter.config.DeployedFunction.PUBLISH_SITE).taskAuthenticator(),
        Services.instance(dev.trustcenter.config.DeployedFunction.PUBLISH_SITE).sitePublisher());
  }

  public PublishSiteFunction(Authenticator tasks, SitePublisher publisher) {
    super(tasks, publishing(Objects.requireNonNull(publisher, "publisher")));
  }

  private static Task publishing(SitePublisher publisher) {
    return caller -> {
      PublishResult result = publisher.publish();
      return new Outcome(result.complete() ? 200 : 502, result);
    };
  }
}
