package dev.trustcenter.cloudflare;

import dev.trustcenter.http.Retries;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;

/** Shared doubles and Cloudflare-shaped answers for the client's tests. */
final class CloudflareFixtures {

  static final String TOKEN = "cfTok_7Yq2Lw9Rk4Zx8Vb3Nm5Pd1Hs6Jf0Gt";
  static final String ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";

  /** Short timeouts so the timeout tests take well under a second per attempt. */
  static final OkHttpClient HTTP =
      new OkHttpClient.Builder()
          .connectTimeout(Duration.ofSeconds(2))
          .readTimeout(Duration.ofMillis(300))
          .writeTimeout(Duration.ofSeconds(2))
          .build();

  private CloudflareFixtures() {}

  static CloudflareClient client(MockWebServer server, Retries.Sleeper sleeper, int maxAttempts) {
    return new CloudflareClient(
        HTTP,
        server.url("/client/v4"),
        () -> TOKEN,
        sleeper,
        RetryPolicy.ofMaxAttempts(maxAttempts));
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /** A success envelope around {@code resultJson}. */
  static MockResponse ok(String resultJson) {
    return json(
        200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + resultJson + "}");
  }

  /** A failure envelope, as Cloudflare sends with 4xx (and sometimes with 200). */
  static String failure(int code, String message) {
    return "{\"success\":false,\"errors\":[{\"code\":"
        + code
        + ",\"message\":\""
        + message
        + "\"}],\"messages\":[],\"result\":null}";
  }

  static MockResponse serverError(int code) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "text/html")
        .body("<html><body><h1>" + code + " Bad Gateway</h1>cloudflare</body></html>")
        .build();
  }

  static MockResponse rateLimited(String retryAfter) {
    MockResponse.Builder response =
        new MockResponse.Builder()
            .code(429)
            .setHeader("Content-Type", "application/json")
            .setHeader("Ratelimit", "\"default\";r=0;t=42")
            .setHeader("Ratelimit-Policy", "\"burst\";q=1200;w=300")
            .body(
                failure(
                    10000, "Rate limited. Please wait and consider throttling your request speed"));
    if (retryAfter != null) {
      response.setHeader("Retry-After", retryAfter);
    }
    return response.build();
  }

  /** Records the waits instead of spending them. */
  static final class RecordingSleeper implements Retries.Sleeper {
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
      sleeps.add(duration);
    }
  }
}
