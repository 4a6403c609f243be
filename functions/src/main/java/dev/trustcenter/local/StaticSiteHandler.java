package dev.trustcenter.local;

import com.sun.net.httpserver.HttpExchange;
import dev.trustcenter.filestore.FolderSiteBucket;
import dev.trustcenter.filestore.FolderSiteBucket.Served;
import dev.trustcenter.http.Responses;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Serves the locally published site ({@code <dataDir>/site}) the way the production bucket behind
 * Cloudflare does: each file with the {@code Content-Type} and {@code Cache-Control} it was
 * published with, {@code /es/} answered by {@code /es/index.html}, {@code /es} redirected to {@code
 * /es/}, unknown paths answered 404 with {@code /404.html}, and the security headers Cloudflare
 * adds in production (see {@code infra/cloudflare.tf}), so that the browser tests run under the
 * same Content-Security-Policy. Like Cloud Storage, each file carries an {@code ETag} and {@code
 * Last-Modified} and a matching {@code If-None-Match} or {@code If-Modified-Since} gets 304; like
 * Cloudflare, text is gzipped when the client accepts it.
 *
 * <p>Only files listed in the site's manifest are served, looked up by their exact path: dot
 * segments, backslashes and percent-encoded characters never match, so nothing outside the folder
 * can be reached.
 */
final class StaticSiteHandler {
  /** The same policy as production's Cloudflare response-header rule. */
  static final String CSP =
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
          + "frame-ancestors 'none'; form-action 'self'";

  private final FolderSiteBucket folder;

  StaticSiteHandler(FolderSiteBucket folder) {
    this.folder = folder;
  }

  /** What was answered, for the access log. */
  record Answer(int status, long bytes) {}

  Answer handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    boolean head = method.equalsIgnoreCase("HEAD");
    if (!head && !method.equalsIgnoreCase("GET")) {
      exchange.getResponseHeaders().add("Allow", "GET, HEAD");
      exchange.sendResponseHeaders(405, -1);
      return new Answer(405, 0);
    }
    String raw = exchange.getRequestURI().getRawPath();
    String path = raw == null || raw.isEmpty() ? "/" : raw;
    String file = path.endsWith("/") ? path + "index.html" : path;
    Optional<Served> served = folder.read(file);
    if (served.isEmpty() && !path.endsWith("/") && folder.has(path + "/index.html")) {
      exchange.getResponseHeaders().add("Location", path + "/");
      exchange.getResponseHeaders().add("Cache-Control", "public, max-age=60");
      exchange.sendResponseHeaders(301, -1);
      return new Answer(301, 0);
    }
    int status = 200;
    if (served.isEmpty()) {
      status = 404;
      served =
          folder
              .read("/404.html")
              .or(
                  () ->
                      Optional.of(
                          new Served(
                              "not found\n".getBytes(StandardCharsets.UTF_8),
                              "text/plain; charset=utf-8",
                              "no-store",
                              null)));
    }
    Served s = served.get();
    var headers = exchange.getResponseHeaders();
    headers.add("Content-Type", s.contentType());
    headers.add("Cache-Control", status == 200 ? s.cacheControl() : "no-store");
    headers.add("X-Content-Type-Options", "nosniff");
    headers.add("Content-Security-Policy", CSP);
    headers.add("Referrer-Policy", "strict-origin-when-cross-origin");
    headers.add("X-Frame-Options", "DENY");
    if (status == 200) {
      String etag = Responses.etag(s.bytes());
      headers.add("ETag", etag);
      if (s.lastModified() != null) {
        headers.add("Last-Modified", HTTP_DATE.format(s.lastModified().atOffset(ZoneOffset.UTC)));
      }
      if (notModified(exchange, etag, s.lastModified())) {
        if (Compression.compressible(s.contentType())) {
          headers.add("Vary", "Accept-Encoding");
        }
        exchange.sendResponseHeaders(304, -1);
        return new Answer(304, 0);
      }
    }
    byte[] body = Compression.apply(exchange.getRequestHeaders(), headers, s.bytes());
    if (head) {
      headers.add("Content-Length", Integer.toString(body.length));
      exchange.sendResponseHeaders(status, -1);
      return new Answer(status, 0);
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
    return new Answer(status, body.length);
  }

  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  /**
   * RFC 9110 section 13.2.2: {@code If-None-Match} decides when present (weak comparison, so the
   * tag of a gzipped answer matches too); otherwise {@code If-Modified-Since}, to the second.
   */
  private static boolean notModified(HttpExchange exchange, String etag, Instant lastModified) {
    List<String> noneMatch = exchange.getRequestHeaders().get("If-None-Match");
    if (noneMatch != null && !noneMatch.isEmpty()) {
      return Responses.noneMatchHits(noneMatch, etag);
    }
    String since = exchange.getRequestHeaders().getFirst("If-Modified-Since");
    if (since == null || lastModified == null) {
      return false;
    }
    try {
      Instant at = Instant.from(HTTP_DATE.parse(since.trim()));
      return !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(at);
    } catch (DateTimeParseException e) {
      return false; // an unreadable date is ignored, as the RFC asks
    }
  }
}
