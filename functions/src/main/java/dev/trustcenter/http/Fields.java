package dev.trustcenter.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads fields of a JSON object body, collecting every problem so the client learns all of them at
 * once ({@link #check()} throws a 400 naming each field).
 */
public final class Fields {
  private final JsonObject body;
  private final List<ApiException.FieldError> errors = new ArrayList<>();

  public Fields(JsonObject body) {
    this.body = body;
  }

  /**
   * A string field trimmed, between {@code min} and {@code max} characters; null (and an error)
   * otherwise.
   */
  public String text(String field, int min, int max) {
    JsonElement e = body.get(field);
    if (e == null || e.isJsonNull()) {
      if (min > 0) {
        fail(field, "is required");
      }
      return min > 0 ? null : "";
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      fail(field, "must be a string");
      return null;
    }
    String s = e.getAsString().strip();
    if (s.length() < min || s.length() > max) {
      fail(
          field,
          min > 0
              ? "must have between " + min + " and " + max + " characters"
              : "must have at most " + max + " characters");
      return null;
    }
    if (s.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
      fail(field, "must not contain control characters");
      return null;
    }
    return s;
  }

  /**
   * A single-line string field (a name, a company, an address: text that ends up in mail headers or
   * on one line of a mail): like {@link #text} but refusing line breaks, tabs and every other
   * control character.
   */
  public String line(String field, int min, int max) {
    JsonElement e = body.get(field);
    if (e != null
        && e.isJsonPrimitive()
        && e.getAsJsonPrimitive().isString()
        && e.getAsString()
            .strip()
            .codePoints()
            .anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0x85)) {
      fail(field, "must be one line without control characters");
      return null;
    }
    return text(field, min, max);
  }

  /** An optional string field: null when absent. */
  public String optionalText(String field, int max) {
    JsonElement e = body.get(field);
    return e == null || e.isJsonNull() ? null : text(field, 1, max);
  }

  /** A list of strings with 1..{@code maxItems} items, each matching {@code pattern}. */
  public List<String> strings(String field, int maxItems, String pattern) {
    JsonElement e = body.get(field);
    if (e == null || !e.isJsonArray()) {
      fail(field, "must be a list");
      return List.of();
    }
    JsonArray a = e.getAsJsonArray();
    if (a.isEmpty() || a.size() > maxItems) {
      fail(field, "must have between 1 and " + maxItems + " items");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (JsonElement item : a) {
      if (!item.isJsonPrimitive()
          || !item.getAsJsonPrimitive().isString()
          || !item.getAsString().matches(pattern)) {
        fail(field, "has an invalid item");
        return List.of();
      }
      if (!out.contains(item.getAsString())) {
        out.add(item.getAsString());
      }
    }
    return out;
  }

  /** A boolean field; null (and an error) when absent or not a boolean. */
  public Boolean bool(String field) {
    JsonElement e = body.get(field);
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
      fail(field, "must be true or false");
      return null;
    }
    return e.getAsBoolean();
  }

  /** An optional whole number within bounds; {@code fallback} when absent. */
  public Integer integer(String field, int fallback, int min, int max) {
    JsonElement e = body.get(field);
    if (e == null || e.isJsonNull()) {
      return fallback;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      fail(field, "must be a whole number");
      return null;
    }
    double d = e.getAsDouble();
    if (d != Math.rint(d) || d < min || d > max) {
      fail(field, "must be a whole number between " + min + " and " + max);
      return null;
    }
    return (int) d;
  }

  /** Records a problem with a field. */
  public void fail(String field, String message) {
    errors.add(new ApiException.FieldError(field, message));
  }

  /** Throws a 400 naming every invalid field, if any. */
  public void check() {
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
  }

  /** Problems found outside a body's own syntax (e.g. unknown ids), reported the same way. */
  public static final class Errors {
    private final List<ApiException.FieldError> errors = new ArrayList<>();

    public void add(String field, String message) {
      errors.add(new ApiException.FieldError(field, message));
    }

    /** Throws a 400 naming every problem, if any. */
    public void check() {
      if (!errors.isEmpty()) {
        throw ApiException.invalid(errors);
      }
    }
  }
}
