package dev.trustcenter.admin;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A Functions Framework response that records what the function wrote. */
final class FakeResponse implements HttpResponse {
  int status = 200;
  final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** A mocked request without a body (the Functions request is not ours to fake in full). */
  static HttpRequest request(String method, String path, String authorization) {
    HttpRequest r = mock(HttpRequest.class);
    when(r.getMethod()).thenReturn(method);
    when(r.getPath()).thenReturn(path);
    when(r.getFirstHeader("Authorization")).thenReturn(Optional.ofNullable(authorization));
    when(r.getHeaders()).thenReturn(Map.of());
    when(r.getFirstQueryParameter(org.mockito.ArgumentMatchers.anyString())).thenReturn(Optional.empty());
    return r;
  }

  String body() {
    return out.toString(StandardCharsets.UTF_8);
  }

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
    return Optional.ofNullable(headers.get("Content-Type")).map(l -> l.get(0));
  }

  @Override
  public void appendHeader(String header, String value) {
    headers.computeIfAbsent(header, k -> new ArrayList<>()).add(value);
  }

  @Override
  public Map<String, List<String>> getHeaders() {
    return headers;
  }

  @Override
  public OutputStream getOutputStream() {
    return out;
  }

  @Override
  public BufferedWriter getWriter() {
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
  }
}
