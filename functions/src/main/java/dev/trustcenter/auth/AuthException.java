package dev.trustcenter.auth;

/**
 * A request that may not proceed: {@link #unauthenticated} (401: no or invalid credentials) or
 * {@link #forbidden} (403: valid credentials of someone not allowed). The message is safe to show:
 * it never contains the token.
 */
public final class AuthException extends Exception {
  private final boolean forbidden;
  private final String email;

  private AuthException(String message, boolean forbidden, String email) {
    super(message, null, false, false);
    this.forbidden = forbidden;
    this.email = email;
  }

  public static AuthException unauthenticated(String reason) {
    return new AuthException(reason, false, null);
  }

  public static AuthException forbidden(String email) {
    return new AuthException("this account is not allowed here", true, email);
  }

  /** 403 rather than 401. */
  public boolean isForbidden() {
    return forbidden;
  }

  /** The verified email of a forbidden caller, null for an unauthenticated one. */
  public String email() {
    return email;
  }
}
