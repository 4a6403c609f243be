package dev.trustcenter.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.auth.Principal;
import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.ControlStatus;
import dev.trustcenter.content.Language;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.Router;
import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.PublicSnapshot;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.publicview.Views;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.testing.FakeHttp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin routes through a Router, as the admin function will mount them. */
class ControlCheckAdminRoutesTest {
  private static final String ADMIN = "Bearer admin";
  @TempDir Path dir;
  private DocumentStore store;
  private Router router;

  @BeforeEach
  void open() {
    store = Fakes.seededStore(dir);
    router = new Router();
    new ControlCheckAdminRoutes(
            store,
            new CheckResults(store, new SnapshotWriter(365)),
            new Fakes.MutableClock(Fakes.NOW))
        .register(
            router,
            ex -> {
              if (!ADMIN.equals(ex.header("Authorization"))) {
                throw new ApiException(401, "unauthenticated", "who are you");
              }
              return new Principal("ana@example.com", false);
            },
            new ControlCheckAdminRoutes.Recording() {
              @Override
              public void audit(DocumentStore.Transaction tx, Router.Exchange ex, CheckResult r) {
                tx.put("audit-test", r.controlId(), Json.write(r));
              }

              @Override
              public void committed() {
                committed++;
              }
            });
  }

  private int committed;

  @AfterEach
  void close() {
    store.close();
  }

  private FakeHttp.Response call(String method, String path, String body, String auth)
      throws Exception {
    FakeHttp.Request req = FakeHttp.request(method, path);
    if (auth != null) {
      req.header("Authorization", auth);
    }
    if (body != null) {
      req.json(body);
    }
    FakeHttp.Response res = new FakeHttp.Response();
    router.dispatch(req, res);
    return res;
  }

  private int results(String control) {
    return store.list(CheckResults.collection(control), Range.all()).size();
  }

  @Test
  void anAttestationIsRecordedWithTheAdminsEmailAndTurnsTheControlPassing() throws Exception {
    FakeHttp.Response res =
        call(
            "POST",
            "/v1/controls/background-checks/checks",
            "{\"outcome\":\"passing\",\"note\":\"  Checked 4 new hires' background checks  \","
                + "\"evidenceUrl\":\"https://drive.example.com/d/abc\",\"publicEvidence\":true}",
            ADMIN);

    assertEquals(201, res.status(), res.text());
    JsonObject body = JsonParser.parseString(res.text()).getAsJsonObject();
    assertEquals("ana@example.com", body.get("checkedBy").getAsString());
    assertEquals("Checked 4 new hires' background checks", body.get("note").getAsString());
    PublicSnapshot s =
        Json.read(Snapshots.readRaw(store).orElseThrow().json(), PublicSnapshot.class);
    assertEquals(
        ControlStatus.PASSING,
        Views.trustCenter(s, Language.EN, Fakes.NOW, 365).categories().stream()
            .flatMap(c -> c.controls().stream())
            .filter(c -> c.id().equals("background-checks"))
            .findFirst()
            .orElseThrow()
            .status());
    var history =
        new CheckResults(store, new SnapshotWriter(365))
            .publicHistory("background-checks", Fakes.NOW);
    assertEquals(1, history.size());
    assertNull(history.get(0).checkId(), "who recorded an attestation is never public");
    assertEquals(
        "Checked 4 new hires' background checks",
        history.get(0).note(),
        "a public attestation's note is public");
    assertEquals("https://drive.example.com/d/abc", history.get(0).evidenceUrl());

    FakeHttp.Response list = call("GET", "/v1/controls/background-checks/checks", null, ADMIN);
    assertEquals(200, list.status());
    JsonObject listed = JsonParser.parseString(list.text()).getAsJsonObject();
    assertEquals(1, listed.getAsJsonArray("results").size());
    assertEquals(
        "https://drive.example.com/d/abc",
        listed.getAsJsonArray("results").get(0).getAsJsonObject().get("evidenceUrl").getAsString());
  }

  @Test
  void anAttestationIsWrittenWithItsAuditEntryInOneTransaction_thenPublished() throws Exception {
    FakeHttp.Response res =
        call(
            "POST",
            "/v1/controls/background-checks/checks",
            "{\"outcome\":\"passing\",\"note\":\"ok\",\"evidenceUrl\":\"https://drive.example.com/d/abc\"}",
            ADMIN);
    assertEquals(201, res.status(), res.text());
    assertTrue(
        store.get("audit-test", "background-checks").isPresent(),
        "the audit hook wrote in the transaction");
    assertEquals(1, committed, "publish requested once, after the commit");
    FakeHttp.Response bad =
        call("POST", "/v1/controls/background-checks/checks", "{\"outcome\":\"passing\"}", ADMIN);
    assertEquals(400, bad.status());
    assertEquals(1, committed, "nothing recorded, nothing published");
  }

  @Test
  void anAttestationWithAPastDay_isRecordedAsCheckedThatDay_andOrderedByIt() throws Exception {
    // Fakes.NOW is the clock; a pentest done 40 days earlier is recorded after a review of
    // yesterday.
    String day =
        java.time.LocalDate.ofInstant(Fakes.NOW, java.time.ZoneOffset.UTC).minusDays(40).toString();
    String yesterday =
        java.time.LocalDate.ofInstant(Fakes.NOW, java.time.ZoneOffset.UTC).minusDays(1).toString();
    assertEquals(
        201,
        call(
                "POST",
                "/v1/controls/background-checks/checks",
                "{\"outcome\":\"passing\",\"note\":\"y\",\"evidenceUrl\":\"https://e.example.com/1\",\"performedOn\":\""
                    + yesterday
                    + "\"}",
                ADMIN)
            .status());
    FakeHttp.Response res =
        call(
            "POST",
            "/v1/controls/background-checks/checks",
            "{\"outcome\":\"failing\",\"note\":\"pentest\",\"evidenceUrl\":\"https://e.example.com/2\",\"performedOn\":\""
                + day
                + "\"}",
            ADMIN);
    assertEquals(201, res.status(), res.text());
    assertEquals(
        day + "T12:00:00Z",
        JsonParser.parseString(res.text()).getAsJsonObject().get("checkedAt").getAsString());
    List<CheckResult> history =
        new CheckResults(store, new SnapshotWriter(365)).history("background-checks", Fakes.NOW);
    assertEquals(
        List.of(yesterday + "T12:00:00Z", day + "T12:00:00Z"),
        history.stream().map(r -> r.checkedAt().toString()).toList());
    // The older failing result does not override the newer pass.
    PublicSnapshot s =
        Json.read(Snapshots.readRaw(store).orElseThrow().json(), PublicSnapshot.class);
    assertEquals(
        ControlStatus.PASSING,
        Views.trustCenter(s, Language.EN, Fakes.NOW, 365).categories().stream()
            .flatMap(c -> c.controls().stream())
            .filter(c -> c.id().equals("background-checks"))
            .findFirst()
            .orElseThrow()
            .status());
  }

  @Test
  void aFutureOrMalformedOrAncientDay_isRefused_andNothingIsRecorded() throws Exception {
    java.time.LocalDate today = java.time.LocalDate.ofInstant(Fakes.NOW, java.time.ZoneOffset.UTC);
    for (String day :
        List.of(
            today.plusDays(2).toString(),
            "20-10-2026",
            "2026-02-30",
            today.minusDays(3651).toString())) {
      FakeHttp.Response res =
          call(
              "POST",
              "/v1/controls/background-checks/checks",
              "{\"outcome\":\"passing\",\"note\":\"n\",\"evidenceUrl\":\"https://e.example.com/1\",\"performedOn\":\""
                  + day
                  + "\"}",
              ADMIN);
      assertEquals(400, res.status(), day);
      assertTrue(res.text().contains("\"field\":\"performedOn\""), res.text());
    }
    assertEquals(0, results("background-checks"));
    assertEquals(0, committed);
  }

  @Test
  void todayIsAcceptedInEveryTimeZone_andNeverRecordedInTheFuture() throws Exception {
    java.time.LocalDate tomorrowUtc =
        java.time.LocalDate.ofInstant(
            Fakes.NOW.plus(java.time.Duration.ofHours(14)), java.time.ZoneOffset.UTC);
    FakeHttp.Response res =
        call(
            "POST",
            "/v1/controls/background-checks/checks",
            "{\"outcome\":\"passing\",\"note\":\"n\",\"evidenceUrl\":\"https://e.example.com/1\",\"performedOn\":\""
                + tomorrowUtc
                + "\"}",
            ADMIN);
    assertEquals(201, res.status(), res.text());
    assertTrue(
        !java.time.Instant.parse(
                JsonParser.parseString(res.text()).getAsJsonObject().get("checkedAt").getAsString())
            .isAfter(Fakes.NOW));
  }

  @Test
  void aReviewOfAPolicyNeedsANoteButNoLink() throws Exception {
    FakeHttp.Response res =
        call(
            "POST",
            "/v1/controls/information-security-policy/checks",
            "{\"outcome\":\"passing\",\"note\":\"Annual review, no changes needed\"}",
            ADMIN);
    assertEquals(201, res.status(), res.text());
    assertEquals(
        CheckOutcome.PASSING,
        new CheckResults(store, new SnapshotWriter(365))
            .history("information-security-policy", Fakes.NOW)
            .get(0)
            .outcome());
  }

  @Test
  void everyInvalidFieldIsNamedAndNothingIsRecorded() throws Exception {
    FakeHttp.Response res =
        call(
            "POST",
            "/v1/controls/background-checks/checks",
            "{\"outcome\":\"error\",\"note\":\""
                + "x".repeat(2001)
                + "\",\"evidenceUrl\":\"http://insecure.example.com/x\","
                + "\"publicEvidence\":\"yes\",\"extra\":1}",
            ADMIN);

    assertEquals(400, res.status());
    String text = res.text();
    for (String field : List.of("outcome", "note", "evidenceUrl", "publicEvidence", "extra")) {
      assertTrue(text.contains("\"field\":\"" + field + "\""), field + " in " + text);
    }
    assertEquals(0, results("background-checks"));
  }

  @Test
  void missingNoteAndMissingAttestationLinkAreRejected() throws Exception {
    FakeHttp.Response res =
        call(
            "POST",
            "/v1/controls/background-checks/checks",
            "{\"outcome\":\"passing\",\"note\":\"   \"}",
            ADMIN);
    assertEquals(400, res.status());
    assertTrue(
        res.text().contains("\"field\":\"note\"")
            && res.text().contains("\"field\":\"evidenceUrl\""),
        res.text());
  }

  @Test
  void malformedJsonUnknownControlsAndAutomatedControlsAreRefused() throws Exception {
    assertEquals(
        400,
        call("POST", "/v1/controls/background-checks/checks", "{\"outcome\":", ADMIN).status());
    assertEquals(
        400, call("POST", "/v1/controls/background-checks/checks", "[1,2]", ADMIN).status());
    assertEquals(
        404,
        call("POST", "/v1/controls/nope/checks", "{\"outcome\":\"passing\",\"note\":\"n\"}", ADMIN)
            .status());
    assertEquals(404, call("GET", "/v1/controls/nope/checks", null, ADMIN).status());
    FakeHttp.Response automated =
        call(
            "POST",
            "/v1/controls/encryption-in-transit/checks",
            "{\"outcome\":\"passing\",\"note\":\"trust me\"}",
            ADMIN);
    assertEquals(409, automated.status());
    assertEquals(0, results("encryption-in-transit"));
  }

  @Test
  void withoutAnAdminNothingIsReadOrWritten() throws Exception {
    assertEquals(
        401,
        call(
                "POST",
                "/v1/controls/background-checks/checks",
                "{\"outcome\":\"passing\",\"note\":\"n\",\"evidenceUrl\":\"https://e.example.com\"}",
                null)
            .status());
    assertEquals(
        401, call("GET", "/v1/controls/background-checks/checks", null, "Bearer nope").status());
    assertEquals(0, results("background-checks"));
  }
}
