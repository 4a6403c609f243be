package dev.trustcenter.evidence;

/**
 * Paths of the C2SP tlog-tiles layout (https://c2sp.org/tlog-tiles), relative to the log's prefix:
 * hash tiles {@code tile/<L>/<N>[.p/<W>]}, entry bundles {@code tile/entries/<N>[.p/<W>]} and
 * {@code checkpoint}. Tiles are 8 levels high, so a full tile holds 256 hashes and a full bundle
 * 256 entries.
 */
public final class Tiles {
  public static final int HEIGHT = 8;
  public static final int WIDTH = 1 << HEIGHT;
  public static final String CHECKPOINT = "checkpoint";

  private Tiles() {}

  /** The hash tile {@code n} of tile level {@code level}, {@code width} hashes wide (256: full). */
  public static String tile(int level, long n, int width) {
    return "tile/" + level + "/" + index(n) + partial(width);
  }

  /** The entry bundle {@code n}, holding {@code width} entries (256: full). */
  public static String entries(long n, int width) {
    return "tile/entries/" + index(n) + partial(width);
  }

  private static String partial(int width) {
    if (width < 1 || width > WIDTH) {
      throw new IllegalArgumentException("tile width " + width);
    }
    return width == WIDTH ? "" : ".p/" + width;
  }

  /**
   * The tile index in path form: groups of three digits, all but the last prefixed with {@code x}.
   */
  static String index(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("tile index " + n);
    }
    String digits = Long.toString(n);
    int pad = (3 - digits.length() % 3) % 3;
    digits = "0".repeat(pad) + digits;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < digits.length(); i += 3) {
      if (i > 0) {
        out.append('/');
      }
      if (i + 3 < digits.length()) {
        out.append('x');
      }
      out.append(digits, i, i + 3);
    }
    return out.toString();
  }
}
