package dev.trustcenter.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.StorageOptions;
import dev.trustcenter.controls.BucketFacts;
import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Storage client, pointed at MockWebServer answering {@code buckets.get} as the Cloud
 * Storage JSON API does (https://cloud.google.com/storage/docs/json_api/v1/buckets#resource): the
 * bucket's location reaches the checks.
 */
class GcsBucketLocationTest {
  private final MockWebServer server = new MockWebServer();
  private GcsBucketInspector inspector;

  @BeforeEach
  void start() throws IOException {
    server.start();
    String host = server.url("/").toString().replaceAll("/$", "");
    inspector =
        new GcsBucketInspector(
            StorageOptions.http()
                .setHost(host)
                .setProjectId("tc-prod")
                .setCredentials(NoCredentials.getInstance())
                .build()
                .getService());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void readsTheLocationTheApiReports() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "application/json; charset=UTF-8")
            .body(
                """
            {
              "kind": "storage#bucket",
              "selfLink": "https://www.googleapis.com/storage/v1/b/tc-documents",
              "id": "tc-documents",
              "name": "tc-documents",
              "projectNumber": "123456789012",
              "metageneration": "3",
              "location": "US",
              "storageClass": "STANDARD",
              "etag": "CAM=",
              "timeCreated": "2026-01-10T09:12:44.183Z",
              "updated": "2026-11-30T08:00:00.000Z",
              "locationType": "multi-region",
              "rpo": "DEFAULT",
              "iamConfiguration": {
                "bucketPolicyOnly": {"enabled": true, "lockedTime": "2026-04-10T09:12:44.183Z"},
                "uniformBucketLevelAccess": {"enabled": true, "lockedTime": "2026-04-10T09:12:44.183Z"},
                "publicAccessPrevention": "enforced"
              },
              "softDeletePolicy": {"retentionDurationSeconds": "604800", "effectiveTime": "2026-01-10T09:12:44.183Z"}
            }
            """)
            .build());

    BucketFacts facts = inspector.inspect("tc-documents");

    assertEquals("US", facts.location());
    assertEquals("123456789012", facts.projectNumber());
    assertTrue(facts.privateByConfiguration());
    RecordedRequest request = server.takeRequest();
    assertEquals("/storage/v1/b/tc-documents", request.getUrl().encodedPath());
  }
}
