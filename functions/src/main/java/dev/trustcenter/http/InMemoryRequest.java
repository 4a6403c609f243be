package dev.trustcenter.http;

import com.google.cloud.functions.HttpRequest;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Functions Framework {@link HttpRequest} held in memory (method, target, headers by
 * case-insensitive name, body), for calling a router without a socket: the admin console calls the
 * admin API's routes in-process with it, and tests call routers with it. The pair of {@link
 * BufferedResponse}.
 */
public class InMemoryRequest implements HttpRequest {
  private final String method;
  private final String path;
  private final String query;
  private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final Map<String, List<String>> params = new LinkedHashMap<>();
  private byte[] body;

  /**
   * @param target a path with an optional query string
   * @param body null for none
   */
  public InMemoryRequest(String method, String target, Map<String, String> headers, byte[] body) {
    this.method = method;
    int q = target.indexOf('?');
    this.path = q < 0 ? target : target.substring(0, q);
    this.query = q < 0 ? null : target.substring(q + 1);
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
    }
    headers.forEach(this::addHeader);
    this.body = body == null ? new byte[0] : body;
  }

  /** Adds a value to a header (for a subclass that builds a request step by step). */
  protected final void addHeader(String name, String value) {
    headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
  }

  /** Replaces the body and its {@code Content-Type} (for a subclass that builds a request). */
  protected final void replaceBody(byte[] bytes, String contentType) {
    this.body = bytes;
    headers.put("Content-Type", new ArrayList<>(List.of(contentType)));
  }

  @Override
  public String getMethod() {
    return method;
  }

  @Override
  public String getUri() {
    return query == null ? path : path + "?" + query;
  }

  @Override
  public String getPath() {
    return path;
  }

  @Override
  public Optional<String> getQuery() {
    return Optional.ofNullable(query);
  }

  @Override
  public Map<String, List<String>> getQueryParameters() {
    return params;
  }

  @Override
  public Map<String, HttpPart> getParts() {
    return Map.of();
  }

  @Override
  public Optional<String> getContentType() {
    return getFirstHeader("Content-Type");
  }

  @Override
  public long getContentLength() {
    return body.length;
  }

  @Override
  public Optional<String> getCharacterEncoding() {
    return Optional.of("utf-8");
  }

  @Override
  public InputStream getInputStream() {
    return new ByteArrayInputStream(body);
  }

  @Override
  public BufferedReader getReader() {
    return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
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
