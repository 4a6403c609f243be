package dev.trustcenter.okhttp;

import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The instance's one OkHttp client. "OkHttpClients should be shared": every adapter that speaks
 * HTTP derives its own timeouts from this one with {@code newBuilder()}, so they share one
 * connection pool and thread pool.
 */
public final class HttpClients {
  private static volatile OkHttpClient shared;

  private HttpClients() {}

  /** The shared client (30 s per call), built on first use. */
  public static OkHttpClient shared() {
    OkHttpClient c = shared;
    if (c == null) {
      synchronized (HttpClients.class) {
        if (shared == null) {
          shared = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
        }
        c = shared;
      }
    }
    return c;
  }
}
