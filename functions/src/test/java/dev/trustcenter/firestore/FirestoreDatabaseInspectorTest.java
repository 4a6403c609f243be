package dev.trustcenter.firestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.controls.DatabaseFacts;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Firestore Admin REST adapter against MockWebServer answering as firestore.googleapis.com/v1
 * does.
 */
class FirestoreDatabaseInspectorTest {
  private static final String TOKEN = "ya29.a0AfB_test-access-token";
  private final MockWebServer server = new MockWebServer();
  private FirestoreDatabaseInspector inspector;

  @BeforeEach
  void start() throws Exception {
    server.start();
    inspector =
        new FirestoreDatabaseInspector(
            new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build(),
            server.url("/v1"),
            "tc-prod",
            "(default)",
            () -> TOKEN);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json; charset=UTF-8")
        .body(body)
        .build();
  }

  private static final String DATABASE =
      """
      {
        "name": "projects/tc-prod/databases/(default)",
        "uid": "d2b1c8a4-5e1f-4c36-9a0b-3f6e2d7c1a90",
        "createTime": "2025-01-10T09:12:44.183742Z",
        "updateTime": "2025-01-10T09:12:44.183742Z",
        "locationId": "eur3",
        "type": "FIRESTORE_NATIVE",
        "concurrencyMode": "OPTIMISTIC",
        "versionRetentionPeriod": "604800s",
        "earliestVersionTime": "2025-05-25T10:00:00.123456Z",
        "pointInTimeRecoveryEnablement": "POINT_IN_TIME_RECOVERY_ENABLED",
        "appEngineIntegrationMode": "DISABLED",
        "keyPrefix": "e~tc-prod",
        "deleteProtectionState": "DELETE_PROTECTION_ENABLED",
        "databaseEdition": "STANDARD",
        "etag": "IJ6Yx7uQ1Y0DMPv6pPKd1Y0D"
      }""";

  @Test
  void readsRecoverySettingsAndBackupSchedules() throws Exception {
    server.enqueue(json(200, DATABASE));
    server.enqueue(
        json(
            200,
            """
        {
          "backupSchedules": [
            {
              "name": "projects/tc-prod/databases/(default)/backupSchedules/6d1f0b0e-1b1a-4a4c-8d0e-2c1f3a0b9e11",
              "createTime": "2025-01-10T09:13:02.512Z",
              "updateTime": "2025-01-10T09:13:02.512Z",
              "retention": "604800s",
              "dailyRecurrence": {}
            },
            {
              "name": "projects/tc-prod/databases/(default)/backupSchedules/0a9e7c55-8f1e-4d55-b7a2-6c3d2e1f0a77",
              "retention": "1209600s",
              "weeklyRecurrence": { "day": "SUNDAY" }
            }
          ]
        }"""));

    DatabaseFacts f = inspector.inspect();

    assertEquals("projects/tc-prod/databases/(default)", f.name());
    assertEquals("tc-prod", f.projectId());
    assertEquals("eur3", f.locationId());
    assertTrue(f.pointInTimeRecoveryEnabled());
    assertEquals("DELETE_PROTECTION_ENABLED", f.deleteProtection());
    assertEquals("604800s", f.versionRetentionPeriod());
    assertEquals(
        List.of(
            new DatabaseFacts.BackupSchedule("daily", "604800s"),
            new DatabaseFacts.BackupSchedule("weekly:SUNDAY", "1209600s")),
        f.backupSchedules());

    RecordedRequest db = server.takeRequest();
    assertEquals("/v1/projects/tc-prod/databases/(default)", db.getUrl().encodedPath());
    assertEquals("Bearer " + TOKEN, db.getHeaders().get("Authorization"));
    assertEquals(
        "/v1/projects/tc-prod/databases/(default)/backupSchedules",
        server.takeRequest().getUrl().encodedPath());
  }

  @Test
  void noScheduleIsAnEmptyObjectAndPitrOffIsReported() {
    server.enqueue(
        json(
            200,
            DATABASE.replace("POINT_IN_TIME_RECOVERY_ENABLED", "POINT_IN_TIME_RECOVERY_DISABLED")));
    server.enqueue(json(200, "{}"));

    DatabaseFacts f = inspector.inspect();

    assertFalse(f.pointInTimeRecoveryEnabled());
    assertEquals(List.of(), f.backupSchedules());
  }

  @Test
  void permissionDeniedFailsWithGooglesStatusAndMessageButNotTheToken() {
    server.enqueue(
        json(
            403,
            """
        {
          "error": {
            "code": 403,
            "message": "Missing or insufficient permissions.",
            "status": "PERMISSION_DENIED"
          }
        }"""));

    IllegalStateException e = assertThrows(IllegalStateException.class, inspector::inspect);

    assertTrue(
        e.getMessage()
            .contains("HTTP 403: PERMISSION_DENIED: Missing or insufficient permissions."),
        e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN));
  }

  @Test
  void aNonJsonAnswerFailsInsteadOfReadingAsUnprotected() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "text/html")
            .body("<html>captive portal</html>")
            .build());
    assertThrows(IllegalStateException.class, inspector::inspect);
  }
}
