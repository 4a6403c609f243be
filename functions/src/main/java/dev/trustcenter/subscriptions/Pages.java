package dev.trustcenter.subscriptions;

import dev.trustcenter.content.Language;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import com.google.cloud.functions.HttpResponse;

/** The few small HTML pages people reach from subscription mails (confirm, unsubscribe). Every text is escaped. */
final class Pages {
  private Pages() {}

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * Writes a page.
   *
   * @param extraHtml already-safe HTML placed after the message (a form), or empty
   */
  static void write(HttpResponse res, int status, Language lang, String title, String message, String extraHtml)
      throws IOException {
    String html =
        "<!doctype html><html lang=\"" + lang.code() + "\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
            + "<title>" + escape(title) + "</title>"
            + "<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}"
            + "button{font:inherit;padding:.5rem 1rem;cursor:pointer}code{word-break:break-all}</style></head><body>"
            + "<h1>" + escape(title) + "</h1><p>" + escape(message) + "</p>" + extraHtml + "</body></html>";
    res.setStatusCode(status);
    res.setContentType("text/html; charset=utf-8");
    res.appendHeader("Cache-Control", "no-store");
    res.appendHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
    res.appendHeader("Referrer-Policy", "no-referrer");
    res.appendHeader("X-Content-Type-Options", "nosniff");
    try (OutputStream out = res.getOutputStream()) {
      out.write(html.getBytes(StandardCharsets.UTF_8));
    }
  }
}
