package dev.trustcenter.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input against every endpoint of the local server that takes a body or parameters (public,
 * admin with the dev token, tasks): each case must answer a 4xx with a JSON error {@code
 * {"error":{"code","message"}}}, no stack trace or exception class in the body, and leave the
 * stored state as it was. The state is a fingerprint of every file of the embedded store except the
 * collections that legitimately record attempts ({@code audit-log}, {@code rate-limits}). A case
 * that commits a fault with one answer everywhere ({@link Fault}: malformed JSON, a body over the
 * limit, not JSON, fields of the wrong type, no credentials, an unknown or unstorable path id, a
 * bad query parameter) must get exactly that status and code, on every route (docs/api.md, "Error
 * codes").
 *
 * <p>Documented exceptions to the JSON body: {@code GET /v1/subscriptions/confirm} and {@code
 * .../unsubscribe} answer an HTML page in the reader's language (they are opened from a mail),
 * still with a 4xx.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@IntegrationTest
class BadInputCorpusTest {
  /** Collections that record attempts, denied or not, by design. */
  static final Set<String> ATTEMPT_COLLECTIONS = Set.of("audit-log", "rate-limits");

  static final String ADMIN = "Bearer " + LocalServerFixture.DEV_TOKEN;
  static final String DOC = "iso-27001";
  static final Pattern LEAK =
      Pattern.compile(
          "Exception|\\tat |\\bat (java|dev|com|org|sun)\\.|java\\.(lang|io|util)\\.|dev\\.trustcenter\\.|com\\.google\\.gson");

  Path dir;
  LocalServerFixture server;
  int ndaVersion;
  String seedControlJson;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("bad-input");
    server = LocalServerFixture.start(dir);
    HttpResponse<String> up =
        server.send(
            HttpRequest.newBuilder(server.uri("/admin/v1/documents/" + DOC))
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/pdf")
                .PUT(
                    HttpRequest.BodyPublishers.ofByteArray(
                        "%PDF-1.4\n%test\n".getBytes(StandardCharsets.US_ASCII))));
    assertTrue(up.statusCode() == 201 || up.statusCode() == 200, up.body());
    ndaVersion =
        JsonParser.parseString(server.get("/api/v1/nda?lang=en").body())
            .getAsJsonObject()
            .get("version")
            .getAsInt();
    HttpResponse<String> control =
        server.send(
            HttpRequest.newBuilder(server.uri("/admin/v1/controls/" + firstControlId()))
                .header("Authorization", ADMIN));
    assertEquals(200, control.statusCode(), control.body());
    seedControlJson = control.body();
    settle();
  }

  @AfterAll
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private String firstControlId() {
    HttpResponse<String> list =
        server.send(
            HttpRequest.newBuilder(server.uri("/admin/v1/controls"))
                .header("Authorization", ADMIN));
    return JsonParser.parseString(list.body())
        .getAsJsonObject()
        .getAsJsonArray("items")
        .get(0)
        .getAsJsonObject()
        .get("id")
        .getAsString();
  }

  /** A control an admin may attest (not automated), so the checks route reads the body. */
  private String attestableControlId() {
    HttpResponse<String> list =
        server.send(
            HttpRequest.newBuilder(server.uri("/admin/v1/controls"))
                .header("Authorization", ADMIN));
    for (JsonElement c :
        JsonParser.parseString(list.body()).getAsJsonObject().getAsJsonArray("items")) {
      if (!c.getAsJsonObject().get("checkMethod").getAsString().equals("automated")) {
        return c.getAsJsonObject().get("id").getAsString();
      }
    }
    throw new AssertionError("the seed has no attestable control");
  }

  /** Waits until background work of the setup (publishing) stops touching the store. */
  private void settle() throws Exception {
    Map<String, String> last = fingerprint(dir);
    for (int i = 0; i < 50; i++) {
      Thread.sleep(200);
      Map<String, String> now = fingerprint(dir);
      if (now.equals(last)) {
        return;
      }
      last = now;
    }
  }

  // ---- the corpus
  // -------------------------------------------------------------------------------------------

  /**
   * One request: method, path with query, content type (null: none), body (null: none), extra
   * headers.
   */
  record Case(
      String name,
      String method,
      String path,
      String contentType,
      byte[] body,
      String auth,
      boolean html,
      Fault fault) {
    Case(
        String name,
        String method,
        String path,
        String contentType,
        byte[] body,
        String auth,
        boolean html) {
      this(name, method, path, contentType, body, auth, html, null);
    }

    Case withAuth(String a) {
      return new Case(name, method, path, contentType, body, a, html, fault);
    }

    /** The case commits {@code f}: it must get f's status and code, whatever the route. */
    Case expect(Fault f) {
      return new Case(name, method, path, contentType, body, auth, html, f);
    }
  }

  /**
   * A fault that has one answer on every route (docs/api.md, "Error codes"): its status, its code
   * and, for {@code invalid}, the field or query parameter it names (null: any).
   */
  record Fault(String name, int status, String code, String field) {}

  static final Fault MALFORMED_JSON =
      new Fault("a body that is not one strict JSON object", 400, "malformed_json", null);
  static final Fault TOO_LARGE =
      new Fault("a body over the route's limit", 413, "payload_too_large", null);
  static final Fault NOT_JSON =
      new Fault("a body not declared as JSON in UTF-8", 415, "unsupported_media_type", null);
  static final Fault WRONG_TYPES = new Fault("fields of the wrong type", 400, "invalid", null);
  static final Fault NO_CREDENTIALS =
      new Fault("missing or refused credentials", 401, "unauthenticated", null);
  static final Fault UNKNOWN_ID = new Fault("a path id that names nothing", 404, "not_found", null);
  static final Fault BAD_NEW_ID =
      new Fault("a path id that cannot be stored", 400, "invalid", "id");
  static final Fault GRANT_IN_URL =
      new Fault("a grant token in a URL", 400, "grant_in_query", null);

  static Fault badQuery(String parameter) {
    return new Fault("a query parameter out of its domain", 400, "invalid", parameter);
  }

  /** Bad bodies that are not JSON objects at all (within any route's limit they are malformed). */
  static final Set<String> MALFORMED_BODIES =
      Set.of(
          "malformed: unclosed object",
          "malformed: trailing comma",
          "malformed: single quotes",
          "malformed: two values",
          "malformed: NaN",
          "top-level array",
          "top-level string",
          "top-level null",
          "top-level number",
          "deep nesting (100k [)",
          "deep nesting (60k [ inside an object)",
          "deep nesting (20k objects)",
          "invalid UTF-8",
          "empty body",
          "whitespace body",
          "duplicate keys");

  /**
   * The fault of a bad body on a JSON route with {@code limit} bytes; null where the answer depends
   * on what the route does with the fields.
   */
  static Fault bodyFault(String name, byte[] body, int limit, boolean optionalBody) {
    if (body.length > limit) {
      return TOO_LARGE;
    }
    if (optionalBody && new String(body, StandardCharsets.UTF_8).isBlank()) {
      return null; // no body there means "no options"
    }
    if (MALFORMED_BODIES.contains(name)) {
      return MALFORMED_JSON;
    }
    return name.equals("wrong types") ? WRONG_TYPES : null;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** Bodies that no JSON endpoint may accept, each with a name. */
  static Map<String, byte[]> badBodies() {
    Map<String, byte[]> m = new TreeMap<>();
    m.put("malformed: unclosed object", utf8("{\"name\":"));
    m.put("malformed: trailing comma", utf8("{\"a\":1,}"));
    m.put("malformed: single quotes", utf8("{'id':'x'}"));
    m.put("malformed: two values", utf8("{} {}"));
    m.put("malformed: NaN", utf8("{\"position\":NaN}"));
    m.put("top-level array", utf8("[]"));
    m.put("top-level string", utf8("\"x\""));
    m.put("top-level null", utf8("null"));
    m.put("top-level number", utf8("12"));
    m.put(
        "wrong types",
        utf8(
            "{\"id\":123,\"name\":[\"x\"],\"position\":\"one\",\"email\":42,\"topics\":\"all\",\"text\":7,"
                + "\"outcome\":true,\"expiresInDays\":\"7\",\"contentSha256\":{},\"ndaAccepted\":\"yes\",\"title\":[],\"language\":1}"));
    m.put(
        "nulls",
        utf8(
            "{\"id\":null,\"name\":null,\"position\":null,\"email\":null,\"topics\":null,\"text\":null,\"outcome\":null,"
                + "\"expiresInDays\":null,\"ndaAccepted\":null,\"title\":null,\"language\":null,\"companyName\":null}"));
    m.put("huge string (1 MB)", utf8("{\"name\":\"" + "a".repeat(1 << 20) + "\"}"));
    m.put(
        "long string (60 KB)",
        utf8(
            "{\"name\":\""
                + "a".repeat(60_000)
                + "\",\"email\":\""
                + "b".repeat(1000)
                + "@x.com\"}"));
    m.put("deep nesting (100k [)", utf8("[".repeat(100_000)));
    m.put("deep nesting (60k [ inside an object)", utf8("{\"a\":" + "[".repeat(60_000)));
    m.put("deep nesting (20k objects)", utf8("{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000)));
    m.put(
        "invalid UTF-8",
        concat(
            utf8("{\"name\":\""),
            new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28},
            utf8("\"}")));
    m.put("lone surrogate escape", utf8("{\"name\":\"\\ud800\",\"email\":\"\\udfff@x.com\"}"));
    m.put("NUL and control characters", utf8("{\"name\":\"a\\u0000b\\r\\nX-Injected: 1\"}"));
    m.put("empty body", new byte[0]);
    m.put("whitespace body", utf8(" \n\t "));
    m.put(
        "big number",
        utf8("{\"position\":1e999999999,\"expiresInDays\":1e999999999,\"ndaVersion\":-1e400}"));
    m.put("duplicate keys", utf8("{\"id\":\"a\",\"id\":\"b\"}"));
    return m;
  }

  /** Identifiers no route may resolve or store (percent-encoded as sent). */
  static List<String> badIds() {
    return List.of(
        "..%2F..%2Fetc%2Fpasswd",
        "%2e%2e",
        "%2e%2e%2f%2e%2e%2fstore",
        "..%5C..%5Cwindows",
        "a%5Cb",
        "a%00b",
        "%20",
        "x".repeat(5000),
        "contr%C3%B4l",
        "%F0%9F%98%80",
        "A-UPPER",
        "a%0d%0aSet-Cookie:%20x=1",
        "%252e%252e");
  }

  /** Query values no parameter may accept. */
  static List<String> badQueryValues() {
    return List.of(
        "",
        "xx",
        "%00",
        "-1",
        "0",
        "99999999999999999999",
        "1e3",
        "%27%20OR%201%3D1",
        "..%2F..%2Fetc",
        "%C3%B1",
        "en%0d%0aX-Injected:%201",
        "a".repeat(20_000),
        "%FF%FE");
  }

  List<Case> corpus() {
    List<Case> cases = new ArrayList<>();
    // Public GETs with parameters.
    for (String v : badQueryValues()) {
      cases.add(get("/api/v1/trust-center?lang=" + v).expect(badQuery("lang")));
      cases.add(get("/api/v1/nda?lang=" + v).expect(badQuery("lang")));
      cases.add(get("/api/v1/subprocessors/changes?limit=" + v).expect(badQuery("limit")));
      cases.add(get("/api/v1/documents/" + DOC + "?grant=" + v).expect(GRANT_IN_URL));
      cases.add(html(get("/api/v1/subscriptions/confirm?token=" + v)));
      cases.add(html(get("/api/v1/subscriptions/unsubscribe?token=" + v)));
      cases.add(admin(get("/admin/v1/audit-log?since=" + v)).expect(badQuery("since")));
      if (!v.isEmpty()) {
        cases.add(admin(get("/admin/v1/audit-log?limit=" + v)).expect(badQuery("limit")));
      }
    }
    for (String id : badIds()) {
      cases.add(get("/api/v1/controls/" + id).expect(UNKNOWN_ID));
      cases.add(get("/api/v1/subprocessors/" + id + "/entries").expect(UNKNOWN_ID));
      cases.add(get("/api/v1/documents/" + id + "?grant=abc").expect(GRANT_IN_URL));
      cases.add(admin(get("/admin/v1/controls/" + id)).expect(UNKNOWN_ID));
      // A body valid for a control: only the path id is wrong.
      cases.add(
          admin(
                  new Case(
                      "",
                      "PUT",
                      "/admin/v1/controls/" + id,
                      "application/json",
                      utf8(seedControlJson),
                      null,
                      false))
              .expect(BAD_NEW_ID));
      for (String kind : List.of("frameworks", "categories", "subprocessors", "resources")) {
        cases.add(
            admin(
                    new Case(
                        "",
                        "PUT",
                        "/admin/v1/" + kind + "/" + id,
                        "application/json",
                        utf8("{\"id\":\"x\"}"),
                        null,
                        false))
                .expect(BAD_NEW_ID));
        cases.add(
            admin(new Case("", "DELETE", "/admin/v1/" + kind + "/" + id, null, null, null, false))
                .expect(UNKNOWN_ID));
      }
      cases.add(
          admin(
                  new Case(
                      "",
                      "POST",
                      "/admin/v1/controls/" + id + "/checks",
                      "application/json",
                      utf8("{\"outcome\":\"passing\",\"evidence\":\"x\"}"),
                      null,
                      false))
              .expect(UNKNOWN_ID));
      cases.add(
          admin(
                  new Case(
                      "",
                      "POST",
                      "/admin/v1/sync/" + id + "/accept",
                      "application/json",
                      utf8("{}"),
                      null,
                      false))
              .expect(UNKNOWN_ID));
      cases.add(
          admin(
                  new Case(
                      "",
                      "PUT",
                      "/admin/v1/documents/" + id,
                      "application/pdf",
                      utf8("%PDF-1.4\n"),
                      null,
                      false))
              .expect(BAD_NEW_ID));
      cases.add(
          admin(
                  new Case(
                      "",
                      "POST",
                      "/admin/v1/access-requests/" + id + "/approve",
                      "application/json",
                      utf8("{\"expiresInDays\":7}"),
                      null,
                      false))
              .expect(UNKNOWN_ID));
    }
    // Bodies: method, path, who, the route's body limit, whether an empty body means "no options".
    record Endpoint(String method, String path, boolean admin, int limit, boolean optionalBody) {}
    int json = 64 * 1024;
    List<Endpoint> jsonEndpoints = new ArrayList<>();
    jsonEndpoints.add(new Endpoint("POST", "/api/v1/access-requests", false, json, false));
    jsonEndpoints.add(new Endpoint("POST", "/api/v1/subscriptions", false, json, false));
    for (String kind :
        List.of("frameworks", "categories", "controls", "subprocessors", "resources")) {
      jsonEndpoints.add(
          new Endpoint("PUT", "/admin/v1/" + kind + "/reliability-x", true, json, false));
    }
    jsonEndpoints.add(new Endpoint("PUT", "/admin/v1/profile", true, json, false));
    jsonEndpoints.add(
        new Endpoint(
            "POST", "/admin/v1/controls/" + attestableControlId() + "/checks", true, json, false));
    jsonEndpoints.add(new Endpoint("POST", "/admin/v1/sync/google-cloud/accept", true, 4096, true));
    jsonEndpoints.add(new Endpoint("PUT", "/admin/v1/nda", true, json, false));
    jsonEndpoints.add(
        new Endpoint("POST", "/admin/v1/import?dryRun=true", true, 4 * 1024 * 1024, false));
    jsonEndpoints.add(new Endpoint("POST", "/admin/v1/import", true, 4 * 1024 * 1024, false));
    jsonEndpoints.add(
        new Endpoint(
            "POST",
            "/admin/v1/access-requests/2026-01-01T00:00:00Z-abcdef/approve",
            true,
            json,
            true));
    for (Endpoint e : jsonEndpoints) {
      for (Map.Entry<String, byte[]> b : badBodies().entrySet()) {
        if (b.getValue().length == 0 && e.optionalBody()) {
          continue; // an empty body means "no options" there (documented on the routes)
        }
        Case c =
            new Case(
                    b.getKey(), e.method(), e.path(), "application/json", b.getValue(), null, false)
                .expect(bodyFault(b.getKey(), b.getValue(), e.limit(), e.optionalBody()));
        cases.add(e.admin() ? admin(c) : c);
      }
      Case wrongType =
          new Case("wrong content type", e.method(), e.path(), "text/plain", utf8("{"), null, false)
              .expect(NOT_JSON);
      cases.add(e.admin() ? admin(wrongType) : wrongType);
      Case noAuth =
          new Case("no token", e.method(), e.path(), "application/json", utf8("{}"), null, false)
              .expect(NO_CREDENTIALS);
      if (e.admin()) {
        cases.add(noAuth.withAuth("Bearer wrong-token-0123456789abcdef"));
        cases.add(noAuth);
      }
    }
    // Valid JSON, wrong content type: a form post from a browser must not be accepted as JSON.
    String access =
        "{\"name\":\"Ana García\",\"email\":\"ana@cliente.example\",\"company\":\"Cliente S.L.\",\"reason\":\"review\","
            + "\"documentIds\":[\""
            + DOC
            + "\"],\"ndaVersion\":"
            + ndaVersion
            + ",\"ndaAccepted\":true,\"language\":\"en\"}";
    String subscribe =
        "{\"email\":\"ana@cliente.example\",\"language\":\"en\",\"topics\":[\"subprocessors\"]}";
    for (String type :
        List.of(
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/json; charset=iso-8859-1")) {
      // An HTML form is a browser's request: the form routes read it as a form and answer with the
      // form again
      // (400, HTML) since a JSON text is no valid form; other routes refuse it as not JSON.
      boolean form = type.equals("application/x-www-form-urlencoded");
      Fault publicFault = form ? null : NOT_JSON;
      cases.add(
          new Case(
                  "valid body as " + type,
                  "POST",
                  "/api/v1/access-requests",
                  type,
                  utf8(access),
                  null,
                  form)
              .expect(publicFault));
      cases.add(
          new Case(
                  "valid body as " + type,
                  "POST",
                  "/api/v1/subscriptions",
                  type,
                  utf8(subscribe),
                  null,
                  form)
              .expect(publicFault));
      cases.add(
          admin(
                  new Case(
                      "valid body as " + type,
                      "PUT",
                      "/admin/v1/nda",
                      type,
                      utf8("{\"text\":{\"es\":\"Texto\",\"en\":\"Text\"}}"),
                      null,
                      false))
              .expect(NOT_JSON));
    }
    cases.add(
        new Case(
                "no content type",
                "POST",
                "/api/v1/access-requests",
                null,
                utf8(access),
                null,
                false)
            .expect(NOT_JSON));
    cases.add(
        new Case(
                "no content type",
                "POST",
                "/api/v1/subscriptions",
                null,
                utf8(subscribe),
                null,
                false)
            .expect(NOT_JSON));
    // Tasks, without and with a bad token.
    for (String task :
        List.of("sync-subprocessors", "run-control-checks", "publish-site", "deliver-notices")) {
      Case t =
          new Case("task", "POST", "/tasks/" + task, "application/json", utf8("{}"), null, false)
              .expect(NO_CREDENTIALS);
      cases.add(t);
      cases.add(t.withAuth("Bearer not-the-dev-token-0123456789"));
      cases.add(t.withAuth("Basic " + java.util.Base64.getEncoder().encodeToString(utf8("a:b"))));
      cases.add(t.withAuth("Bearer " + LocalServerFixture.DEV_TOKEN + "x"));
    }
    return cases;
  }

  static Case get(String path) {
    return new Case("", "GET", path, null, null, null, false);
  }

  static Case admin(Case c) {
    return c.withAuth(ADMIN);
  }

  static Case html(Case c) {
    return new Case(c.name, c.method, c.path, c.contentType, c.body, c.auth, true, c.fault);
  }

  @TestFactory
  Stream<DynamicTest> everyBadRequestIsA4xxJsonErrorAndChangesNothing() {
    return corpus().stream().map(c -> DynamicTest.dynamicTest(label(c), () -> check(c)));
  }

  private static String label(Case c) {
    String p = c.path.length() > 100 ? c.path.substring(0, 100) + "..." : c.path;
    return c.method
        + " "
        + p
        + (c.name.isEmpty() ? "" : " [" + c.name + "]")
        + (c.auth == null ? "" : c.auth.equals(ADMIN) ? " (admin)" : " (bad auth)")
        + (c.fault == null ? "" : " -> " + c.fault.status() + " " + c.fault.code());
  }

  private void check(Case c) throws Exception {
    Map<String, String> before = fingerprint(dir);
    Raw r = rawSend(c);
    assertTrue(
        r.status >= 400 && r.status < 500,
        () -> "expected a 4xx, got " + r.status + ": " + abbreviate(r.body));
    assertNoLeak(r.body);
    if (c.html) {
      assertTrue(r.header("content-type").startsWith("text/html"), r.header("content-type"));
    } else {
      assertJsonError(r);
    }
    if (c.fault != null) {
      assertFault(c.fault, r);
    }
    assertFalse(
        r.headers.containsKey("x-injected") || r.headers.containsKey("set-cookie"),
        "a header was injected: " + r.headers);
    assertEquals(before, fingerprint(dir), "the store changed");
  }

  /**
   * Whether the answer is the JDK HTTP server's own (the local server's transport): it refuses a
   * request line it cannot parse as a URI, or a bad Content-Length, before any handler runs, with a
   * small HTML page that names the JDK exception ("URISyntaxException thrown"). Not produced by our
   * code and not reachable in the deployed functions (their server is the Functions Framework's
   * Jetty); still a 4xx that changes nothing.
   */
  static boolean isJdkServerPage(Raw r) {
    return r.body.startsWith("<h1>") && r.header("content-type").startsWith("text/html");
  }

  static void assertJsonError(Raw r) {
    assertTrue(
        r.header("content-type").startsWith("application/json"),
        () -> "content type " + r.header("content-type"));
    JsonObject error;
    try {
      JsonElement e = JsonParser.parseString(r.body);
      error = e.getAsJsonObject().getAsJsonObject("error");
    } catch (RuntimeException e) {
      throw new AssertionError("not a JSON error body: " + abbreviate(r.body), e);
    }
    assertTrue(error.get("code").getAsJsonPrimitive().isString(), r.body);
    assertTrue(error.get("message").getAsJsonPrimitive().isString(), r.body);
  }

  /** The one answer to {@code fault}: its status, its code and the field it names. */
  static void assertFault(Fault fault, Raw r) {
    JsonObject error = JsonParser.parseString(r.body).getAsJsonObject().getAsJsonObject("error");
    String got = r.status + " " + error.get("code").getAsString();
    assertEquals(
        fault.status() + " " + fault.code(),
        got,
        () -> "the answer to " + fault.name() + ": " + abbreviate(r.body));
    if (fault.field() != null) {
      List<String> fields = new ArrayList<>();
      if (error.has("fields")) {
        error
            .getAsJsonArray("fields")
            .forEach(f -> fields.add(f.getAsJsonObject().get("field").getAsString()));
      }
      assertTrue(fields.contains(fault.field()), () -> "names " + fault.field() + ": " + fields);
    }
  }

  static void assertNoLeak(String body) {
    assertFalse(LEAK.matcher(body).find(), () -> "the body names internals: " + abbreviate(body));
  }

  static String abbreviate(String s) {
    return s.length() > 400 ? s.substring(0, 400) + "..." : s;
  }

  // ---- raw HTTP (malformed requests java.net.http refuses to send)
  // ---------------------------------------------

  static List<String[]> rawRequests() {
    return List.of(
        new String[] {
          "malformed percent-encoding in an id", "GET /api/v1/controls/%zz HTTP/1.1\r\n"
        },
        new String[] {
          "truncated percent-encoding", "GET /api/v1/subprocessors/%e/entries HTTP/1.1\r\n"
        },
        new String[] {
          "malformed percent-encoding in the query",
          "GET /api/v1/trust-center?lang=%zz HTTP/1.1\r\n"
        },
        new String[] {
          "malformed percent-encoding in a limit",
          "GET /api/v1/subprocessors/changes?limit=%G1 HTTP/1.1\r\n"
        },
        new String[] {"raw backslash traversal", "GET /api/v1/controls/..\\..\\etc HTTP/1.1\r\n"},
        new String[] {"raw dot segments", "GET /api/v1/controls/../../../etc/passwd HTTP/1.1\r\n"},
        new String[] {
          "malformed percent-encoding, admin",
          "PUT /admin/v1/controls/%zz HTTP/1.1\r\nAuthorization: "
              + ADMIN
              + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
        },
        new String[] {
          "header injection: CR in a header value",
          "GET /api/v1/trust-center?lang=zz HTTP/1.1\r\nAccept-Language: en\rX-Injected: 1\r\n"
        },
        new String[] {
          "header injection: folded header",
          "GET /api/v1/nda?lang=zz HTTP/1.1\r\nAccept-Language: en\r\n X-Injected: 1\r\n"
        },
        new String[] {
          "header injection in the content type",
          "POST /api/v1/subscriptions HTTP/1.1\r\nContent-Type: text/plain\rX-Injected: 1\r\n"
              + "Content-Length: 1\r\n\r\n{"
        },
        new String[] {
          "header injection in the token",
          "POST /tasks/publish-site HTTP/1.1\r\nAuthorization: Bearer "
              + "not-the-token-0123456789abcdef\rX-Injected: 1\r\nContent-Length: 0\r\n"
        },
        new String[] {"NUL in the path", "GET /api/v1/controls/a\u0000b HTTP/1.1\r\n"},
        new String[] {
          "Content-Length lies (short)",
          "POST /api/v1/subscriptions HTTP/1.1\r\nContent-Type: application/json\r\n"
              + "Content-Length: 100\r\n\r\n{\"email\":"
        },
        new String[] {
          "negative Content-Length",
          "POST /api/v1/access-requests HTTP/1.1\r\nContent-Type: application/json\r\n"
              + "Content-Length: -5\r\n\r\n{}"
        });
  }

  @TestFactory
  Stream<DynamicTest> malformedRawRequestsAreRefused() {
    return rawRequests().stream()
        .map(
            r ->
                DynamicTest.dynamicTest(
                    r[0],
                    () -> {
                      Map<String, String> before = fingerprint(dir);
                      String head = r[1];
                      if (!head.contains("\r\n\r\n")) {
                        head += "\r\n";
                      }
                      Raw res =
                          raw(
                              head.replaceFirst(
                                      "\r\n", "\r\nHost: localhost\r\nConnection: close\r\n")
                                  .getBytes(StandardCharsets.ISO_8859_1));
                      assertTrue(
                          res.status >= 400 && res.status < 500,
                          () -> "expected a 4xx, got " + res.status + ": " + abbreviate(res.body));
                      assertFalse(res.headers.containsKey("x-injected"), res.headers.toString());
                      if (!isJdkServerPage(res)) {
                        assertNoLeak(res.body);
                        assertJsonError(res);
                      }
                      assertEquals(before, fingerprint(dir), "the store changed");
                    }));
  }

  /**
   * The fingerprint can fail: a valid write changes it (a fresh server, so the corpus's store stays
   * quiet).
   */
  @Test
  void aValidWriteChangesTheFingerprint(@TempDir Path other) throws Exception {
    try (LocalServerFixture s = LocalServerFixture.start(other)) {
      Map<String, String> before = fingerprint(other);
      HttpResponse<String> r =
          s.send(HttpRequest.newBuilder(s.uri("/admin/v1/profile")).header("Authorization", ADMIN));
      JsonObject profile = JsonParser.parseString(r.body()).getAsJsonObject();
      profile.addProperty("companyName", "Changed Co");
      HttpResponse<String> put =
          s.send(
              HttpRequest.newBuilder(s.uri("/admin/v1/profile"))
                  .header("Authorization", ADMIN)
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString(profile.toString())));
      assertEquals(200, put.statusCode(), put.body());
      assertNotEquals(before, fingerprint(other));
    }
  }

  // ---- helpers
  // ----------------------------------------------------------------------------------------------

  /** SHA-256 of every file of the store, by path, leaving out the attempt-recording collections. */
  static Map<String, String> fingerprint(Path dataDir) throws IOException {
    Path root = dataDir.resolve("store");
    Map<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path rel = root.relativize(f);
        if (rel.getNameCount() > 1 && ATTEMPT_COLLECTIONS.contains(rel.getName(0).toString())) {
          continue;
        }
        try {
          out.put(
              rel.toString(),
              HexFormat.of()
                  .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
        } catch (java.nio.file.NoSuchFileException gone) {
          out.put(rel.toString(), "(removed while hashing)");
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return out;
  }

  /** An answer: status, lower-cased headers, body as UTF-8. */
  record Raw(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.getOrDefault(name, "");
    }
  }

  /** Sends a case over a socket (so any bytes can be sent), with the body length declared. */
  private Raw rawSend(Case c) throws Exception {
    StringBuilder head =
        new StringBuilder(
            c.method + " " + c.path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    if (c.auth != null) {
      head.append("Authorization: ").append(c.auth).append("\r\n");
    }
    if (c.contentType != null) {
      head.append("Content-Type: ").append(c.contentType).append("\r\n");
    }
    byte[] body = c.body == null ? new byte[0] : c.body;
    if (c.body != null || !c.method.equals("GET")) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    return raw(concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), body));
  }

  private Raw raw(byte[] request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(30_000);
      // Read while writing: the server may answer (413) and close before reading a large body, and
      // a reset
      // would discard an answer not read yet.
      java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
      Thread reader =
          new Thread(
              () -> {
                byte[] buf = new byte[8192];
                try {
                  InputStream in = socket.getInputStream();
                  for (int n; (n = in.read(buf)) > 0; ) {
                    synchronized (received) {
                      received.write(buf, 0, n);
                    }
                  }
                } catch (IOException e) {
                  // reset after the answer: keep what arrived
                }
              });
      reader.start();
      OutputStream out = socket.getOutputStream();
      try {
        for (int at = 0; at < request.length; at += 16384) {
          out.write(request, at, Math.min(16384, request.length - at));
        }
        out.flush();
        socket.shutdownOutput();
      } catch (IOException e) {
        // The server answered and closed before reading everything: what it answered is what
        // counts.
      }
      reader.join(30_000);
      synchronized (received) {
        return parse(received.toByteArray());
      }
    }
  }

  static Raw parse(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      fail("no HTTP answer: " + abbreviate(text));
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.merge(
          lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
          lines[i].substring(colon + 1).trim(),
          (a, b) -> a + ", " + b);
    }
    byte[] rest = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
    String body = new String(rest, StandardCharsets.UTF_8);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(rest);
    }
    return new Raw(status, headers, body);
  }

  static String dechunk(byte[] bytes) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int i = 0;
    while (i < bytes.length) {
      int lineEnd = i;
      while (lineEnd + 1 < bytes.length
          && !(bytes[lineEnd] == '\r' && bytes[lineEnd + 1] == '\n')) {
        lineEnd++;
      }
      String sizeText =
          new String(bytes, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
      int size = sizeText.isEmpty() ? 0 : Integer.parseInt(sizeText, 16);
      if (size == 0) {
        break;
      }
      out.write(bytes, lineEnd + 2, size);
      i = lineEnd + 2 + size + 2;
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
