package dev.trustcenter.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The region as Cloud Run's metadata server answers it (MockWebServer in its place). */
class MetadataServerRegionTest {
  private final MockWebServer server = new MockWebServer();
  private MetadataServerRegion region;

  @BeforeEach
  void start() throws IOException {
    server.start();
    region =
        new MetadataServerRegion(
            URI.create(server.url("/").toString()), HttpClient.newHttpClient());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void readsTheRegionWithTheMetadataFlavorHeader() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Metadata-Flavor", "Google")
            .addHeader("Content-Type", "application/text")
            .body("projects/123456789012/regions/europe-west1")
            .build());

    assertEquals("europe-west1", region.region());

    RecordedRequest request = server.takeRequest();
    assertEquals("/computeMetadata/v1/instance/region", request.getUrl().encodedPath());
    assertEquals("Google", request.getHeaders().get("Metadata-Flavor"));
  }

  @Test
  void anErrorAnswerIsAnErrorNotARegion() {
    server.enqueue(new MockResponse.Builder().code(404).body("Not Found").build());

    IOException e = assertThrows(IOException.class, region::region);
    assertTrue(e.getMessage().contains("404"), e.getMessage());
  }

  @Test
  void anUnexpectedBodyIsRefused() {
    server.enqueue(
        new MockResponse.Builder().code(200).body("<html>captive portal</html>").build());

    assertThrows(IOException.class, region::region);
  }
}
