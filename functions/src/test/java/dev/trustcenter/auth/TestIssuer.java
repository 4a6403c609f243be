package dev.trustcenter.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * An OpenID Connect issuer for tests: RSA keys generated here, the public ones served as a JWKS
 * (Google's shape: {@code
 * {"keys":[{"kty":"RSA","alg":"RS256","use":"sig","kid":...,"n":...,"e":"AQAB"}]}}) by a
 * MockWebServer, and ID tokens shaped like Google's.
 */
public final class TestIssuer {
  public static final String ISSUER = "https://accounts.google.com";
  public static final String AUDIENCE = "32555940559.apps.googleusercontent.com";
  public static final String ADMIN = "admin@example.com";

  private final List<RSAKey> published = new ArrayList<>();

  public TestIssuer(MockWebServer server) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String body;
            synchronized (published) {
              body =
                  new JWKSet(
                          new ArrayList<>(
                              published.stream()
                                  .map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK())
                                  .toList()))
                      .toString();
            }
            return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json; charset=UTF-8")
                .setHeader("Cache-Control", "public, max-age=21410, must-revalidate, no-transform")
                .body(body)
                .build();
          }
        });
  }

  /** A new signing key; published in the JWKS when {@code publish}. */
  public RSAKey newKey(String kid, boolean publish) {
    try {
      RSAKey key =
          new RSAKeyGenerator(2048)
              .keyID(kid)
              .algorithm(JWSAlgorithm.RS256)
              .keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE)
              .generate();
      if (publish) {
        publish(key);
      }
      return key;
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public void publish(RSAKey key) {
    synchronized (published) {
      published.add(key);
    }
  }

  /** Google-shaped claims for {@code email}, issued at {@code now}, valid for an hour. */
  public static JWTClaimsSet.Builder claims(String email, Instant now) {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject("110169484474386276334")
        .claim("azp", AUDIENCE)
        .claim("email", email)
        .claim("email_verified", true)
        .claim("at_hash", "X_B3Z3Fi4udZ2mf75RWo3w")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(3600)));
  }

  /** An RS256 token signed by {@code key}. */
  public static String sign(RSAKey key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .keyID(key.getKeyID())
                  .type(com.nimbusds.jose.JOSEObjectType.JWT)
                  .build(),
              claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sign(
      RSAKey key, String email, Instant now, UnaryOperator<JWTClaimsSet.Builder> change) {
    return sign(key, change.apply(claims(email, now)).build());
  }
}
