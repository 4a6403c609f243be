package dev.trustcenter.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tree against RFC 6962's test vectors (the leaves and roots Certificate Transparency's
 * implementations share) and against a straightforward recursive transcription of RFC 9162 §2.1
 * (MTH, PATH, PROOF) for every size and index up to 70.
 */
class MerkleTest {
  private static final HexFormat HEX = HexFormat.of();
  static final List<byte[]> LEAVES =
      List.of(
              "",
              "00",
              "10",
              "2021",
              "3031",
              "40414243",
              "5051525354555657",
              "606162636465666768696a6b6c6d6e6f")
          .stream()
          .map(HEX::parseHex)
          .toList();
  static final List<String> ROOTS =
      List.of(
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  // ---- the RFC's definitions, transcribed literally (D is the list of entries)

  static byte[] mth(List<byte[]> d) {
    int n = d.size();
    if (n == 0) {
      return Merkle.sha256().digest();
    }
    if (n == 1) {
      return Merkle.leafHash(d.get(0));
    }
    int k = Integer.highestOneBit(n - 1);
    return Merkle.nodeHash(mth(d.subList(0, k)), mth(d.subList(k, n)));
  }

  static List<byte[]> path(int m, List<byte[]> d) {
    int n = d.size();
    List<byte[]> out = new ArrayList<>();
    if (n == 1) {
      return out;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m < k) {
      out.addAll(path(m, d.subList(0, k)));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(path(m - k, d.subList(k, n)));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
    int n = d.size();
    List<byte[]> out = new ArrayList<>();
    if (m == n) {
      if (!b) {
        out.add(mth(d));
      }
      return out;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m <= k) {
      out.addAll(subproof(m, d.subList(0, k), b));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(subproof(m - k, d.subList(k, n), false));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  static List<byte[]> entries(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(("entry " + i).getBytes());
    }
    return out;
  }

  /** Complete subtrees computed from the entries, the way the published tiles hold them. */
  static Merkle.NodeSource nodes(List<byte[]> d) {
    return (level, index) -> mth(d.subList((int) (index << level), (int) ((index + 1) << level)));
  }

  @Test
  void rootsMatchTheRfc6962TestVectors() {
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        HEX.formatHex(Merkle.emptyRoot()));
    RightEdge edge = RightEdge.empty();
    for (int n = 1; n <= 8; n++) {
      edge = edge.append(Merkle.leafHash(LEAVES.get(n - 1)));
      assertEquals(ROOTS.get(n - 1), HEX.formatHex(edge.root()), "size " + n);
      assertEquals(ROOTS.get(n - 1), HEX.formatHex(Merkle.root(n, nodes(LEAVES.subList(0, n)))));
      assertEquals(ROOTS.get(n - 1), HEX.formatHex(mth(LEAVES.subList(0, n))));
    }
  }

  @Test
  void publishedInclusionAndConsistencyVectorsVerify() {
    List<byte[]> inclusion =
        hashes(
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    byte[] root8 = HEX.parseHex(ROOTS.get(7));
    Merkle.verifyInclusion(5, 8, Merkle.leafHash(LEAVES.get(5)), inclusion, root8);
    assertEquals(hex(inclusion), hex(Merkle.inclusionProof(5, 8, nodes(LEAVES))));
    assertThrows(
        Merkle.ProofException.class,
        () -> Merkle.verifyInclusion(4, 8, Merkle.leafHash(LEAVES.get(5)), inclusion, root8));

    List<byte[]> consistency =
        hashes(
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    Merkle.verifyConsistency(6, 8, consistency, HEX.parseHex(ROOTS.get(5)), root8);
    assertEquals(hex(consistency), hex(Merkle.consistencyProof(6, 8, nodes(LEAVES))));
    assertThrows(
        Merkle.ProofException.class,
        () -> Merkle.verifyConsistency(6, 8, consistency, HEX.parseHex(ROOTS.get(4)), root8));
    List<byte[]> twoToFive =
        hashes(
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
    Merkle.verifyConsistency(
        2, 5, twoToFive, HEX.parseHex(ROOTS.get(1)), HEX.parseHex(ROOTS.get(4)));
  }

  @Test
  void everyProofUpToSeventyLeavesMatchesTheRecursiveDefinitionAndVerifies() {
    List<byte[]> all = entries(70);
    RightEdge edge = RightEdge.empty();
    for (int size = 1; size <= all.size(); size++) {
      int n = size;
      List<byte[]> d = all.subList(0, n);
      edge = edge.append(Merkle.leafHash(d.get(n - 1)));
      byte[] root = mth(d);
      assertArrayEquals(root, edge.root(), "right edge root at " + n);
      assertArrayEquals(root, Merkle.root(n, nodes(d)));
      for (int index = 0; index < n; index++) {
        int m = index;
        List<byte[]> proof = Merkle.inclusionProof(m, n, nodes(d));
        assertEquals(hex(path(m, d)), hex(proof), "PATH(" + m + ", D[" + n + "])");
        Merkle.verifyInclusion(m, n, Merkle.leafHash(d.get(m)), proof, root);
        int other = (m + 1) % n;
        if (other != m && !Arrays.equals(d.get(other), d.get(m))) {
          assertThrows(
              Merkle.ProofException.class,
              () -> Merkle.verifyInclusion(m, n, Merkle.leafHash(d.get(other)), proof, root));
        }
      }
      for (int first = 1; first <= n; first++) {
        int m = first;
        List<byte[]> proof = Merkle.consistencyProof(m, n, nodes(d));
        assertEquals(
            hex(m == n ? List.of() : subproof(m, d, true)),
            hex(proof),
            "PROOF(" + m + ", D[" + n + "])");
        Merkle.verifyConsistency(m, n, proof, mth(d.subList(0, m)), root);
        if (m < n) {
          byte[] forged =
              mth(entries(m).stream().map(e -> ("x" + new String(e)).getBytes()).toList());
          assertThrows(
              Merkle.ProofException.class,
              () -> Merkle.verifyConsistency(m, n, proof, forged, root));
        }
      }
    }
  }

  @Test
  void aShrinkingTreeIsNeverConsistent() {
    assertThrows(
        Merkle.ProofException.class,
        () -> Merkle.verifyConsistency(5, 4, List.of(), new byte[32], new byte[32]));
  }

  @Test
  void tilePathsFollowTheTlogTilesEncoding() {
    assertEquals("tile/0/000", Tiles.tile(0, 0, 256));
    assertEquals("tile/1/x001/x234/067.p/8", Tiles.tile(1, 1234067, 8));
    assertEquals("tile/entries/x001/000", Tiles.entries(1000, 256));
    assertEquals("tile/entries/234.p/3", Tiles.entries(234, 3));
  }

  private static List<byte[]> hashes(String... hex) {
    return Arrays.stream(hex).map(HEX::parseHex).toList();
  }

  private static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(HEX::formatHex).toList();
  }
}
