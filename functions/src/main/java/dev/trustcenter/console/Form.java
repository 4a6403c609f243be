package dev.trustcenter.console;

import dev.trustcenter.http.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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

  /** A form whose fields were read otherwise (a multipart form's text fields). */
  static Form of(Map<String, String> fields) {
    return new Form(new LinkedHashMap<>(fields));
  }

  static Form read(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new ApiException(413, "too_large", "the form is larger than " + MAX_BYTES + " bytes");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : new String(bytes, StandardCharsets.UTF_8).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        fields.putIfAbsent(k, v);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(
            "malformed_form", "the form has a malformed percent-encoding");
      }
    }
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
