package dev.trustcenter.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.testing.IntegrationTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad request gets its status, error code and every invalid field named, and changes
 * nothing: the whole store (content, snapshot, audit log) is compared before and after each one.
 */
@IntegrationTest
class AdminValidationTest {
  @TempDir static Path dir;
  private static AdminHttp app;

  @BeforeAll
  static void start() throws Exception {
    app = AdminHttp.local(dir);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static final String CONTROL =
      AdminHttp.control("new-control", "availability", "New control");

  /** The control body with {@code field} replaced by the raw JSON {@code value} (null: removed). */
  private static String controlWith(String field, String value) {
    JsonObject o = JsonParser.parseString(CONTROL).getAsJsonObject();
    if (value == null) {
      o.remove(field);
    } else {
      o.add(field, JsonParser.parseString(value));
    }
    return o.toString();
  }

  private static String titleWith(String es, String en) {
    JsonObject t = new JsonObject();
    if (es != null) {
      t.addProperty("es", es);
    }
    if (en != null) {
      t.addProperty("en", en);
    }
    return controlWith("title", t.toString());
  }

  private static final String RESOURCE =
      "{\"id\":\"soc-report\",\"title\":{\"es\":\"Informe\",\"en\":\"Report\"},\"owner\":\"company\",\"kind\":\"compliance-reports\",\"url\":\"https://example.com/r\",\"position\":1}";
  private static final String SUBPROCESSOR =
      "{\"id\":\"mailer\",\"name\":\"Mailer Inc.\",\"purpose\":{\"es\":\"Correo\",\"en\":\"Mail\"},\"dataLocations\":[\"EU\"],"
          + "\"subprocessorListUrl\":\"https://mailer.example/subprocessors\",\"dpaUrl\":\"https://mailer.example/dpa\",\"notes\":{\"es\":\"Nota\",\"en\":\"Note\"},\"position\":3}";
  private static final String PROFILE =
      "{\"companyName\":\"Copsis\",\"tagline\":{\"es\":\"Lema\",\"en\":\"Tagline\"},\"overview\":{\"es\":\"Resumen\",\"en\":\"Overview\"},\"securityContact\":\"https://example.com/security\"}";

  private static String with(String json, String field, String value) {
    JsonObject o = JsonParser.parseString(json).getAsJsonObject();
    o.add(field, JsonParser.parseString(value));
    return o.toString();
  }

  record Case(
      String method,
      String path,
      String contentType,
      byte[] body,
      int status,
      String code,
      List<String> fields) {
    @Override
    public String toString() {
      return method + " " + path + " -> " + status + " " + fields;
    }
  }

  private static Arguments invalid(String name, String path, String body, String... fields) {
    return Arguments.of(
        name,
        new Case(
            "PUT",
            path,
            "application/json",
            body.getBytes(StandardCharsets.UTF_8),
            400,
            "invalid",
            List.of(fields)));
  }

  private static Arguments error(
      String name, String contentType, byte[] body, int status, String code) {
    return Arguments.of(
        name,
        new Case(
            "PUT", "/admin/v1/controls/new-control", contentType, body, status, code, List.of()));
  }

  private static Arguments malformed(String name, String body) {
    return error(
        name, "application/json", body.getBytes(StandardCharsets.UTF_8), 400, "malformed_json");
  }

  static Stream<Arguments> cases() {
    String c = "/admin/v1/controls/new-control";
    byte[] huge =
        ("{\"id\":\"new-control\",\"pad\":\"" + "x".repeat(64 * 1024) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    String deep = "[".repeat(40) + "]".repeat(40);
    return Stream.of(
        error(
            "text/plain",
            "text/plain",
            CONTROL.getBytes(StandardCharsets.UTF_8),
            415,
            "unsupported_media_type"),
        error(
            "form",
            "application/x-www-form-urlencoded",
            "id=new-control".getBytes(StandardCharsets.UTF_8),
            415,
            "unsupported_media_type"),
        error(
            "latin-1 charset",
            "application/json; charset=ISO-8859-1",
            CONTROL.getBytes(StandardCharsets.UTF_8),
            415,
            "unsupported_media_type"),
        error("over 64 KiB", "application/json", huge, 413, "payload_too_large"),
        malformed("truncated", "{\"id\":"),
        malformed("empty", ""),
        malformed("array", "[]"),
        malformed("two values", CONTROL + "{}"),
        malformed("trailing comma", "{\"id\":\"new-control\",}"),
        malformed("single quotes", "{'id':'new-control'}"),
        malformed("comment", "{/* hi */\"id\":\"new-control\"}"),
        malformed("NaN", "{\"periodDays\":NaN}"),
        malformed("duplicate key", "{\"id\":\"new-control\",\"id\":\"other\"}"),
        malformed("deep nesting", "{\"a\":" + deep + "}"),
        error(
            "invalid UTF-8",
            "application/json",
            new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
            400,
            "malformed_json"),
        invalid("unknown field", c, controlWith("colour", "\"red\""), "colour"),
        invalid(
            "unknown nested field",
            c,
            controlWith("title", "{\"es\":\"a\",\"en\":\"b\",\"fr\":\"c\"}"),
            "title.fr"),
        invalid(
            "every missing field",
            c,
            "{}",
            "id",
            "categoryId",
            "title",
            "description",
            "checkMethod",
            "periodDays",
            "position"),
        invalid(
            "wrong types",
            c,
            controlWith("title", "\"just a string\"")
                .replace("\"periodDays\":90", "\"periodDays\":\"90\""),
            "title",
            "periodDays"),
        invalid("fractional position", c, controlWith("position", "1.5"), "position"),
        invalid("negative position", c, controlWith("position", "-1"), "position"),
        invalid("checkMethod not a string", c, controlWith("checkMethod", "3"), "checkMethod"),
        invalid(
            "unknown checkMethod", c, controlWith("checkMethod", "\"sometimes\""), "checkMethod"),
        invalid("periodDays 0", c, controlWith("periodDays", "0"), "periodDays"),
        invalid("periodDays 3651", c, controlWith("periodDays", "3651"), "periodDays"),
        invalid("missing language", c, titleWith("Título", null), "title.en"),
        invalid("empty text", c, titleWith("", "Title"), "title.es"),
        invalid("blank text", c, titleWith("Título", "   "), "title.en"),
        invalid("title over 120", c, titleWith("a".repeat(121), "b"), "title.es"),
        invalid("line break in a title", c, titleWith("a\nb", "b"), "title.es"),
        invalid(
            "control character in a text",
            c,
            controlWith("description", "{\"es\":\"a\\u0007\",\"en\":\"b\"}"),
            "description.es"),
        invalid(
            "description over 2000",
            c,
            controlWith("description", "{\"es\":\"a\",\"en\":\"" + "é".repeat(2001) + "\"}"),
            "description.en"),
        invalid(
            "name over 200",
            "/admin/v1/categories/new-cat",
            "{\"id\":\"new-cat\",\"name\":{\"es\":\""
                + "n".repeat(201)
                + "\",\"en\":\"N\"},\"position\":1}",
            "name.es"),
        invalid(
            "id not a slug",
            "/admin/v1/controls/Bad_Id",
            AdminHttp.control("Bad_Id", "availability", "X"),
            "id"),
        invalid(
            "id over 64",
            "/admin/v1/controls/" + "a".repeat(65),
            AdminHttp.control("a".repeat(65), "availability", "X"),
            "id"),
        invalid(
            "path id differs from body id",
            c,
            AdminHttp.control("other-control", "availability", "X"),
            "id"),
        invalid(
            "unknown category",
            c,
            AdminHttp.control("new-control", "no-such-category", "X"),
            "categoryId"),
        invalid(
            "http url",
            "/admin/v1/resources/soc-report",
            with(RESOURCE, "url", "\"http://example.com/r\""),
            "url"),
        invalid(
            "javascript url",
            "/admin/v1/resources/soc-report",
            with(RESOURCE, "url", "\"javascript:alert(1)\""),
            "url"),
        invalid(
            "unknown resource owner",
            "/admin/v1/resources/soc-report",
            with(RESOURCE, "owner", "\"nobody\""),
            "owner"),
        invalid(
            "ftp dpa url and bad location",
            "/admin/v1/subprocessors/mailer",
            with(
                with(SUBPROCESSOR, "dpaUrl", "\"ftp://mailer.example/dpa\""),
                "dataLocations",
                "[\"EU\", 7]"),
            "dpaUrl",
            "dataLocations[1]"),
        invalid(
            "data location without English",
            "/admin/v1/subprocessors/mailer",
            with(
                SUBPROCESSOR,
                "dataLocations",
                "[{\"es\":\"UE\",\"en\":\"EU\"}, {\"es\":\"Irlanda\"}]"),
            "dataLocations[1].en"),
        invalid(
            "security contact http",
            "/admin/v1/profile",
            with(PROFILE, "securityContact", "\"http://example.com\""),
            "securityContact"),
        invalid(
            "security contact mailto without address",
            "/admin/v1/profile",
            with(PROFILE, "securityContact", "\"mailto:nobody\""),
            "securityContact"),
        invalid(
            "framework certificate",
            "/admin/v1/frameworks/soc-2",
            "{\"id\":\"soc-2\",\"name\":\"SOC 2\",\"version\":\"2017\",\"description\":{\"es\":\"d\",\"en\":\"d\"},\"position\":2,"
                + "\"certificate\":{\"validFrom\":\"2026-02-30\",\"verifyUrl\":\"http://x.example\",\"scope\":{\"es\":\"s\"},\"extra\":1}}",
            "certificate.validFrom",
            "certificate.verifyUrl",
            "certificate.scope.en",
            "certificate.extra"),
        invalid(
            "many problems at once",
            c,
            "{\"id\":\"other\",\"categoryId\":\"Bad\",\"title\":{\"es\":\"\"},\"description\":{\"es\":\"a\",\"en\":\"b\"},\"checkMethod\":\"x\",\"periodDays\":0,\"position\":-5,\"extra\":true}",
            "id",
            "categoryId",
            "title.es",
            "title.en",
            "checkMethod",
            "periodDays",
            "position",
            "extra"),
        Arguments.of(
            "category with controls",
            new Case(
                "DELETE",
                "/admin/v1/categories/availability",
                null,
                null,
                409,
                "conflict",
                List.of())),
        Arguments.of(
            "subprocessor owning resources",
            new Case(
                "DELETE",
                "/admin/v1/subprocessors/google-cloud",
                null,
                null,
                409,
                "conflict",
                List.of())),
        Arguments.of(
            "delete of nothing",
            new Case(
                "DELETE",
                "/admin/v1/controls/no-such-control",
                null,
                null,
                404,
                "not_found",
                List.of())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badRequest_isAnsweredWithItsError_andChangesNothing(String name, Case k) {
    var before = app.everything();
    HttpRequest.Builder b = app.request(k.path());
    if (k.contentType() != null) {
      b.header("Content-Type", k.contentType());
    }
    b.method(
        k.method(),
        k.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(k.body()));
    HttpResponse<String> r = app.send(b.build());
    assertEquals(k.status(), r.statusCode(), r.body());
    JsonObject error = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject("error");
    assertEquals(k.code(), error.get("code").getAsString(), r.body());
    List<String> fields = new ArrayList<>();
    if (error.has("fields")) {
      for (JsonElement f : error.getAsJsonArray("fields")) {
        fields.add(f.getAsJsonObject().get("field").getAsString());
        assertTrue(
            error
                .get("message")
                .getAsString()
                .contains(f.getAsJsonObject().get("field").getAsString()));
      }
    }
    assertEquals(
        k.fields().stream().sorted().toList(), fields.stream().sorted().toList(), r.body());
    assertEquals(before, app.everything(), "a rejected request changed the store");
  }

  @org.junit.jupiter.api.Test
  void theValidBodiesOfTheseCases_areAccepted() {
    // Guards the cases above: each is invalid only by the change it makes.
    assertEquals(201, app.put("/admin/v1/resources/soc-report", RESOURCE).statusCode());
    assertEquals(201, app.put("/admin/v1/subprocessors/mailer", SUBPROCESSOR).statusCode());
    assertEquals(200, app.put("/admin/v1/profile", PROFILE).statusCode());
    assertEquals(201, app.put("/admin/v1/controls/new-control", CONTROL).statusCode());
    assertEquals(204, app.delete("/admin/v1/resources/soc-report").statusCode());
    assertEquals(204, app.delete("/admin/v1/subprocessors/mailer").statusCode());
    assertEquals(204, app.delete("/admin/v1/controls/new-control").statusCode());
  }
}
