package dev.trustcenter.site;

import com.google.gson.JsonParseException;
import dev.trustcenter.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The top-level members of a stored JSON object, found by scanning its text without parsing the
 * values: {@code trust.json} copies them as stored, and the site's inputs parse again only the
 * members whose text changed ({@link SiteInputs.Reader}).
 */
final class StoredJson {
  private StoredJson() {}

  /**
   * One member: {@code text.substring(nameStart, end)} is {@code "name":value} as stored, {@code
   * text.substring(valueStart, end)} its value.
   */
  record Member(String name, int nameStart, int valueStart, int end) {}

  /**
   * The members of the object {@code text}, in order.
   *
   * @throws JsonParseException if {@code text} is not one JSON object
   */
  static List<Member> members(String text) {
    List<Member> out = new ArrayList<>();
    int i = skipSpace(text, 0);
    expect(text, i, '{');
    i = skipSpace(text, i + 1);
    while (text.charAt(i) != '}') {
      int nameStart = i;
      int nameEnd = stringEnd(text, i);
      String name = Json.read(text.substring(nameStart, nameEnd), String.class);
      i = skipSpace(text, nameEnd);
      expect(text, i, ':');
      int valueStart = skipSpace(text, i + 1);
      int valueEnd = valueEnd(text, valueStart);
      out.add(new Member(name, nameStart, valueStart, valueEnd));
      i = skipSpace(text, valueEnd);
      if (text.charAt(i) == ',') {
        i = skipSpace(text, i + 1);
      } else {
        expect(text, i, '}');
      }
    }
    return out;
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    if (i == s.length()) {
      throw new JsonParseException("stored JSON cut short");
    }
    return i;
  }

  private static void expect(String s, int i, char c) {
    if (s.charAt(i) != c) {
      throw new JsonParseException("stored JSON: '" + c + "' expected at " + i);
    }
  }

  /** The index just past the string starting at {@code i}. */
  private static int stringEnd(String s, int i) {
    expect(s, i, '"');
    // The next quote not escaped: one preceded by an even number of backslashes. indexOf finds
    // quotes many characters at a time, where a loop over each character took most of the scan.
    for (int q = s.indexOf('"', i + 1); q >= 0; q = s.indexOf('"', q + 1)) {
      int backslashes = 0;
      while (s.charAt(q - 1 - backslashes) == '\\') {
        backslashes++;
      }
      if (backslashes % 2 == 0) {
        return q + 1;
      }
    }
    throw new JsonParseException("stored JSON: string not closed");
  }

  /** The index just past the value starting at {@code i}. */
  private static int valueEnd(String s, int i) {
    char first = s.charAt(i);
    if (first == '"') {
      return stringEnd(s, i);
    }
    if (first == '{' || first == '[') {
      int depth = 0;
      for (int j = i; j < s.length(); j++) {
        char c = s.charAt(j);
        if (c == '"') {
          j = stringEnd(s, j) - 1;
        } else if (c == '{' || c == '[') {
          depth++;
        } else if ((c == '}' || c == ']') && --depth == 0) {
          return j + 1;
        }
      }
      throw new JsonParseException("stored JSON: value not closed");
    }
    int j = i;
    while (j < s.length() && ",}] \t\r\n".indexOf(s.charAt(j)) < 0) {
      j++;
    }
    return j;
  }
}
