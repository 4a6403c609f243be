package dev.trustcenter.site;

/**
 * Asks for the site to be published again after a change that it shows (an admin write, a
 * subprocessor sync, a control check). Callers call it after their change is committed.
 *
 * <p>Adapters: in production {@code okhttp.IdTokenPublishTrigger} calls {@code publish-site} over
 * HTTPS with a Google ID token for {@code PUBLISH_SITE_URL}; locally {@link
 * InProcessPublishTrigger} runs the publisher in the same process, in the background, coalescing
 * bursts. A request that cannot be delivered is logged, never thrown at the caller: the change
 * itself is already saved, and the daily scheduled publish shows it at the latest.
 */
@FunctionalInterface
public interface PublishTrigger {

  /**
   * Requests a publish.
   *
   * @param reason what changed, for the logs (e.g. {@code "subprocessor sync"}); no personal data
   */
  void requestPublish(String reason);
}
