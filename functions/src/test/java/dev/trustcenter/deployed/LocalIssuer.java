package dev.trustcenter.deployed;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.trustcenter.auth.TestIssuer;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * Google's token side, locally: one signing key, its JWKS (the functions' {@code OIDC_JWKS_URL}),
 * and tokens shaped exactly like those the deployed functions receive: from a function's metadata
 * server ({@link #metadataServer}, standard and {@code format=full}), from Cloud Scheduler's {@code
 * oidc_token}, and a user's {@code gcloud auth print-identity-token}.
 */
final class LocalIssuer implements AutoCloseable {
  static final String ISSUER = "https://accounts.google.com";

  private final MockWebServer jwks = new MockWebServer();
  private final RSAKey key;

  LocalIssuer() throws IOException {
    TestIssuer issuer = new TestIssuer(jwks);
    key = issuer.newKey("local-issuer-1", true);
    jwks.start();
  }

  String jwksUrl() {
    return jwks.url("/oauth2/v3/certs").toString();
  }

  /** A service account's numeric unique id, as Google puts it into {@code sub} and {@code azp}. */
  static String uniqueId(String email) {
    return "1" + String.format("%020d", Math.abs((long) email.hashCode()) * 7919L).substring(0, 20);
  }

  private static JWTClaimsSet.Builder base(String audience, String subject) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(audience)
        .claim("azp", subject)
        .subject(subject)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(3600)));
  }

  /** Cloud Scheduler's token for {@code oidc_token { service_account_email, audience }}. */
  String schedulerToken(String serviceAccount, String audience) {
    String id = uniqueId(serviceAccount);
    return TestIssuer.sign(
        key,
        base(audience, id).claim("email", serviceAccount).claim("email_verified", true).build());
  }

  /**
   * The metadata server's token for the instance's service account; email only with {@code
   * format=full}.
   */
  String metadataToken(String serviceAccount, String audience, boolean full) {
    JWTClaimsSet.Builder claims = base(audience, uniqueId(serviceAccount));
    if (full) {
      claims.claim("email", serviceAccount).claim("email_verified", true);
    }
    return TestIssuer.sign(key, claims.build());
  }

  /**
   * A user's ID token from {@code gcloud auth print-identity-token}: gcloud's client id as
   * audience.
   */
  String userToken(String email, String audience) {
    return TestIssuer.sign(
        key,
        base(audience, "110169484474386276334")
            .claim("azp", "32555940559.apps.googleusercontent.com")
            .claim("email", email)
            .claim("email_verified", true)
            .claim("at_hash", "X_B3Z3Fi4udZ2mf75RWo3w")
            .build());
  }

  /**
   * A metadata server for one function instance running as {@code serviceAccount} (its {@code
   * GCE_METADATA_HOST}): answers the credentials library's probe and ID token requests, and nothing
   * else (no access tokens: calls to Google APIs fail as they would without a grant).
   */
  MockWebServer metadataServer(String serviceAccount, String projectId) throws IOException {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            HttpUrl url = request.getUrl();
            String path = url.encodedPath();
            if (path.equals("/")) {
              return text(200, "computeMetadata/\n");
            }
            if (!"Google".equals(request.getHeaders().get("Metadata-Flavor"))) {
              return text(403, "Missing required header \"Metadata-Flavor\": \"Google\"");
            }
            switch (path) {
              case "/computeMetadata/v1/project/project-id":
                return text(200, projectId);
              case "/computeMetadata/v1/instance/service-accounts/default/email":
                return text(200, serviceAccount);
              case "/computeMetadata/v1/instance/service-accounts/default/identity":
                {
                  String audience = url.queryParameter("audience");
                  if (audience == null || audience.isEmpty()) {
                    return text(400, "non-empty audience parameter required");
                  }
                  return text(
                      200,
                      metadataToken(
                          serviceAccount, audience, "full".equals(url.queryParameter("format"))));
                }
              default:
                return text(404, "Not Found");
            }
          }
        });
    server.start();
    return server;
  }

  private static MockResponse text(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Metadata-Flavor", "Google")
        .setHeader("Content-Type", "application/text")
        .body(body)
        .build();
  }

  @Override
  public void close() {
    jwks.close();
  }
}
