package dev.trustcenter.json;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The one configured Gson of the project: ISO-8601 instants and dates, explicit nulls, and Gson's
 * HTML-safe escaping of {@code < > & = '} kept on, so JSON embedded in a page can never close a
 * script element.
 */
public final class Json {
  private static final Gson GSON =
      new GsonBuilder()
          .registerTypeAdapter(Instant.class, new IsoAdapter<>(Instant::parse).nullSafe())
          .registerTypeAdapter(LocalDate.class, new IsoAdapter<>(LocalDate::parse).nullSafe())
          .serializeNulls()
          // Untyped values (check evidence) keep whole numbers whole: 31536000, not 3.1536E7.
          .setObjectToNumberStrategy(com.google.gson.ToNumberPolicy.LONG_OR_DOUBLE)
          .disableJdkUnsafe()
          .create();

  private Json() {}

  /** The shared instance. */
  public static Gson gson() {
    return GSON;
  }

  public static String write(Object value) {
    return GSON.toJson(value);
  }

  public static <T> T read(String json, Class<T> type) {
    return GSON.fromJson(json, type);
  }

  public static <T> T read(String json, Type type) {
    return GSON.fromJson(json, type);
  }

  private static final class IsoAdapter<T> extends TypeAdapter<T> {
    private final java.util.function.Function<String, T> parse;

    IsoAdapter(java.util.function.Function<String, T> parse) {
      this.parse = parse;
    }

    @Override
    public void write(JsonWriter out, T value) throws IOException {
      out.value(value.toString());
    }

    @Override
    public T read(JsonReader in) throws IOException {
      if (in.peek() != JsonToken.STRING) {
        throw new JsonParseException("expected an ISO-8601 string at " + in.getPath());
      }
      String s = in.nextString();
      try {
        return parse.apply(s);
      } catch (DateTimeParseException e) {
        throw new JsonParseException(
            "not an ISO-8601 value at " + in.getPath() + ": " + e.getParsedString());
      }
    }
  }
}
