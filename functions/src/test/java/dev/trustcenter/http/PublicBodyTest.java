package dev.trustcenter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.trustcenter.testing.FakeHttp;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A browser's form and an API client's JSON read into the same object, and which of them gets HTML.
 */
class PublicBodyTest {
  static final Map<String, PublicBody.FieldType> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("name", PublicBody.FieldType.TEXT);
    FIELDS.put("documentIds", PublicBody.FieldType.LIST);
    FIELDS.put("ndaAccepted", PublicBody.FieldType.BOOLEAN);
    FIELDS.put("ndaVersion", PublicBody.FieldType.INTEGER);
    FIELDS.put("language", PublicBody.FieldType.TEXT);
  }

  static Router.Exchange exchange(FakeHttp.Request req) {
    return new Router.Exchange(req, new FakeHttp.Response(), Map.of(), false);
  }

  static JsonObject form(String body) throws Exception {
    return PublicBody.read(
        exchange(
            FakeHttp.request("POST", "/x")
                .body(body.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded")),
        FIELDS);
  }

  @Test
  void aFormMapsToTheJsonApisNamesAndTypes() throws Exception {
    JsonObject o =
        form(
            "name=Ana+Garc%C3%ADa&documentIds=iso&documentIds=pentest&ndaAccepted=on&ndaVersion=3&language=&submit=Send");
    assertEquals("Ana García", o.get("name").getAsString());
    assertEquals(2, o.getAsJsonArray("documentIds").size());
    assertEquals("pentest", o.getAsJsonArray("documentIds").get(1).getAsString());
    assertTrue(o.get("ndaAccepted").getAsBoolean());
    assertEquals(3, o.get("ndaVersion").getAsInt());
    assertFalse(o.has("language"), "an empty input is absent");
    assertFalse(o.has("submit"), "fields the route does not name are ignored");
  }

  @Test
  void uncheckedBoxesAndEmptyListsAreFalseAndEmptyAndOddValuesStayStringsForTheValidator()
      throws Exception {
    JsonObject o = form("name=a&name=b&ndaVersion=three");
    assertFalse(o.get("ndaAccepted").getAsBoolean());
    assertEquals(0, o.getAsJsonArray("documentIds").size());
    assertTrue(
        o.get("name").isJsonArray(),
        "a repeated single field is refused by the validator as not a string");
    assertTrue(o.get("ndaVersion").getAsJsonPrimitive().isString());
    assertTrue(form("ndaAccepted=yes").get("ndaAccepted").getAsJsonPrimitive().isString());
  }

  @Test
  void malformedEscapesInvalidUtf8AndOtherCharsetsAreRefused() {
    ApiException e = assertThrows(ApiException.class, () -> form("name=%E"));
    assertEquals("malformed_form", e.code());
    e = assertThrows(ApiException.class, () -> form("name=%C3%28"));
    assertEquals("malformed_form", e.code());
    e =
        assertThrows(
            ApiException.class,
            () ->
                PublicBody.read(
                    exchange(
                        FakeHttp.request("POST", "/x")
                            .body(
                                "name=x".getBytes(StandardCharsets.UTF_8),
                                "application/x-www-form-urlencoded; charset=iso-8859-1")),
                    FIELDS));
    assertEquals(415, e.status());
  }

  @Test
  void jsonIsReadAsSentAndTextPlainIsRefused() throws Exception {
    JsonObject o =
        PublicBody.read(
            exchange(FakeHttp.request("POST", "/x").json("{\"name\":\"Ana\",\"other\":1}")),
            FIELDS);
    assertEquals("Ana", o.get("name").getAsString());
    assertEquals(1, o.get("other").getAsInt());
    ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                PublicBody.read(
                    exchange(
                        FakeHttp.request("POST", "/x")
                            .body("name=x".getBytes(StandardCharsets.UTF_8), "text/plain")),
                    FIELDS));
    assertEquals(415, e.status());
    e =
        assertThrows(
            ApiException.class,
            () ->
                PublicBody.json(
                    exchange(
                        FakeHttp.request("POST", "/x")
                            .body(
                                "name=x".getBytes(StandardCharsets.UTF_8),
                                "application/x-www-form-urlencoded"))));
    assertEquals(415, e.status(), "a JSON-only route still refuses forms");
  }

  @Test
  void bodiesOverTheBoundAre413WhateverTheyClaim() {
    byte[] big = ("name=" + "a".repeat(PublicBody.MAX_BYTES)).getBytes(StandardCharsets.UTF_8);
    ApiException e =
        assertThrows(
            ApiException.class,
            () ->
                PublicBody.read(
                    exchange(
                        FakeHttp.request("POST", "/x")
                            .body(big, "application/x-www-form-urlencoded")),
                    FIELDS));
    assertEquals(413, e.status());
  }

  @Test
  void browsersGetHtmlAndApiClientsJson() {
    String chrome =
        "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    assertTrue(
        Negotiation.wantsHtml(exchange(FakeHttp.request("GET", "/x").header("Accept", chrome))));
    assertFalse(Negotiation.wantsHtml(exchange(FakeHttp.request("GET", "/x"))), "no Accept: JSON");
    assertFalse(
        Negotiation.wantsHtml(exchange(FakeHttp.request("GET", "/x").header("Accept", "*/*"))),
        "curl: JSON");
    assertFalse(
        Negotiation.wantsHtml(
            exchange(FakeHttp.request("GET", "/x").header("Accept", "application/json"))));
    assertFalse(
        Negotiation.wantsHtml(
            exchange(
                FakeHttp.request("GET", "/x")
                    .header("Accept", "application/json, text/html;q=0.5"))));
    assertTrue(
        Negotiation.wantsHtml(
            exchange(
                FakeHttp.request("POST", "/x")
                    .body(
                        "a=1".getBytes(StandardCharsets.UTF_8),
                        "application/x-www-form-urlencoded"))),
        "a form post, whatever it accepts");
    assertFalse(Negotiation.wantsHtml(exchange(FakeHttp.request("POST", "/x").json("{}"))));
  }
}
