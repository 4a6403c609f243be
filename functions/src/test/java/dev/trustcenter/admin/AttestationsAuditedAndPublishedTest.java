package dev.trustcenter.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's findings through the local server: attestations and reviews appear in the audit log,
 * publish the site, and a past date is recorded and shown as that date on the published page.
 */
@IntegrationTest
class AttestationsAuditedAndPublishedTest {
  @TempDir Path dir;
  private LocalServerFixture app;

  @BeforeEach
  void start() throws Exception {
    app = LocalServerFixture.start(dir);
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private HttpResponse<String> post(String path, String json) {
    return app.send(
        HttpRequest.newBuilder(app.uri(path))
            .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private String auditLog() {
    return app.send(
            HttpRequest.newBuilder(app.uri("/admin/v1/audit-log"))
                .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN))
        .body();
  }

  @Test
  void anAttestationAndAReview_areInTheAuditLog() {
    assertEquals(
        201,
        post(
                "/admin/v1/controls/background-checks/checks",
                "{\"outcome\":\"passing\",\"note\":\"4 hires\",\"evidenceUrl\":\"https://drive.example.com/a\"}")
            .statusCode());
    assertEquals(
        201,
        post(
                "/admin/v1/controls/information-security-policy/checks",
                "{\"outcome\":\"passing\",\"note\":\"annual review\"}")
            .statusCode());
    String log = auditLog();
    assertTrue(
        log.contains(
            "\"kind\":\"checks\",\"entityId\":\"background-checks\",\"outcome\":\"recorded\""),
        log);
    assertTrue(
        log.contains(
            "\"kind\":\"checks\",\"entityId\":\"information-security-policy\",\"outcome\":\"recorded\""),
        log);
    assertTrue(log.contains("\"actor\":\"local-dev\""), log);
  }

  @Test
  void aBackdatedAttestation_publishesTheSite_showingItsOwnDate() throws Exception {
    String day = LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC).minusDays(42).toString();
    HttpResponse<String> r =
        post(
            "/admin/v1/controls/background-checks/checks",
            "{\"outcome\":\"passing\",\"note\":\"pentest\",\"evidenceUrl\":\"https://drive.example.com/p\",\"performedOn\":\""
                + day
                + "\"}");
    assertEquals(201, r.statusCode(), r.body());
    assertTrue(
        auditLog().contains("performed " + day), "the audit entry names the day the work was done");
    // No other change follows: only the attestation's own publish can put it on the page.
    String page = "";
    for (int i = 0; i < 100 && !page.contains("datetime=\"" + day); i++) {
      Thread.sleep(100);
      page = app.get("/en/controls/background-checks/").body();
    }
    assertTrue(page.contains("datetime=\"" + day), "published with its own date: " + page);
  }
}
