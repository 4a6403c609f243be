package dev.trustcenter.console;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A browser's cookies for one site, for the console's HTTP tests: sent with each request, kept from
 * each answer.
 */
final class CookieJar {
  private final Map<String, String> cookies = new LinkedHashMap<>();

  /** Adds the {@code Cookie} header, when there is a cookie. */
  HttpRequest.Builder addTo(HttpRequest.Builder b) {
    if (!cookies.isEmpty()) {
      StringBuilder c = new StringBuilder();
      cookies.forEach((k, v) -> c.append(c.isEmpty() ? "" : "; ").append(k).append('=').append(v));
      b.header("Cookie", c.toString());
    }
    return b;
  }

  /** Keeps the answer's {@code Set-Cookie}s (an empty value deletes the cookie), and answers it. */
  HttpResponse<String> keep(HttpResponse<String> r) {
    for (String set : r.headers().allValues("Set-Cookie")) {
      String pair = set.split(";")[0];
      int eq = pair.indexOf('=');
      if (pair.substring(eq + 1).isEmpty()) {
        cookies.remove(pair.substring(0, eq));
      } else {
        cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return r;
  }

  /** The cookies now held, by name (live). */
  Map<String, String> map() {
    return cookies;
  }
}
