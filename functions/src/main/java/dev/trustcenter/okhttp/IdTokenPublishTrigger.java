package dev.trustcenter.okhttp;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.IdTokenCredentials;
import com.google.auth.oauth2.IdTokenProvider;
import dev.trustcenter.site.PublishTrigger;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The production {@link PublishTrigger}: {@code POST}s to {@code publish-site} ({@code
 * PUBLISH_SITE_URL}) with a Google ID token whose audience is that URL, minted from the function's
 * own service account (application default credentials). {@code publish-site} accepts it when the
 * service account is in its {@code TASK_INVOKER_EMAILS}.
 *
 * <p>The call waits for the publish to finish (bounded by {@code timeout}): a Cloud Function's CPU
 * is throttled once it has answered, so a request left in flight might never be sent. Failures are
 * logged, not thrown; the daily scheduled publish is the backstop.
 */
public final class IdTokenPublishTrigger implements PublishTrigger {
  private static final Logger LOG = Logger.getLogger(IdTokenPublishTrigger.class.getName());

  private final URI publishUrl;
  private final Supplier<String> idToken;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * @param idToken supplies a current ID token for {@code publishUrl}; never logged
   */
  public IdTokenPublishTrigger(
      URI publishUrl, Supplier<String> idToken, HttpClient http, Duration timeout) {
    this.publishUrl = Objects.requireNonNull(publishUrl, "publishUrl");
    this.idToken = Objects.requireNonNull(idToken, "idToken");
    this.http = Objects.requireNonNull(http, "http");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * The trigger of a deployed function: ID tokens from the runtime's service account, 120 s per
   * publish.
   */
  public static IdTokenPublishTrigger fromApplicationDefault(URI publishUrl) {
    return new IdTokenPublishTrigger(
        publishUrl,
        new AdcIdTokens(publishUrl.toString()),
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
        Duration.ofSeconds(120));
  }

  @Override
  public void requestPublish(String reason) {
    try {
      String token = idToken.get();
      HttpRequest request =
          HttpRequest.newBuilder(publishUrl)
              .timeout(timeout)
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{}"))
              .build();
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 == 2) {
        LOG.info(() -> "site published after " + reason);
      } else {
        LOG.warning(
            "publish-site answered "
                + response.statusCode()
                + " after "
                + reason
                + "; the daily publish will show the change");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warning("publish request interrupted after " + reason);
    } catch (IOException | RuntimeException e) {
      // The message only: an exception from the credentials library never carries the token itself.
      LOG.log(Level.WARNING, "could not request a publish after " + reason + ": " + e.getMessage());
    }
  }

  /**
   * How the tokens are asked for. {@code FORMAT_FULL}: the metadata server of a Cloud Function
   * (Compute Engine credentials) leaves out {@code email} and {@code email_verified} unless asked
   * for {@code format=full}, and {@code publish-site}'s authenticator identifies the caller by that
   * email. {@code INCLUDE_EMAIL} does the same for impersonated credentials (a developer running a
   * function as its service account); key-file credentials always include it.
   */
  static final List<IdTokenProvider.Option> TOKEN_OPTIONS =
      List.of(IdTokenProvider.Option.FORMAT_FULL, IdTokenProvider.Option.INCLUDE_EMAIL);

  /**
   * ID tokens for one audience from application default credentials, refreshed by the library when
   * near expiry.
   */
  static final class AdcIdTokens implements Supplier<String> {
    private final String audience;
    private final Callable<GoogleCredentials> source;
    private IdTokenCredentials credentials;

    AdcIdTokens(String audience) {
      this(audience, GoogleCredentials::getApplicationDefault);
    }

    /**
     * @param source the credentials to mint with (tests: Compute Engine credentials against a
     *     stand-in)
     */
    AdcIdTokens(String audience, Callable<GoogleCredentials> source) {
      this.audience = audience;
      this.source = source;
    }

    @Override
    public synchronized String get() {
      try {
        if (credentials == null) {
          GoogleCredentials adc = source.call();
          if (!(adc instanceof IdTokenProvider provider)) {
            throw new IllegalStateException(
                "the application default credentials cannot mint ID tokens");
          }
          credentials =
              IdTokenCredentials.newBuilder()
                  .setIdTokenProvider(provider)
                  .setTargetAudience(audience)
                  .setOptions(TOKEN_OPTIONS)
                  .build();
        }
        credentials.refreshIfExpired();
        return credentials.getIdToken().getTokenValue();
      } catch (IOException e) {
        throw new IllegalStateException("cannot get an ID token: " + e.getMessage(), e);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("cannot get credentials: " + e.getMessage(), e);
      }
    }
  }
}
