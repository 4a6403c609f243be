package dev.trustcenter.auth;

/** Decides who is calling from the {@code Authorization} header of a request. */
@FunctionalInterface
public interface Authenticator {

  /**
   * @param authorization the header's value, or null when absent
   * @return the caller, if allowed
   * @throws AuthException 401 or 403
   */
  Principal authenticate(String authorization) throws AuthException;

  /**
   * Tries {@code this}, then {@code other} when this one does not recognise the credentials (401).
   */
  default Authenticator or(Authenticator other) {
    return header -> {
      try {
        return authenticate(header);
      } catch (AuthException e) {
        if (e.isForbidden()) {
          throw e;
        }
        return other.authenticate(header);
      }
    };
  }

  /** The token of a {@code Bearer} header, or null. */
  static String bearer(String authorization) {
    if (authorization == null) {
      return null;
    }
    String h = authorization.trim();
    if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = h.substring(7).trim();
    return token.isEmpty() ? null : token;
  }
}
