package dev.trustcenter.site;

import dev.trustcenter.http.Responses;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * URL path segments and HTML ids made from entity ids. Ids are admin-chosen, so they are reduced to
 * {@code [a-z0-9-]}; an id that had to be changed gets a short hash of the original appended, so
 * two different ids never share a page.
 */
final class Slugs {
  private Slugs() {}

  static String of(String id) {
    return isSlug(id) ? id : reduced(id);
  }

  /** The slug as reduced from {@code id}; {@link #of} skips this for ids that are their own. */
  static String reduced(String id) {
    String slug =
        id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-");
    slug = slug.replaceAll("^-+|-+$", "");
    if (slug.length() > 60) {
      slug = slug.substring(0, 60).replaceAll("-+$", "");
    }
    if (slug.equals(id) && !slug.isEmpty()) {
      return slug;
    }
    String hash =
        HexFormat.of()
            .formatHex(Responses.sha256(id.getBytes(StandardCharsets.UTF_8)))
            .substring(0, 8);
    return slug.isEmpty() ? hash : slug + "-" + hash;
  }

  /**
   * Whether {@code id} is its own slug: 1 to 60 of {@code [a-z0-9-]}, neither starting nor ending
   * with {@code -}, no {@code --} (what the reduction above leaves unchanged), checked without
   * regular expressions since every page's links ask.
   */
  private static boolean isSlug(String id) {
    int n = id.length();
    if (n == 0 || n > 60 || id.charAt(0) == '-' || id.charAt(n - 1) == '-') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok || (c == '-' && id.charAt(i - 1) == '-')) {
        return false;
      }
    }
    return true;
  }
}
