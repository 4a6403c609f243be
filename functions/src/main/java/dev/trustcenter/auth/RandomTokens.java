package dev.trustcenter.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random tokens and their hashes, shared by grants, subscriptions and rate-limit keys. */
public final class RandomTokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomTokens() {}

  /** {@code n} random bytes, base64url without padding. */
  public static String randomToken(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** {@code n} random bytes as lower-case hex. */
  public static String randomHex(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Constant-time equality of two hex digests. */
  public static boolean sameHash(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }
}
