package dev.trustcenter.evidence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 keys: a text ending in a newline, a
 * blank line, and signature lines {@code — <name> <base64(key hash ‖ signature)>}. The key hash is
 * the first four bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key); the verifier key is written
 * {@code <name>+<key hash hex>+<base64(0x01 ‖ public key)>}.
 */
public final class SignedNote {
  private static final byte ED25519 = 0x01;
  private static final String DASH = "\u2014 ";

  private SignedNote() {}

  /** A verifier key: who signs and with which public key. */
  public record VerifierKey(String name, byte[] publicKey) {
    public VerifierKey {
      Objects.requireNonNull(name, "name");
      checkName(name);
      if (publicKey.length != 32) {
        throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
      }
      publicKey = publicKey.clone();
    }

    /** The 4-byte key hash that names this key in signature lines. */
    public byte[] keyHash() {
      MessageDigest d = Merkle.sha256();
      d.update(name.getBytes(StandardCharsets.UTF_8));
      d.update((byte) '\n');
      d.update(ED25519);
      d.update(publicKey);
      return Arrays.copyOf(d.digest(), 4);
    }

    /** The note key format: {@code <name>+<key hash>+<base64 key>}. */
    public String encoded() {
      byte[] typed = new byte[33];
      typed[0] = ED25519;
      System.arraycopy(publicKey, 0, typed, 1, 32);
      return name
          + "+"
          + HexFormat.of().formatHex(keyHash())
          + "+"
          + Base64.getEncoder().encodeToString(typed);
    }

    /** Parses the note key format, checking that the key hash matches name and key. */
    public static VerifierKey parse(String encoded) {
      // The name may not contain '+', the base64 key may: split at the first two.
      String text = encoded.strip();
      int a = text.indexOf('+');
      int b = a < 0 ? -1 : text.indexOf('+', a + 1);
      if (b < 0) {
        throw new IllegalArgumentException("a verifier key is <name>+<hash>+<key>");
      }
      String[] parts = {text.substring(0, a), text.substring(a + 1, b), text.substring(b + 1)};
      byte[] typed;
      try {
        typed = Base64.getDecoder().decode(parts[2]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the verifier key's key is not base64");
      }
      if (typed.length != 33 || typed[0] != ED25519) {
        throw new IllegalArgumentException("the verifier key is not an Ed25519 key");
      }
      VerifierKey key = new VerifierKey(parts[0], Arrays.copyOfRange(typed, 1, 33));
      if (!HexFormat.of().formatHex(key.keyHash()).equals(parts[1])) {
        throw new IllegalArgumentException(
            "the verifier key's hash does not match its name and key");
      }
      return key;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof VerifierKey k
          && k.name.equals(name)
          && Arrays.equals(k.publicKey, publicKey);
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + Arrays.hashCode(publicKey);
    }
  }

  /** The verifier key of {@code signer}. */
  public static VerifierKey verifierKey(NoteSigner signer) {
    return new VerifierKey(signer.name(), signer.publicKey());
  }

  /** {@code text} (ending in a newline) signed by {@code signer}. */
  public static String sign(String text, NoteSigner signer) {
    if (!text.endsWith("\n") || text.contains("\n\n") || text.isEmpty()) {
      throw new IllegalArgumentException("a note's text ends with a newline and has no blank line");
    }
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    byte[] signature = signer.sign(message);
    VerifierKey key = verifierKey(signer);
    if (signature.length != 64 || !Ed25519.verify(key.publicKey(), message, signature)) {
      throw new IllegalStateException(
          "the signer answered a signature its own public key does not verify");
    }
    byte[] blob = ByteBuffer.allocate(68).put(key.keyHash()).put(signature).array();
    return text + "\n" + DASH + key.name() + " " + Base64.getEncoder().encodeToString(blob) + "\n";
  }

  /**
   * The text of {@code note} if it carries a valid signature by {@code key}; signatures by other
   * keys are ignored, as the spec asks.
   *
   * @throws IllegalArgumentException naming what is wrong: malformed note, no signature by the key,
   *     bad signature
   */
  public static String open(String note, VerifierKey key) {
    int split = note.lastIndexOf("\n\n");
    if (split < 0 || !note.endsWith("\n")) {
      throw new IllegalArgumentException(
          "malformed signed note: no blank line before the signatures");
    }
    String text = note.substring(0, split + 1);
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    boolean found = false;
    for (String line : note.substring(split + 2).split("\n")) {
      if (!line.startsWith(DASH)) {
        throw new IllegalArgumentException("malformed signature line");
      }
      String[] parts = line.substring(DASH.length()).split(" ");
      if (parts.length != 2) {
        throw new IllegalArgumentException("malformed signature line");
      }
      byte[] blob;
      try {
        blob = Base64.getDecoder().decode(parts[1]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("malformed signature line: not base64");
      }
      if (!parts[0].equals(key.name())
          || blob.length < 4
          || !Arrays.equals(Arrays.copyOf(blob, 4), key.keyHash())) {
        continue;
      }
      found = true;
      if (blob.length != 68
          || !Ed25519.verify(key.publicKey(), message, Arrays.copyOfRange(blob, 4, 68))) {
        throw new IllegalArgumentException(
            "the signature by "
                + key.name()
                + " does not verify: the note was changed or signed by another key");
      }
    }
    if (!found) {
      throw new IllegalArgumentException(
          "the note carries no signature by "
              + key.name()
              + "+"
              + HexFormat.of().formatHex(key.keyHash()));
    }
    return text;
  }

  private static void checkName(String name) {
    if (name.isEmpty()
        || name.contains("+")
        || name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw new IllegalArgumentException("a key name is non-empty, without spaces or '+'");
    }
  }
}
