package dev.trustcenter.content;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages every human-readable text of the trust center is written in. Spanish is the
 * default.
 */
public enum Language {
  ES("es"),
  EN("en");

  public static final Language DEFAULT = ES;
  private static final Language[] VALUES = values();

  private final String code;

  Language(String code) {
    this.code = code;
  }

  /** The BCP 47 tag used in URLs, {@code lang} attributes and {@code Content-Language}. */
  public String code() {
    return code;
  }

  /**
   * The language with this exact code ({@code es} or {@code en}, case-insensitive), if supported.
   */
  public static Optional<Language> fromCode(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String wanted = code.trim().toLowerCase(Locale.ROOT);
    for (Language l : VALUES) {
      if (l.code.equals(wanted)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /** The supported codes, for error messages and documentation. */
  public static List<String> codes() {
    return Arrays.stream(values()).map(Language::code).toList();
  }

  /**
   * Picks the best supported language from an {@code Accept-Language} header (RFC 9110 quality
   * values, primary subtag match), or the default when the header is absent or names nothing we
   * support.
   */
  public static Language negotiate(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return DEFAULT;
    }
    Language best = null;
    double bestQ = 0;
    for (String part : acceptLanguage.split(",")) {
      String[] pieces = part.trim().split(";");
      String tag = pieces[0].trim();
      double q = 1.0;
      for (int i = 1; i < pieces.length; i++) {
        String p = pieces[i].trim();
        if (p.startsWith("q=")) {
          try {
            q = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      String primary = tag.split("-")[0];
      Optional<Language> lang = fromCode(primary);
      if (lang.isPresent() && q > bestQ) {
        best = lang.get();
        bestQ = q;
      }
    }
    return best == null ? DEFAULT : best;
  }
}
