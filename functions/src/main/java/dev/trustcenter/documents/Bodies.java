package dev.trustcenter.documents;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reading request bodies with a size bound, so a client cannot make a function buffer more than it allows. */
public final class Bodies {
  /** Bound for JSON forms. */
  public static final int JSON_LIMIT = 64 * 1024;

  private Bodies() {}

  /**
   * Reads at most {@code limit} bytes; 413 when the body is longer.
   *
   * @throws ApiException 413
   */
  public static byte[] read(Router.Exchange ex, int limit) throws IOException {
    long declared = ex.request().getContentLength();
    if (declared > limit) {
      throw tooLarge(limit);
    }
    try (InputStream in = ex.request().getInputStream()) {
      byte[] bytes = in.readNBytes(limit + 1);
      if (bytes.length > limit) {
        throw tooLarge(limit);
      }
      return bytes;
    } catch (IOException e) {
      throw dev.trustcenter.http.JsonBody.incomplete();
    }
  }

  private static ApiException tooLarge(int limit) {
    return new ApiException(413, "too_large", "the body is larger than " + limit + " bytes");
  }

  /** A JSON object body; 400 when it is not one. */
  public static JsonObject jsonObject(Router.Exchange ex) throws IOException {
    dev.trustcenter.http.JsonBody.requireJsonContentType(ex.header("Content-Type"));
    byte[] bytes = read(ex, JSON_LIMIT);
    try {
      var el = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
      if (!el.isJsonObject()) {
        throw ApiException.badRequest("invalid_json", "the body must be a JSON object");
      }
      return el.getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw ApiException.badRequest("invalid_json", "the body is not valid JSON");
    }
  }
}
