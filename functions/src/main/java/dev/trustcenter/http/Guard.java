package dev.trustcenter.http;

import dev.trustcenter.auth.AuthException;
import dev.trustcenter.auth.Authenticator;
import dev.trustcenter.auth.Principal;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Authenticates a request or answers 401 (with {@code WWW-Authenticate: Bearer}) or 403. A 401
 * never says why the credentials were refused (a forger learns nothing from trying); the reason
 * goes to the log, and the admin API also records it in its audit log.
 */
public final class Guard {
  private static final Logger LOG = Logger.getLogger(Guard.class.getName());

  /** The one answer to every refused credential. */
  public static final String UNAUTHENTICATED = "authentication required: send a valid bearer token";

  private Guard() {}

  /**
   * The caller of {@code exchange}, if {@code authenticator} allows them.
   *
   * @throws ApiException 401 or 403, never naming the token nor why a token was refused
   */
  public static Principal require(Authenticator authenticator, Router.Exchange exchange) {
    try {
      return authenticator.authenticate(exchange.header("Authorization"));
    } catch (AuthException e) {
      // The reason never contains the token (AuthException's contract).
      LOG.info(
          "refused "
              + Router.safe(exchange.request().getMethod())
              + " "
              + Router.safe(exchange.request().getPath())
              + ": "
              + e.getMessage());
      throw toApi(e);
    }
  }

  /**
   * The API error for an authentication failure: 403 names no one, 401 is the same whatever the
   * reason.
   */
  public static ApiException toApi(AuthException e) {
    if (e.isForbidden()) {
      return new ApiException(403, "forbidden", e.getMessage());
    }
    return new ApiException(
        401,
        "unauthenticated",
        UNAUTHENTICATED,
        Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""),
        List.of());
  }
}
