package dev.trustcenter.auth;

import static dev.trustcenter.auth.TestIssuer.ADMIN;
import static dev.trustcenter.auth.TestIssuer.AUDIENCE;
import static dev.trustcenter.auth.TestIssuer.ISSUER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.PlainJWT;
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
 * The authentication matrix of Google ID tokens, with keys generated here and a JWKS served by
 * MockWebServer.
 */
class OidcAuthenticatorTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  private TestIssuer issuer;
  private RSAKey key;
  private OidcAuthenticator auth;

  @BeforeEach
  void setUp() {
    issuer = new TestIssuer(server);
    key = issuer.newKey("key-1", true);
    auth = authenticator(ISSUER, List.of("other-audience", AUDIENCE));
  }

  private OidcAuthenticator authenticator(String iss, List<String> audiences) {
    return new OidcAuthenticator(
        iss,
        URI.create(server.url("/oauth2/v3/certs").toString()),
        audiences,
        List.of("Admin@Example.com", "second@example.com"),
        clock);
  }

  private String token(UnaryOperator<com.nimbusds.jwt.JWTClaimsSet.Builder> change) {
    return TestIssuer.sign(key, ADMIN, clock.instant(), change);
  }

  private AuthException rejected(String header) {
    return assertThrows(AuthException.class, () -> auth.authenticate(header));
  }

  private void assertUnauthenticated(String header, String reasonPart) {
    AuthException e = rejected(header);
    assertFalse(e.isForbidden(), "must be 401, not 403");
    assertTrue(e.getMessage().contains(reasonPart), e.getMessage());
    if (header != null && header.length() > 7) {
      assertFalse(
          e.getMessage().contains(header.substring(7)), "the token must not appear in the message");
    }
  }

  @Test
  void validAdminToken_isAccepted_withTheVerifiedEmail() throws Exception {
    Principal p = auth.authenticate("Bearer " + token(b -> b));
    assertEquals(ADMIN, p.email());
    assertFalse(p.viaDevToken());
  }

  @Test
  void googlesShortIssuerForm_isAccepted() throws Exception {
    assertEquals(
        ADMIN, auth.authenticate("Bearer " + token(b -> b.issuer("accounts.google.com"))).email());
  }

  @Test
  void noTokenOrNotBearer_is401() {
    assertUnauthenticated(null, "missing");
    assertUnauthenticated("", "missing");
    assertUnauthenticated("Basic YWRtaW46cGFzcw==", "missing");
    assertUnauthenticated("Bearer ", "missing");
  }

  @Test
  void garbage_is401() {
    assertUnauthenticated("Bearer not-a-jwt", "not a JWT");
    assertUnauthenticated("Bearer aaaa.bbbb.cccc", "not a JWT");
  }

  @Test
  void expired_beyondTheSkew_is401_butWithinTheSkewIsAccepted() throws Exception {
    Instant now = clock.instant();
    assertUnauthenticated(
        "Bearer "
            + token(
                b ->
                    b.issueTime(Date.from(now.minusSeconds(3000)))
                        .expirationTime(Date.from(now.minusSeconds(61)))),
        "expired");
    auth.authenticate(
        "Bearer "
            + token(
                b ->
                    b.issueTime(Date.from(now.minusSeconds(3000)))
                        .expirationTime(Date.from(now.minusSeconds(50)))));
  }

  @Test
  void aTenYearToken_is401_thoughValidNow() {
    Instant now = clock.instant();
    assertUnauthenticated(
        "Bearer "
            + token(
                b ->
                    b.issueTime(Date.from(now.minusSeconds(60)))
                        .expirationTime(Date.from(now.plus(Duration.ofDays(3653))))),
        "lifetime");
    assertUnauthenticated(
        "Bearer " + token(b -> b.expirationTime(Date.from(now.plusSeconds(3600 + 61)))),
        "lifetime");
  }

  @Test
  void anHourLongTokenWithSkew_isAccepted() throws Exception {
    Instant now = clock.instant();
    auth.authenticate(
        "Bearer " + token(b -> b.expirationTime(Date.from(now.plusSeconds(3600 + 60)))));
  }

  @Test
  void aTokenWithoutIat_is401() {
    assertUnauthenticated(
        "Bearer "
            + token(
                b ->
                    b.issueTime(null)
                        .expirationTime(Date.from(clock.instant().plus(Duration.ofDays(3653))))),
        "rejected");
  }

  @Test
  void lookAlikeAddresses_doNotMatchTheAllowList_withoutUnicodeCaseFolding() {
    // KELVIN SIGN lower-cases to 'k'; U+0130 and U+0131 are the Turkish dotted capital and dotless
    // small i.
    for (String email :
        List.of(
            "\u212Aate@example.com",
            "\u0130nes@example.com",
            "\u0131nes@example.com",
            "Adm\u0130n@Example.com",
            "adm\u0131n@example.com")) {
      OidcAuthenticator a =
          new OidcAuthenticator(
              ISSUER,
              URI.create(server.url("/oauth2/v3/certs").toString()),
              List.of(AUDIENCE),
              List.of(
                  "kate@example.com", "ines@example.com", "INES@example.com", "admin@example.com"),
              clock);
      AuthException e =
          assertThrows(
              AuthException.class,
              () ->
                  a.authenticate("Bearer " + TestIssuer.sign(key, email, clock.instant(), b -> b)),
              email);
      assertTrue(e.isForbidden(), email + " is a verified address, but not an allowed one");
    }
  }

  @Test
  void asciiCaseDifferences_stillMatch() throws Exception {
    assertEquals(
        "ADMIN@example.COM",
        auth.authenticate(
                "Bearer " + TestIssuer.sign(key, "ADMIN@example.COM", clock.instant(), b -> b))
            .email());
  }

  @Test
  void notYetValid_is401() {
    Instant now = clock.instant();
    assertUnauthenticated(
        "Bearer " + token(b -> b.notBeforeTime(Date.from(now.plusSeconds(120)))), "not yet valid");
  }

  @Test
  void issuedInTheFuture_beyondTheSkew_is401() {
    Instant now = clock.instant();
    assertUnauthenticated(
        "Bearer "
            + token(
                b ->
                    b.issueTime(Date.from(now.plusSeconds(300)))
                        .expirationTime(Date.from(now.plusSeconds(3900)))),
        "future");
  }

  @Test
  void wrongIssuer_is401() {
    assertUnauthenticated("Bearer " + token(b -> b.issuer("https://evil.example.com")), "issuer");
  }

  @Test
  void wrongAudience_is401() {
    assertUnauthenticated(
        "Bearer " + token(b -> b.audience("https://someone-else.example.com")), "audience");
  }

  @Test
  void missingRequiredClaims_are401() {
    assertUnauthenticated("Bearer " + token(b -> b.expirationTime(null)), "rejected");
    assertUnauthenticated("Bearer " + token(b -> b.claim("email", null)), "rejected");
  }

  @Test
  void algNone_is401() {
    String unsigned = new PlainJWT(TestIssuer.claims(ADMIN, clock.instant()).build()).serialize();
    assertUnauthenticated("Bearer " + unsigned, "RS256");
  }

  @Test
  void hs256SignedWithThePublicKeyBytes_is401() throws Exception {
    SignedJWT forged =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(),
            TestIssuer.claims(ADMIN, clock.instant()).build());
    forged.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
    assertUnauthenticated("Bearer " + forged.serialize(), "RS256");
  }

  @Test
  void signedByAKeyTheIssuerNeverPublished_is401() {
    RSAKey stranger = issuer.newKey("key-1", false);
    assertUnauthenticated(
        "Bearer " + TestIssuer.sign(stranger, ADMIN, clock.instant(), b -> b), "signature");
  }

  @Test
  void unknownKeyId_is401() {
    RSAKey unknown = issuer.newKey("key-unknown", false);
    assertUnauthenticated(
        "Bearer " + TestIssuer.sign(unknown, ADMIN, clock.instant(), b -> b), "signature or key");
  }

  @Test
  void tamperedPayload_is401() {
    String[] parts = token(b -> b).split("\\.");
    String other =
        TestIssuer.sign(key, "second@example.com", clock.instant(), b -> b).split("\\.")[1];
    assertUnauthenticated(
        "Bearer " + parts[0] + "." + other.substring(0, other.length() - 2) + "AA." + parts[2], "");
  }

  @Test
  void unverifiedEmail_is401() {
    assertUnauthenticated("Bearer " + token(b -> b.claim("email_verified", false)), "not verified");
    assertUnauthenticated("Bearer " + token(b -> b.claim("email_verified", null)), "not verified");
  }

  @Test
  void nonAdminEmail_is403_namingTheVerifiedEmail() {
    AuthException e =
        rejected("Bearer " + TestIssuer.sign(key, "mallory@example.com", clock.instant(), b -> b));
    assertTrue(e.isForbidden());
    assertEquals("mallory@example.com", e.email());
  }

  @Test
  void adminListIsCaseInsensitive() throws Exception {
    assertEquals(
        "ADMIN@example.COM",
        auth.authenticate(
                "Bearer " + TestIssuer.sign(key, "ADMIN@example.COM", clock.instant(), b -> b))
            .email());
  }

  @Test
  void customIssuer_isHonoured_andGooglesIsThenRejected() throws Exception {
    OidcAuthenticator custom = authenticator("https://issuer.test", List.of(AUDIENCE));
    assertEquals(
        ADMIN,
        custom.authenticate("Bearer " + token(b -> b.issuer("https://issuer.test"))).email());
    AuthException e =
        assertThrows(AuthException.class, () -> custom.authenticate("Bearer " + token(b -> b)));
    assertFalse(e.isForbidden());
  }

  @Test
  void jwks_isCached_andFetchedAgainForAnUnknownKeyId_atMostOnceAMinute() throws Exception {
    auth.authenticate("Bearer " + token(b -> b));
    auth.authenticate("Bearer " + token(b -> b));
    assertEquals(1, server.getRequestCount(), "known key ids are served from the cache");

    // The issuer rotates: a new key appears. Within the first minute after the last fetch, no new
    // fetch.
    RSAKey rotated = issuer.newKey("key-2", true);
    clock.advance(Duration.ofSeconds(30));
    assertThrows(
        AuthException.class,
        () ->
            auth.authenticate(
                "Bearer " + TestIssuer.sign(rotated, ADMIN, clock.instant(), b -> b)));
    assertEquals(1, server.getRequestCount(), "no refetch within a minute of the last fetch");

    clock.advance(Duration.ofSeconds(31));
    assertEquals(
        ADMIN,
        auth.authenticate("Bearer " + TestIssuer.sign(rotated, ADMIN, clock.instant(), b -> b))
            .email());
    assertEquals(2, server.getRequestCount(), "an unknown key id makes it fetch the keys again");

    // A flood of made-up key ids right after that costs no further fetches.
    RSAKey madeUp = issuer.newKey("made-up", false);
    for (int i = 0; i < 20; i++) {
      assertThrows(
          AuthException.class,
          () ->
              auth.authenticate(
                  "Bearer " + TestIssuer.sign(madeUp, ADMIN, clock.instant(), b -> b)));
    }
    assertEquals(2, server.getRequestCount());
    clock.advance(Duration.ofSeconds(59));
    assertThrows(
        AuthException.class,
        () ->
            auth.authenticate("Bearer " + TestIssuer.sign(madeUp, ADMIN, clock.instant(), b -> b)));
    assertEquals(2, server.getRequestCount());
    clock.advance(Duration.ofSeconds(2));
    assertThrows(
        AuthException.class,
        () ->
            auth.authenticate("Bearer " + TestIssuer.sign(madeUp, ADMIN, clock.instant(), b -> b)));
    assertEquals(3, server.getRequestCount(), "one fetch per minute at most");

    // Known keys keep working from the cache meanwhile.
    auth.authenticate("Bearer " + token(b -> b));
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void cachedKeys_areRefreshedAfterAnHour() throws Exception {
    auth.authenticate("Bearer " + token(b -> b));
    clock.advance(Duration.ofMinutes(61));
    auth.authenticate("Bearer " + token(b -> b));
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void issuerUnreachable_is401_notAnError() throws Exception {
    server.close();
    assertUnauthenticated("Bearer " + token(b -> b), "could not be verified");
  }
}
