package dev.trustcenter.testing;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Small in-memory Functions Framework requests and responses for calling a router directly. */
public final class FakeHttp {
  private FakeHttp() {}

  /** A request; {@code target} is a path with an optional query string. */
  public static Request request(String method, String target) {
    return new Request(method, target);
  }

  public static final class Request implements HttpRequest {
    private final String method;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, List<String>> params = new LinkedHashMap<>();
    private byte[] body = new byte[0];

    Request(String method, String target) {
      this.method = method;
      int q = target.indexOf('?');
      this.path = q < 0 ? target : target.substring(0, q);
      this.query = q < 0 ? null : target.substring(q + 1);
      if (query != null) {
        for (String pair : query.split("&")) {
          int eq = pair.indexOf('=');
          String k =
              URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
          String v =
              eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
          params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
      }
    }

    public Request header(String name, String value) {
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    public Request body(byte[] bytes, String contentType) {
      this.body = bytes;
      headers.put("Content-Type", new ArrayList<>(List.of(contentType)));
      return this;
    }

    public Request json(String json) {
      return body(json.getBytes(StandardCharsets.UTF_8), "application/json");
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
      throw new UnsupportedOperationException();
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
      return Optional.empty();
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

  /** A captured response. */
  public static final class Response implements HttpResponse {
    private int status = 200;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private BufferedWriter writer;

    @Override
    public void setStatusCode(int code) {
      status = code;
    }

    @Override
    public void setStatusCode(int code, String message) {
      status = code;
    }

    @Override
    public void setContentType(String contentType) {
      headers.put("Content-Type", new ArrayList<>(List.of(contentType)));
    }

    @Override
    public Optional<String> getContentType() {
      return Optional.ofNullable(header("Content-Type"));
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

    public int status() {
      return status;
    }

    public String header(String name) {
      List<String> v = headers.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    public String text() {
      try {
        if (writer != null) {
          writer.flush();
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return body.toString(StandardCharsets.UTF_8);
    }
  }
}
