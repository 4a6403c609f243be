package dev.trustcenter.local;

import com.google.cloud.functions.HttpResponse;
import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Functions Framework {@link HttpResponse} over a JDK {@link HttpExchange}. The body is buffered and sent
 * with its exact length when the function returns, as the Functions runtime does for small answers; text is
 * gzipped when the client accepts it ({@link Compression}).
 */
final class ExchangeResponse implements HttpResponse {
  private final HttpExchange exchange;
  private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private int status = 200;
  private BufferedWriter writer;

  ExchangeResponse(HttpExchange exchange) {
    this.exchange = exchange;
  }

  @Override
  public void setStatusCode(int code) {
    this.status = code;
  }

  @Override
  public void setStatusCode(int code, String message) {
    this.status = code;
  }

  @Override
  public void setContentType(String contentType) {
    headers.put("Content-Type", new ArrayList<>(List.of(contentType)));
  }

  @Override
  public Optional<String> getContentType() {
    List<String> v = headers.get("Content-Type");
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  @Override
  public void appendHeader(String name, String value) {
    headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
  }

  @Override
  public Map<String, List<String>> getHeaders() {
    return headers;
  }

  @Override
  public OutputStream getOutputStream() {
    return body;
  }

  @Override
  public BufferedWriter getWriter() {
    if (writer == null) {
      writer = new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
    }
    return writer;
  }

  int status() {
    return status;
  }

  /** Sends status, headers and body; returns the number of body bytes sent. */
  long send() throws IOException {
    if (writer != null) {
      writer.flush();
    }
    headers.forEach((k, v) -> exchange.getResponseHeaders().put(k, v));
    byte[] bytes = body.toByteArray();
    boolean noBody =
        exchange.getRequestMethod().equalsIgnoreCase("HEAD") || status == 204 || status == 304 || status < 200;
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
