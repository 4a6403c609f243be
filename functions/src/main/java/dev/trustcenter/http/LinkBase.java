package dev.trustcenter.http;

import java.net.URI;

/**
 * The public API's base URL for download links in an admin answer, e.g. {@code
 * https://trust.example.com/api}: from {@code SITE_BASE_URL} when set; the local server derives it
 * from the request.
 */
@FunctionalInterface
public interface LinkBase {
  /**
   * @throws dev.trustcenter.http.ApiException 503 when it cannot be known
   */
  URI of(Router.Exchange adminRequest);
}
