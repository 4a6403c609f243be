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
}
