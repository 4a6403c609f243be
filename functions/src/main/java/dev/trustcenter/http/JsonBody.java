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

/**
 * Reads a request body as one strict JSON object, or answers why not: 415 unless the content type
 * is {@code application/json} (UTF-8), 413 over {@link #MAX_BYTES} (at most {@code MAX_BYTES + 1}
 * bytes are read, whatever {@code Content-Length} claims), 400 {@code malformed_json} for invalid
 * UTF-8, anything but strict RFC 8259 JSON, duplicate keys, nesting deeper than {@link #MAX_DEPTH},
 * or a top-level value that is not an object. What the object must contain is checked afterwards
 * with {@link FieldReader}.
 */
public final class JsonBody {
  public static final int MAX_BYTES = 64 * 1024;
  static final int MAX_DEPTH = 32;

  private JsonBody() {}

  /** The body of {@code request} as a JSON object. */
  public static JsonObject read(HttpRequest request) throws IOException {
    checkContentType(request.getContentType().orElse(null));
    if (request.getContentLength() > MAX_BYTES) {
      throw tooLarge();
    }
    byte[] bytes;
    try (InputStream in = request.getInputStream()) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw incomplete();
    }
    if (bytes.length > MAX_BYTES) {
      throw tooLarge();
    }
    return parseObject(bytes);
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
    return new ApiException(
        415,
        "unsupported_media_type",
        "the body must be JSON: Content-Type: application/json (UTF-8)");
  }

  private static ApiException tooLarge() {
    return new ApiException(
        413, "payload_too_large", "the body is larger than " + MAX_BYTES + " bytes");
  }

  private static ApiException malformed(String message) {
    return ApiException.badRequest("malformed_json", message);
  }
}
