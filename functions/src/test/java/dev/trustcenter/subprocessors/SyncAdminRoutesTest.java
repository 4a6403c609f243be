package dev.trustcenter.subprocessors;

import static dev.trustcenter.subprocessors.SyncHarness.CF_PATH;
import static dev.trustcenter.subprocessors.SyncHarness.GCP_PATH;
import static dev.trustcenter.subprocessors.SyncPages.baseline;
import static dev.trustcenter.subprocessors.SyncPages.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.trustcenter.auth.DevTokenAuthenticator;
import dev.trustcenter.auth.Principal;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.http.Guard;
import dev.trustcenter.http.Router;
import dev.trustcenter.json.Json;
import dev.trustcenter.testing.FakeHttp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin sync routes through a Router, with an auth/audit hook like the admin function's. */
class SyncAdminRoutesTest {
  static final String TOKEN = "test-admin-token-0123456789abcdef";

  @StartStop private final MockWebServer server = new MockWebServer();
  @TempDir Path dir;
  private final SyncPages.Site site = new SyncPages.Site();
  private final List<String> audit = new ArrayList<>();
  private FileDocumentStore store;
  private SyncHarness h;
  private Router router;

  @BeforeEach
  void setUp() {
    server.setDispatcher(site);
    store = FileDocumentStore.open(dir.resolve("data"));
    h = new SyncHarness(store, server, dir.resolve("archive"));
    site.page(GCP_PATH, page(baseline()));
    site.page(CF_PATH, page(baseline()));
    router = new Router();
    SyncAdminRoutes.AdminAction admin =
        (ex, action, target, work) -> {
          Principal who = Guard.require(new DevTokenAuthenticator(TOKEN), ex);
          try {
            Object result = work.apply(who);
            audit.add(who.email() + " " + action + " " + target + " ok");
            return result;
          } catch (RuntimeException e) {
            audit.add(who.email() + " " + action + " " + target + " failed");
            throw e;
          }
        };
    new SyncAdminRoutes(h.sync).register(router, admin);
  }

  @AfterEach
  void close() {
    store.close();
  }

  record Answer(int status, String body, String cacheControl) {
    JsonObject json() {
      return Json.read(body, JsonObject.class);
    }
  }

  private Answer call(String method, String path, String token, String body) throws Exception {
    FakeHttp.Request req = FakeHttp.request(method, path).json(body);
    if (token != null) {
      req.header("Authorization", "Bearer " + token);
    }
    FakeHttp.Response res = new FakeHttp.Response();
    router.dispatch(req, res);
    return new Answer(res.status(), res.text(), res.header("Cache-Control"));
  }

  @Test
  void syncingNowNeedsAnAdminAndAnswersTheRunRecord() throws Exception {
    assertEquals(401, call("POST", "/v1/sync", null, "").status());
    assertEquals(401, call("POST", "/v1/sync", "wrong-token-0123456789abcdefgh", "").status());
    assertEquals(0, server.getRequestCount(), "nothing is fetched for an unauthenticated caller");
    assertTrue(audit.isEmpty());

    Answer a = call("POST", "/v1/sync", TOKEN, "");
    assertEquals(200, a.status());
    assertEquals("local-dev", a.json().get("trigger").getAsString());
    assertEquals(2, a.json().getAsJsonArray("vendors").size());
    assertEquals(List.of("local-dev subprocessors.sync all ok"), audit);
  }

  @Test
  void aPendingListCanBeReviewedAndAcceptedOnce() throws Exception {
    call("POST", "/v1/sync", TOKEN, "");
    site.page(CF_PATH, page(baseline().subList(0, 1)));
    Answer run = call("POST", "/v1/sync", TOKEN, "");
    assertTrue(run.body().contains("pending_review"), run.body());

    Answer pending = call("GET", "/v1/sync/cloudflare/pending", TOKEN, "");
    assertEquals(200, pending.status());
    String sha = pending.json().get("contentSha256").getAsString();
    assertEquals(1, pending.json().getAsJsonArray("entries").size());

    assertEquals(
        400,
        call("POST", "/v1/sync/cloudflare/accept", TOKEN, "{\"contentSha256\":\"nope\"}").status());
    assertEquals(400, call("POST", "/v1/sync/cloudflare/accept", TOKEN, "[1,2").status());
    assertEquals(
        409,
        call(
                "POST",
                "/v1/sync/cloudflare/accept",
                TOKEN,
                "{\"contentSha256\":\"" + "a".repeat(64) + "\"}")
            .status());

    Answer accepted =
        call("POST", "/v1/sync/cloudflare/accept", TOKEN, "{\"contentSha256\":\"" + sha + "\"}");
    assertEquals(200, accepted.status(), accepted.body());
    assertEquals("updated", accepted.json().get("status").getAsString());
    assertEquals(5, accepted.json().get("removed").getAsInt());
    assertEquals(5, h.events().size());
    assertEquals(1, h.list("cloudflare").entryCount());

    assertEquals(409, call("POST", "/v1/sync/cloudflare/accept", TOKEN, "").status());
    assertEquals(404, call("GET", "/v1/sync/cloudflare/pending", TOKEN, "").status());
    assertEquals(404, call("POST", "/v1/sync/aws/accept", TOKEN, "").status());
    assertEquals(401, call("POST", "/v1/sync/cloudflare/accept", null, "").status());
    assertTrue(audit.contains("local-dev subprocessors.accept cloudflare ok"), audit.toString());
    assertTrue(
        audit.contains("local-dev subprocessors.accept cloudflare failed"), audit.toString());
  }

  @Test
  void aHeldListIsShownAsAddedRemovedAndChanged_andRejectingItKeepsTheListInForce()
      throws Exception {
    call("POST", "/v1/sync", TOKEN, "");
    List<SyncPages.Row> held = new ArrayList<>();
    held.add(
        SyncPages.row(
            "Affiliates", "Example Ltd", "Ireland", "Customer support")); // countries changed
    held.add(SyncPages.row("Support", "New Desk GmbH", "Germany", "Ticketing")); // added
    site.page(CF_PATH, page(held));
    assertTrue(call("POST", "/v1/sync", TOKEN, "").body().contains("pending_review"));

    Answer review = call("GET", "/v1/sync/cloudflare/pending/changes", TOKEN, "");
    assertEquals(200, review.status(), review.body());
    JsonObject r = review.json();
    assertEquals(6, r.get("currentCount").getAsInt());
    assertEquals(2, r.get("heldCount").getAsInt());
    List<String> described = new ArrayList<>();
    for (var e : r.getAsJsonArray("changes")) {
      JsonObject c = e.getAsJsonObject();
      JsonObject shown =
          c.get("after").isJsonObject() ? c.getAsJsonObject("after") : c.getAsJsonObject("before");
      described.add(c.get("kind").getAsString() + " " + shown.get("name").getAsString());
    }
    assertEquals(
        List.of(
            "added New Desk GmbH",
            "removed Example Inc.",
            "removed Example Portugal, Lda.",
            "removed Google LLC",
            "removed Oracle America, Inc.",
            "removed Support Co",
            "changed Example Ltd"),
        described);
    JsonObject changed = r.getAsJsonArray("changes").get(6).getAsJsonObject();
    assertEquals("[\"countries\"]", changed.get("fields").toString());
    assertEquals(
        "[\"United Kingdom\"]", changed.getAsJsonObject("before").get("countries").toString());
    String sha = r.get("contentSha256").getAsString();

    assertEquals(
        409,
        call(
                "POST",
                "/v1/sync/cloudflare/reject",
                TOKEN,
                "{\"contentSha256\":\"" + "a".repeat(64) + "\"}")
            .status(),
        "only the list reviewed is rejected");
    assertEquals(401, call("POST", "/v1/sync/cloudflare/reject", null, "").status());
    Answer rejected =
        call("POST", "/v1/sync/cloudflare/reject", TOKEN, "{\"contentSha256\":\"" + sha + "\"}");
    assertEquals(200, rejected.status(), rejected.body());
    assertEquals(6, h.list("cloudflare").entryCount(), "the list in force stays");
    assertTrue(h.events().isEmpty(), "rejecting records no change");
    assertEquals(404, call("GET", "/v1/sync/cloudflare/pending/changes", TOKEN, "").status());
    assertEquals(409, call("POST", "/v1/sync/cloudflare/reject", TOKEN, "").status());
    assertTrue(audit.contains("local-dev subprocessors.reject cloudflare ok"), audit.toString());
    assertTrue(
        audit.contains("local-dev subprocessors.reject cloudflare failed"), audit.toString());
  }

  @Test
  void everyRouteAnswersUncached_andAnUnknownVendorOrABadBodyIsRefusedBeforeTheActionRuns()
      throws Exception {
    Answer run = call("POST", "/v1/sync", TOKEN, "");
    site.page(CF_PATH, page(baseline().subList(0, 2)));
    call("POST", "/v1/sync", TOKEN, "");
    audit.clear();

    assertEquals(404, call("GET", "/v1/sync/aws/pending", TOKEN, "").status());
    assertEquals(404, call("POST", "/v1/sync/aws/reject", TOKEN, "").status());
    assertEquals(
        400, call("POST", "/v1/sync/cloudflare/reject", TOKEN, "{\"contentSha256\":1}").status());
    assertTrue(audit.isEmpty(), "nothing was run, so nothing is audited: " + audit);

    Answer pending = call("GET", "/v1/sync/cloudflare/pending", TOKEN, "");
    Answer changes = call("GET", "/v1/sync/cloudflare/pending/changes", TOKEN, "");
    Answer rejected = call("POST", "/v1/sync/cloudflare/reject", TOKEN, "");
    for (Answer a : List.of(run, pending, changes, rejected)) {
      assertEquals(200, a.status(), a.body());
      assertEquals("no-store", a.cacheControl(), a.body());
    }
    assertEquals(
        Json.read("{\"vendor\":\"cloudflare\",\"status\":\"rejected\"}", JsonObject.class),
        rejected.json());
    assertEquals(
        List.of(
            "local-dev subprocessors.pending.view cloudflare ok",
            "local-dev subprocessors.pending.view cloudflare ok",
            "local-dev subprocessors.reject cloudflare ok"),
        audit);
  }
}
