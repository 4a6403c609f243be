package dev.trustcenter.http;

import com.google.cloud.functions.HttpRequest;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The one reader of request bodies, so the same fault gets the same answer on every route (the
 * codes are listed in docs/api.md, "Error codes"):
 *
 * <ul>
 *   <li>{@link #bytes}: at most a route's limit ({@code MAX_BYTES + 1} bytes are read, whatever
 *       {@code Content-Length} claims): 413 {@code payload_too_large} beyond it, 400 {@code
 *       incomplete_body} when it ends before its declared length
 *   <li>{@link #read}: one strict JSON object: 415 {@code unsupported_media_type} unless the
 *       content type is {@code application/json} (UTF-8), 400 {@code malformed_json} for invalid
 *       UTF-8, anything but strict RFC 8259 JSON, duplicate keys, nesting deeper than {@link
 *       #MAX_DEPTH}, an empty body or a top-level value that is not an object
 *   <li>{@link #readOptional}: the same, where an empty body means "no options"
 * </ul>
 *
 * HTML forms are read by {@link PublicBody}, on top of {@link #bytes}. What the object must contain
 * is checked afterwards with {@link FieldReader} (400 {@code invalid}, naming every field).
 */
public final class JsonBody {
  public static final int MAX_BYTES = 64 * 1024;
  static final int MAX_DEPTH = 32;

  private JsonBody() {}

  /** The body of {@code request} as a JSON object of at most {@link #MAX_BYTES}. */
  public static JsonObject read(HttpRequest request) throws IOException {
    return read(request, MAX_BYTES);
  }

  /** The body of {@code request} as a JSON object of at most {@code limit} bytes. */
  public static JsonObject read(HttpRequest request, int limit) throws IOException {
    checkContentType(request.getContentType().orElse(null));
    return parseObject(bytes(request, limit));
  }

  /**
   * The body as a JSON object, or empty when there is no body (none, or only white space): for
   * routes whose body only carries options. A body that is there must be JSON, as for {@link
   * #read}.
   */
  public static Optional<JsonObject> readOptional(HttpRequest request, int limit)
      throws IOException {
    byte[] bytes = bytes(request, limit);
    if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
      return Optional.empty();
    }
    checkContentType(request.getContentType().orElse(null));
    return Optional.of(parseObject(bytes));
  }

  /**
   * The body's bytes, at most {@code limit} of them.
   *
   * @throws ApiException 413 {@code payload_too_large} when the body (or its declared length) is
   *     longer, 400 {@code incomplete_body} when it ends before its declared length
   */
  public static byte[] bytes(HttpRequest request, int limit) throws IOException {
    if (request.getContentLength() > limit) {
      throw tooLarge(limit);
    }
    return browserFormBytes(request, limit);
  }

  /**
   * As {@link #bytes}, except that a body declared longer than {@code limit} is still read up to
   * the limit before the 413: a browser sends the whole form before it reads the answer, and would
   * show a reset connection instead of the page that says the file is too large (the admin
   * console's upload forms).
   */
  public static byte[] browserFormBytes(HttpRequest request, int limit) throws IOException {
    byte[] bytes;
    try (InputStream in = request.getInputStream()) {
      bytes = in.readNBytes(limit + 1);
    } catch (IOException e) {
      throw incomplete();
    }
    if (bytes.length > limit) {
      throw tooLarge(limit);
    }
    return bytes;
  }

  /** Parses {@code bytes} as one strict JSON object (see the class comment). */
  public static JsonObject parseObject(byte[] bytes) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw malformed("the body is not valid UTF-8");
    }
    if (text.isBlank()) {
      throw malformed("the body is empty; a JSON object is expected");
    }
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement value = readValue(reader, 0);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw malformed("unexpected content after the JSON value");
      }
      if (!value.isJsonObject()) {
        throw malformed("the body must be a JSON object");
      }
      return value.getAsJsonObject();
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      throw malformed("malformed JSON: " + Router.safe(String.valueOf(e.getMessage())));
    }
  }

  private static JsonElement readValue(JsonReader reader, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw malformed("JSON nested deeper than " + MAX_DEPTH + " levels");
    }
    switch (reader.peek()) {
      case BEGIN_OBJECT -> {
        JsonObject object = new JsonObject();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          if (object.has(name)) {
            throw malformed("duplicate key \"" + Router.safe(name) + "\" at " + reader.getPath());
          }
          object.add(name, readValue(reader, depth + 1));
        }
        reader.endObject();
        return object;
      }
      case BEGIN_ARRAY -> {
        JsonArray array = new JsonArray();
        reader.beginArray();
        while (reader.hasNext()) {
          array.add(readValue(reader, depth + 1));
        }
        reader.endArray();
        return array;
      }
      case STRING -> {
        return new JsonPrimitive(reader.nextString());
      }
      case NUMBER -> {
        return new JsonPrimitive(new LazilyParsedNumber(reader.nextString()));
      }
      case BOOLEAN -> {
        return new JsonPrimitive(reader.nextBoolean());
      }
      case NULL -> {
        reader.nextNull();
        return JsonNull.INSTANCE;
      }
      default -> throw malformed("malformed JSON at " + reader.getPath());
    }
  }

  /**
   * Refuses (415) a content type other than {@code application/json} in UTF-8, for readers of JSON
   * bodies that do not go through {@link #read}: a browser form ({@code text/plain}, urlencoded)
   * must not pass as JSON.
   */
  public static void requireJsonContentType(String contentType) {
    checkContentType(contentType);
  }

  /**
   * 400 for a body that ended before its declared length (the client closed the connection early).
   */
  public static ApiException incomplete() {
    return ApiException.badRequest("incomplete_body", "the body ended before its declared length");
  }

  private static void checkContentType(String contentType) {
    if (contentType == null) {
      throw unsupported();
    }
    String[] parts = contentType.split(";");
    if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
      throw unsupported();
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim().toLowerCase(Locale.ROOT);
      if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
        throw unsupported();
      }
    }
  }

  private static ApiException unsupported() {
    return unsupportedMediaType("the body must be JSON: Content-Type: application/json (UTF-8)");
  }

  /**
   * 415 {@code unsupported_media_type}: the one answer to a body of a type the route does not take.
   */
  public static ApiException unsupportedMediaType(String message) {
    return new ApiException(415, "unsupported_media_type", message);
  }

  /** 413 {@code payload_too_large}: the one answer to a body over a route's limit. */
  public static ApiException tooLarge(long limit) {
    return new ApiException(
        413, "payload_too_large", "the body is larger than " + limit + " bytes");
  }

  private static ApiException malformed(String message) {
    return ApiException.badRequest("malformed_json", message);
  }
}
