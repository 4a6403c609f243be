package dev.trustcenter.evidence;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Ed25519 with the JDK's own provider (Java 15+): raw keys to and from their X.509 form, and
 * verification.
 */
public final class Ed25519 {
  /**
   * The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the raw 32-byte key follows it.
   */
  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private Ed25519() {}

  /** The raw key of an X.509 (SubjectPublicKeyInfo) encoded Ed25519 public key. */
  public static byte[] rawPublicKey(byte[] spki) {
    if (spki.length != SPKI_PREFIX.length + 32
        || !Arrays.equals(Arrays.copyOf(spki, SPKI_PREFIX.length), SPKI_PREFIX)) {
      throw new IllegalArgumentException("not an Ed25519 public key");
    }
    return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
  }

  /** The X.509 (SubjectPublicKeyInfo) encoding of a raw Ed25519 public key. */
  public static byte[] spki(byte[] raw) {
    if (raw.length != 32) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
    }
    byte[] out = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
    System.arraycopy(raw, 0, out, SPKI_PREFIX.length, 32);
    return out;
  }

  /** Whether {@code signature} is {@code publicKey}'s signature of {@code message}. */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    try {
      PublicKey key =
          KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki(publicKey)));
      Signature v = Signature.getInstance("Ed25519");
      v.initVerify(key);
      v.update(message);
      return v.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
