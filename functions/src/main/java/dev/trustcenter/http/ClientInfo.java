package dev.trustcenter.http;

/**
 * The requester's IP address and user agent, for rate limits and NDA evidence. The address is what
 * the trusted proxies report ({@link dev.trustcenter.http.ClientAddress}, configured on the router
 * from {@code CLIENT_IP_HEADER} and {@code TRUSTED_PROXY_HOPS}): never the first {@code
 * X-Forwarded-For} hop, which the client writes itself.
 *
 * @param ip the client's address, or {@code unknown}
 * @param userAgent the {@code User-Agent}, at most 300 characters, or empty
 */
public record ClientInfo(String ip, String userAgent) {

  /** Reads the client of a request. */
  public static ClientInfo of(Router.Exchange ex) {
    String ua = ex.header("User-Agent");
    ua = ua == null ? "" : ua.replaceAll("\\p{Cntrl}", " ");
    return new ClientInfo(ex.clientIp(), ua.length() > 300 ? ua.substring(0, 300) : ua);
  }

  /**
   * The key the per-address limit counts under: the address itself for IPv4, its /64 network for
   * IPv6 (one client usually holds a whole /64, so counting single addresses would let it walk
   * through them).
   */
  public String limitKey() {
    if (ip.indexOf(':') < 0) {
      return ip;
    }
    try {
      byte[] a = java.net.InetAddress.getByName(ip).getAddress();
      if (a.length == 16) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
          b.append(Integer.toHexString(((a[i] & 0xff) << 8) | (a[i + 1] & 0xff))).append(':');
        }
        return b.append(":/64").toString();
      }
    } catch (java.net.UnknownHostException e) {
      // not an address: fall through
    }
    return ip;
  }
}
