package dev.trustcenter.console;

import com.google.cloud.functions.HttpRequest;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.JsonBody;
import dev.trustcenter.http.MultipartParser;
import dev.trustcenter.http.PublicBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A submitted HTML form: {@code application/x-www-form-urlencoded} of at most {@link #MAX_BYTES},
 * or {@code multipart/form-data} (a file upload) of at most {@link #MAX_MULTIPART_BYTES}, read by a
 * {@link MultipartParser}.
 */
final class Form {
  static final int MAX_BYTES = 64 * 1024;

  /** A file of up to 25 MiB (the document library's limit) and the form's other fields. */
  static final int MAX_MULTIPART_BYTES =
      dev.trustcenter.documents.DocumentLibrary.MAX_BYTES + MAX_BYTES;

  /** An uploaded file: the name the browser gave, its declared type (may be null), its bytes. */
  record File(String name, String contentType, byte[] bytes) {}

  private final Map<String, String> fields;
  private final Map<String, File> files;

  private Form(Map<String, String> fields, Map<String, File> files) {
    this.fields = fields;
    this.files = files;
  }

  /**
   * Reads the form of {@code request}, as the public forms are read ({@link JsonBody#bytes}, {@link
   * PublicBody#parseForm}).
   *
   * @param withFiles whether this form may carry a file, and so be up to {@link
   *     #MAX_MULTIPART_BYTES}; any other form is at most {@link #MAX_BYTES} whatever its encoding
   * @throws ApiException 413 {@code payload_too_large} beyond the limit, 400 {@code malformed_form}
   */
  static Form read(HttpRequest request, boolean withFiles, MultipartParser parser)
      throws IOException {
    String contentType = request.getContentType().orElse(null);
    boolean multipart =
        contentType != null
            && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    byte[] bytes =
        JsonBody.browserFormBytes(
            request, multipart && withFiles ? MAX_MULTIPART_BYTES : MAX_BYTES);
    if (multipart) {
      return multipart(contentType, bytes, parser);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    PublicBody.parseForm(bytes).forEach((name, values) -> fields.put(name, values.get(0)));
    return new Form(fields, Map.of());
  }

  private static Form multipart(String contentType, byte[] bytes, MultipartParser parser) {
    Map<String, String> fields = new LinkedHashMap<>();
    Map<String, File> files = new LinkedHashMap<>();
    for (MultipartParser.Part part : parser.parse(contentType, bytes)) {
      if (part.fileName() != null) {
        files.putIfAbsent(part.name(), new File(part.fileName(), part.contentType(), part.bytes()));
      } else {
        fields.putIfAbsent(part.name(), new String(part.bytes(), StandardCharsets.UTF_8));
      }
    }
    return new Form(fields, files);
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

  /** The uploaded file of that field, or null when none was chosen (an empty file part). */
  File file(String name) {
    File f = files.get(name);
    return f == null || (f.name().isEmpty() && f.bytes().length == 0) ? null : f;
  }

  /**
   * Every field and file by name, as bytes (text fields in UTF-8): the export and import page takes
   * its bundle either as an uploaded file or, on confirmation, as a text field.
   */
  java.util.Map<String, byte[]> parts() {
    java.util.Map<String, byte[]> out = new LinkedHashMap<>();
    fields.forEach((k, v) -> out.put(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    files.forEach((k, f) -> out.put(k, f.bytes()));
    return out;
  }
}
