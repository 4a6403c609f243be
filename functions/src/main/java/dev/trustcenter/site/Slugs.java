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

  /**
   * Slugs already reduced (regular expressions and a hash each, asked for again by every page that
   * links to the id), up to {@value #KEPT} of them.
   */
  private static final java.util.Map<String, String> REDUCED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final int KEPT = 4096;

  static String of(String id) {
    if (isSlug(id)) {
      return id;
    }
    String slug = REDUCED.get(id);
    if (slug == null) {
      slug = reduced(id);
      if (REDUCED.size() >= KEPT) {
        REDUCED.clear();
      }
      REDUCED.put(id, slug);
    }
    return slug;
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
