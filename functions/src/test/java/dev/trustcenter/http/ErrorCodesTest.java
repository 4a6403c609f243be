package dev.trustcenter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the code to the one error vocabulary of docs/api.md ("Error codes"): every code an {@link
 * ApiException} is built with in {@code src/main} is in the table with the same status, and every
 * code of the table is still used. A new code, or a second code for a fault that has one, shows up
 * here first.
 */
class ErrorCodesTest {
  static final Path MAIN = Path.of("src", "main", "java");
  static final Path API_DOC = Path.of("..", "docs", "api.md");

  /** {@code new ApiException(413, "payload_too_large", ...)}, spaces and line breaks normalized. */
  static final Pattern CONSTRUCTED =
      Pattern.compile("new ApiException\\( ?(\\d{3}), ?\"([a-z_]+)\"");

  /** {@code ApiException.badRequest("code", ...)}, also with a choice of two codes. */
  static final Pattern BAD_REQUEST =
      Pattern.compile(
          "badRequest\\( ?(?:\"([a-z_]+)\"|[^;]*?\\? ?\"([a-z_]+)\" ?: ?\"([a-z_]+)\")");

  /** A row of the table: {@code | `code` | 400 | ...}. */
  static final Pattern ROW =
      Pattern.compile("^\\| `([a-z_]+)` \\| (\\d{3}) \\|", Pattern.MULTILINE);

  @Test
  void everyCodeInTheCodeIsInTheTableWithItsStatusAndNoTableCodeIsUnused() throws IOException {
    Map<String, String> used = usedCodes();
    Map<String, String> documented = documentedCodes();
    assertTrue(used.size() > 20, () -> "the scan found too few codes: " + used);
    assertEquals(
        new TreeSet<>(documented.keySet()),
        new TreeSet<>(used.keySet()),
        "codes in docs/api.md (expected) versus codes built in src/main (actual)");
    used.forEach((code, status) -> assertEquals(documented.get(code), status, "status of " + code));
  }

  /** Code to status, as built in the main sources; a code built with two statuses fails. */
  static Map<String, String> usedCodes() throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(f).replaceAll("\\s+", " ");
        Matcher m = CONSTRUCTED.matcher(text);
        while (m.find()) {
          put(out, m.group(2), m.group(1), f);
        }
        Matcher b = BAD_REQUEST.matcher(text);
        while (b.find()) {
          for (int g = 1; g <= 3; g++) {
            if (b.group(g) != null) {
              put(out, b.group(g), "400", f);
            }
          }
        }
      }
    }
    return out;
  }

  private static void put(Map<String, String> out, String code, String status, Path file) {
    String before = out.putIfAbsent(code, status);
    assertTrue(
        before == null || before.equals(status),
        () ->
            code + " is built with two statuses, " + before + " and " + status + " (" + file + ")");
  }

  static Map<String, String> documentedCodes() throws IOException {
    String doc = Files.readString(API_DOC);
    int start = doc.indexOf("## Error codes");
    assertTrue(start >= 0, "docs/api.md has an \"Error codes\" section");
    int end = doc.indexOf("\n## ", start + 1);
    Matcher m = ROW.matcher(doc.substring(start, end < 0 ? doc.length() : end));
    Map<String, String> out = new TreeMap<>();
    while (m.find()) {
      assertTrue(out.put(m.group(1), m.group(2)) == null, "listed twice: " + m.group(1));
    }
    return out;
  }

  @Test
  void theScanSeesEachWayACodeIsBuilt() {
    Matcher c =
        CONSTRUCTED.matcher("throw new ApiException( 413, \"payload_too_large\", \"the body\")");
    assertTrue(c.find());
    assertEquals("payload_too_large", c.group(2));
    Matcher b =
        BAD_REQUEST.matcher(
            "badRequest( ex.query(\"grant\") != null ? \"grant_in_query\" : \"grant_required\", \"x\")");
    assertTrue(b.find());
    assertEquals("grant_in_query", b.group(2));
    assertEquals("grant_required", b.group(3));
  }
}
