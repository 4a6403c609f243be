package dev.trustcenter.local;

import com.sun.net.httpserver.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * gzip for the local server's text answers when the client accepts it, as Cloudflare compresses
 * them in front of the deployed site and API. Brotli is left out: the Java encoders on Maven
 * Central (Brotli4j) load native libraries per platform, and Google's pure-Java {@code
 * org.brotli:dec} only decodes.
 *
 * <p>A compressed answer's strong {@code ETag} becomes weak ({@code W/"..."}, as Cloudflare does):
 * the bytes sent differ from the ones the tag was computed on. {@code If-None-Match} compares
 * weakly, so revalidation keeps working; {@link ExchangeRequest} reads a weak tag in {@code
 * If-Match} as the strong one it came from.
 */
final class Compression {
  /** Below this a gzip header and a round trip cost more than they save. */
  static final int MIN_BYTES = 512;

  private Compression() {}

  /**
   * Compresses {@code body} for the client of {@code request} if it accepts gzip and the answer is
   * text of some size, setting {@code Content-Encoding} and {@code Vary} in {@code response};
   * returns the bytes to send.
   */
  static byte[] apply(Headers request, Headers response, byte[] body) {
    String type = response.getFirst("Content-Type");
    if (type == null || !compressible(type) || response.containsKey("Content-Encoding")) {
      return body;
    }
    response.add("Vary", "Accept-Encoding");
    if (body.length < MIN_BYTES || !acceptsGzip(request.get("Accept-Encoding"))) {
      return body;
    }
    response.set("Content-Encoding", "gzip");
    List<String> etags = response.get("ETag");
    if (etags != null) {
      response.put("ETag", etags.stream().map(t -> t.startsWith("\"") ? "W/" + t : t).toList());
    }
    return gzip(body);
  }

  /** Text formats: HTML, CSS, JavaScript, JSON, XML (Atom, SVG, sitemaps), plain text. */
  static boolean compressible(String contentType) {
    String t = contentType.toLowerCase(Locale.ROOT);
    int semi = t.indexOf(';');
    String base = (semi < 0 ? t : t.substring(0, semi)).trim();
    return base.startsWith("text/")
        || base.equals("application/json")
        || base.endsWith("+json")
        || base.equals("application/xml")
        || base.endsWith("+xml")
        || base.equals("application/javascript")
        || base.equals("application/x-ndjson");
  }

  /**
   * Whether {@code Accept-Encoding} allows gzip: listed with a weight above zero, or not listed and
   * {@code *} allowed.
   */
  static boolean acceptsGzip(List<String> acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    Double gzip = null;
    Double any = null;
    for (String header : acceptEncoding) {
      for (String item : header.split(",")) {
        String[] parts = item.trim().split(";");
        String coding = parts[0].trim().toLowerCase(Locale.ROOT);
        double q = 1;
        for (int i = 1; i < parts.length; i++) {
          String p = parts[i].trim();
          if (p.regionMatches(true, 0, "q=", 0, 2)) {
            try {
              q = Double.parseDouble(p.substring(2).trim());
            } catch (NumberFormatException e) {
              q = 0;
            }
          }
        }
        if (coding.equals("gzip") || coding.equals("x-gzip")) {
          gzip = q;
        } else if (coding.equals("*")) {
          any = q;
        }
      }
    }
    return gzip != null ? gzip > 0 : any != null && any > 0;
  }

  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return out.toByteArray();
  }
}
