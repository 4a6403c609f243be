package dev.trustcenter.documents;

import dev.trustcenter.http.Router;

/**
 * The requester's IP address and user agent, for rate limits and NDA evidence.
 *
 * <p>How far to trust the IP: Cloud Run's front end <em>appends</em> the address it saw to
 * {@code X-Forwarded-For}, and Cloudflare does the same in front of it, so the first hop is the original client
 * only when the client sent no header of its own. A client can put any value first. The per-IP limit is
 * therefore a brake on ordinary clients, not a defence: the per-email and the global limits (see
 * {@link RateLimiter}) are what bound a determined sender. The local server appends the socket's remote address
 * the same way.
 *
 * @param ip the first {@code X-Forwarded-For} hop, else {@code unknown}
 * @param userAgent the {@code User-Agent}, at most 300 characters, or empty
 */
public record ClientInfo(String ip, String userAgent) {

  /** Reads the client of a request. */
  public static ClientInfo of(Router.Exchange ex) {
    String ip = null;
    String xff = ex.header("X-Forwarded-For");
    if (xff != null) {
      String first = xff.split(",")[0].trim();
      if (first.matches("[0-9A-Fa-f:.\\[\\]]{2,64}")) {
        ip = first;
      }
    }
    if (ip == null) {
      ip = "unknown";
    }
    String ua = ex.header("User-Agent");
    ua = ua == null ? "" : ua.replaceAll("\\p{Cntrl}", " ");
    return new ClientInfo(ip, ua.length() > 300 ? ua.substring(0, 300) : ua);
  }
}
