package dev.trustcenter.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A JSON answer says its length, so the runtime sends it in one piece rather than chunked. */
class ResponsesTest {
  @Test
  void aJsonAnswerCarriesItsLength_andAHeadAnswerTheLengthAGetWouldHave() throws Exception {
    byte[] body = "{\"a\":\"ñ\"}".getBytes(StandardCharsets.UTF_8);
    BufferedResponse get = new BufferedResponse();
    Responses.json(get, 200, body, false);
    assertEquals(List.of(String.valueOf(body.length)), get.getHeaders().get("Content-Length"));
    assertArrayEquals(body, get.bodyBytes());
    BufferedResponse head = new BufferedResponse();
    Responses.json(head, 200, body, true);
    assertEquals(List.of(String.valueOf(body.length)), head.getHeaders().get("Content-Length"));
    assertEquals(0, head.bodyBytes().length);
  }
}
