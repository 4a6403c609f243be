package dev.trustcenter.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a raw query string. Routes read their query through this, never through {@code
 * HttpRequest.getQueryParameters()}: in the Functions Framework invoker (the deployed runtime) that
 * is the servlet's {@code getParameterMap()}, which for an {@code
 * application/x-www-form-urlencoded} POST also reads and consumes the body, so a form read
 * afterwards would be empty.
 */
public final class QueryString {
  private QueryString() {}

  /**
   * Name to values, in order; a malformed percent-encoding is kept as written. {@code raw} may be
   * null.
   */
  public static Map<String, List<String>> parse(String raw) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return query;
  }

  private static String decode(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s; // nothing to decode (lang=en): no copy on the public API's hot path
    }
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
