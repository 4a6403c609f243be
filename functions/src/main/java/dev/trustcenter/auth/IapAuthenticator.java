package dev.trustcenter.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
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
import java.util.Objects;
import java.util.Set;

/**
 * Verifies the signed header that Identity-Aware Proxy adds to every request it lets through
 * ({@value #HEADER}), as Google documents under "Securing your app with signed headers": an ES256
 * JWT from issuer {@value #ISSUER} whose audience is the backend service ({@code
 * /projects/NUMBER/global/backendServices/ID}), signed by a key of IAP's JWKS (fetched and cached
 * like {@link OidcAuthenticator}'s), with {@code exp} and {@code iat} judged with at most 60 s of
 * clock skew. The {@code email} claim must be one of the admins; emails compare ignoring ASCII case
 * only (no Unicode case folding, so no dotless-i or Kelvin-sign look-alikes pass).
 *
 * <p>Checking the header in the function, not only at the proxy, means a request that reaches the
 * function some other way (its own URL, a misconfigured backend) is not trusted for lack of a
 * header.
 */
public final class IapAuthenticator {
  /** The header IAP adds. */
  public static final String HEADER = "x-goog-iap-jwt-assertion";

  static final String ISSUER = "https://cloud.google.com/iap";
  static final int MAX_CLOCK_SKEW_SECONDS = 60;

  private final DefaultJWTProcessor<SecurityContext> processor;
  private final Set<String> admins;
  private final Clock clock;

  /**
   * @param audience the backend service's audience, {@code
   *     /projects/NUMBER/global/backendServices/ID}
   * @param jwksUrl IAP's public keys ({@code https://www.gstatic.com/iap/verify/public_key-jwk})
   * @param adminEmails who may pass
   */
  public IapAuthenticator(String audience, URI jwksUrl, List<String> adminEmails, Clock clock) {
    Objects.requireNonNull(audience, "audience");
    this.clock = Objects.requireNonNull(clock);
    this.admins = new HashSet<>();
    adminEmails.forEach(e -> admins.add(Emails.asciiLowerCase(e)));
    JwksCache keys = JwksCache.at(jwksUrl, clock);
    processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            audience,
            new JWTClaimsSet.Builder().issuer(ISSUER).build(),
            Set.of("iss", "aud", "exp", "iat", "email")) {
          @Override
          protected Date currentTime() {
            return Date.from(clock.instant());
          }
        };
    claims.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
    processor.setJWTClaimsSetVerifier(claims);
  }

  /**
   * @param assertion the value of {@value #HEADER}
   * @return the admin IAP let through
   * @throws AuthException 401 for a missing, malformed, forged, expired or misdirected assertion;
   *     403 for a valid one of someone who is not an admin
   */
  public Principal authenticate(String assertion) throws AuthException {
    if (assertion == null || assertion.isBlank()) {
      throw AuthException.unauthenticated("missing IAP assertion");
    }
    JWT jwt;
    try {
      jwt = JWTParser.parse(assertion.trim());
    } catch (ParseException e) {
      throw AuthException.unauthenticated("the IAP assertion is not a JWT");
    }
    if (!(jwt instanceof SignedJWT signed)
        || !JWSAlgorithm.ES256.equals(signed.getHeader().getAlgorithm())) {
      throw AuthException.unauthenticated("the IAP assertion must be signed with ES256");
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(signed, null);
    } catch (BadJOSEException e) {
      throw AuthException.unauthenticated(
          "the IAP assertion was rejected: " + OidcAuthenticator.reason(e));
    } catch (JOSEException e) {
      throw AuthException.unauthenticated("the IAP assertion could not be verified");
    }
    Date iat = claims.getIssueTime();
    Instant now = clock.instant();
    if (iat == null || iat.toInstant().isAfter(now.plusSeconds(MAX_CLOCK_SKEW_SECONDS))) {
      throw AuthException.unauthenticated("the IAP assertion was issued in the future");
    }
    String email;
    try {
      email = claims.getStringClaim("email");
    } catch (ParseException e) {
      throw AuthException.unauthenticated("the IAP assertion's email claim is malformed");
    }
    if (email == null || email.isBlank()) {
      throw AuthException.unauthenticated("the IAP assertion has no email");
    }
    if (!admins.contains(Emails.asciiLowerCase(email))) {
      throw AuthException.forbidden(email);
    }
    return new Principal(email, false);
  }
}
