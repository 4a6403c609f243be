package dev.trustcenter.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The local server's development token: {@code Authorization: Bearer <token>}. Only the local
 * server wires it; deployed functions never accept it. Compared in constant time.
 */
public final class DevTokenAuthenticator implements Authenticator {
  public static final String EMAIL = "local-dev";
  private final byte[] token;

  public DevTokenAuthenticator(String token) {
    this.token = Objects.requireNonNull(token).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Principal authenticate(String authorization) throws AuthException {
    String presented = Authenticator.bearer(authorization);
    if (presented == null) {
      throw AuthException.unauthenticated("missing bearer token");
    }
    if (!MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
      throw AuthException.unauthenticated("invalid token");
    }
    return new Principal(EMAIL, true);
  }
}
