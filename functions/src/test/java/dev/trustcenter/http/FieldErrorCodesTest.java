package dev.trustcenter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every fault FieldReader finds has its own stable code (and the values it names), next to the
 * English message clients already read, so a client such as the console can say it in its own
 * language.
 */
class FieldErrorCodesTest {
  private static final String BODY =
      """
      {"missingNot":null,"s":7,"empty":"  ","long":"%s","lines":"a\\nb","ctl":"a\\u0001b",
       "slug":"Not A Slug","int":1.5,"range":0,"enum":"sometimes","url":"https://a b",
       "scheme":"http://example.com","mail":"mailto:nobody","host":"https:///x","date":"1 March",
       "list":"x","many":["a","b","c"],"item":[{"es":"a","en":"b"},7],"obj":"x","extra":1}
      """
          .formatted("x".repeat(121));

  private enum Freq {
    DAILY,
    WEEKLY
  }

  @Test
  void eachFault_hasItsCode_andItsValues_besideTheEnglishMessage() {
    FieldReader f = FieldReader.of(JsonParser.parseString(BODY).getAsJsonObject());
    f.string("missing", 10);
    f.string("s", 10);
    f.string("empty", 10);
    f.string("long", FieldReader.TITLE);
    f.string("lines", 10);
    f.text("ctl", FieldReader.TEXT);
    f.slug("slug");
    f.integer("int", 0, 10);
    f.integer("range", 1, 3650);
    f.enumValue("enum", Freq.class);
    f.url("url", true, "https");
    f.url("scheme", true, "https");
    f.url("mail", true, "https", "mailto");
    f.url("host", true, "https");
    f.optionalDate("date");
    f.stringList("list", 5, 10);
    f.stringList("many", 2, 10);
    f.textList("item", 5, 10);
    f.object("obj", true);
    f.optionalString("missingNot", 10);
    ApiException e = assertThrows(ApiException.class, f::finish);
    Map<String, String> codes = new LinkedHashMap<>();
    e.fields().forEach(fe -> codes.put(fe.field(), fe.code()));
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("missing", "required");
    expected.put("s", "not_string");
    expected.put("empty", "empty");
    expected.put("long", "too_long");
    expected.put("lines", "not_one_line");
    expected.put("ctl", "not_object");
    expected.put("slug", "not_slug");
    expected.put("int", "not_integer");
    expected.put("range", "out_of_range");
    expected.put("enum", "not_one_of");
    expected.put("url", "url_invalid");
    expected.put("scheme", "url_scheme");
    expected.put("mail", "mailto_invalid");
    expected.put("host", "url_no_host");
    expected.put("date", "date_invalid");
    expected.put("list", "not_list");
    expected.put("many", "too_many");
    expected.put("item[1]", "not_text");
    expected.put("obj", "not_object");
    expected.put("extra", "unknown_field");
    assertEquals(expected, codes);
    ApiException.FieldError tooLong =
        e.fields().stream().filter(x -> x.field().equals("long")).findFirst().orElseThrow();
    assertEquals("must be at most 120 characters", tooLong.message(), "the English stays");
    assertEquals(Map.of("max", 120), tooLong.params());
    ApiException.FieldError range =
        e.fields().stream().filter(x -> x.field().equals("range")).findFirst().orElseThrow();
    assertEquals(Map.of("min", 1, "max", 3650), range.params());
  }

  @Test
  void multiLineTexts_haveTheirOwnCodes() {
    FieldReader f =
        FieldReader.of(
            JsonParser.parseString(
                    "{\"t\":{\"es\":\"a\\u0001\",\"en\":\"\\ud800x\"},\"n\":{\"es\":\"\",\"en\":\"ok\"}}")
                .getAsJsonObject());
    f.text("t", FieldReader.TEXT);
    f.text("n", FieldReader.NAME);
    ApiException e = assertThrows(ApiException.class, f::finish);
    assertEquals(
        List.of("t.es:control_characters", "t.en:invalid_character", "n.es:empty"),
        e.fields().stream().map(x -> x.field() + ":" + x.code()).toList());
  }

  @Test
  void theErrorJson_keepsFieldAndMessage_andAddsCodeAndParams() {
    ApiException e =
        ApiException.invalid(
            List.of(
                new ApiException.FieldError(
                    "title.en", "must be at most 120 characters", "too_long", Map.of("max", 120)),
                new ApiException.FieldError("x", "is odd")));
    JsonObject error =
        JsonParser.parseString(Json.write(Map.of("fields", e.fields()))).getAsJsonObject();
    JsonObject first = error.getAsJsonArray("fields").get(0).getAsJsonObject();
    assertEquals("title.en", first.get("field").getAsString());
    assertEquals("must be at most 120 characters", first.get("message").getAsString());
    assertEquals("too_long", first.get("code").getAsString());
    assertEquals(120, first.getAsJsonObject("params").get("max").getAsInt());
    JsonObject second = error.getAsJsonArray("fields").get(1).getAsJsonObject();
    assertEquals("invalid", second.get("code").getAsString());
    assertEquals(0, second.getAsJsonObject("params").size());
  }
}
