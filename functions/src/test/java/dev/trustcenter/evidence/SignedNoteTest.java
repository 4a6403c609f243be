package dev.trustcenter.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** C2SP signed-note with golang.org/x/mod/sumdb/note's published example key and note. */
class SignedNoteTest {
  static final String VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  static final String SKEY_SEED =
      "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"; // 0x01 ‖ seed, from
  // PRIVATE+KEY+PeterNeumann+c74f20a3+...
  static final String TEXT =
      "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
  static final String NOTE =
      TEXT
          + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

  /** A signer from a raw seed, with its public key taken from the published verifier key. */
  static NoteSigner peterNeumann() throws Exception {
    byte[] seed = Arrays.copyOfRange(Base64.getDecoder().decode(SKEY_SEED), 1, 33);
    PrivateKey key =
        KeyFactory.getInstance("Ed25519")
            .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
    byte[] publicKey = SignedNote.VerifierKey.parse(VKEY).publicKey();
    return new NoteSigner() {
      @Override
      public String name() {
        return "PeterNeumann";
      }

      @Override
      public byte[] publicKey() {
        return publicKey;
      }

      @Override
      public byte[] sign(byte[] message) {
        try {
          Signature s = Signature.getInstance("Ed25519");
          s.initSign(key);
          s.update(message);
          return s.sign();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }

  @Test
  void signingTheExampleTextGivesTheExampleNote() throws Exception {
    NoteSigner signer = peterNeumann();
    assertEquals(VKEY, SignedNote.verifierKey(signer).encoded());
    assertEquals(NOTE, SignedNote.sign(TEXT, signer));
  }

  @Test
  void theExampleNoteOpensWithItsKeyAndATamperedOneDoesNot() {
    SignedNote.VerifierKey key = SignedNote.VerifierKey.parse(VKEY);
    assertEquals("c74f20a3", java.util.HexFormat.of().formatHex(key.keyHash()));
    assertEquals(TEXT, SignedNote.open(NOTE, key));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SignedNote.open(NOTE.replace("cryptography", "cryptographY"), key));
    assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
    SignedNote.VerifierKey other = new SignedNote.VerifierKey("PeterNeumann", new byte[32]);
    assertThrows(IllegalArgumentException.class, () -> SignedNote.open(NOTE, other));
  }

  @Test
  void aVerifierKeyWithAWrongHashIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SignedNote.VerifierKey.parse(VKEY.replace("c74f20a3", "c74f20a4")));
  }

  @Test
  void checkpointsRoundTrip() {
    Checkpoint c =
        new Checkpoint(
            "example.com/log", 8, java.util.HexFormat.of().parseHex(MerkleTest.ROOTS.get(7)));
    assertEquals("example.com/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n", c.text());
    Checkpoint back = Checkpoint.parse(c.text());
    assertEquals(8, back.size());
    assertArrayEquals(c.rootHash(), back.rootHash());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Checkpoint.parse(
                "example.com/log\n-1\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n"));
  }
}
