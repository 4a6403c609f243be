package dev.trustcenter.site;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Which URLs from the data may become links. Admins and vendor pages are not trusted to give safe
 * URLs: only absolute {@code https:} URLs with a host (and {@code mailto:} for the security
 * contact) are linked; anything else, {@code javascript:} included, is shown as text.
 */
final class SafeUrls {
  private SafeUrls() {}

  /** Whether {@code url} is an absolute https URL without whitespace or control characters. */
  static boolean isHttps(String url) {
    URI uri = parse(url);
    return uri != null
        && "https".equals(uri.getScheme().toLowerCase(Locale.ROOT))
        && uri.getHost() != null;
  }

  /** Whether {@code url} is an https URL or a {@code mailto:} URI with an address. */
  static boolean isHttpsOrMailto(String url) {
    if (isHttps(url)) {
      return true;
    }
    URI uri = parse(url);
    return uri != null
        && "mailto".equals(uri.getScheme().toLowerCase(Locale.ROOT))
        && uri.getSchemeSpecificPart() != null
        && uri.getSchemeSpecificPart().matches("[^@\\s<>\"]+@[^@\\s<>\"]+");
  }

  private static URI parse(String url) {
    if (url == null || url.isBlank() || url.length() > 2000 || !url.equals(url.strip())) {
      return null;
    }
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == '"' || c == '\'' || c == '`') {
        return null;
      }
    }
    try {
      URI uri = new URI(url);
      return uri.getScheme() == null ? null : uri;
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
