package dev.trustcenter.evidence;

import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Publishes what was appended since the last publish as C2SP tlog-tiles: the new entry bundles and
 * hash tiles (full ones once, immutable; the partial ones at the right edge anew), then a
 * checkpoint signed by the {@link NoteSigner}. Only tiles that changed are written, and the
 * checkpoint is written last, so a reader never sees a checkpoint whose tiles are missing.
 *
 * <p>Partial tiles and bundles replaced by wider or full ones are deleted one publish later (C2SP
 * lets a log drop them; a client holding an older checkpoint reads the wider tile and uses its
 * prefix), so the log's size stays that of its entries and hashes, not of every intermediate state.
 *
 * <p>What was published is kept in {@value EvidenceLog#COLLECTION}/{@value #PUBLISHED_ID}: the
 * size, the hashes of each level's partial tile and the checkpoint. A run that stops half way is
 * repeated whole by the next one (the same tiles again, byte for byte). The publisher refuses,
 * writing nothing, when the tree would shrink or when the stored entries no longer hash to the tree
 * that was appended (an entry changed after its append).
 */
public final class LogPublisher {
  private static final Logger LOG = Logger.getLogger(LogPublisher.class.getName());
  static final String PUBLISHED_ID = "published";

  private final DocumentStore store;
  private final EvidenceLog log;
  private final LogFiles files;
  private final NoteSigner signer;
  private final String origin;

  /**
   * @param origin the checkpoint's first line, e.g. {@code trust.example.com/log}; also the signing
   *     key's name
   */
  public LogPublisher(DocumentStore store, LogFiles files, NoteSigner signer, String origin) {
    this.store = Objects.requireNonNull(store, "store");
    this.log = new EvidenceLog(store);
    this.files = Objects.requireNonNull(files, "files");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  /**
   * What was published last.
   *
   * @param size the tree size of the last checkpoint
   * @param partials per tile level, the hashes of its partial (rightmost, not yet full) tile,
   *     base64
   * @param checkpoint the last signed checkpoint, or null before the first publish
   * @param superseded partial tiles and bundles that this publish replaced with wider (or full)
   *     ones; the next publish deletes them, so a reader holding the previous checkpoint can still
   *     fetch them meanwhile
   */
  record Published(
      long size, List<List<String>> partials, String checkpoint, List<String> superseded) {
    Published {
      partials = partials == null ? List.of() : partials.stream().map(List::copyOf).toList();
      superseded = superseded == null ? List.of() : List.copyOf(superseded);
    }
  }

  /**
   * What one publish did.
   *
   * @param size the published tree size
   * @param written the paths written (relative to the log prefix), checkpoint last; empty when
   *     nothing was new
   * @param checkpoint the signed checkpoint now published
   * @param deleted partial tiles deleted, superseded at the publish before
   */
  public record Result(long size, List<String> written, String checkpoint, List<String> deleted) {
    public Result {
      written = List.copyOf(written);
      deleted = List.copyOf(deleted);
    }
  }

  /** The size of the last published checkpoint (0 before the first). */
  public long publishedSize() {
    return store
        .get(EvidenceLog.COLLECTION, PUBLISHED_ID)
        .map(d -> Json.read(d.json(), Published.class).size())
        .orElse(0L);
  }

  /**
   * Publishes the entries appended since the last publish.
   *
   * @throws IllegalStateException naming the problem when the store's log is inconsistent (shrunk,
   *     an entry missing or changed); nothing is published then
   */
  public synchronized Result publish() {
    RightEdge edge = log.state();
    Published before =
        store
            .get(EvidenceLog.COLLECTION, PUBLISHED_ID)
            .map(d -> Json.read(d.json(), Published.class))
            .orElse(new Published(0, List.of(), null, List.of()));
    long from = before.size();
    long to = edge.size();
    if (to < from) {
      throw new IllegalStateException(
          "the log in the store has "
              + to
              + " entries but "
              + from
              + " were already published: the tree never shrinks");
    }
    if (to == from && before.checkpoint() != null) {
      return new Result(to, List.of(), before.checkpoint(), List.of());
    }

    List<String> written = new ArrayList<>();
    List<String> superseded = new ArrayList<>();
    if (from % Tiles.WIDTH != 0) {
      superseded.add(Tiles.entries(from / Tiles.WIDTH, (int) (from % Tiles.WIDTH)));
    }
    for (int level = 0; level < 8 && (from >> (Tiles.HEIGHT * level)) > 0; level++) {
      long oldCount = from >> (Tiles.HEIGHT * level);
      long newCount = to >> (Tiles.HEIGHT * level);
      if (oldCount % Tiles.WIDTH != 0 && newCount != oldCount) {
        superseded.add(Tiles.tile(level, oldCount / Tiles.WIDTH, (int) (oldCount % Tiles.WIDTH)));
      }
    }
    List<List<byte[]>> partial = new ArrayList<>();
    for (List<String> p : before.partials()) {
      partial.add(new ArrayList<>(p.stream().map(h -> Base64.getDecoder().decode(h)).toList()));
    }
    Levels levels = new Levels(partial, from);
    long bundleStart = from - from % Tiles.WIDTH;
    List<EvidenceLog.StoredEntry> entries = log.entries(bundleStart, to);
    List<byte[]> bundle = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      long index = bundleStart + i;
      byte[] bytes = entries.get(i).entry().getBytes(StandardCharsets.UTF_8);
      bundle.add(bytes);
      if (index >= from) {
        add(levels, 0, Merkle.leafHash(bytes), written);
      }
      if (bundle.size() == Tiles.WIDTH) {
        put(Tiles.entries(index / Tiles.WIDTH, Tiles.WIDTH), bundle(bundle), true, written);
        bundle.clear();
      }
    }
    if (!bundle.isEmpty()) {
      put(Tiles.entries(to / Tiles.WIDTH, bundle.size()), bundle(bundle), false, written);
    }
    for (int level = 0; level < partial.size(); level++) {
      List<byte[]> tile = partial.get(level);
      if (levels.changed[level] && !tile.isEmpty()) {
        put(
            Tiles.tile(level, levels.counts[level] / Tiles.WIDTH, tile.size()),
            concat(tile),
            false,
            written);
      }
    }

    byte[] root = Merkle.root(to, rightEdgeNodes(partial, to));
    if (!Arrays.equals(root, edge.root())) {
      throw new IllegalStateException(
          "the stored log entries "
              + from
              + " to "
              + (to - 1)
              + " do not hash to the tree that was appended: an entry was changed after it was logged");
    }
    String note = SignedNote.sign(new Checkpoint(origin, to, root).text(), signer);
    put(Tiles.CHECKPOINT, note.getBytes(StandardCharsets.UTF_8), false, written);
    List<List<String>> partials =
        partial.stream()
            .map(l -> l.stream().map(h -> Base64.getEncoder().encodeToString(h)).toList())
            .toList();
    store.transaction(
        tx -> {
          long stored =
              tx.get(EvidenceLog.COLLECTION, PUBLISHED_ID)
                  .map(d -> Json.read(d.json(), Published.class).size())
                  .orElse(0L);
          if (stored > to) {
            throw new IllegalStateException(
                "another publish went further (" + stored + " entries) meanwhile");
          }
          tx.put(
              EvidenceLog.COLLECTION,
              PUBLISHED_ID,
              Json.write(new Published(to, partials, note, superseded)));
          return null;
        });
    // Partial tiles replaced one publish ago: no current checkpoint needs them any more.
    List<String> deleted = new ArrayList<>();
    for (String path : before.superseded()) {
      try {
        files.delete(path);
        deleted.add(path);
      } catch (RuntimeException e) {
        LOG.warning("could not delete the superseded partial tile " + path + ": " + e.getMessage());
      }
    }
    LOG.fine(
        () ->
            "evidence log published at size "
                + to
                + ": "
                + written.size()
                + " objects written, "
                + deleted.size()
                + " deleted");
    return new Result(to, written, note, deleted);
  }

  /** Level by level: the partial tiles, how many nodes each level has, and which levels changed. */
  private static final class Levels {
    final List<List<byte[]>> partial;
    final long[] counts = new long[8];
    final boolean[] changed = new boolean[8];

    Levels(List<List<byte[]>> partial, long size) {
      this.partial = partial;
      for (int l = 0; l < counts.length; l++) {
        counts[l] = size >> (Tiles.HEIGHT * l);
      }
    }
  }

  /**
   * Adds a node hash to a level's partial tile; a tile that fills is written and its root moves up
   * a level.
   */
  private void add(Levels levels, int level, byte[] hash, List<String> written) {
    while (levels.partial.size() <= level) {
      levels.partial.add(new ArrayList<>());
    }
    List<byte[]> tile = levels.partial.get(level);
    tile.add(hash);
    levels.counts[level]++;
    levels.changed[level] = true;
    if (tile.size() == Tiles.WIDTH) {
      put(
          Tiles.tile(level, levels.counts[level] / Tiles.WIDTH - 1, Tiles.WIDTH),
          concat(tile),
          true,
          written);
      byte[] up = perfectRoot(tile);
      tile.clear();
      add(levels, level + 1, up, written);
    }
  }

  private void put(String path, byte[] bytes, boolean immutable, List<String> written) {
    files.put(path, bytes, immutable);
    written.add(path);
  }

  /** The root of a complete subtree given its leaves' level hashes (a power of two of them). */
  static byte[] perfectRoot(List<byte[]> hashes) {
    List<byte[]> level = new ArrayList<>(hashes);
    while (level.size() > 1) {
      List<byte[]> up = new ArrayList<>();
      for (int i = 0; i < level.size(); i += 2) {
        up.add(Merkle.nodeHash(level.get(i), level.get(i + 1)));
      }
      level = up;
    }
    return level.get(0);
  }

  /**
   * The complete subtrees along the right edge of a tree of {@code size} leaves, from the partial
   * tiles: a subtree of height {@code 8L + r} is the root of {@code 2^r} consecutive hashes of tile
   * level {@code L}, all in that level's partial tile (the full tiles belong to larger subtrees).
   */
  static Merkle.NodeSource rightEdgeNodes(List<List<byte[]>> levels, long size) {
    return (height, index) -> {
      int tileLevel = height / Tiles.HEIGHT;
      int r = height % Tiles.HEIGHT;
      long count = size >> (Tiles.HEIGHT * tileLevel);
      long partialStart = count - count % Tiles.WIDTH;
      long first = (index << r) - partialStart;
      List<byte[]> tile = tileLevel < levels.size() ? levels.get(tileLevel) : List.of();
      if (first < 0 || first + (1L << r) > tile.size()) {
        throw new IllegalStateException(
            "node " + height + "/" + index + " is not on the right edge of a tree of " + size);
      }
      return perfectRoot(tile.subList((int) first, (int) (first + (1L << r))));
    };
  }

  /** An entry bundle: each entry prefixed by its length as a big-endian 16-bit number. */
  static byte[] bundle(List<byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] e : entries) {
      out.write(e.length >> 8);
      out.write(e.length & 0xFF);
      out.writeBytes(e);
    }
    return out.toByteArray();
  }

  private static byte[] concat(List<byte[]> hashes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    hashes.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
