package dev.trustcenter.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * What every {@link NoteSigner} adapter must do: sign checkpoints that open with its own verifier
 * key.
 */
public abstract class NoteSignerContract {

  /** A fresh signer named {@code name}. */
  protected abstract NoteSigner signer(String name) throws Exception;

  @Test
  void aSignedCheckpointOpensWithTheSignersVerifierKey() throws Exception {
    NoteSigner signer = signer("trust.example.com/log");
    String text = new Checkpoint("trust.example.com/log", 3, Merkle.emptyRoot()).text();
    String note = SignedNote.sign(text, signer);
    SignedNote.VerifierKey key =
        SignedNote.VerifierKey.parse(SignedNote.verifierKey(signer).encoded());
    assertEquals(text, SignedNote.open(note, key));
    assertEquals(32, signer.publicKey().length);
    assertThrows(
        IllegalArgumentException.class, () -> SignedNote.open(note.replace("\n3\n", "\n4\n"), key));
  }
}
