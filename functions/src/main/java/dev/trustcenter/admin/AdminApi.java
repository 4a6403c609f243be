package dev.trustcenter.admin;

import com.google.cloud.functions.HttpRequest;
import dev.trustcenter.auth.AuthException;
import dev.trustcenter.auth.Principal;
import java.util.List;
import java.util.Map;

/**
 * The admin API as the console's pages use it: who is calling, and in-process calls of the very
 * routes the JSON API serves, so that a form is validated, audited and published exactly like an
 * API request.
 */
public interface AdminApi {

  /**
   * The caller of {@code request} by Identity-Aware Proxy's signed header (where configured) or an
   * {@code Authorization} bearer token.
   *
   * @return null when the request carries neither
   * @throws AuthException when it carries one that is refused (already recorded in the audit log)
   */
  Principal authenticate(HttpRequest request) throws AuthException;

  /**
   * Checks a token typed into the console's sign-in form with the bearer authenticator (locally the
   * dev token).
   *
   * @throws AuthException when it is refused (recorded in the audit log)
   */
  Principal signIn(String token, String path) throws AuthException;

  /**
   * Calls an API route as {@code who}.
   *
   * @param target a path such as {@code /v1/controls/x}, with an optional query string
   * @param headers request headers (e.g. {@code If-Match}, {@code Content-Type})
   * @param body the request body, empty for none
   */
  Answer call(
      Principal who, String method, String target, Map<String, String> headers, byte[] body);

  /** An API answer. */
  record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> h : headers.entrySet()) {
        if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
          return h.getValue().get(0);
        }
      }
      return null;
    }

    public String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
