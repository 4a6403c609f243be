package dev.trustcenter.http;

import dev.trustcenter.content.Language;

/**
 * The language of a public request: {@code ?lang=}, else {@code Accept-Language}, Spanish by
 * default. Every public route (the trust center, the synced lists, documents, subscriptions)
 * decides it the same way.
 */
public final class Languages {
  private Languages() {}

  /**
   * @throws ApiException 400 for an unsupported {@code lang}
   */
  public static Language of(Router.Exchange ex) {
    String lang = ex.query("lang");
    if (lang != null) {
      return Language.fromCode(lang).orElseThrow(() -> unsupported("lang"));
    }
    return Language.negotiate(ex.header("Accept-Language"));
  }

  /** A supported language code given in a body field; 400 naming {@code field} otherwise. */
  public static Language parse(String code, String field) {
    return Language.fromCode(code).orElseThrow(() -> unsupported(field));
  }

  /** 400 {@code invalid} naming the parameter or field and the supported languages. */
  private static ApiException unsupported(String field) {
    return ApiException.invalid(
        java.util.List.of(
            new ApiException.FieldError(
                field, "must be a supported language: " + String.join(", ", Language.codes()))));
  }
}
