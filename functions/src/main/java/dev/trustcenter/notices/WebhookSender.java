package dev.trustcenter.notices;

import java.net.URI;

/**
 * Posts a JSON body to a subscriber's https endpoint, signed so the receiver can check it came from
 * us. Adapter: {@code okhttp.OkHttpWebhookSender}. Returns normally once the endpoint answered 2xx
 * (after bounded retries); throws {@link WebhookException} otherwise.
 */
@FunctionalInterface
public interface WebhookSender {
  /**
   * @param url an {@code https:} URL
   * @param json the body
   * @param secret the subscriber's signing secret (HMAC-SHA256 key)
   */
  void post(URI url, String json, byte[] secret);

  /** The endpoint did not accept the delivery after every attempt. */
  final class WebhookException extends RuntimeException {
    public WebhookException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
