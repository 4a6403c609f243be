package dev.trustcenter.documents;

import dev.trustcenter.content.Language;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.Router;

/** The language of a public request: {@code ?lang=}, else {@code Accept-Language}, Spanish by default. */
public final class Languages {
  private Languages() {}

  /** @throws ApiException 400 for an unsupported {@code lang} */
  public static Language of(Router.Exchange ex) {
    String lang = ex.query("lang");
    if (lang != null) {
      return parse(lang, "lang");
    }
    return Language.negotiate(ex.header("Accept-Language"));
  }

  /** A supported language code; 400 naming {@code field} otherwise. */
  public static Language parse(String code, String field) {
    return Language.fromCode(code)
        .orElseThrow(() -> ApiException.badRequest("unsupported_language",
            field + ": unsupported language; supported: " + String.join(", ", Language.codes())));
  }
}
