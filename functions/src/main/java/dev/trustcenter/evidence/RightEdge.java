package dev.trustcenter.evidence;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The right edge of a Merkle tree: the roots of the complete subtrees its {@code size} leaves
 * decompose into (largest first, one per set bit of {@code size}). It is all an appender needs:
 * adding a leaf merges at most log2(n) of them, and the root folds them from the right. Hashes are
 * kept in base64 so the record stores as JSON as it is.
 *
 * @param size how many leaves the tree has
 * @param hashes the subtree roots, largest subtree first, base64
 */
public record RightEdge(long size, List<String> hashes) {
  public RightEdge {
    hashes = List.copyOf(hashes);
    if (size < 0 || Long.bitCount(size) != hashes.size()) {
      throw new IllegalArgumentException(
          "a right edge of "
              + size
              + " leaves has "
              + Long.bitCount(Math.max(0, size))
              + " hashes");
    }
  }

  public static RightEdge empty() {
    return new RightEdge(0, List.of());
  }

  /** The edge after one more leaf with hash {@code leafHash}. */
  public RightEdge append(byte[] leafHash) {
    List<String> out = new ArrayList<>(hashes);
    byte[] h = leafHash;
    // Like a binary counter: each trailing one bit of the size is a subtree the new leaf completes.
    for (long s = size; (s & 1) == 1; s >>= 1) {
      h = Merkle.nodeHash(decode(out.remove(out.size() - 1)), h);
    }
    out.add(Base64.getEncoder().encodeToString(h));
    return new RightEdge(size + 1, out);
  }

  /** The tree's root hash (RFC 9162 MTH). */
  public byte[] root() {
    if (size == 0) {
      return Merkle.emptyRoot();
    }
    byte[] r = decode(hashes.get(hashes.size() - 1));
    for (int i = hashes.size() - 2; i >= 0; i--) {
      r = Merkle.nodeHash(decode(hashes.get(i)), r);
    }
    return r;
  }

  private static byte[] decode(String b64) {
    byte[] h = Base64.getDecoder().decode(Objects.requireNonNull(b64));
    if (h.length != Merkle.HASH_SIZE) {
      throw new IllegalArgumentException("not a SHA-256 hash");
    }
    return h;
  }
}
