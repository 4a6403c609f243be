package dev.trustcenter.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.internal.LazilyParsedNumber;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The body of a public form route (an access request, a subscription) as one JSON object, whether
 * the client sent JSON (an API client) or {@code application/x-www-form-urlencoded} (a browser's
 * HTML form). A form's fields are mapped to the JSON API's names and types by {@code fields}, so
 * the route validates both with the same code and answers the same error codes:
 *
 * <ul>
 *   <li>{@link FieldType#TEXT}: one value as a string; an empty value counts as absent (an empty
 *       optional input), a repeated field becomes a list (refused as "must be a string")
 *   <li>{@link FieldType#LIST}: every value, in order, as a list of strings; absent is an empty
 *       list
 *   <li>{@link FieldType#BOOLEAN}: a checkbox: {@code true}/{@code on} is true, {@code
 *       false}/{@code off}/empty/absent is false, anything else stays a string (refused as "must be
 *       true or false")
 *   <li>{@link FieldType#INTEGER}: a decimal number; anything else stays a string (refused as "must
 *       be a whole number")
 * </ul>
 *
 * Fields not named in {@code fields} are ignored, as unknown JSON members are by these routes. Both
 * forms of body are read by {@link JsonBody} and answer its codes: 413 {@code payload_too_large}
 * over {@link #MAX_BYTES}, 415 {@code unsupported_media_type} for any other content type, 400
 * {@code malformed_json} or {@code malformed_form} for a body that cannot be read.
 */
public final class PublicBody {
  /** Bound for both JSON and form bodies. */
  public static final int MAX_BYTES = 64 * 1024;

  public static final String FORM = "application/x-www-form-urlencoded";

  /** How a form field maps to the JSON API's field. */
  public enum FieldType {
    TEXT,
    LIST,
    BOOLEAN,
    INTEGER
  }

  private PublicBody() {}

  /**
   * The body as a JSON object.
   *
   * @param fields the form fields to map, by name (JSON bodies are returned as sent)
   * @throws ApiException 400, 413, 415
   */
  public static JsonObject read(Router.Exchange ex, Map<String, FieldType> fields)
      throws IOException {
    if (isForm(ex.header("Content-Type"))) {
      return formToJson(parseForm(bytes(ex, MAX_BYTES)), fields);
    }
    return json(ex);
  }

  /**
   * A JSON object body only (415 for a form): for routes no HTML form posts to.
   *
   * @throws ApiException 400, 413, 415
   */
  public static JsonObject json(Router.Exchange ex) throws IOException {
    return JsonBody.read(ex.request(), MAX_BYTES);
  }

  /**
   * Whether a {@code Content-Type} is an HTML form's ({@code application/x-www-form-urlencoded},
   * UTF-8).
   */
  public static boolean isForm(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";");
    if (!parts[0].trim().toLowerCase(Locale.ROOT).equals(FORM)) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim().toLowerCase(Locale.ROOT);
      if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
        throw JsonBody.unsupportedMediaType("a form must be sent in UTF-8");
      }
    }
    return true;
  }

  /**
   * Reads at most {@code limit} bytes; 413 when the body is longer, whatever {@code Content-Length}
   * claims.
   *
   * @throws ApiException 413, or 400 when the body ends before its declared length
   */
  public static byte[] bytes(Router.Exchange ex, int limit) throws IOException {
    return JsonBody.bytes(ex.request(), limit);
  }

  /**
   * Parses a urlencoded body ({@code a=1&b=x+y&b=%C3%B1}) into its fields in order, each with every
   * value.
   *
   * @throws ApiException 400 {@code malformed_form} for a bad percent-escape or invalid UTF-8
   */
  public static Map<String, List<String>> parseForm(byte[] body) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    String text = new String(body, StandardCharsets.ISO_8859_1);
    if (text.isBlank()) {
      return out;
    }
    for (String pair : text.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  static JsonObject formToJson(Map<String, List<String>> form, Map<String, FieldType> fields) {
    JsonObject o = new JsonObject();
    fields.forEach(
        (name, kind) -> {
          List<String> values = form.getOrDefault(name, List.of());
          switch (kind) {
            case LIST -> {
              JsonArray a = new JsonArray();
              values.stream().filter(v -> !v.isEmpty()).forEach(a::add);
              o.add(name, a);
            }
            case BOOLEAN -> {
              String v = values.isEmpty() ? "" : values.get(values.size() - 1);
              switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "on" -> o.addProperty(name, true);
                case "false", "off", "" -> o.addProperty(name, false);
                default -> o.addProperty(name, v);
              }
            }
            case INTEGER -> {
              if (values.size() == 1 && values.get(0).matches("-?[0-9]{1,10}")) {
                o.add(name, new JsonPrimitive(new LazilyParsedNumber(values.get(0))));
              } else if (values.size() == 1 && !values.get(0).isEmpty()) {
                o.addProperty(name, values.get(0));
              } else if (values.size() > 1) {
                o.add(name, array(values));
              }
            }
            case TEXT -> {
              if (values.size() == 1 && !values.get(0).isEmpty()) {
                o.addProperty(name, values.get(0));
              } else if (values.size() > 1) {
                o.add(name, array(values));
              }
            }
          }
        });
    return o;
  }

  private static JsonArray array(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }

  private static String decode(String s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        if (i + 2 >= s.length()
            || Character.digit(s.charAt(i + 1), 16) < 0
            || Character.digit(s.charAt(i + 2), 16) < 0) {
          throw ApiException.badRequest(
              "malformed_form", "the form has a malformed percent-escape");
        }
        bytes.write(
            Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiException.badRequest("malformed_form", "the form is not valid UTF-8");
    }
  }
}
