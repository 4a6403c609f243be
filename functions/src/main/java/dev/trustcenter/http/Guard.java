package dev.trustcenter.http;

import dev.trustcenter.auth.AuthException;
import dev.trustcenter.auth.Authenticator;
import dev.trustcenter.auth.Principal;
import java.util.List;
import java.util.Map;

/** Authenticates a request or answers 401 (with {@code WWW-Authenticate: Bearer}) or 403. */
public final class Guard {
  private Guard() {}

  /**
   * The caller of {@code exchange}, if {@code authenticator} allows them.
   *
   * @throws ApiException 401 or 403; the message names the reason but never the token
   */
  public static Principal require(Authenticator authenticator, Router.Exchange exchange) {
    try {
      return authenticator.authenticate(exchange.header("Authorization"));
    } catch (AuthException e) {
      throw toApi(e);
    }
  }

  /** The API error for an authentication failure. */
  public static ApiException toApi(AuthException e) {
    if (e.isForbidden()) {
      return new ApiException(403, "forbidden", e.getMessage());
    }
    return new ApiException(
        401,
        "unauthenticated",
        e.getMessage(),
        Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""),
        List.of());
  }
}
