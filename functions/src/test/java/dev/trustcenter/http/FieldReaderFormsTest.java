package dev.trustcenter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The public forms' readers of FieldReader (access requests, subscriptions, change answers, the
 * approval's optional body) answer exactly what those routes answered before they shared it: each
 * fault with code {@code invalid} and its own English message, values trimmed, unknown members
 * ignored.
 */
class FieldReaderFormsTest {
  private static JsonObject body(String json) {
    return JsonParser.parseString(json).getAsJsonObject();
  }

  private static List<String> faults(FieldReader f) {
    ApiException e = assertThrows(ApiException.class, f::finish);
    assertEquals(400, e.status());
    assertEquals("invalid", e.code());
    return e.fields().stream().map(x -> x.field() + "|" + x.code() + "|" + x.message()).toList();
  }

  @Test
  void validValues_areTrimmed_deduplicated_andUnknownMembersIgnored() {
    FieldReader f =
        FieldReader.lenient(
            body(
                """
                {"name":"  Ana Ruiz ","reason":"a\\nb","topics":["a","b","a"],"ok":true,
                 "n":3.0,"hook":" https://x.example ","button":"send","signature":7}
                """));
    assertEquals("Ana Ruiz", f.trimmedLine("name", 2, 120));
    assertEquals("a\nb", f.trimmed("reason", 0, 2000));
    assertEquals("", f.trimmed("absent", 0, 10));
    assertEquals(List.of("a", "b"), f.distinctStrings("topics", 5, "[a-z]+"));
    assertEquals(true, f.bool("ok"));
    assertEquals(3, f.optionalInteger("n", -1, 1, 10));
    assertEquals(-1, f.optionalInteger("missing", -1, 1, 10));
    assertEquals("https://x.example", f.optionalTrimmed("hook", 2000));
    assertNull(f.optionalTrimmed("none", 10));
    f.finish();
  }

  @Test
  void eachFault_isNamedWithCodeInvalid_andTheRoutesMessage() {
    FieldReader f =
        FieldReader.lenient(
            body(
                """
                {"s":7,"short":" a ","long":"abcdef","ctl":"a\\u0001b","line":"a\\u2028b",
                 "lineTab":"a\\tb","list":"x","empty":[],"many":["a","b","c"],"bad":["A"],
                 "flag":"yes","num":"3","frac":1.5,"big":11,"opt":""}
                """));
    f.trimmed("missing", 1, 10);
    f.trimmed("s", 1, 10);
    f.trimmed("short", 2, 10);
    f.trimmed("long", 0, 5);
    f.trimmed("ctl", 1, 10);
    f.trimmedLine("line", 1, 10);
    f.trimmedLine("lineTab", 1, 10);
    f.distinctStrings("list", 2, "[a-z]");
    f.distinctStrings("empty", 2, "[a-z]");
    f.distinctStrings("many", 2, "[a-z]");
    f.distinctStrings("bad", 2, "[a-z]");
    f.distinctStrings("nothing", 2, "[a-z]");
    f.bool("flag");
    f.bool("noFlag");
    f.optionalInteger("num", 0, 1, 10);
    f.optionalInteger("frac", 0, 1, 10);
    f.optionalInteger("big", 0, 1, 10);
    f.optionalTrimmed("opt", 10);
    f.reject("extra", "is odd");
    assertEquals(
        List.of(
            "missing|invalid|is required",
            "s|invalid|must be a string",
            "short|invalid|must have between 2 and 10 characters",
            "long|invalid|must have at most 5 characters",
            "ctl|invalid|must not contain control characters",
            "line|invalid|must be one line without control characters",
            "lineTab|invalid|must be one line without control characters",
            "list|invalid|must be a list",
            "empty|invalid|must have between 1 and 2 items",
            "many|invalid|must have between 1 and 2 items",
            "bad|invalid|has an invalid item",
            "nothing|invalid|must be a list",
            "flag|invalid|must be true or false",
            "noFlag|invalid|must be true or false",
            "num|invalid|must be a whole number",
            "frac|invalid|must be a whole number between 1 and 10",
            "big|invalid|must be a whole number between 1 and 10",
            "opt|invalid|must have between 1 and 10 characters",
            "extra|invalid|is odd"),
        faults(f));
  }

  @Test
  void theStrictReader_stillRefusesWhatTheLenientOneIgnores() {
    FieldReader strict = FieldReader.of(body("{\"button\":\"send\"}"));
    assertEquals(List.of("button|unknown_field|is not a known field"), faults(strict));
    FieldReader.lenient(body("{\"button\":\"send\"}")).finish();
  }

  @Test
  void aReaderWithoutBody_collectsFoundProblems_andThrowsOnlyWhenThereAreSome() {
    FieldReader.withoutBody().finish();
    FieldReader errors = FieldReader.withoutBody();
    errors.reject("email", "is not a valid email address");
    errors.reject("topics", "must list one or more of a, b");
    assertEquals(
        List.of(
            "email|invalid|is not a valid email address",
            "topics|invalid|must list one or more of a, b"),
        faults(errors));
  }
}
