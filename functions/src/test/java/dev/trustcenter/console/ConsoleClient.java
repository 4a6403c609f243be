package dev.trustcenter.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.testing.LocalServerFixture;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console as a browser uses it, without a browser: cookies kept between requests, forms posted
 * urlencoded in one language, the dev-token sign-in; and the JSON API beside it with the dev token.
 */
final class ConsoleClient {
  private final LocalServerFixture app;
  private final CookieJar cookies = new CookieJar();
  private final String language;

  ConsoleClient(LocalServerFixture app, String language) {
    this.app = app;
    this.language = language;
  }

  HttpResponse<String> get(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(app.uri(path)).header("Accept-Language", language);
    cookies.addTo(b);
    return cookies.keep(app.send(b));
  }

  /** A urlencoded form post; {@code headers} are extra name, value pairs. */
  HttpResponse<String> post(String path, Map<String, String> form, String... headers) {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return send(
        path,
        "application/x-www-form-urlencoded",
        body.toString().getBytes(StandardCharsets.UTF_8),
        headers);
  }

  /** A file part of a multipart form: field name, file name, declared type (null: none), bytes. */
  record Part(String field, String fileName, String type, byte[] bytes) {}

  /**
   * A multipart form as a browser sends it: the text {@code fields}, then {@code file} (null: no
   * file part); {@code headers} are extra name, value pairs.
   */
  HttpResponse<String> multipart(
      String path, Map<String, String> fields, Part file, String... headers) {
    String boundary = "----console-test-" + System.nanoTime();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fields.forEach(
        (k, v) ->
            out.writeBytes(
                ("--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\""
                        + k
                        + "\"\r\n\r\n"
                        + v
                        + "\r\n")
                    .getBytes(StandardCharsets.UTF_8)));
    if (file != null) {
      out.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + file.field()
                  + "\"; filename=\""
                  + file.fileName()
                  + "\"\r\n"
                  + (file.type() == null ? "" : "Content-Type: " + file.type() + "\r\n")
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.writeBytes(file.bytes());
      out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(path, "multipart/form-data; boundary=" + boundary, out.toByteArray(), headers);
  }

  private HttpResponse<String> send(
      String path, String contentType, byte[] body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(app.uri(path))
            .header("Accept-Language", language)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    cookies.addTo(b);
    return cookies.keep(app.send(b));
  }

  /** The cookies this browser holds. */
  CookieJar cookies() {
    return cookies;
  }

  /** Signs in with the dev token; answers the CSRF token for forms. */
  String signIn() {
    HttpResponse<String> form = get("/admin/sign-in");
    HttpResponse<String> r =
        post(
            "/admin/sign-in",
            Map.of("csrf", csrf(form.body()), "token", LocalServerFixture.DEV_TOKEN));
    assertEquals(303, r.statusCode(), r.body());
    return csrf(get("/admin/").body());
  }

  /** A JSON API call with the dev token. */
  HttpResponse<String> api(String method, String path, String json) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(app.uri("/admin" + path))
            .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN);
    if (json != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return app.send(b);
  }

  static String csrf(String html) {
    return hidden(html, "csrf");
  }

  /** The first form's version tag (as the browser would send it back). */
  static String etag(String html) {
    return hidden(html, "etag").replace("&quot;", "\"");
  }

  private static String hidden(String html, String name) {
    Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
    assertTrue(m.find(), html);
    return m.group(1);
  }

  /** The text of the error paragraph of a field, without its lead-in, HTML entities decoded. */
  static String fieldError(String html, String field) {
    Matcher m =
        Pattern.compile(
                "<p class=\"error\" id=\""
                    + Pattern.quote(field)
                    + "-error\"><span>[^<]*</span> <span>([^<]*)</span></p>")
            .matcher(html);
    assertTrue(m.find(), "no error shown for " + field + ": " + html);
    return unescape(m.group(1));
  }

  /** The value of a text input. */
  static String value(String html, String field) {
    Matcher m =
        Pattern.compile("id=\"" + Pattern.quote(field) + "\" name=\"[^\"]+\" value=\"([^\"]*)\"")
            .matcher(html);
    assertTrue(m.find(), "no input " + field + ": " + html);
    return unescape(m.group(1));
  }

  static String unescape(String s) {
    return s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#61;", "=")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
