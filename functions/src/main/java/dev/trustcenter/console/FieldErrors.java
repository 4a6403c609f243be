package dev.trustcenter.console;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.admin.AdminApi;
import dev.trustcenter.i18n.Messages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The admin API's field errors in the console's language. The API names each fault with a stable
 * code and its values ({@code too_long} with {@code max}); the console says it with the message
 * {@code fieldError_<code>} of its own message files, so a Spanish page never shows the API's
 * English. A code the console does not know reads as {@code fieldError_invalid}.
 */
final class FieldErrors {
  /** The key of errors that belong to no field of the form. */
  static final String FORM = "form";

  private FieldErrors() {}

  /**
   * The answer's errors by form field, in {@code m}'s language.
   *
   * @param keyOf the form field showing the error of an API field (a JSON path such as {@code
   *     title.en}), or null when the form has none: such errors are shown above the form
   */
  static Map<String, String> localize(
      Messages m, AdminApi.Answer answer, Function<String, String> keyOf) {
    return localize(m, answer, keyOf, Map.of());
  }

  /**
   * Like {@link #localize(Messages, AdminApi.Answer, Function)}, but a form field whose fault has
   * no more specific code than {@code invalid} reads as the page's own message for that field
   * (saying what it needs, such as a document id's letters), not as {@code fieldError_invalid}.
   *
   * @param invalidMessages message keys by form field, for faults coded {@code invalid}
   */
  static Map<String, String> localize(
      Messages m,
      AdminApi.Answer answer,
      Function<String, String> keyOf,
      Map<String, String> invalidMessages) {
    Map<String, String> errors = new LinkedHashMap<>();
    JsonObject error;
    try {
      error = JsonParser.parseString(answer.text()).getAsJsonObject().getAsJsonObject("error");
    } catch (RuntimeException e) {
      error = null;
    }
    if (error == null) {
      errors.put(FORM, m.get("errorUnexpected"));
      return errors;
    }
    if (error.has("fields") && error.get("fields").isJsonArray()) {
      for (JsonElement e : error.getAsJsonArray("fields")) {
        JsonObject f = e.getAsJsonObject();
        String field = string(f, "field");
        String key = field == null ? null : keyOf.apply(field);
        String code = string(f, "code");
        String own = key == null || !"invalid".equals(code) ? null : invalidMessages.get(key);
        errors.merge(
            key == null ? FORM : key,
            own != null ? m.get(own) : sentence(m, code, f.getAsJsonObject("params")),
            (a, b) -> a.equals(b) ? a : a + " " + b);
      }
    }
    if (errors.isEmpty()) {
      errors.put(FORM, m.format("apiRefused", String.valueOf(string(error, "code"))));
    }
    return errors;
  }

  /** One fault in words: {@code fieldError_<code>} with {@code {name}} replaced by its values. */
  static String sentence(Messages m, String code, JsonObject params) {
    String key = "fieldError_" + code;
    String text = m.all().containsKey(key) ? m.get(key) : m.get("fieldError_invalid");
    if (params != null) {
      for (Map.Entry<String, JsonElement> p : params.entrySet()) {
        text = text.replace("{" + p.getKey() + "}", value(m, p.getValue()));
      }
    }
    return text;
  }

  /** A value as the sentence shows it: a list as "a, b or c" in the page's language. */
  private static String value(Messages m, JsonElement v) {
    if (v.isJsonArray()) {
      List<String> items = new ArrayList<>();
      v.getAsJsonArray().forEach(x -> items.add(x.isJsonPrimitive() ? x.getAsString() : ""));
      if (items.size() <= 1) {
        return String.join("", items);
      }
      return String.join(", ", items.subList(0, items.size() - 1))
          + " "
          + m.get("fieldErrorOr")
          + " "
          + items.get(items.size() - 1);
    }
    return v.isJsonPrimitive() ? v.getAsString() : "";
  }

  private static String string(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e == null || !e.isJsonPrimitive() ? null : e.getAsString();
  }
}
