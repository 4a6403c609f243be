package dev.trustcenter.cloudflare;

import static dev.trustcenter.cloudflare.CloudflareFixtures.TOKEN;
import static dev.trustcenter.cloudflare.CloudflareFixtures.ZONE_ID;
import static dev.trustcenter.cloudflare.CloudflareFixtures.client;
import static dev.trustcenter.cloudflare.CloudflareFixtures.failure;
import static dev.trustcenter.cloudflare.CloudflareFixtures.json;
import static dev.trustcenter.cloudflare.CloudflareFixtures.ok;
import static dev.trustcenter.cloudflare.CloudflareFixtures.serverError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.cloudflare.CloudflareApiException.FailureKind;
import dev.trustcenter.cloudflare.CloudflareFixtures.RecordingSleeper;
import dev.trustcenter.cloudflare.PurgeResult.FailedUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class CloudflareClientPurgeTest {

  private static final String PURGE_ACCEPTED = "{\"id\":\"" + ZONE_ID + "\"}";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();

  private static List<String> urls(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "https://trust.example.com/docs/page-" + i + ".html")
        .toList();
  }

  /** The {@code files} of a recorded purge request, after checking it is one. */
  private static List<String> purgedFiles(RecordedRequest request) {
    assertEquals("POST", request.getMethod());
    assertEquals("/client/v4/zones/" + ZONE_ID + "/purge_cache", request.getUrl().encodedPath());
    assertEquals("application/json", request.getHeaders().get("Content-Type"));
    assertEquals("Bearer " + TOKEN, request.getHeaders().get("Authorization"));
    JsonObject body = JsonParser.parseString(request.getBody().utf8()).getAsJsonObject();
    assertEquals(1, body.size(), "one purge type per request: " + body);
    List<String> files = new ArrayList<>();
    JsonArray array = body.getAsJsonArray("files");
    array.forEach(file -> files.add(file.getAsString()));
    return files;
  }

  @Test
  void sixtyFiveUrls_areSentInBatchesOf30And30And5() throws Exception {
    List<String> urls = urls(65);
    for (int i = 0; i < 3; i++) {
      server.enqueue(ok(PURGE_ACCEPTED));
    }

    PurgeResult result = client(server, sleeper, 4).purgeFiles(ZONE_ID, urls);

    assertEquals(urls, result.purged());
    assertTrue(result.complete());
    assertEquals(urls.subList(0, 30), purgedFiles(server.takeRequest()));
    assertEquals(urls.subList(30, 60), purgedFiles(server.takeRequest()));
    assertEquals(urls.subList(60, 65), purgedFiles(server.takeRequest()));
    assertEquals(3, server.getRequestCount());
    assertEquals(List.of(), sleeper.sleeps);
  }

  @Test
  void duplicateUrls_arePurgedOnceInTheOrderGiven() throws Exception {
    server.enqueue(ok(PURGE_ACCEPTED));
    List<String> urls =
        List.of("https://a.example/x", "https://a.example/y", "https://a.example/x");

    PurgeResult result = client(server, sleeper, 4).purgeFiles(ZONE_ID, urls);

    assertEquals(List.of("https://a.example/x", "https://a.example/y"), result.purged());
    assertEquals(result.purged(), purgedFiles(server.takeRequest()));
  }

  @Test
  void noUrls_sendsNoRequest() {
    PurgeResult result = client(server, sleeper, 4).purgeFiles(ZONE_ID, List.of());

    assertEquals(new PurgeResult(List.of(), List.of()), result);
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void purgeWithANullResult_stillCountsAsAccepted() {
    server.enqueue(ok("null"));

    PurgeResult result = client(server, sleeper, 4).purgeFiles(ZONE_ID, urls(1));

    assertEquals(urls(1), result.purged());
  }

  @Test
  void oneBatchRefused_isReportedFailedWhileTheOthersArePurged() throws Exception {
    List<String> urls = urls(65);
    server.enqueue(ok(PURGE_ACCEPTED));
    server.enqueue(
        json(400, failure(1012, "Request must contain one of files, tags, hosts or prefixes")));
    server.enqueue(ok(PURGE_ACCEPTED));

    PurgeResult result = client(server, sleeper, 4).purgeFiles(ZONE_ID, urls);

    List<String> expectedPurged = new ArrayList<>(urls.subList(0, 30));
    expectedPurged.addAll(urls.subList(60, 65));
    assertEquals(expectedPurged, result.purged());
    assertEquals(urls.subList(30, 60), result.failedUrls());
    FailedUrl first = result.failed().get(0);
    assertEquals(FailureKind.API_ERROR, first.kind());
    assertTrue(first.reason().contains("[1012]"), first.reason());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void batchFailingWithServerErrorsOnEveryAttempt_isRetriedThenReportedFailed() throws Exception {
    List<String> urls = urls(35);
    server.enqueue(serverError(503));
    server.enqueue(serverError(503));
    server.enqueue(ok(PURGE_ACCEPTED));

    PurgeResult result = client(server, sleeper, 2).purgeFiles(ZONE_ID, urls);

    assertEquals(urls.subList(0, 30), result.failedUrls());
    assertEquals(FailureKind.SERVER, result.failed().get(0).kind());
    assertEquals(urls.subList(30, 35), result.purged());
    // The POST is idempotent, so the same batch is simply sent again.
    assertEquals(purgedFiles(server.takeRequest()), purgedFiles(server.takeRequest()));
    assertEquals(1, sleeper.sleeps.size());
  }

  @Test
  void authFailure_reportsEveryUrlFailedWithoutSendingTheRemainingBatches() {
    List<String> urls = urls(65);
    server.enqueue(json(403, failure(10000, "Authentication error")));

    PurgeResult result = client(server, sleeper, 4).purgeFiles(ZONE_ID, urls);

    assertEquals(List.of(), result.purged());
    assertEquals(urls, result.failedUrls());
    assertTrue(result.failed().stream().allMatch(f -> f.kind() == FailureKind.AUTH));
    assertTrue(
        result.failed().get(64).reason().startsWith("not sent"), result.failed().get(64).reason());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void relativeUrl_isRejectedBeforeAnythingIsSent() {
    CloudflareClient client = client(server, sleeper, 4);

    assertThrows(
        IllegalArgumentException.class,
        () -> client.purgeFiles(ZONE_ID, List.of("https://a.example/x", "/docs/y.html")));
    assertEquals(0, server.getRequestCount());
  }
}
