package dev.trustcenter.evidence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 9162 §2.1 Merkle tree hashing with SHA-256: leaf = SHA-256(0x00 ‖ entry), interior node =
 * SHA-256(0x01 ‖ left ‖ right), the root of {@code n} leaves splits at the largest power of two
 * below {@code n}. Proofs are built from a {@link NodeSource} (hashes of complete subtrees, as the
 * published tiles hold them) and checked by the RFC's algorithms (§2.1.3.2 inclusion, §2.1.4.2
 * consistency).
 */
public final class Merkle {
  public static final int HASH_SIZE = 32;

  private Merkle() {}

  /**
   * The hash of a complete subtree: {@code level} 0 is a leaf hash, level {@code l} covers leaves
   * {@code index * 2^l} to {@code (index + 1) * 2^l - 1}.
   */
  @FunctionalInterface
  public interface NodeSource {
    byte[] node(int level, long index);
  }

  /**
   * Thrown when a proof does not prove what it claims, or asks for a range the tree does not have.
   */
  public static final class ProofException extends RuntimeException {
    public ProofException(String message) {
      super(message);
    }
  }

  public static byte[] leafHash(byte[] entry) {
    MessageDigest d = sha256();
    d.update((byte) 0);
    d.update(entry);
    return d.digest();
  }

  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest d = sha256();
    d.update((byte) 1);
    d.update(left);
    d.update(right);
    return d.digest();
  }

  /** The root of the empty tree: SHA-256 of nothing. */
  public static byte[] emptyRoot() {
    return sha256().digest();
  }

  /** The root of the tree of the first {@code size} leaves. */
  public static byte[] root(long size, NodeSource nodes) {
    return size == 0 ? emptyRoot() : hashRange(0, size, nodes);
  }

  /**
   * MTH of leaves {@code [from, to)}: complete aligned ranges come from {@code nodes}, others are
   * split as RFC 9162 splits them.
   */
  static byte[] hashRange(long from, long to, NodeSource nodes) {
    long n = to - from;
    if (Long.bitCount(n) == 1 && from % n == 0) {
      return nodes.node(Long.numberOfTrailingZeros(n), from / n);
    }
    long k = Long.highestOneBit(n - 1);
    return nodeHash(hashRange(from, from + k, nodes), hashRange(from + k, to, nodes));
  }

  /**
   * RFC 9162 §2.1.3.1: the inclusion proof of leaf {@code index} in the tree of {@code size}
   * leaves.
   */
  public static List<byte[]> inclusionProof(long index, long size, NodeSource nodes) {
    if (index < 0 || index >= size) {
      throw new ProofException("leaf " + index + " is not in a tree of size " + size);
    }
    List<byte[]> proof = new ArrayList<>();
    path(index, 0, size, nodes, proof);
    return proof;
  }

  private static void path(long m, long from, long to, NodeSource nodes, List<byte[]> out) {
    long n = to - from;
    if (n == 1) {
      return;
    }
    long k = Long.highestOneBit(n - 1);
    if (m - from < k) {
      path(m, from, from + k, nodes, out);
      out.add(hashRange(from + k, to, nodes));
    } else {
      path(m, from + k, to, nodes, out);
      out.add(hashRange(from, from + k, nodes));
    }
  }

  /**
   * RFC 9162 §2.1.4.1: the proof that the tree of {@code first} leaves is a prefix of the tree of
   * {@code second}.
   */
  public static List<byte[]> consistencyProof(long first, long second, NodeSource nodes) {
    if (first < 1 || first > second) {
      throw new ProofException("no consistency proof from size " + first + " to " + second);
    }
    List<byte[]> proof = new ArrayList<>();
    if (first < second) {
      subproof(first, 0, second, true, nodes, proof);
    }
    return proof;
  }

  private static void subproof(
      long m, long from, long to, boolean b, NodeSource nodes, List<byte[]> out) {
    long n = to - from;
    if (m == n) {
      if (!b) {
        out.add(hashRange(from, to, nodes));
      }
      return;
    }
    long k = Long.highestOneBit(n - 1);
    if (m <= k) {
      subproof(m, from, from + k, b, nodes, out);
      out.add(hashRange(from + k, to, nodes));
    } else {
      subproof(m - k, from + k, to, false, nodes, out);
      out.add(hashRange(from, from + k, nodes));
    }
  }

  /** RFC 9162 §2.1.3.2. */
  public static void verifyInclusion(
      long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
    if (index < 0 || index >= size) {
      throw new ProofException("leaf " + index + " is not in a tree of size " + size);
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        throw new ProofException("inclusion proof of leaf " + index + " is too long");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      throw new ProofException("inclusion proof of leaf " + index + " is too short");
    }
    if (!Arrays.equals(r, root)) {
      throw new ProofException(
          "leaf " + index + " is not included in the tree of size " + size + " with that root");
    }
  }

  /** RFC 9162 §2.1.4.2, with the trivial cases (equal sizes, empty first tree) handled first. */
  public static void verifyConsistency(
      long first, long second, List<byte[]> proof, byte[] firstRoot, byte[] secondRoot) {
    if (first < 0 || first > second) {
      throw new ProofException("the tree cannot shrink from size " + first + " to " + second);
    }
    if (first == second) {
      if (!proof.isEmpty() || !Arrays.equals(firstRoot, secondRoot)) {
        throw new ProofException("two trees of size " + first + " with different roots");
      }
      return;
    }
    if (first == 0) {
      if (!proof.isEmpty()) {
        throw new ProofException("a consistency proof from the empty tree must be empty");
      }
      return;
    }
    if (proof.isEmpty()) {
      throw new ProofException("empty consistency proof");
    }
    List<byte[]> path = new ArrayList<>(proof);
    if (Long.bitCount(first) == 1) {
      path.add(0, firstRoot);
    }
    long fn = first - 1;
    long sn = second - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        throw new ProofException("consistency proof is too long");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0 || !Arrays.equals(fr, firstRoot) || !Arrays.equals(sr, secondRoot)) {
      throw new ProofException(
          "the tree of size " + second + " does not extend the tree of size " + first);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
