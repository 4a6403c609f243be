package dev.trustcenter.notices;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook delivery: {@code X-TrustCenter-Signature: t=<unix seconds>,v1=<hex>}
 * where the hex is HMAC-SHA256 with the subscriber's secret over {@code <t>.<body>}. Signing the
 * timestamp with the body lets receivers refuse replays older than a few minutes (the scheme Stripe
 * made familiar).
 */
public final class WebhookSignature {
  public static final String HEADER = "X-TrustCenter-Signature";

  private WebhookSignature() {}

  /** The header value for {@code body} sent at {@code epochSeconds}. */
  public static String header(long epochSeconds, String body, byte[] secret) {
    return "t="
        + epochSeconds
        + ",v1="
        + HexFormat.of().formatHex(hmac(secret, epochSeconds + "." + body));
  }

  /** Whether {@code header} is a valid signature of {@code body} (constant-time comparison). */
  public static boolean verify(String header, String body, byte[] secret) {
    if (header == null) {
      return false;
    }
    String t = null;
    String v1 = null;
    for (String part : header.split(",")) {
      String p = part.trim();
      if (p.startsWith("t=")) {
        t = p.substring(2);
      } else if (p.startsWith("v1=")) {
        v1 = p.substring(3);
      }
    }
    if (t == null || v1 == null || !t.matches("[0-9]{1,12}")) {
      return false;
    }
    byte[] expected =
        HexFormat.of().formatHex(hmac(secret, t + "." + body)).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII));
  }

  static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
