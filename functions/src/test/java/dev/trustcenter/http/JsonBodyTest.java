package dev.trustcenter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.google.cloud.functions.HttpRequest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Body limits that an HTTP client cannot be made to violate, with a mocked Functions request. */
class JsonBodyTest {

  /** Counts what is read, to prove the reader stops after the limit. */
  static final class CountingStream extends InputStream {
    private final InputStream in;
    long read;

    CountingStream(byte[] data) {
      in = new ByteArrayInputStream(data);
    }

    @Override
    public int read() throws java.io.IOException {
      int b = in.read();
      if (b >= 0) {
        read++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws java.io.IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        read += n;
      }
      return n;
    }
  }

  private static HttpRequest request(long contentLength, InputStream body) throws Exception {
    HttpRequest r = mock(HttpRequest.class);
    when(r.getContentType()).thenReturn(Optional.of("application/json; charset=utf-8"));
    when(r.getContentLength()).thenReturn(contentLength);
    when(r.getInputStream()).thenReturn(body);
    return r;
  }

  private static byte[] object(int size) {
    String prefix = "{\"pad\":\"";
    String suffix = "\"}";
    return (prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix)
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aBodyLargerThanItsContentLengthClaims_is413_afterReadingAtMostTheLimitPlusOne()
      throws Exception {
    CountingStream body = new CountingStream(object(10 * JsonBody.MAX_BYTES));
    ApiException e = assertThrows(ApiException.class, () -> JsonBody.read(request(10, body)));
    assertEquals(413, e.status());
    assertEquals(JsonBody.MAX_BYTES + 1, body.read);
  }

  @Test
  void aChunkedBodyOverTheLimit_is413() throws Exception {
    assertEquals(
        413,
        assertThrows(
                ApiException.class,
                () ->
                    JsonBody.read(request(-1, new CountingStream(object(JsonBody.MAX_BYTES + 1)))))
            .status());
  }

  @Test
  void aDeclaredLengthOverTheLimit_is413_withoutReading() throws Exception {
    CountingStream body = new CountingStream(object(100));
    assertEquals(
        413,
        assertThrows(ApiException.class, () -> JsonBody.read(request(JsonBody.MAX_BYTES + 1, body)))
            .status());
    assertEquals(0, body.read);
  }

  @Test
  void aBodyOfExactlyTheLimit_isRead() throws Exception {
    assertEquals(
        JsonBody.MAX_BYTES - 10,
        JsonBody.read(request(-1, new CountingStream(object(JsonBody.MAX_BYTES))))
            .get("pad")
            .getAsString()
            .length());
  }

  @Test
  void missingContentType_is415() throws Exception {
    HttpRequest r = request(2, new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)));
    when(r.getContentType()).thenReturn(Optional.empty());
    assertEquals(415, assertThrows(ApiException.class, () -> JsonBody.read(r)).status());
  }
}
