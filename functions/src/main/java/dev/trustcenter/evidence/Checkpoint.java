package dev.trustcenter.evidence;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the origin line, the tree size in
 * decimal and the base64 root hash, each ending in a newline; published inside a {@link
 * SignedNote}.
 */
public record Checkpoint(String origin, long size, byte[] rootHash) {
  public Checkpoint {
    Objects.requireNonNull(origin, "origin");
    if (origin.isEmpty() || origin.contains("\n")) {
      throw new IllegalArgumentException("bad origin");
    }
    if (size < 0 || rootHash.length != Merkle.HASH_SIZE) {
      throw new IllegalArgumentException("bad size or root hash");
    }
    rootHash = rootHash.clone();
  }

  /** The note text. */
  public String text() {
    return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
  }

  /**
   * Parses a checkpoint's note text (extension lines after the root hash are allowed and ignored).
   *
   * @throws IllegalArgumentException if it is not a checkpoint
   */
  public static Checkpoint parse(String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length < 4 || !text.endsWith("\n")) {
      throw new IllegalArgumentException(
          "a checkpoint has an origin, a size and a root hash, each on its own line");
    }
    if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
      throw new IllegalArgumentException("the checkpoint's tree size is not a decimal number");
    }
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the checkpoint's root hash is not base64");
    }
    return new Checkpoint(lines[0], Long.parseLong(lines[1]), root);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c
        && c.origin.equals(origin)
        && c.size == size
        && Arrays.equals(c.rootHash, rootHash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, size, Arrays.hashCode(rootHash));
  }
}
