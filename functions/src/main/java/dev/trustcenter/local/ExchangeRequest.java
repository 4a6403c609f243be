package dev.trustcenter.local;

import com.google.cloud.functions.HttpRequest;
import com.sun.net.httpserver.HttpExchange;
import dev.trustcenter.http.QueryString;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A JDK {@link HttpExchange} seen as a Functions Framework {@link HttpRequest}, with the mount
 * prefix removed.
 */
final class ExchangeRequest implements HttpRequest {
  private final HttpExchange exchange;
  private final String path;
  private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final Map<String, List<String>> query = new LinkedHashMap<>();

  ExchangeRequest(HttpExchange exchange, String path) {
    this.exchange = exchange;
    this.path = path;
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
    // A weak tag here is one this server weakened when it gzipped the answer (Compression): the
    // entity is the
    // same, so it stands for the strong tag the function issued.
    List<String> ifMatch = headers.get("If-Match");
    if (ifMatch != null) {
      headers.put("If-Match", ifMatch.stream().map(h -> h.replace("W/\"", "\"")).toList());
    }
    // Like Cloud Run's front end, append the address the connection came from.
    String remote = exchange.getRemoteAddress().getAddress().getHostAddress();
    List<String> xff = headers.get("X-Forwarded-For");
    headers.put(
        "X-Forwarded-For",
        List.of(xff == null || xff.isEmpty() ? remote : xff.get(0) + ", " + remote));
    query.putAll(QueryString.parse(exchange.getRequestURI().getRawQuery()));
  }

  @Override
  public String getMethod() {
    return exchange.getRequestMethod();
  }

  @Override
  public String getUri() {
    return exchange.getRequestURI().toString();
  }

  @Override
  public String getPath() {
    return path;
  }

  @Override
  public Optional<String> getQuery() {
    return Optional.ofNullable(exchange.getRequestURI().getRawQuery());
  }

  @Override
  public Map<String, List<String>> getQueryParameters() {
    return query;
  }

  @Override
  public Map<String, HttpPart> getParts() {
    throw new IllegalStateException("multipart requests are not supported");
  }

  @Override
  public Optional<String> getContentType() {
    return getFirstHeader("Content-Type");
  }

  @Override
  public long getContentLength() {
    return getFirstHeader("Content-Length")
        .map(
            v -> {
              try {
                return Long.parseLong(v.trim());
              } catch (NumberFormatException e) {
                return -1L;
              }
            })
        .orElse(-1L);
  }

  @Override
  public Optional<String> getCharacterEncoding() {
    return getContentType()
        .flatMap(
            ct -> {
              for (String part : ct.split(";")) {
                String p = part.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                  return Optional.of(p.substring(8).replace("\"", ""));
                }
              }
              return Optional.empty();
            });
  }

  @Override
  public InputStream getInputStream() {
    return exchange.getRequestBody();
  }

  @Override
  public BufferedReader getReader() {
    Charset cs =
        getCharacterEncoding()
            .filter(Charset::isSupported)
            .map(Charset::forName)
            .orElse(StandardCharsets.UTF_8);
    return new BufferedReader(new InputStreamReader(exchange.getRequestBody(), cs));
  }

  @Override
  public Map<String, List<String>> getHeaders() {
    return headers;
  }

  @Override
  public Optional<String> getFirstHeader(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }
}
