package dev.trustcenter.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where a request's client address comes from, for rate limits and evidence. Only what a trusted
 * proxy wrote counts: a client can put anything in {@code X-Forwarded-For}, but each proxy
 * <em>appends</em> the address it saw, so with {@code trustedHops} proxies in front of the function
 * the client is the {@code trustedHops}-th entry from the right (Cloud Run's front end alone: 1;
 * Cloudflare, then Cloud Run: 2; the local server appends the socket's address: 1). The first hop
 * is never trusted. Behind Cloudflare, {@code CF-Connecting-IP} (set by Cloudflare, overwriting any
 * client value) can be used instead, when the origin is reachable only through it. An address that
 * cannot be determined is {@code unknown}, which shares one rate-limit bucket.
 *
 * @param cloudflare use {@code CF-Connecting-IP} ({@code CLIENT_IP_HEADER=CF-Connecting-IP})
 * @param trustedHops the number of proxies that append to {@code X-Forwarded-For} ({@code
 *     TRUSTED_PROXY_HOPS})
 */
public record ClientAddress(boolean cloudflare, int trustedHops) {
  /** One proxy: Cloud Run's front end, or the local server. */
  public static final ClientAddress DEFAULT = new ClientAddress(false, 1);

  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  public ClientAddress {
    if (trustedHops < 1 || trustedHops > 10) {
      throw new IllegalArgumentException("trustedHops must be between 1 and 10");
    }
  }

  /** The client's address as the trusted proxies report it, or {@code unknown}. */
  public String of(Function<String, List<String>> headers) {
    if (cloudflare) {
      List<String> cf = headers.apply("CF-Connecting-IP");
      return cf.size() == 1 ? valid(cf.get(0).trim()) : "unknown";
    }
    List<String> hops = new ArrayList<>();
    for (String value : headers.apply("X-Forwarded-For")) {
      for (String hop : value.split(",")) {
        hops.add(hop.trim());
      }
    }
    return hops.size() < trustedHops ? "unknown" : valid(hops.get(hops.size() - trustedHops));
  }

  private static String valid(String ip) {
    String s = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
    return IPV4.matcher(s).matches() || (s.indexOf(':') >= 0 && IPV6.matcher(s).matches())
        ? s
        : "unknown";
  }
}
