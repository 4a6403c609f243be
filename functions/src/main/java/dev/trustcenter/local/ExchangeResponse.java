package dev.trustcenter.local;

import com.sun.net.httpserver.HttpExchange;
import dev.trustcenter.http.BufferedResponse;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A Functions Framework response over a JDK {@link HttpExchange}. The body is buffered and sent
 * with its exact length when the function returns, as the Functions runtime does for small answers;
 * text is gzipped when the client accepts it ({@link Compression}).
 */
final class ExchangeResponse extends BufferedResponse {
  private final HttpExchange exchange;

  ExchangeResponse(HttpExchange exchange) {
    this.exchange = exchange;
  }

  /** Sends status, headers and body; returns the number of body bytes sent. */
  long send() throws IOException {
    // The body's length is set below, after compression, whatever the function said.
    getHeaders()
        .forEach(
            (k, v) -> {
              if (!k.equalsIgnoreCase("Content-Length")) {
                exchange.getResponseHeaders().put(k, v);
              }
            });
    byte[] bytes = bodyBytes();
    int status = status();
    boolean noBody =
        exchange.getRequestMethod().equalsIgnoreCase("HEAD")
            || status == 204
            || status == 304
            || status < 200;
    if (noBody) {
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
      return 0;
    }
    bytes = Compression.apply(exchange.getRequestHeaders(), exchange.getResponseHeaders(), bytes);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
    return bytes.length;
  }
}
