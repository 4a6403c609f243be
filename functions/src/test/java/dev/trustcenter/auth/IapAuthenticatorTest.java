package dev.trustcenter.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.trustcenter.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token matrix of Identity-Aware Proxy's signed header: EC P-256 keys made here, their public
 * halves served as IAP's JWKS (Google's shape: {@code
 * {"keys":[{"kty":"EC","alg":"ES256","use":"sig","kid":...,"crv":"P-256",...}]}}) by a
 * MockWebServer, and assertions shaped like IAP's.
 */
class IapAuthenticatorTest {
  static final String AUDIENCE = TestIap.AUDIENCE;
  static final String ADMIN = "admin@example.com";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  private TestIap iap;
  private ECKey key;
  private IapAuthenticator auth;

  @BeforeEach
  void setUp() {
    iap = new TestIap(server);
    key = TestIap.newKey("iap-1");
    iap.publish(key);
    auth =
        new IapAuthenticator(
            AUDIENCE,
            URI.create(server.url("/iap/verify/public_key-jwk").toString()),
            List.of("Admin@Example.com", "second@example.com"),
            clock);
  }

  private static ECKey ecKey(String kid) {
    return TestIap.newKey(kid);
  }

  private void publish(ECKey k) {
    iap.publish(k);
  }

  private JWTClaimsSet.Builder claims(String email) {
    return TestIap.claims(email, clock.instant());
  }

  private static String sign(ECKey k, JWTClaimsSet claims) {
    return TestIap.sign(k, claims);
  }

  private String assertion(UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
    return sign(key, change.apply(claims(ADMIN)).build());
  }

  private void assertUnauthenticated(String assertion, String reasonPart) {
    AuthException e = assertThrows(AuthException.class, () -> auth.authenticate(assertion));
    assertFalse(e.isForbidden(), "must be 401, not 403: " + e.getMessage());
    assertTrue(e.getMessage().contains(reasonPart), e.getMessage());
    String signature = assertion == null ? "" : assertion.substring(assertion.lastIndexOf('.') + 1);
    if (signature.length() > 20) {
      assertFalse(e.getMessage().contains(signature), "no signature in the message");
    }
  }

  @Test
  void aValidAssertionOfAnAdmin_isAccepted_withItsEmail() throws Exception {
    Principal p = auth.authenticate(assertion(b -> b));
    assertEquals(ADMIN, p.email());
    assertFalse(p.viaDevToken());
  }

  @Test
  void adminEmails_compareIgnoringAsciiCaseOnly() throws Exception {
    assertEquals(
        "ADMIN@example.COM",
        auth.authenticate(sign(key, claims("ADMIN@example.COM").build())).email());
    // U+212A KELVIN SIGN lower-cases to "k" under Unicode rules: it must not pass as an ASCII k.
    String kelvin = "\u212Aelvin@example.com";
    auth =
        new IapAuthenticator(
            AUDIENCE,
            URI.create(server.url("/k").toString()),
            List.of("kelvin@example.com"),
            clock);
    AuthException e =
        assertThrows(
            AuthException.class, () -> auth.authenticate(sign(key, claims(kelvin).build())));
    assertTrue(e.isForbidden());
    // U+0130 (I with dot) lower-cases to "i" plus a combining dot; an admin "i..." must not match
    // it either.
    auth =
        new IapAuthenticator(
            AUDIENCE, URI.create(server.url("/k").toString()), List.of("info@example.com"), clock);
    assertTrue(
        assertThrows(
                AuthException.class,
                () -> auth.authenticate(sign(key, claims("\u0130nfo@example.com").build())))
            .isForbidden());
    assertEquals(
        "INFO@example.com",
        auth.authenticate(sign(key, claims("INFO@example.com").build())).email());
  }

  @Test
  void forged_signedByAKeyNotPublished_butNamingAPublishedKeyId_is401() throws Exception {
    ECKey forger = new ECKeyGenerator(Curve.P_256).keyID("iap-1").generate();
    assertUnauthenticated(sign(forger, claims(ADMIN).build()), "signature or key not accepted");
  }

  @Test
  void forged_withATamperedPayload_is401() throws Exception {
    String good = assertion(b -> b);
    String[] parts = good.split("\\.");
    String otherPayload = sign(key, claims("second@example.com").build()).split("\\.")[1];
    assertUnauthenticated(parts[0] + "." + otherPayload + "." + parts[2], "rejected");
  }

  @Test
  void forged_withAlgNoneOrRs256_is401() throws Exception {
    String payload =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(claims(ADMIN).build().toString().getBytes());
    assertUnauthenticated("eyJhbGciOiJub25lIn0." + payload + ".", "ES256");
    RSAKey rsa = new RSAKeyGenerator(2048).keyID("iap-1").generate();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("iap-1").build(),
            claims(ADMIN).build());
    jwt.sign(new RSASSASigner(rsa));
    assertUnauthenticated(jwt.serialize(), "ES256");
    assertUnauthenticated("not-a-jwt", "not a JWT");
    assertUnauthenticated(null, "missing");
    assertUnauthenticated("  ", "missing");
  }

  @Test
  void wrongAudience_is401() throws Exception {
    assertUnauthenticated(
        assertion(b -> b.audience("/projects/123456789012/global/backendServices/1")),
        "wrong audience");
    assertUnauthenticated(
        assertion(b -> b.audience("32555940559.apps.googleusercontent.com")), "wrong audience");
  }

  @Test
  void wrongIssuer_is401() throws Exception {
    assertUnauthenticated(assertion(b -> b.issuer("https://accounts.google.com")), "wrong issuer");
    assertUnauthenticated(
        assertion(b -> b.issuer("https://cloud.google.com/iap/")), "wrong issuer");
  }

  @Test
  void expired_is401_withinSkewIsAccepted() throws Exception {
    String a = assertion(b -> b);
    clock.advance(Duration.ofSeconds(600 + 30));
    assertEquals(ADMIN, auth.authenticate(a).email(), "30 s past exp is within the 60 s skew");
    clock.advance(Duration.ofSeconds(60));
    assertUnauthenticated(a, "expired");
  }

  @Test
  void issuedInTheFuture_is401() throws Exception {
    assertUnauthenticated(
        assertion(
            b ->
                b.issueTime(Date.from(clock.instant().plusSeconds(300)))
                    .expirationTime(Date.from(clock.instant().plusSeconds(900)))),
        "");
  }

  @Test
  void unknownKeyId_is401_andTheKeysAreFetchedAgainAtMostOncePerMinute() throws Exception {
    auth.authenticate(assertion(b -> b)); // first fetch
    int before = server.getRequestCount();
    ECKey unknown = ecKey("iap-unknown");
    assertUnauthenticated(sign(unknown, claims(ADMIN).build()), "signature or key not accepted");
    assertUnauthenticated(sign(unknown, claims(ADMIN).build()), "signature or key not accepted");
    assertTrue(server.getRequestCount() - before <= 1, "at most one refetch within a minute");
    // IAP rotates: the new key is published and accepted once the interval has passed.
    publish(unknown);
    clock.advance(Duration.ofMinutes(2));
    assertEquals(ADMIN, auth.authenticate(sign(unknown, claims(ADMIN).build())).email());
  }

  @Test
  void validAssertionOfSomeoneNotAnAdmin_is403_namingThem() throws Exception {
    AuthException e =
        assertThrows(
            AuthException.class,
            () -> auth.authenticate(sign(key, claims("intruder@example.com").build())));
    assertTrue(e.isForbidden());
    assertEquals("intruder@example.com", e.email());
  }

  @Test
  void missingEmail_is401() throws Exception {
    assertUnauthenticated(sign(key, claims(ADMIN).claim("email", null).build()), "rejected");
  }
}
