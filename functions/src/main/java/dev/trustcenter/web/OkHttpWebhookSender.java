package dev.trustcenter.web;

import dev.trustcenter.notices.WebhookSender;
import dev.trustcenter.notices.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Delivers webhook notices with OkHttp: {@code POST} of the JSON body with
 * {@code X-TrustCenter-Signature: t=<ts>,v1=<hex>} (see {@link WebhookSignature}). A 2xx is success; a network
 * error, 408, 429 or 5xx is retried up to {@code attempts} times with doubling backoff (1 s, 2 s, 4 s ... by
 * default), each attempt signed anew; any other status fails at once. Redirects are not followed, so a
 * delivery never lands anywhere but the URL the subscriber confirmed.
 */
public final class OkHttpWebhookSender implements WebhookSender {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient client;
  private final Clock clock;
  private final int attempts;
  private final Duration firstBackoff;
  private final Sleeper sleeper;

  /** Waits between attempts; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** A sender with its own client, for a composition root that has no shared one. */
  public static OkHttpWebhookSender create(Clock clock) {
    return new OkHttpWebhookSender(HttpClients.shared(), clock);
  }

  public OkHttpWebhookSender(OkHttpClient shared, Clock clock) {
    this(shared, clock, 4, Duration.ofSeconds(1), d -> Thread.sleep(d.toMillis()));
  }

  public OkHttpWebhookSender(OkHttpClient shared, Clock clock, int attempts, Duration firstBackoff, Sleeper sleeper) {
    this.client =
        shared.newBuilder()
            .followRedirects(false)
            .followSslRedirects(false)
            .callTimeout(Duration.ofSeconds(15))
            .build();
    this.clock = clock;
    this.attempts = attempts;
    this.firstBackoff = firstBackoff;
    this.sleeper = sleeper;
  }

  @Override
  public void post(URI url, String json, byte[] secret) {
    if (!"https".equals(url.getScheme()) && !"localhost".equals(url.getHost()) && !"127.0.0.1".equals(url.getHost())) {
      throw new WebhookException("webhook URLs must be https", null);
    }
    Duration backoff = firstBackoff;
    String last = "no attempt";
    for (int i = 1; i <= attempts; i++) {
      Request request =
          new Request.Builder()
              .url(url.toString())
              .header(WebhookSignature.HEADER, WebhookSignature.header(clock.instant().getEpochSecond(), json, secret))
              .header("User-Agent", "trust-center-webhooks/1")
              .post(RequestBody.create(json, JSON))
              .build();
      try (Response response = client.newCall(request).execute()) {
        int code = response.code();
        if (code >= 200 && code < 300) {
          return;
        }
        last = "HTTP " + code;
        if (!(code == 408 || code == 429 || code >= 500)) {
          throw new WebhookException("the endpoint refused the delivery: " + last, null);
        }
      } catch (IOException e) {
        last = e.getClass().getSimpleName();
      }
      if (i < attempts) {
        try {
          sleeper.sleep(backoff);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new WebhookException("interrupted", e);
        }
        backoff = backoff.multipliedBy(2);
      }
    }
    throw new WebhookException("the endpoint did not accept the delivery after " + attempts + " attempts: " + last, null);
  }
}
