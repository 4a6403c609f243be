package dev.trustcenter.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Identity-Aware Proxy for tests: EC P-256 keys made here, their public halves served as IAP's JWKS
 * (Google's shape: {@code
 * {"keys":[{"kty":"EC","alg":"ES256","use":"sig","kid":...,"crv":"P-256","x":...,"y":...}]}}) by a
 * MockWebServer, and assertions shaped like the {@code x-goog-iap-jwt-assertion} header IAP adds.
 */
public final class TestIap {
  public static final String AUDIENCE =
      "/projects/123456789012/global/backendServices/9876543210987654321";
  public static final String ISSUER = "https://cloud.google.com/iap";

  private final List<JWK> published = new ArrayList<>();

  public TestIap(MockWebServer server) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String body;
            synchronized (published) {
              body = new JWKSet(new ArrayList<>(published)).toString();
            }
            return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
          }
        });
  }

  /** A new ES256 key, not yet published. */
  public static ECKey newKey(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256)
          .keyID(kid)
          .algorithm(JWSAlgorithm.ES256)
          .keyUse(KeyUse.SIGNATURE)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public void publish(ECKey key) {
    synchronized (published) {
      published.add(key.toPublicJWK());
    }
  }

  /** IAP's claims for {@code email}: iss, aud, sub, email, hd, iat and exp ten minutes later. */
  public static JWTClaimsSet.Builder claims(String email, Instant now) {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject("accounts.google.com:110169484474386276334")
        .claim("email", email)
        .claim("hd", "example.com")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(600)));
  }

  public static String sign(ECKey key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new ECDSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
