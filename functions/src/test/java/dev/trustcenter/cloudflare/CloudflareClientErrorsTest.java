package dev.trustcenter.cloudflare;

import static dev.trustcenter.cloudflare.CloudflareFixtures.ZONE_ID;
import static dev.trustcenter.cloudflare.CloudflareFixtures.client;
import static dev.trustcenter.cloudflare.CloudflareFixtures.failure;
import static dev.trustcenter.cloudflare.CloudflareFixtures.json;
import static dev.trustcenter.cloudflare.CloudflareFixtures.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.cloudflare.CloudflareApiException.ApiError;
import dev.trustcenter.cloudflare.CloudflareApiException.FailureKind;
import dev.trustcenter.cloudflare.CloudflareFixtures.RecordingSleeper;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class CloudflareClientErrorsTest {

  @StartStop private final MockWebServer server = new MockWebServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();

  private CloudflareApiException readSslFails() {
    return assertThrows(
        CloudflareApiException.class, () -> client(server, sleeper, 4).zoneSetting(ZONE_ID, "ssl"));
  }

  private void assertNotRetried() {
    assertEquals(1, server.getRequestCount());
    assertEquals(List.of(), sleeper.sleeps);
  }

  @Test
  void successFalseOnA200_isAnApiErrorWithTheEnvelopesErrors() {
    server.enqueue(
        json(
            200,
            "{\"success\":false,\"errors\":[{\"code\":1003,\"message\":\"Invalid or missing zone"
                + " id.\","
                + "\"documentation_url\":\"https://developers.cloudflare.com/\",\"source\":{\"pointer\":\"/zone_id\"}}],"
                + "\"messages\":[],\"result\":null}"));

    CloudflareApiException e = readSslFails();

    assertEquals(FailureKind.API_ERROR, e.kind());
    assertEquals(200, e.httpStatus());
    assertEquals(List.of(new ApiError(1003, "Invalid or missing zone id.")), e.errors());
    assertTrue(e.getMessage().contains("[1003] Invalid or missing zone id."), e.getMessage());
    assertNotRetried();
  }

  @Test
  void unauthorized401_isAnAuthErrorAndNotRetried() {
    server.enqueue(json(401, failure(1000, "Invalid API Token")));

    CloudflareApiException e = readSslFails();

    assertEquals(FailureKind.AUTH, e.kind());
    assertEquals(401, e.httpStatus());
    assertEquals(List.of(new ApiError(1000, "Invalid API Token")), e.errors());
    assertNotRetried();
  }

  @Test
  void forbidden403_isAnAuthErrorAndNotRetried() {
    server.enqueue(json(403, failure(10000, "Authentication error")));

    CloudflareApiException e = readSslFails();

    assertEquals(FailureKind.AUTH, e.kind());
    assertEquals(403, e.httpStatus());
    assertEquals(10000, e.errors().get(0).code());
    assertNotRetried();
  }

  @Test
  void forbidden403WithAnHtmlPage_isStillAnAuthErrorWithoutErrors() {
    server.enqueue(
        new MockResponse.Builder()
            .code(403)
            .setHeader("Content-Type", "text/html")
            .body("<html><title>Access denied</title></html>")
            .build());

    CloudflareApiException e = readSslFails();

    assertEquals(FailureKind.AUTH, e.kind());
    assertEquals(List.of(), e.errors());
  }

  @Test
  void notFound404_isANotFoundErrorAndNotRetried() {
    server.enqueue(
        json(
            404,
            "{\"success\":false,\"errors\":[{\"code\":7003,\"message\":\"Could not route to"
                + " /zones/x/settings/ssl, perhaps your object identifier is"
                + " invalid?\"},{\"code\":7000,\"message\":\"No route for that URI\"}],"
                + "\"messages\":[],\"result\":null}"));

    CloudflareApiException e = readSslFails();

    assertEquals(FailureKind.NOT_FOUND, e.kind());
    assertEquals(List.of(7003, 7000), e.errors().stream().map(ApiError::code).toList());
    assertNotRetried();
  }

  @Test
  void badRequest400_isAnApiErrorAndNotRetried() {
    server.enqueue(json(400, failure(1001, "Invalid request")));

    CloudflareApiException e = readSslFails();

    assertEquals(FailureKind.API_ERROR, e.kind());
    assertEquals(400, e.httpStatus());
    assertNotRetried();
  }

  @Test
  void nonJsonBodyOnA200_isABadResponse() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "text/html")
            .body("<!DOCTYPE html><html><body>Please enable cookies.</body></html>")
            .build());

    CloudflareApiException e = readSslFails();

    assertEquals(FailureKind.BAD_RESPONSE, e.kind());
    assertEquals(200, e.httpStatus());
    assertNotRetried();
  }

  @Test
  void jsonThatIsNotAnEnvelope_isABadResponse() {
    server.enqueue(json(200, "[1,2,3]"));

    assertEquals(FailureKind.BAD_RESPONSE, readSslFails().kind());
  }

  @Test
  void successWithoutAResult_isABadResponseForASetting() {
    server.enqueue(ok("null"));

    assertEquals(FailureKind.BAD_RESPONSE, readSslFails().kind());
  }

  @Test
  void settingsResultThatIsNotAList_isABadResponse() {
    server.enqueue(ok("{\"id\":\"ssl\",\"value\":\"strict\"}"));

    CloudflareApiException e =
        assertThrows(
            CloudflareApiException.class, () -> client(server, sleeper, 4).zoneSettings(ZONE_ID));

    assertEquals(FailureKind.BAD_RESPONSE, e.kind());
  }
}
