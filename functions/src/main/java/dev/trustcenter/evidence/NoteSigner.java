package dev.trustcenter.evidence;

/**
 * Signs checkpoints with an Ed25519 key. Adapters: a key file in the local data directory, created
 * on first start ({@code filestore.FileNoteSigner}); Cloud KMS when deployed ({@code
 * gcp.CloudKmsNoteSigner}), where the private key never leaves KMS.
 *
 * <p>Contract: {@link #sign} answers a 64-byte Ed25519 signature (RFC 8032, pure, no prehash) of
 * exactly the bytes given, verifiable with {@link #publicKey}; failures are unchecked exceptions
 * and never carry key material.
 */
public interface NoteSigner {

  /** The key's name in signatures and in the verifier key: the log's origin. */
  String name();

  /** The raw 32-byte Ed25519 public key. */
  byte[] publicKey();

  /** The Ed25519 signature of {@code message}. */
  byte[] sign(byte[] message);
}
