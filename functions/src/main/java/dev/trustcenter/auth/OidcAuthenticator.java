package dev.trustcenter.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Verifies Google-signed OpenID Connect ID tokens ({@code Authorization: Bearer <id token>}) with
 * nimbus-jose-jwt: RS256 signatures only (so {@code alg: none} and HMAC tokens are rejected)
 * against the issuer's JWKS, which is cached and fetched again when a token names an unknown key
 * id, at most once a minute; {@code iss}, {@code aud}, {@code exp}, {@code nbf} and {@code iat}
 * with at most 60 s of clock skew; a lifetime ({@code exp - iat}) of at most an hour plus that
 * skew, as Google's ID tokens have; {@code email_verified}; and the email against an allow-list,
 * compared with ASCII-only case folding.
 */
public final class OidcAuthenticator implements Authenticator {
  /** Google's ID tokens carry either form of the issuer. */
  static final String GOOGLE_ISSUER = "https://accounts.google.com";

  static final int MAX_CLOCK_SKEW_SECONDS = 60;

  /**
   * Google's ID tokens live one hour; a token meant to live longer was not minted for signing in.
   */
  static final int MAX_LIFETIME_SECONDS = 3600;

  private final DefaultJWTProcessor<SecurityContext> processor;
  private final Set<String> allowedEmails;
  private final Set<String> issuers;
  private final Clock clock;

  /**
   * @param issuer the expected {@code iss}
   * @param jwksUrl where the issuer publishes its signing keys
   * @param audiences accepted {@code aud} values (one must match)
   * @param allowedEmails who may pass (compared ignoring ASCII case only)
   */
  public OidcAuthenticator(
      String issuer, URI jwksUrl, List<String> audiences, List<String> allowedEmails, Clock clock) {
    if (audiences.isEmpty()) {
      throw new IllegalArgumentException("at least one audience is required");
    }
    this.clock = clock;
    this.issuers =
        GOOGLE_ISSUER.equals(issuer)
            ? Set.of(GOOGLE_ISSUER, "accounts.google.com")
            : Set.of(issuer);
    this.allowedEmails = new HashSet<>();
    allowedEmails.forEach(e -> this.allowedEmails.add(Emails.asciiLowerCase(e)));
    JWKSource<SecurityContext> keys = JwksCache.at(jwksUrl, clock);
    processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            new HashSet<>(audiences), null, Set.of("iss", "aud", "exp", "iat", "email"), null) {
          // exp and nbf are judged on the same clock as iat and the key cache, not the system's.
          @Override
          protected Date currentTime() {
            return Date.from(clock.instant());
          }
        };
    claims.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
    processor.setJWTClaimsSetVerifier(claims);
  }

  @Override
  public Principal authenticate(String authorization) throws AuthException {
    String token = Authenticator.bearer(authorization);
    if (token == null) {
      throw AuthException.unauthenticated("missing bearer token");
    }
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      throw AuthException.unauthenticated("the token is not a JWT");
    }
    if (!(jwt instanceof SignedJWT signed)
        || !JWSAlgorithm.RS256.equals(signed.getHeader().getAlgorithm())) {
      throw AuthException.unauthenticated("the token must be signed with RS256");
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(signed, null);
    } catch (BadJOSEException e) {
      throw AuthException.unauthenticated("the token was rejected: " + reason(e));
    } catch (JOSEException e) {
      throw AuthException.unauthenticated("the token could not be verified");
    }
    if (!issuers.contains(claims.getIssuer())) {
      throw AuthException.unauthenticated("the token has the wrong issuer");
    }
    Date iat = claims.getIssueTime();
    Instant now = clock.instant();
    if (iat == null || iat.toInstant().isAfter(now.plusSeconds(MAX_CLOCK_SKEW_SECONDS))) {
      throw AuthException.unauthenticated("the token was issued in the future");
    }
    Date exp = claims.getExpirationTime();
    if (exp.getTime() - iat.getTime() > (MAX_LIFETIME_SECONDS + MAX_CLOCK_SKEW_SECONDS) * 1000L) {
      throw AuthException.unauthenticated("the token's lifetime exceeds one hour");
    }
    String email;
    Boolean verified;
    try {
      email = claims.getStringClaim("email");
      verified = claims.getBooleanClaim("email_verified");
    } catch (ParseException e) {
      throw AuthException.unauthenticated("the token's email claims are malformed");
    }
    if (email == null || !Boolean.TRUE.equals(verified)) {
      throw AuthException.unauthenticated("the token's email is not verified");
    }
    if (!allowedEmails.contains(Emails.asciiLowerCase(email))) {
      throw AuthException.forbidden(email);
    }
    return new Principal(email, false);
  }

  /** A short reason from nimbus's message, which never contains the token itself. */
  static String reason(Exception e) {
    String m = e.getMessage() == null ? "invalid" : e.getMessage().toLowerCase(Locale.ROOT);
    if (m.contains("expired")) {
      return "expired";
    }
    if (m.contains("before")) {
      return "not yet valid";
    }
    if (m.contains("iss claim")) {
      return "wrong issuer";
    }
    if (m.contains("aud")) {
      return "wrong audience";
    }
    if (m.contains("missing")) {
      return "required claims missing";
    }
    if (m.contains("key") || m.contains("signature") || m.contains("signed jwt rejected")) {
      return "signature or key not accepted";
    }
    return "invalid claims";
  }
}
