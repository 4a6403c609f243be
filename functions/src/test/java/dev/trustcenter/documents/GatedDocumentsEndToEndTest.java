package dev.trustcenter.documents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.app.Services;
import dev.trustcenter.config.Config;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.http.Guard;
import dev.trustcenter.http.RateLimiter;
import dev.trustcenter.http.Router;
import dev.trustcenter.local.LocalServer;
import dev.trustcenter.notices.EmailAddresses;
import dev.trustcenter.testing.FakeHttp;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gated documents through the local server's public API (what visitors and grantees call) and the
 * admin routes on a router (what the admin API mounts), sharing one store and one clock.
 */
@IntegrationTest
class GatedDocumentsEndToEndTest {
  static final String DEV_TOKEN = "test-dev-token-0123456789abcdef";
  static final byte[] PDF =
      "%PDF-1.7\nISO 27001 certificate\n%%EOF".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  LocalServer server;
  Services services;
  Router admin;
  HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void start() throws Exception {
    start(Map.of());
  }

  void start(Map<String, String> extraEnv) throws Exception {
    if (server != null) {
      server.close();
    }
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "PORT",
                "0",
                "TRUST_CENTER_DATA_DIR",
                dir.toString(),
                "TRUST_CENTER_DEV_TOKEN",
                DEV_TOKEN));
    env.putAll(extraEnv);
    Config config = Config.fromEnvironment(env);
    services = new Services(config, FileDocumentStore.open(dir), clock, DEV_TOKEN);
    server = LocalServer.start(config, services);
    admin = new Router();
    services
        .documents()
        .registerAdmin(admin, ex -> Guard.require(services.adminAuthenticator(), ex));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  FakeHttp.Response admin(FakeHttp.Request req) throws Exception {
    FakeHttp.Response res = new FakeHttp.Response();
    admin.dispatch(
        req.header("Authorization", "Bearer " + DEV_TOKEN)
            .header("Host", "localhost:" + server.port()),
        res);
    return res;
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> getBytes(URI url) throws Exception {
    return http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /**
   * Follows a mailed link as a script would: posts the token from the link's fragment to the link's
   * path.
   */
  HttpResponse<byte[]> download(URI link) throws Exception {
    return download(link.getRawPath(), link.getFragment());
  }

  HttpResponse<byte[]> download(String path, String token) throws Exception {
    String body = token == null ? "{}" : "{\"grant\":\"" + token + "\"}";
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> postJson(String path, String json, String forwardedFor) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
            .header("Content-Type", "application/json")
            .header("User-Agent", "Procurement-Bot/1.0")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (forwardedFor != null) {
      b.header("X-Forwarded-For", forwardedFor);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonObject json(String s) {
    return JsonParser.parseString(s).getAsJsonObject();
  }

  void upload(String id, byte[] bytes, String type) throws Exception {
    FakeHttp.Response r = admin(FakeHttp.request("PUT", "/v1/documents/" + id).body(bytes, type));
    assertTrue(r.status() == 201 || r.status() == 200, r.text());
  }

  static String request(String email, String docs, int ndaVersion) {
    return "{\"name\":\"Ana García\",\"email\":\""
        + email
        + "\",\"company\":\"Cliente S.L.\",\"reason\":\"Vendor review\","
        + "\"documentIds\":"
        + docs
        + ",\"ndaVersion\":"
        + ndaVersion
        + ",\"ndaAccepted\":true,\"language\":\"en\"}";
  }

  JsonArray list(String status) throws Exception {
    FakeHttp.Response r = admin(FakeHttp.request("GET", "/v1/access-requests?status=" + status));
    assertEquals(200, r.status(), r.text());
    return json(r.text()).getAsJsonArray("accessRequests");
  }

  JsonObject approve(String id, String body) throws Exception {
    FakeHttp.Request req = FakeHttp.request("POST", "/v1/access-requests/" + id + "/approve");
    if (body != null) {
      req.json(body);
    }
    FakeHttp.Response r = admin(req);
    assertEquals(200, r.status(), r.text());
    return json(r.text());
  }

  /** Uploads a document, files a request and approves it; returns the download link. */
  URI grantedLink(String email, int days) throws Exception {
    upload("iso-27001", PDF, "application/pdf");
    assertEquals(
        202,
        postJson("/api/v1/access-requests", request(email, "[\"iso-27001\"]", 1), null)
            .statusCode());
    String id = list("pending").get(0).getAsJsonObject().get("id").getAsString();
    JsonObject a = approve(id, "{\"expiresInDays\":" + days + "}");
    return URI.create(a.getAsJsonObject("links").get("iso-27001").getAsString());
  }

  @Test
  void requestApproveDownloadRevokeThenForbidden() throws Exception {
    upload("iso-27001", PDF, "application/pdf");
    JsonObject nda = json(get("/api/v1/nda?lang=en").body());
    assertEquals(1, nda.get("version").getAsInt());
    assertTrue(nda.get("text").getAsString().startsWith("Confidentiality agreement"));

    HttpResponse<String> submitted =
        postJson(
            "/api/v1/access-requests", request("ana@cliente.example", "[\"iso-27001\"]", 1), null);
    assertEquals(202, submitted.statusCode(), submitted.body());
    assertEquals("{\"status\":\"received\"}", submitted.body());

    JsonArray pending = list("pending");
    assertEquals(1, pending.size());
    JsonObject req = pending.get(0).getAsJsonObject();
    JsonObject evidence = req.getAsJsonObject("nda");
    assertEquals(1, evidence.get("version").getAsInt());
    assertEquals(nda.get("sha256").getAsString(), evidence.get("sha256").getAsString());
    assertEquals("127.0.0.1", evidence.get("ip").getAsString());
    assertEquals("Procurement-Bot/1.0", evidence.get("userAgent").getAsString());
    assertEquals("Ana García", evidence.get("typedName").getAsString());
    assertEquals("2026-03-02T10:00:00Z", evidence.get("acceptedAt").getAsString());

    JsonObject approval = approve(req.get("id").getAsString(), null);
    assertEquals(
        "2026-03-09T10:00:00Z",
        approval.getAsJsonObject("accessRequest").get("expiresAt").getAsString(),
        "7 days by default");
    assertFalse(approval.toString().contains("secretSha256"));
    URI link = URI.create(approval.getAsJsonObject("links").get("iso-27001").getAsString());
    assertEquals("localhost", link.getHost());
    assertEquals("/api/v1/documents/iso-27001/download", link.getPath());
    assertEquals("lang=en", link.getQuery(), "the token is not in the query, which servers log");
    String token = link.getFragment();
    assertEquals(76, token.length());

    HttpResponse<byte[]> download = download(link);
    assertEquals(200, download.statusCode());
    assertArrayEquals(PDF, download.body());
    assertEquals("application/pdf", download.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(
        "attachment; filename=\"iso-27001.pdf\"",
        download.headers().firstValue("Content-Disposition").orElseThrow());
    assertEquals("no-store", download.headers().firstValue("Cache-Control").orElseThrow());

    FakeHttp.Response revoked =
        admin(
            FakeHttp.request(
                "POST", "/v1/access-requests/" + req.get("id").getAsString() + "/revoke"));
    assertEquals(200, revoked.status(), revoked.text());
    HttpResponse<byte[]> after = download(link);
    assertEquals(403, after.statusCode());
    assertFalse(
        new String(after.body(), StandardCharsets.UTF_8).contains(token.substring(33)),
        "the token is not echoed");

    assertEquals(1, list("revoked").size());
    String audit =
        services
            .store()
            .list(dev.trustcenter.audit.AuditLog.COLLECTION, dev.trustcenter.store.Range.all())
            .toString();
    for (String action :
        new String[] {
          "document.uploaded",
          "access_request.submitted",
          "access_request.approved",
          "document.downloaded",
          "access_request.revoked"
        }) {
      assertTrue(audit.contains(action), action + " is audited");
    }
    assertTrue(audit.contains("\"outcome\":\"denied\""), "the refused download is audited");
    assertFalse(
        audit.contains(token.substring(33)), "the grant secret never reaches the audit log");
  }

  @Test
  void aGrantStopsWorkingWhenItExpires() throws Exception {
    URI link = grantedLink("ana@cliente.example", 1);
    clock.advance(Duration.ofDays(1).minusSeconds(1));
    assertEquals(200, download(link).statusCode());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(403, download(link).statusCode());
  }

  @Test
  void tamperedUnknownAndMalformedTokensAreRefusedAlike() throws Exception {
    URI link = grantedLink("ana@cliente.example", 7);
    String token = link.getFragment();
    char last = token.charAt(token.length() - 1);
    String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    String unknownGrant = "0".repeat(32) + token.substring(32);
    for (String t : new String[] {tampered, unknownGrant, "garbage", token.substring(0, 40), ""}) {
      HttpResponse<byte[]> r = download(link.getRawPath(), t);
      assertEquals(403, r.statusCode(), t);
      assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("grant_invalid"));
    }
    assertEquals(403, download(link.getRawPath(), null).statusCode(), "no token");
    HttpResponse<String> inQuery =
        get(
            "/api/v1/documents/iso-27001?grant="
                + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8));
    assertEquals(400, inQuery.statusCode(), "a token in a URL never downloads");
    assertTrue(inQuery.body().contains("grant_in_query"));
    assertEquals(200, download(link).statusCode(), "the real token still works");
  }

  @Test
  void unknownDocumentsAre404AndAGrantCoversOnlyItsDocuments() throws Exception {
    URI link = grantedLink("ana@cliente.example", 7);
    upload("pentest-2026", PDF, "application/pdf");
    assertEquals(
        404, download("/api/v1/documents/no-such-doc/download", link.getFragment()).statusCode());
    assertEquals(
        403, download("/api/v1/documents/pentest-2026/download", link.getFragment()).statusCode());

    HttpResponse<String> r =
        postJson(
            "/api/v1/access-requests",
            request("ana@cliente.example", "[\"no-such-doc\"]", 1),
            null);
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("documentIds"), r.body());
  }

  @Test
  void invalidRequestsNameEveryBadFieldAndStoreNothing() throws Exception {
    upload("iso-27001", PDF, "application/pdf");
    HttpResponse<String> r =
        postJson(
            "/api/v1/access-requests",
            "{\"name\":\"A\",\"email\":\"not-an-email\",\"company\":\"C S.L.\",\"documentIds\":[\"iso-27001\"],\"ndaVersion\":1,\"ndaAccepted\":false}",
            null);
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("\"name\""), r.body());
    r =
        postJson(
            "/api/v1/access-requests",
            request("not-an-email", "[\"iso-27001\"]", 1)
                .replace("\"ndaAccepted\":true", "\"ndaAccepted\":false"),
            null);
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("email") && r.body().contains("ndaAccepted"), r.body());
    assertEquals(400, postJson("/api/v1/access-requests", "[1,2]", null).statusCode());
    assertEquals(0, list("pending").size());
  }

  @Test
  void aNewNdaVersionInvalidatesOlderAcceptancesForNewRequests() throws Exception {
    upload("iso-27001", PDF, "application/pdf");
    assertEquals(
        202,
        postJson(
                "/api/v1/access-requests",
                request("ana@cliente.example", "[\"iso-27001\"]", 1),
                null)
            .statusCode());
    clock.advance(Duration.ofMinutes(1));
    FakeHttp.Response replaced =
        admin(
            FakeHttp.request("PUT", "/v1/nda")
                .json("{\"text\":{\"es\":\"Nuevo texto\",\"en\":\"New text\"}}"));
    assertEquals(200, replaced.status(), replaced.text());
    assertEquals(2, json(replaced.text()).get("version").getAsInt());

    HttpResponse<String> old =
        postJson(
            "/api/v1/access-requests", request("bea@cliente.example", "[\"iso-27001\"]", 1), null);
    assertEquals(409, old.statusCode());
    assertTrue(old.body().contains("nda_outdated"));
    JsonObject nda = json(get("/api/v1/nda?lang=es").body());
    assertEquals("Nuevo texto", nda.get("text").getAsString());
    assertEquals(
        202,
        postJson(
                "/api/v1/access-requests",
                request("bea@cliente.example", "[\"iso-27001\"]", 2),
                null)
            .statusCode());
    JsonArray pending = list("pending");
    assertEquals(2, pending.size());
    assertEquals(
        2,
        pending.get(0).getAsJsonObject().getAsJsonObject("nda").get("version").getAsInt(),
        "newest first");
    assertEquals(
        1,
        pending.get(1).getAsJsonObject().getAsJsonObject("nda").get("version").getAsInt(),
        "old evidence kept");
  }

  /**
   * Issue 14, item 3: the per-IP limit trusted the first X-Forwarded-For hop, so ten spoofed
   * requests locked a chosen address out for an hour and a sender could walk through addresses.
   * Here one trusted proxy sits in front (it appended the second-to-last hop) and the local server
   * appends the socket's address.
   */
  @Test
  void perIpLimitCountsTheAddressTheProxySawNeverTheFirstHop() throws Exception {
    start(Map.of("TRUSTED_PROXY_HOPS", "2"));
    upload("iso-27001", PDF, "application/pdf");
    for (int i = 0; i < 10; i++) {
      String spoofed = "203.0.113.9, 198.51.100." + (100 + i) + ", 198.51.100.7";
      assertEquals(
          202,
          postJson(
                  "/api/v1/access-requests",
                  request("p" + i + "@cliente.example", "[\"iso-27001\"]", 1),
                  spoofed)
              .statusCode());
    }
    HttpResponse<String> limited =
        postJson(
            "/api/v1/access-requests",
            request("p10@cliente.example", "[\"iso-27001\"]", 1),
            "10.9.9.9, 198.51.100.7");
    assertEquals(429, limited.statusCode(), "a new first hop does not make a new client");
    assertEquals("3600", limited.headers().firstValue("Retry-After").orElseThrow());
    assertEquals(
        202,
        postJson(
                "/api/v1/access-requests",
                request("p10@cliente.example", "[\"iso-27001\"]", 1),
                "203.0.113.9")
            .statusCode(),
        "the address the attacker named is not locked out");
    assertEquals(
        202,
        postJson(
                "/api/v1/access-requests",
                request("p12@cliente.example", "[\"iso-27001\"]", 1),
                "198.51.100.8")
            .statusCode());
    clock.advance(Duration.ofHours(1));
    assertEquals(
        202,
        postJson(
                "/api/v1/access-requests",
                request("p11@cliente.example", "[\"iso-27001\"]", 1),
                "198.51.100.7")
            .statusCode(),
        "a new window");
    assertEquals(
        "198.51.100.7",
        services.documents().accessRequests().list("pending").get(0).nda().ip(),
        "the evidence keeps the same address");
  }

  @Test
  void withOneProxyEveryFirstHopIsIgnored() throws Exception {
    upload("iso-27001", PDF, "application/pdf");
    for (int i = 0; i < 10; i++) {
      assertEquals(
          202,
          postJson(
                  "/api/v1/access-requests",
                  request("q" + i + "@cliente.example", "[\"iso-27001\"]", 1),
                  "198.51.100." + i)
              .statusCode());
    }
    assertEquals(
        429,
        postJson(
                "/api/v1/access-requests",
                request("q10@cliente.example", "[\"iso-27001\"]", 1),
                "198.51.100.99")
            .statusCode(),
        "the local server's own hop counts, not what the client wrote");
  }

  @Test
  void perMailboxLimitDropsSilentlyWhateverTheCaseOrPlusTag() throws Exception {
    upload("iso-27001", PDF, "application/pdf");
    String[] variants = {
      "same@cliente.example",
      "Same+a@cliente.example",
      "SAME+b@Cliente.Example",
      "same+c@cliente.example",
      "same@CLIENTE.example"
    };
    for (int i = 0; i < variants.length; i++) {
      HttpResponse<String> r =
          postJson("/api/v1/access-requests", request(variants[i], "[\"iso-27001\"]", 1), null);
      assertEquals(202, r.statusCode(), "the answer never tells");
      assertEquals("{\"status\":\"received\"}", r.body());
    }
    long same =
        services.documents().accessRequests().list("pending").stream()
            .filter(x -> EmailAddresses.mailbox(x.email()).equals("same@cliente.example"))
            .count();
    assertEquals(3, same, "per mailbox: 3 a day");
    assertTrue(
        services.store().list(RateLimiter.COLLECTION, dev.trustcenter.store.Range.all()).stream()
            .noneMatch(d -> d.id().contains("127.0") || d.json().contains("cliente.example")),
        "keys are hashed");
  }

  /**
   * Issue 14, item 3: after a flood the global limit answered 429 to every honest visitor for an
   * hour.
   */
  @Test
  void afterAFloodAnHonestVisitorIsStillServed() throws Exception {
    upload("iso-27001", PDF, "application/pdf");
    RateLimiter limiter = new RateLimiter(services.store(), clock);
    // what the flood of the attack left behind: 200 requests (the old global limit) and the whole
    // mail budget
    for (int i = 0; i < 200; i++) {
      assertTrue(limiter.tryAcquire(AccessRequests.GLOBAL, "all"));
    }
    for (int i = 0; i < AccessRequests.GLOBAL_MAIL.max(); i++) {
      assertTrue(limiter.tryAcquire(AccessRequests.GLOBAL_MAIL, "all"));
    }
    HttpResponse<String> r =
        postJson(
            "/api/v1/access-requests",
            request("honest@cliente.example", "[\"iso-27001\"]", 1),
            null);
    assertEquals(202, r.statusCode(), "an honest visitor is not locked out");
    assertEquals(1, list("pending").size(), "taken, for an admin to decide");
  }

  @Test
  void uploadsAreBoundedTypedAndVersioned() throws Exception {
    FakeHttp.Response big =
        admin(
            FakeHttp.request("PUT", "/v1/documents/big")
                .body(new byte[DocumentLibrary.MAX_BYTES + 1], "application/pdf"));
    assertEquals(413, big.status());
    FakeHttp.Response html =
        admin(
            FakeHttp.request("PUT", "/v1/documents/page").body("<p>x</p>".getBytes(), "text/html"));
    assertEquals(415, html.status());
    FakeHttp.Response empty =
        admin(FakeHttp.request("PUT", "/v1/documents/empty").body(new byte[0], "application/pdf"));
    assertEquals(400, empty.status());
    FakeHttp.Response unauth = new FakeHttp.Response();
    admin.dispatch(FakeHttp.request("PUT", "/v1/documents/x").body(PDF, "application/pdf"), unauth);
    assertEquals(401, unauth.status());
    assertTrue(services.documents().library().all().isEmpty(), "nothing stored by refused uploads");

    FakeHttp.Response v1 =
        admin(
            FakeHttp.request("PUT", "/v1/documents/policy?resource=security-policy")
                .body(PDF, "application/pdf; charset=binary"));
    assertEquals(201, v1.status(), v1.text());
    FakeHttp.Response v2 =
        admin(
            FakeHttp.request("PUT", "/v1/documents/policy")
                .body("v2 text".getBytes(), "text/plain"));
    assertEquals(200, v2.status());
    JsonObject doc = json(v2.text());
    assertEquals(2, doc.get("version").getAsInt());
    assertEquals(
        dev.trustcenter.http.Responses.sha256Hex("v2 text".getBytes()),
        doc.get("sha256").getAsString());
    assertEquals(
        "security-policy", doc.get("resourceId").getAsString(), "kept from the first upload");
    assertEquals("policy.txt", doc.get("fileName").getAsString());

    JsonObject publicList = json(get("/api/v1/documents").body());
    assertEquals(
        "on_request",
        publicList
            .getAsJsonArray("documents")
            .get(0)
            .getAsJsonObject()
            .get("availability")
            .getAsString());
    assertFalse(publicList.toString().contains("object"), "bucket object names stay private");
  }

  @Test
  void freeMailIsRefusedWhenConfigured() throws Exception {
    start(Map.of("ACCESS_REFUSE_FREE_MAIL", "true"));
    upload("iso-27001", PDF, "application/pdf");
    HttpResponse<String> r =
        postJson(
            "/api/v1/access-requests", request("someone@gmail.com", "[\"iso-27001\"]", 1), null);
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("work address"), r.body());
    assertEquals(
        202,
        postJson(
                "/api/v1/access-requests",
                request("someone@cliente.example", "[\"iso-27001\"]", 1),
                null)
            .statusCode());
  }

  @Test
  void decisionsFollowTheRequestsState() throws Exception {
    upload("iso-27001", PDF, "application/pdf");
    postJson("/api/v1/access-requests", request("ana@cliente.example", "[\"iso-27001\"]", 1), null);
    String id = list("pending").get(0).getAsJsonObject().get("id").getAsString();
    assertEquals(
        409,
        admin(FakeHttp.request("POST", "/v1/access-requests/" + id + "/revoke")).status(),
        "not approved yet");
    assertEquals(
        400,
        admin(
                FakeHttp.request("POST", "/v1/access-requests/" + id + "/approve")
                    .json("{\"expiresInDays\":91}"))
            .status());
    assertEquals(
        200, admin(FakeHttp.request("POST", "/v1/access-requests/" + id + "/deny")).status());
    assertEquals(
        409,
        admin(FakeHttp.request("POST", "/v1/access-requests/" + id + "/approve")).status(),
        "denied stays denied");
    assertEquals(
        404,
        admin(
                FakeHttp.request(
                    "POST", "/v1/access-requests/2026-01-01T00:00:00Z-000000000000/approve"))
            .status());
    assertEquals(400, admin(FakeHttp.request("GET", "/v1/access-requests?status=bogus")).status());
  }
}
