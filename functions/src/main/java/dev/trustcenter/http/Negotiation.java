package dev.trustcenter.http;

import java.util.Locale;

/**
 * Whether a request to a public route comes from a browser (answer with an HTML page) or from an
 * API client (answer with JSON), so one route serves both. A browser is recognised by what it
 * sends: an HTML form's body ({@code application/x-www-form-urlencoded}), or an {@code Accept}
 * header that prefers {@code text/html} to {@code application/json}. Everything else, including no
 * {@code Accept} at all or {@code *}{@code /*} (curl), gets JSON, so existing API clients see no
 * change.
 */
public final class Negotiation {
  private Negotiation() {}

  /** Whether to answer {@code ex} with HTML. */
  public static boolean wantsHtml(Router.Exchange ex) {
    if (!"GET".equals(ex.request().getMethod()) && !"HEAD".equals(ex.request().getMethod())) {
      String type = ex.header("Content-Type");
      if (type != null
          && type.split(";")[0].trim().toLowerCase(Locale.ROOT).equals(PublicBody.FORM)) {
        return true;
      }
    }
    return prefersHtml(ex.header("Accept"));
  }

  /**
   * Whether an {@code Accept} header gives {@code text/html} a positive quality at least that of
   * JSON.
   */
  static boolean prefersHtml(String accept) {
    if (accept == null) {
      return false;
    }
    double html = 0;
    double json = 0;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      double q = 1;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].trim();
        if (p.startsWith("q=")) {
          try {
            q = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
        html = Math.max(html, q);
      } else if (type.equals("application/json")) {
        json = Math.max(json, q);
      }
    }
    return html > 0 && html >= json;
  }
}
