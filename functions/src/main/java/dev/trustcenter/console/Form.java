package dev.trustcenter.console;

import com.google.cloud.functions.HttpRequest;
import dev.trustcenter.http.JsonBody;
import dev.trustcenter.http.PublicBody;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A submitted HTML form ({@code application/x-www-form-urlencoded}), at most {@link #MAX_BYTES}.
 */
final class Form {
  static final int MAX_BYTES = 64 * 1024;
  private final Map<String, String> fields;

  private Form(Map<String, String> fields) {
    this.fields = fields;
  }

  /**
   * Reads the form of {@code request}, as the public forms are read ({@link PublicBody}): 413
   * {@code payload_too_large}, 400 {@code malformed_form}.
   */
  static Form read(HttpRequest request) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    PublicBody.parseForm(JsonBody.bytes(request, MAX_BYTES))
        .forEach((name, values) -> fields.put(name, values.get(0)));
    return new Form(fields);
  }

  /** The field's value, or "" when absent. Line breaks are kept as typed (CR LF becomes LF). */
  String get(String name) {
    String v = fields.get(name);
    return v == null ? "" : v.replace("\r\n", "\n");
  }

  /** The field's value trimmed, or null when absent or blank. */
  String trimmed(String name) {
    String v = get(name).strip();
    return v.isEmpty() ? null : v;
  }

  boolean checked(String name) {
    return fields.containsKey(name);
  }
}
