package dev.trustcenter.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.ComputeEngineCredentials;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.trustcenter.app.Services;
import dev.trustcenter.auth.AuthException;
import dev.trustcenter.auth.Authenticator;
import dev.trustcenter.auth.TestIssuer;
import dev.trustcenter.config.Config;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The function-to-function publish as deployed: the calling function's Compute Engine credentials
 * ask the metadata server (a MockWebServer answering like Google's, reached as {@code
 * metadata.google.internal} through it as a proxy) for an ID token, {@code IdTokenPublishTrigger}
 * sends it, and {@code publish-site}'s real task authenticator (built by {@link Services} from the
 * environment infra gives it) verifies it against the test issuer's keys. Also: Cloud Scheduler's
 * tokens pass, and the metadata server's standard-format token (no email) does not, which is why
 * the trigger asks for {@code format=full}.
 */
class MetadataServerIdTokenTest {
  static final String CALLER = "fn-trust-admin@my-trust-center.iam.gserviceaccount.com";
  static final String SCHEDULER = "trust-scheduler@my-trust-center.iam.gserviceaccount.com";
  static final String CALLER_UNIQUE_ID = "108327153093826719012";

  @StartStop private final MockWebServer jwks = new MockWebServer();
  @StartStop private final MockWebServer metadata = new MockWebServer();
  @StartStop private final MockWebServer publishSite = new MockWebServer();
  private final List<RecordedRequest> metadataRequests = new CopyOnWriteArrayList<>();
  private RSAKey key;
  private String publishUrl;

  @BeforeEach
  void setUp() {
    TestIssuer issuer = new TestIssuer(jwks);
    key = issuer.newKey("metadata-key-1", true);
    publishUrl = publishSite.url("/").toString().replaceAll("/$", "");
    metadata.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            metadataRequests.add(request);
            return metadataServer(request);
          }
        });
  }

  /**
   * Google's metadata server: {@code GET
   * /computeMetadata/v1/instance/service-accounts/default/identity?audience=} with {@code
   * Metadata-Flavor: Google}; the token names the service account only by its unique id unless
   * {@code format=full} adds {@code email} and {@code email_verified}.
   */
  private MockResponse metadataServer(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    if (!"Google".equals(request.getHeaders().get("Metadata-Flavor"))) {
      return new MockResponse.Builder()
          .code(403)
          .body("Missing required header \"Metadata-Flavor\"")
          .build();
    }
    if (!url.host().equals("metadata.google.internal")
        || !url.encodedPath()
            .equals("/computeMetadata/v1/instance/service-accounts/default/identity")) {
      return new MockResponse.Builder().code(404).build();
    }
    String audience = url.queryParameter("audience");
    if (audience == null || audience.isEmpty()) {
      return new MockResponse.Builder()
          .code(400)
          .body("non-empty audience parameter required")
          .build();
    }
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer("https://accounts.google.com")
            .audience(audience)
            .claim("azp", CALLER_UNIQUE_ID)
            .subject(CALLER_UNIQUE_ID)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(3600)));
    if ("full".equals(url.queryParameter("format"))) {
      claims.claim("email", CALLER).claim("email_verified", true);
    }
    return new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "text/html")
        .setHeader("Metadata-Flavor", "Google")
        .body(TestIssuer.sign(key, claims.build()))
        .build();
  }

  /**
   * publish-site's authenticator, wired by Services from the variables infra/functions.tf gives
   * publish-site.
   */
  private Authenticator publishSiteAuthenticator() {
    Config config =
        Config.fromEnvironment(
            Map.of(
                "OIDC_AUDIENCE",
                publishUrl,
                "OIDC_ISSUER",
                "https://accounts.google.com",
                "OIDC_JWKS_URL",
                jwks.url("/oauth2/v3/certs").toString(),
                "TASK_INVOKER_EMAILS",
                SCHEDULER + "," + CALLER));
    return new Services(config, null, Clock.systemUTC(), null).taskAuthenticator();
  }

  private ComputeEngineCredentials metadataCredentials() {
    NetHttpTransport viaStandIn =
        new NetHttpTransport.Builder().setProxy(metadata.getProxyAddress()).build();
    return ComputeEngineCredentials.newBuilder().setHttpTransportFactory(() -> viaStandIn).build();
  }

  @Test
  void aFunctionsMetadataServerTokenIsAcceptedByPublishSite() throws Exception {
    publishSite.enqueue(new MockResponse.Builder().code(200).body("{\"complete\":true}").build());
    var trigger =
        new IdTokenPublishTrigger(
            URI.create(publishUrl),
            new IdTokenPublishTrigger.AdcIdTokens(publishUrl, this::metadataCredentials),
            HttpClient.newHttpClient(),
            Duration.ofSeconds(10));

    trigger.requestPublish("admin write");

    RecordedRequest asked = metadataRequests.get(0);
    assertEquals(publishUrl, asked.getUrl().queryParameter("audience"));
    assertEquals(
        "full",
        asked.getUrl().queryParameter("format"),
        "the trigger must ask for the full format");
    RecordedRequest publish = publishSite.takeRequest(5, TimeUnit.SECONDS);
    String authorization = publish.getHeaders().get("Authorization");
    assertTrue(authorization != null && authorization.startsWith("Bearer "));
    assertEquals(CALLER, publishSiteAuthenticator().authenticate(authorization).email());
  }

  @Test
  void theMetadataServersStandardFormatIsRefusedForItsMissingEmail() throws Exception {
    String standard =
        metadataCredentials().idTokenWithAudience(publishUrl, List.of()).getTokenValue();
    assertFalse(metadataRequests.get(0).getUrl().queryParameterNames().contains("format"));
    AuthException e =
        assertThrows(
            AuthException.class,
            () -> publishSiteAuthenticator().authenticate("Bearer " + standard));
    assertFalse(e.getMessage().contains(standard));
  }

  @Test
  void cloudSchedulersTokenIsAccepted_andAnotherAccountOrAudienceIsNot() throws Exception {
    Instant now = Instant.now();
    // Cloud Scheduler's OIDC token for oidc_token { service_account_email, audience = the function
    // URL }.
    JWTClaimsSet scheduler =
        new JWTClaimsSet.Builder()
            .issuer("https://accounts.google.com")
            .audience(publishUrl)
            .claim("azp", "117442155092730185244")
            .subject("117442155092730185244")
            .claim("email", SCHEDULER)
            .claim("email_verified", true)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(3600)))
            .build();
    Authenticator auth = publishSiteAuthenticator();
    assertEquals(SCHEDULER, auth.authenticate("Bearer " + TestIssuer.sign(key, scheduler)).email());

    JWTClaimsSet other =
        new JWTClaimsSet.Builder(scheduler)
            .claim("email", "fn-trust-api@my-trust-center.iam.gserviceaccount.com")
            .build();
    assertThrows(
        AuthException.class, () -> auth.authenticate("Bearer " + TestIssuer.sign(key, other)));
    JWTClaimsSet wrongAudience =
        new JWTClaimsSet.Builder(scheduler).audience(publishUrl + "-other").build();
    assertThrows(
        AuthException.class,
        () -> auth.authenticate("Bearer " + TestIssuer.sign(key, wrongAudience)));
  }
}
