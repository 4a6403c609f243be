package dev.trustcenter.http;

import com.google.gson.JsonObject;
import java.io.IOException;

/**
 * Reading request bodies with a size bound, so a client cannot make a function buffer more than it
 * allows. Kept for existing callers; the reader itself is {@link PublicBody}, which also reads HTML
 * forms.
 */
public final class Bodies {
  /** Bound for JSON forms. */
  public static final int JSON_LIMIT = PublicBody.MAX_BYTES;

  private Bodies() {}

  /**
   * Reads at most {@code limit} bytes; 413 when the body is longer.
   *
   * @throws dev.trustcenter.http.ApiException 413
   */
  public static byte[] read(Router.Exchange ex, int limit) throws IOException {
    return PublicBody.bytes(ex, limit);
  }

  /** A JSON object body; 400 when it is not one, 415 when it is not JSON. */
  public static JsonObject jsonObject(Router.Exchange ex) throws IOException {
    return PublicBody.json(ex);
  }
}
