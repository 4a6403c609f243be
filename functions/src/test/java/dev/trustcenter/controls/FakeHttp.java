package dev.trustcenter.controls;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A Functions Framework request and response in memory, to drive a Router without a server. */
final class FakeHttp {
  private FakeHttp() {}

  static Request request(String method, String path, String body, Map<String, String> headers) {
    return new Request(method, path, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), headers);
  }

  static final class Request implements HttpRequest {
    private final String method;
    private final String path;
    private final byte[] body;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    Request(String method, String path, byte[] body, Map<String, String> headers) {
      this.method = method;
      this.path = path;
      this.body = body;
      headers.forEach((k, v) -> this.headers.put(k, List.of(v)));
    }

    @Override public String getMethod() { return method; }
    @Override public String getUri() { return "http://localhost" + path; }
    @Override public String getPath() { return path; }
    @Override public Optional<String> getQuery() { return Optional.empty(); }
    @Override public Map<String, List<String>> getQueryParameters() { return Map.of(); }
    @Override public Map<String, HttpPart> getParts() { return Map.of(); }
    @Override public Optional<String> getContentType() { return Optional.of("application/json"); }
    @Override public long getContentLength() { return body.length; }
    @Override public Optional<String> getCharacterEncoding() { return Optional.of("UTF-8"); }
    @Override public InputStream getInputStream() { return new ByteArrayInputStream(body); }
    @Override public BufferedReader getReader() { return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8)); }
    @Override public Map<String, List<String>> getHeaders() { return headers; }
    @Override public Optional<String> getFirstHeader(String name) {
      List<String> v = headers.get(name);
      return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }
  }

  static final class Response implements HttpResponse {
    int status = 200;
    String contentType;
    final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final ByteArrayOutputStream body = new ByteArrayOutputStream();

    @Override public void setStatusCode(int code) { status = code; }
    @Override public void setStatusCode(int code, String message) { status = code; }
    @Override public void setContentType(String type) { contentType = type; }
    @Override public Optional<String> getContentType() { return Optional.ofNullable(contentType); }
    @Override public void appendHeader(String name, String value) { headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value); }
    @Override public Map<String, List<String>> getHeaders() { return headers; }
    @Override public OutputStream getOutputStream() { return body; }
    @Override public BufferedWriter getWriter() { return new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8)); }

    String text() {
      return body.toString(StandardCharsets.UTF_8);
    }
  }
}
