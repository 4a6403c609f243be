package dev.trustcenter.publicview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.trustcenter.app.Services;
import dev.trustcenter.config.Config;
import dev.trustcenter.local.LocalServer;
import dev.trustcenter.site.SiteTestData;
import dev.trustcenter.testing.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published API description ({@code src/main/resources/openapi.json}, served at {@code
 * /api/openapi.json}) holds for what the server really answers: every public route is called in
 * both languages and with bad input, and each answer must be documented (path, method, status,
 * media type) and, where JSON, valid against its JSON Schema (2020-12, checked by networknt's
 * json-schema-validator with format assertions on). The site's {@code trust.json} is validated
 * against {@code TrustJson}.
 */
@IntegrationTest
class OpenApiContractTest {
  private static final String TOKEN = "openapi-test-dev-token-0123456789";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir static Path dataDir;
  private static LocalServer server;
  private static JsonNode openApi;
  private static JsonSchemaFactory factory;
  private static final Map<String, Integer> validated = new TreeMap<>();

  @BeforeAll
  static void start() throws Exception {
    Config config =
        Config.fromEnvironment(
            Map.of(
                "PORT",
                "0",
                "TRUST_CENTER_DATA_DIR",
                dataDir.toString(),
                "TRUST_CENTER_DEV_TOKEN",
                TOKEN));
    Services services = Services.local(config);
    SiteTestData.fill(services.store(), Instant.now());
    server = LocalServer.start(config, services);
    try (InputStream in = OpenApiContractTest.class.getResourceAsStream("/openapi.json")) {
      openApi = MAPPER.readTree(in);
    }
    factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    HttpResponse<String> up =
        send(
            HttpRequest.newBuilder(uri("/admin/v1/documents/iso-27001-certificate"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("the certificate")));
    assertTrue(up.statusCode() == 201 || up.statusCode() == 200, up.body());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    System.out.println(
        "OpenAPI validation: "
            + validated.values().stream().mapToInt(Integer::intValue).sum()
            + " answers valid, by schema "
            + validated);
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static HttpResponse<String> send(HttpRequest.Builder b)
      throws IOException, InterruptedException {
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /**
   * The schema {@code #/components/schemas/<name>} of the document, resolvable with its siblings.
   */
  private static JsonSchema schema(String name) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$id", "urn:trust-center:openapi");
    root.put("$ref", "#/components/schemas/" + name);
    root.set("components", openApi.get("components"));
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    return factory.getSchema(root, config);
  }

  private static void assertValid(String schemaName, String body, String what) throws IOException {
    Set<ValidationMessage> errors = schema(schemaName).validate(MAPPER.readTree(body));
    assertTrue(
        errors.isEmpty(),
        what
            + " against "
            + schemaName
            + ": "
            + errors
            + "\n"
            + body.substring(0, Math.min(2000, body.length())));
    validated.merge(schemaName, 1, Integer::sum);
  }

  /**
   * The documented answer for {@code method} on {@code apiPath} with {@code status}, or a failure
   * naming what is missing.
   */
  private static JsonNode documented(String method, String apiPath, int status) {
    String path = URI.create("http://x" + apiPath).getPath();
    for (Iterator<Map.Entry<String, JsonNode>> it = openApi.get("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String regex = Pattern.quote(e.getKey()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
      if (path.matches(regex) && !(e.getKey().contains("{") && openApi.get("paths").has(path))) {
        JsonNode op = e.getValue().get(method.toLowerCase());
        assertNotNull(op, method + " " + e.getKey() + " is not documented");
        JsonNode answer = op.get("responses").get(Integer.toString(status));
        assertNotNull(
            answer,
            method + " " + e.getKey() + " answered " + status + ", which is not documented");
        return answer;
      }
    }
    return fail("path not documented: " + path);
  }

  /** Calls the API and checks the answer against its documented media type and schema. */
  private static HttpResponse<String> check(
      String method, String apiPath, String contentType, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri("/api" + apiPath));
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> res = send(b);
    JsonNode answer = documented(method, apiPath, res.statusCode());
    JsonNode content = answer.get("content");
    if (content == null) {
      return res;
    }
    String type =
        res.headers().firstValue("Content-Type").orElse("").replaceFirst(";.*", "").trim();
    assertTrue(
        content.has(type),
        method
            + " "
            + apiPath
            + " "
            + res.statusCode()
            + " answered "
            + type
            + ", documented "
            + content.fieldNames().next());
    JsonNode schema = content.get(type).get("schema");
    if (type.equals("application/json") && schema.has("$ref")) {
      assertValid(
          schema.get("$ref").asText().replace("#/components/schemas/", ""),
          res.body(),
          method + " " + apiPath + " " + res.statusCode());
    } else if (type.equals("application/json")) {
      MAPPER.readTree(res.body());
      validated.merge("(any JSON)", 1, Integer::sum);
    }
    return res;
  }

  private static HttpResponse<String> get(String apiPath) throws Exception {
    return check("GET", apiPath, null, null);
  }

  @Test
  void everyPublicReadAnswersAsDocumented_inBothLanguages() throws Exception {
    for (String lang : List.of("?lang=es", "?lang=en", "")) {
      assertEquals(200, get("/v1/trust-center" + lang).statusCode());
      assertEquals(200, get("/v1/subprocessors" + lang).statusCode());
      for (String control :
          List.of(
              "encryption-in-transit",
              "automated-backup-process",
              "segregation-of-environments",
              "risk-register")) {
        assertEquals(200, get("/v1/controls/" + control + lang).statusCode());
      }
      assertEquals(200, get("/v1/nda" + lang).statusCode());
      assertEquals(200, get("/v1/subprocessors/changes.atom" + lang).statusCode());
    }
    assertEquals(200, get("/v1/subprocessors/changes").statusCode());
    assertEquals(200, get("/v1/subprocessors/changes?limit=1").statusCode());
    assertEquals(200, get("/v1/subprocessors/google-cloud/entries").statusCode());
    HttpResponse<String> docs = get("/v1/documents");
    assertTrue(docs.body().contains("\"resourceId\":\"iso-27001-certificate\""), docs.body());
    assertEquals(200, get("/openapi.json").statusCode());
  }

  @Test
  void errorsAnswerAsDocumented() throws Exception {
    assertEquals(400, get("/v1/trust-center?lang=fr").statusCode());
    assertEquals(400, get("/v1/subprocessors?lang=xx").statusCode());
    assertEquals(404, get("/v1/controls/no-such-control?lang=en").statusCode());
    assertEquals(400, get("/v1/controls/encryption-in-transit?lang=de").statusCode());
    assertEquals(400, get("/v1/subprocessors/changes?limit=0").statusCode());
    assertEquals(400, get("/v1/subprocessors/changes.atom?limit=abc").statusCode());
    assertEquals(404, get("/v1/subprocessors/no-such-vendor/entries").statusCode());
    // A grant in a URL is refused (servers log URLs); downloads take it in the body.
    assertEquals(400, get("/v1/documents/iso-27001-certificate?grant=not-a-grant").statusCode());
    assertEquals(
        403,
        check(
                "POST",
                "/v1/documents/iso-27001-certificate/download",
                "application/json",
                "{\"grant\":\"not-a-grant\"}")
            .statusCode());
    assertEquals(
        404,
        check(
                "POST",
                "/v1/documents/no-such-document/download",
                "application/json",
                "{\"grant\":\"x\"}")
            .statusCode());
    assertEquals(
        400, check("POST", "/v1/access-requests", "application/json", "{\"name\":7}").statusCode());
    assertEquals(415, check("POST", "/v1/access-requests", "text/plain", "hello").statusCode());
    int subscribe = check("POST", "/v1/subscriptions", "application/json", "{}").statusCode();
    assertTrue(subscribe == 400 || subscribe == 503, "an empty subscription: " + subscribe);
    assertEquals(400, get("/v1/subscriptions/confirm?token=nope").statusCode());
    assertEquals(400, get("/v1/subscriptions/unsubscribe?token=nope").statusCode());
    assertEquals(
        400,
        check(
                "POST",
                "/v1/subscriptions/unsubscribe?token=nope",
                "application/x-www-form-urlencoded",
                "nope")
            .statusCode());
  }

  @Test
  void anUnknownPathAndAWrongMethodAnswerTheDocumentedErrorShape() throws Exception {
    HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/api/v1/no-such-route")));
    assertEquals(404, missing.statusCode());
    assertValid("Error", missing.body(), "unknown path");
    HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("/api/v1/trust-center")).DELETE());
    assertEquals(405, wrong.statusCode());
    assertValid("Error", wrong.body(), "wrong method");
  }

  @Test
  void trustJsonIsValidAgainstItsSchema() throws Exception {
    HttpResponse<String> res = send(HttpRequest.newBuilder(uri("/trust.json")));
    assertEquals(200, res.statusCode());
    assertValid("TrustJson", res.body(), "/trust.json");
  }

  @Test
  void theServedDescriptionIsTheRepositorysFile_andTheSchemasCatchAWrongShape() throws Exception {
    HttpResponse<String> res = send(HttpRequest.newBuilder(uri("/api/openapi.json")));
    assertEquals(openApi, MAPPER.readTree(res.body()));
    assertEquals("3.1.0", openApi.get("openapi").asText());
    // The validator is not lenient: a documented field of the wrong type or an undocumented one is
    // an error.
    String view =
        send(HttpRequest.newBuilder(uri("/api/v1/controls/encryption-in-transit?lang=en"))).body();
    ObjectNode broken = (ObjectNode) MAPPER.readTree(view);
    broken.put("daily", "not a list");
    broken.put("surprise", 1);
    assertEquals(2, schema("ControlDetail").validate(broken).size(), "two errors in " + broken);
    ObjectNode badDate = (ObjectNode) MAPPER.readTree(view);
    badDate.put("nextDueAt", "next tuesday");
    assertEquals(1, schema("ControlDetail").validate(badDate).size(), "format assertions are on");
  }

  /**
   * The API reference's documented shape of /v1/documents agrees with the schema (it once said
   * resource, type).
   */
  @Test
  void apiReferenceNamesTheDocumentListFieldsTheSchemaHas() throws Exception {
    String readme = java.nio.file.Files.readString(Path.of("..", "docs", "api.md"));
    List<String> fields = new ArrayList<>();
    openApi
        .at("/components/schemas/DocumentList/properties/documents/items/properties")
        .fieldNames()
        .forEachRemaining(fields::add);
    String line =
        readme
            .lines()
            .filter(l -> l.startsWith("| `GET /v1/documents` |"))
            .findFirst()
            .orElseThrow();
    for (String f : fields) {
      assertTrue(
          line.contains("`" + f + "`"), "docs/api.md's /v1/documents row names " + f + ": " + line);
    }
    assertTrue(!line.contains("resource, type"), line);
  }
}
