package dev.trustcenter.testing;

import dev.trustcenter.http.BufferedResponse;
import dev.trustcenter.http.InMemoryRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Small in-memory Functions Framework requests and responses for calling a router directly: the
 * {@link InMemoryRequest} and {@link BufferedResponse} the console's in-process calls use, with a
 * builder's steps and readers for tests.
 */
public final class FakeHttp {
  private FakeHttp() {}

  /** A request; {@code target} is a path with an optional query string. */
  public static Request request(String method, String target) {
    return new Request(method, target);
  }

  /** A request built step by step. */
  public static final class Request extends InMemoryRequest {
    Request(String method, String target) {
      super(method, target, Map.of(), null);
    }

    public Request header(String name, String value) {
      addHeader(name, value);
      return this;
    }

    public Request body(byte[] bytes, String contentType) {
      replaceBody(bytes, contentType);
      return this;
    }

    public Request json(String json) {
      return body(json.getBytes(StandardCharsets.UTF_8), "application/json");
    }
  }

  /** A captured response. */
  public static final class Response extends BufferedResponse {
    public String header(String name) {
      List<String> v = getHeaders().get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    public String text() {
      return new String(bodyBytes(), StandardCharsets.UTF_8);
    }
  }
}
