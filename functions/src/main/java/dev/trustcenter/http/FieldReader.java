package dev.trustcenter.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.annotations.SerializedName;
import dev.trustcenter.content.Text;
import dev.trustcenter.http.ApiException.FieldError;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strict, exhaustive reading of a JSON request body into values: each method reads one field, and a
 * field that is missing, of the wrong type or out of bounds is recorded (by its JSON path, e.g.
 * {@code title.en} or {@code dataLocations[2]}) instead of stopping at the first problem. {@link
 * #finish()} then rejects fields nobody read (unknown fields) and throws {@link
 * ApiException#invalid} naming every invalid field, so the caller builds its record only from a
 * fully valid body:
 *
 * <pre>{@code
 * FieldReader f = FieldReader.of(JsonBody.read(request));
 * String id = f.slug("id");
 * Text title = f.text("title", FieldReader.TITLE);
 * f.finish();
 * return new Thing(id, title);
 * }</pre>
 *
 * Values are returned as given (not trimmed; the public forms' readers from {@link #trimmed} on
 * excepted); texts are plain text and may not contain control characters (single-line ones not even
 * line breaks). A method returns null (or 0) for an invalid field; the values are meaningful only
 * once {@code finish()} returned.
 */
public final class FieldReader {
  /** Limits in characters (code points). */
  public static final int TITLE = 120;

  public static final int TEXT = 2000;
  public static final int NAME = 200;
  public static final int URL = 2000;

  /** A stable id: lowercase words of letters and digits joined by single hyphens. */
  public static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  public static final int SLUG_MAX = 64;

  // The stable codes of field errors (FieldError.code), one per fault; docs/api.md lists them.
  public static final String REQUIRED = "required";
  public static final String NOT_STRING = "not_string";
  public static final String EMPTY = "empty";
  public static final String TOO_LONG = "too_long";
  public static final String NOT_ONE_LINE = "not_one_line";
  public static final String CONTROL_CHARACTERS = "control_characters";
  public static final String INVALID_CHARACTER = "invalid_character";
  public static final String NOT_SLUG = "not_slug";
  public static final String NOT_INTEGER = "not_integer";
  public static final String OUT_OF_RANGE = "out_of_range";
  public static final String NOT_ONE_OF = "not_one_of";
  public static final String URL_INVALID = "url_invalid";
  public static final String URL_SCHEME = "url_scheme";
  public static final String URL_NO_HOST = "url_no_host";
  public static final String MAILTO_INVALID = "mailto_invalid";
  public static final String DATE_INVALID = "date_invalid";
  public static final String NOT_LIST = "not_list";
  public static final String TOO_MANY = "too_many";
  public static final String NOT_TEXT = "not_text";
  public static final String NOT_OBJECT = "not_object";
  public static final String UNKNOWN_FIELD = "unknown_field";

  private final JsonObject object;
  private final String prefix;
  private final List<FieldError> errors;
  private final List<FieldReader> readers;
  private final boolean strict;
  private final Set<String> read = new LinkedHashSet<>();

  private FieldReader(
      JsonObject object,
      String prefix,
      List<FieldError> errors,
      List<FieldReader> readers,
      boolean strict) {
    this.object = object;
    this.prefix = prefix;
    this.errors = errors;
    this.readers = readers;
    this.strict = strict;
    readers.add(this);
  }

  /** A reader of a request body's top-level object: {@link #finish()} refuses unknown fields. */
  public static FieldReader of(JsonObject body) {
    return new FieldReader(body, "", new ArrayList<>(), new ArrayList<>(), true);
  }

  /**
   * A reader of a public form's or public route's body, whose unknown members these routes ignore
   * (a form posts its buttons and hidden fields too): {@link #finish()} reports only the errors
   * recorded.
   */
  public static FieldReader lenient(JsonObject body) {
    return new FieldReader(body, "", new ArrayList<>(), new ArrayList<>(), false);
  }

  /**
   * A reader without a body, collecting problems found beyond a body's syntax (an unknown id, a
   * refused address) with {@link #reject}, reported the same way by {@link #finish()}.
   */
  public static FieldReader withoutBody() {
    return lenient(new JsonObject());
  }

  /** Whether {@code s} is a valid slug id. */
  public static boolean isSlug(String s) {
    return s != null && s.length() <= SLUG_MAX && SLUG.matcher(s).matches();
  }

  /**
   * Records an error about a field of this object that the caller found (e.g. a reference to
   * nothing).
   */
  public void reject(String name, String message) {
    reject(name, message, FieldError.INVALID, Map.of());
  }

  /** Records an error with its stable code (see {@link FieldError#code()}). */
  public void reject(String name, String message, String code) {
    reject(name, message, code, Map.of());
  }

  /** Records an error with its stable code and the values it names. */
  public void reject(String name, String message, String code, Map<String, Object> params) {
    errors.add(new FieldError(prefix + name, message, code, params));
  }

  /** Whether any error was recorded so far. */
  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /**
   * Ends reading: every field present but never read is an error ("unknown field"), then any error
   * throws.
   *
   * @throws ApiException 400 {@code invalid} naming every invalid field
   */
  public void finish() {
    for (FieldReader r : readers) {
      if (!r.strict) {
        continue;
      }
      for (String key : r.object.keySet()) {
        if (!r.read.contains(key)) {
          errors.add(
              new FieldError(r.prefix + Router.safe(key), "is not a known field", UNKNOWN_FIELD));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
  }

  /** A required single-line string of 1 to {@code max} characters. */
  public String string(String name, int max) {
    return string(name, max, true);
  }

  /** An optional single-line string: null when absent or null. */
  public String optionalString(String name, int max) {
    return string(name, max, false);
  }

  /**
   * A required plain text of 1 to {@code max} characters that may span lines (a message written to
   * a person); control characters other than line breaks and tabs are refused.
   */
  public String paragraphs(String name, int max) {
    String s = raw(name, true);
    if (s == null) {
      return null;
    }
    Problem problem = problem(s, max, false);
    if (problem != null) {
      problem.reject(this, name);
      return null;
    }
    return s;
  }

  /** A required slug id. */
  public String slug(String name) {
    String s = raw(name, true);
    if (s != null && !isSlug(s)) {
      reject(
          name,
          "must be a slug: lowercase letters and digits in words joined by '-', at most "
              + SLUG_MAX
              + " characters",
          NOT_SLUG,
          Map.of("max", SLUG_MAX));
      return null;
    }
    return s;
  }

  /** A required text in every language, each 1 to {@code max} characters. */
  public Text text(String name, int max) {
    return text(name, max, true);
  }

  /** An optional text: null when absent or null; when present every language is required. */
  public Text optionalText(String name, int max) {
    return text(name, max, false);
  }

  /** A required whole number in {@code [min, max]}. */
  public int integer(String name, int min, int max) {
    JsonElement e = field(name, true);
    if (e == null) {
      return 0;
    }
    if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber())) {
      reject(name, "must be a whole number", NOT_INTEGER);
      return 0;
    }
    BigDecimal n;
    try {
      n = new BigDecimal(e.getAsString());
    } catch (NumberFormatException ex) {
      reject(name, "must be a whole number", NOT_INTEGER);
      return 0;
    }
    if (n.stripTrailingZeros().scale() > 0) {
      reject(name, "must be a whole number", NOT_INTEGER);
      return 0;
    }
    if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
      reject(
          name,
          "must be between " + min + " and " + max,
          OUT_OF_RANGE,
          Map.of("min", min, "max", max));
      return 0;
    }
    return n.intValueExact();
  }

  /** A required value of an enum, written as the constant's {@code @SerializedName}. */
  public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
    String s = raw(name, true);
    if (s == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (E c : type.getEnumConstants()) {
      String wire = wireName(type, c);
      names.add(wire);
      if (wire.equals(s)) {
        return c;
      }
    }
    reject(
        name,
        "must be one of: " + String.join(", ", names),
        NOT_ONE_OF,
        Map.of("allowed", List.copyOf(names)));
    return null;
  }

  /**
   * A URL of one of {@code schemes} ({@code https} URLs need a host; {@code mailto} an address).
   *
   * @param required whether null or absent is an error
   */
  public String url(String name, boolean required, String... schemes) {
    String s = raw(name, required);
    if (s == null) {
      return null;
    }
    List<String> schemeList = Arrays.stream(schemes).map(x -> x + ":").toList();
    String allowed = String.join(" or ", schemeList);
    if (s.length() > URL
        || !s.equals(s.strip())
        || s.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
      reject(
          name,
          "must be an " + allowed + " URL of at most " + URL + " characters, without spaces",
          URL_INVALID,
          Map.of("schemes", schemeList, "max", URL));
      return null;
    }
    try {
      URI u = new URI(s);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!Arrays.asList(schemes).contains(scheme)) {
        reject(name, "must be an " + allowed + " URL", URL_SCHEME, Map.of("schemes", schemeList));
        return null;
      }
      boolean ok =
          scheme.equals("mailto")
              ? u.getSchemeSpecificPart() != null
                  && u.getSchemeSpecificPart().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")
              : u.getHost() != null && u.getRawUserInfo() == null;
      if (!ok) {
        if (scheme.equals("mailto")) {
          reject(name, "must be mailto: followed by an email address", MAILTO_INVALID);
        } else {
          reject(name, "must be an absolute URL with a host and no user info", URL_NO_HOST);
        }
        return null;
      }
      return s;
    } catch (URISyntaxException e) {
      reject(
          name,
          "must be an " + allowed + " URL",
          URL_INVALID,
          Map.of("schemes", schemeList, "max", URL));
      return null;
    }
  }

  /** An optional ISO-8601 date ({@code 2026-03-01}). */
  public LocalDate optionalDate(String name) {
    String s = raw(name, false);
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      reject(name, "must be a date like 2026-03-01", DATE_INVALID);
      return null;
    }
  }

  /** An optional list of single-line strings (empty when absent or null). */
  public List<String> stringList(String name, int maxItems, int maxLength) {
    JsonElement e = field(name, false);
    if (e == null) {
      return List.of();
    }
    if (!e.isJsonArray()) {
      reject(name, "must be a list of strings", NOT_LIST);
      return List.of();
    }
    if (e.getAsJsonArray().size() > maxItems) {
      reject(name, "must have at most " + maxItems + " items", TOO_MANY, Map.of("max", maxItems));
      return List.of();
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    for (JsonElement item : e.getAsJsonArray()) {
      String path = name + "[" + i++ + "]";
      if (!(item.isJsonPrimitive() && item.getAsJsonPrimitive().isString())) {
        reject(path, "must be a string", NOT_STRING);
        continue;
      }
      Problem problem = problem(item.getAsString(), maxLength, true);
      if (problem != null) {
        problem.reject(this, path);
        continue;
      }
      out.add(item.getAsString());
    }
    return out;
  }

  /**
   * An optional list of single-line texts in every language (empty when absent or null). An item
   * may also be a plain string, taken as the same text in every language, so clients written before
   * the list was bilingual keep working.
   */
  public List<Text> textList(String name, int maxItems, int maxLength) {
    JsonElement e = field(name, false);
    if (e == null) {
      return List.of();
    }
    if (!e.isJsonArray()) {
      reject(name, "must be a list of texts ({\"es\":...,\"en\":...})", NOT_LIST);
      return List.of();
    }
    if (e.getAsJsonArray().size() > maxItems) {
      reject(name, "must have at most " + maxItems + " items", TOO_MANY, Map.of("max", maxItems));
      return List.of();
    }
    List<Text> out = new ArrayList<>();
    FieldReader items = new FieldReader(new JsonObject(), prefix, errors, readers, strict);
    int i = 0;
    for (JsonElement item : e.getAsJsonArray()) {
      String path = name + "[" + i++ + "]";
      if (item.isJsonPrimitive() && item.getAsJsonPrimitive().isString()) {
        Problem problem = problem(item.getAsString(), maxLength, true);
        if (problem != null) {
          problem.reject(this, path);
        } else {
          out.add(new Text(item.getAsString(), item.getAsString()));
        }
      } else if (item.isJsonObject()) {
        items.object.add(path, item);
        Text t = items.text(path, maxLength, true);
        if (t != null) {
          out.add(t);
        }
      } else {
        reject(path, "must be a text ({\"es\":...,\"en\":...}) or a string", NOT_TEXT);
      }
    }
    return out;
  }

  /**
   * A nested object (null when absent or null and not required); read its fields with the returned
   * reader.
   */
  public FieldReader object(String name, boolean required) {
    JsonElement e = field(name, required);
    if (e == null) {
      return null;
    }
    if (!e.isJsonObject()) {
      reject(name, "must be an object", NOT_OBJECT);
      return null;
    }
    return new FieldReader(e.getAsJsonObject(), prefix + name + ".", errors, readers, strict);
  }

  // The public forms' readers (access requests, subscriptions, change answers, the approval's
  // optional body): values trimmed, lengths in UTF-16 units, every fault with code invalid and the
  // messages these routes have always answered, so their answers stay as clients know them.

  /**
   * A string trimmed, of {@code min} to {@code max} characters; control characters other than line
   * breaks and tabs are refused. Absent or null: an error when {@code min > 0}, else {@code ""}.
   */
  public String trimmed(String name, int min, int max) {
    JsonElement e = field(name, false);
    if (e == null) {
      if (min > 0) {
        reject(name, "is required");
      }
      return min > 0 ? null : "";
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      reject(name, "must be a string");
      return null;
    }
    String s = e.getAsString().strip();
    if (s.length() < min || s.length() > max) {
      reject(
          name,
          min > 0
              ? "must have between " + min + " and " + max + " characters"
              : "must have at most " + max + " characters");
      return null;
    }
    if (s.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
      reject(name, "must not contain control characters");
      return null;
    }
    return s;
  }

  /**
   * A single-line string trimmed (a name, a company, an address: text that ends up in mail headers
   * or on one line of a mail): like {@link #trimmed} but refusing line breaks, tabs and every other
   * control character.
   */
  public String trimmedLine(String name, int min, int max) {
    JsonElement e = object.get(name);
    if (e != null
        && e.isJsonPrimitive()
        && e.getAsJsonPrimitive().isString()
        && e.getAsString()
            .strip()
            .codePoints()
            .anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0x85)) {
      read.add(name);
      reject(name, "must be one line without control characters");
      return null;
    }
    return trimmed(name, min, max);
  }

  /** An optional string trimmed, of 1 to {@code max} characters: null when absent or null. */
  public String optionalTrimmed(String name, int max) {
    return field(name, false) == null ? null : trimmed(name, 1, max);
  }

  /**
   * A required list of 1 to {@code maxItems} strings, each matching {@code pattern}; repeated items
   * are kept once.
   */
  public List<String> distinctStrings(String name, int maxItems, String pattern) {
    JsonElement e = field(name, false);
    if (e == null || !e.isJsonArray()) {
      reject(name, "must be a list");
      return List.of();
    }
    JsonArray a = e.getAsJsonArray();
    if (a.isEmpty() || a.size() > maxItems) {
      reject(name, "must have between 1 and " + maxItems + " items");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (JsonElement item : a) {
      if (!item.isJsonPrimitive()
          || !item.getAsJsonPrimitive().isString()
          || !item.getAsString().matches(pattern)) {
        reject(name, "has an invalid item");
        return List.of();
      }
      if (!out.contains(item.getAsString())) {
        out.add(item.getAsString());
      }
    }
    return out;
  }

  /** A required boolean; null (and an error) when absent or not a boolean. */
  public Boolean bool(String name) {
    JsonElement e = field(name, false);
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
      reject(name, "must be true or false");
      return null;
    }
    return e.getAsBoolean();
  }

  /** An optional whole number in {@code [min, max]}; {@code fallback} when absent or null. */
  public Integer optionalInteger(String name, int fallback, int min, int max) {
    JsonElement e = field(name, false);
    if (e == null) {
      return fallback;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      reject(name, "must be a whole number");
      return null;
    }
    double d = e.getAsDouble();
    if (d != Math.rint(d) || d < min || d > max) {
      reject(name, "must be a whole number between " + min + " and " + max);
      return null;
    }
    return (int) d;
  }

  private Text text(String name, int max, boolean required) {
    FieldReader t = object(name, required);
    if (t == null) {
      return null;
    }
    String es = t.textValue("es", max);
    String en = t.textValue("en", max);
    return es == null || en == null ? null : new Text(es, en);
  }

  private String textValue(String name, int max) {
    String s = raw(name, true);
    if (s == null) {
      return null;
    }
    Problem problem = problem(s, max, max <= NAME);
    if (problem != null) {
      problem.reject(this, name);
      return null;
    }
    return s;
  }

  private String string(String name, int max, boolean required) {
    String s = raw(name, required);
    if (s == null) {
      return null;
    }
    Problem problem = problem(s, max, true);
    if (problem != null) {
      problem.reject(this, name);
      return null;
    }
    return s;
  }

  /** What is wrong with a plain text value. */
  private record Problem(String message, String code, Map<String, Object> params) {
    void reject(FieldReader f, String name) {
      f.reject(name, message, code, params);
    }
  }

  /** What is wrong with a plain text value, or null. */
  private static Problem problem(String s, int max, boolean singleLine) {
    if (s.isBlank()) {
      return new Problem("must not be empty", EMPTY, Map.of());
    }
    if (s.codePointCount(0, s.length()) > max) {
      return new Problem("must be at most " + max + " characters", TOO_LONG, Map.of("max", max));
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return new Problem("contains an invalid character", INVALID_CHARACTER, Map.of());
      }
      boolean lineBreak = c == '\n' || c == '\t' || c == '\r';
      if (Character.isISOControl(c) && (singleLine || !lineBreak)) {
        return singleLine
            ? new Problem(
                "must be one line of plain text without control characters", NOT_ONE_LINE, Map.of())
            : new Problem(
                "must be plain text without control characters", CONTROL_CHARACTERS, Map.of());
      }
    }
    return null;
  }

  /** A string field's value, or null (recording an error when it is required or not a string). */
  private String raw(String name, boolean required) {
    JsonElement e = field(name, required);
    if (e == null) {
      return null;
    }
    if (!(e.isJsonPrimitive() && ((JsonPrimitive) e).isString())) {
      reject(name, "must be a string", NOT_STRING);
      return null;
    }
    return e.getAsString();
  }

  /** The field, marked as read; null when absent or JSON null (an error if required). */
  private JsonElement field(String name, boolean required) {
    read.add(name);
    JsonElement e = object.get(name);
    if (e == null || e.isJsonNull()) {
      if (required) {
        reject(name, "is required", REQUIRED);
      }
      return null;
    }
    return e;
  }

  private static <E extends Enum<E>> String wireName(Class<E> type, E constant) {
    try {
      SerializedName n = type.getField(constant.name()).getAnnotation(SerializedName.class);
      return n == null ? constant.name() : n.value();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }
}
