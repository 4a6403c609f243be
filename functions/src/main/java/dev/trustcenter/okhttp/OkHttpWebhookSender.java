package dev.trustcenter.okhttp;

import dev.failsafe.RetryPolicy;
import dev.trustcenter.http.Retries;
import dev.trustcenter.http.Retries.Sleeper;
import dev.trustcenter.notices.WebhookAddresses;
import dev.trustcenter.notices.WebhookSender;
import dev.trustcenter.notices.WebhookSignature;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import okhttp3.Dns;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Delivers webhook notices with OkHttp: {@code POST} of the JSON body with {@code
 * X-TrustCenter-Signature: t=<ts>,v1=<hex>} (see {@link WebhookSignature}). A 2xx is success; a
 * network error, 408, 429 or 5xx is retried up to {@code attempts} times with doubling backoff (1
 * s, 2 s, 4 s ... by default), each attempt signed anew; any other status fails at once. Redirects
 * are not followed, so a delivery never lands anywhere but the URL the subscriber confirmed.
 *
 * <p>Only public addresses are reached ({@link WebhookAddresses}): an IP literal is checked before
 * the call; a name goes through {@link CheckedDns}, which resolves it once per connection, drops
 * every address that is not public and hands OkHttp only the checked ones, so the connection goes
 * to an address that was checked (no DNS-rebinding window). No proxy is used, so no one else
 * resolves the name. Loopback is allowed only by {@link #loopbackForTests}, a constructor no
 * configuration can reach.
 */
public final class OkHttpWebhookSender implements WebhookSender {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient client;
  private final Clock clock;
  private final int attempts;
  private final Duration firstBackoff;
  private final Sleeper sleeper;

  private final boolean allowLoopback;

  /**
   * The outbox's sender: one attempt per delivery, bounded by {@code timeout} from the first byte
   * of DNS to the last of the answer (the outbox retries later), public addresses only.
   */
  public static OkHttpWebhookSender create(Clock clock, Duration timeout) {
    return new OkHttpWebhookSender(
        HttpClients.shared(), clock, 1, Duration.ZERO, d -> {}, timeout, Dns.SYSTEM, false);
  }

  /**
   * A sender that may also deliver to loopback addresses over plain http, for tests whose receiver
   * is a MockWebServer on this machine. Nothing in {@code Config} leads here: the composition root
   * never calls it.
   */
  public static OkHttpWebhookSender loopbackForTests(
      OkHttpClient shared, Clock clock, Duration timeout) {
    return new OkHttpWebhookSender(
        shared, clock, 1, Duration.ZERO, d -> {}, timeout, Dns.SYSTEM, true);
  }

  public OkHttpWebhookSender(OkHttpClient shared, Clock clock) {
    this(shared, clock, 4, Duration.ofSeconds(1), Sleeper.system());
  }

  public OkHttpWebhookSender(
      OkHttpClient shared, Clock clock, int attempts, Duration firstBackoff, Sleeper sleeper) {
    this(shared, clock, attempts, firstBackoff, sleeper, Duration.ofSeconds(15), Dns.SYSTEM, false);
  }

  /**
   * @param attempts attempts per delivery, including the first (at least 1)
   * @param sleeper waits between attempts; tests pass one that records instead of sleeping
   * @param resolver the DNS the checked lookups ask (tests pass one that answers chosen addresses)
   */
  OkHttpWebhookSender(
      OkHttpClient shared,
      Clock clock,
      int attempts,
      Duration firstBackoff,
      Sleeper sleeper,
      Duration timeout,
      Dns resolver,
      boolean allowLoopback) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
    }
    this.allowLoopback = allowLoopback;
    this.client =
        shared
            .newBuilder()
            .followRedirects(false)
            .followSslRedirects(false)
            .proxy(Proxy.NO_PROXY)
            .dns(new CheckedDns(resolver, allowLoopback))
            .callTimeout(timeout)
            .build();
    this.clock = clock;
    this.attempts = attempts;
    this.firstBackoff = firstBackoff;
    this.sleeper = sleeper;
  }

  /**
   * Resolves once and returns only the addresses that may be reached; none left is an {@link
   * UnknownHostException} (OkHttp then fails the call without connecting anywhere).
   */
  static final class CheckedDns implements Dns {
    private final Dns delegate;
    private final boolean allowLoopback;

    CheckedDns(Dns delegate, boolean allowLoopback) {
      this.delegate = delegate;
      this.allowLoopback = allowLoopback;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
      if (WebhookAddresses.refusedHostName(hostname).isPresent()
          && !(allowLoopback && hostname.equalsIgnoreCase("localhost"))) {
        throw new UnknownHostException("webhook host refused: a local or cloud-internal name");
      }
      List<InetAddress> resolved = delegate.lookup(hostname);
      List<InetAddress> allowed =
          allowLoopback
              ? resolved.stream()
                  .filter(a -> a.isLoopbackAddress() || WebhookAddresses.isPublic(a))
                  .toList()
              : WebhookAddresses.publicOnly(resolved);
      if (allowed.isEmpty()) {
        throw new UnknownHostException("webhook host refused: it resolves to no public address");
      }
      return allowed;
    }
  }

  /** Why the URL is refused before any connection, or null. */
  private String refusal(URI url) {
    String host = url.getHost();
    if (host == null) {
      return "webhook URL without a host";
    }
    boolean loopbackHttp = allowLoopback && "http".equals(url.getScheme());
    if (!"https".equals(url.getScheme()) && !loopbackHttp) {
      return "webhook URLs must be https";
    }
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (bare.matches("[0-9.]+") || bare.contains(":")) {
      // An IP literal: OkHttp connects to it without asking the Dns, so it is checked here.
      InetAddress literal;
      try {
        literal = InetAddress.getByName(bare);
      } catch (UnknownHostException e) {
        return "webhook URL with an invalid address";
      }
      boolean ok =
          WebhookAddresses.isPublic(literal) || (allowLoopback && literal.isLoopbackAddress());
      if (!ok) {
        return "webhook address refused: not a public internet address";
      }
    }
    if (loopbackHttp && !bare.equalsIgnoreCase("localhost") && !bare.matches("127\\.[0-9.]+|::1")) {
      return "plain http only to this machine in tests";
    }
    return null;
  }

  @Override
  public void post(URI url, String json, byte[] secret) {
    String refused = refusal(url);
    if (refused != null) {
      throw new WebhookException(refused, null);
    }
    RetryPolicy<Void> retry =
        RetryPolicy.<Void>builder()
            .handle(Retryable.class)
            .withMaxAttempts(attempts)
            .withDelayFn(
                context -> firstBackoff.multipliedBy(1L << (context.getAttemptCount() - 1)))
            .build();
    try {
      Retries.run(retry, sleeper, () -> attempt(url, json, secret));
    } catch (Retryable last) {
      throw new WebhookException(
          "the endpoint did not accept the delivery after " + attempts + " attempts: " + last.what,
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WebhookException("interrupted", e);
    }
  }

  /**
   * One signed delivery. A 2xx returns; a network error, 408, 429 or 5xx is a {@link Retryable};
   * any other status fails at once.
   */
  private Void attempt(URI url, String json, byte[] secret) throws Retryable {
    Request request =
        new Request.Builder()
            .url(url.toString())
            .header(
                WebhookSignature.HEADER,
                WebhookSignature.header(clock.instant().getEpochSecond(), json, secret))
            .header("User-Agent", "trust-center-webhooks/1")
            .post(RequestBody.create(json, JSON))
            .build();
    try (Response response = client.newCall(request).execute()) {
      int code = response.code();
      if (code >= 200 && code < 300) {
        return null;
      }
      if (!(code == 408 || code == 429 || code >= 500)) {
        throw new WebhookException("the endpoint refused the delivery: HTTP " + code, null);
      }
      throw new Retryable("HTTP " + code);
    } catch (IOException e) {
      throw new Retryable(e.getClass().getSimpleName());
    }
  }

  /** A failed delivery worth another attempt; {@code what} names the status or the I/O error. */
  private static final class Retryable extends Exception {
    private static final long serialVersionUID = 1L;
    final String what;

    Retryable(String what) {
      super(what, null, false, false);
      this.what = what;
    }
  }
}
