package dev.trustcenter.evidence;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a published evidence log without trusting its publisher: the checkpoint's signature, every
 * entry (canonical JSON, in full bundles), every hash tile against the hashes recomputed from the
 * entries, the root against the checkpoint, an earlier checkpoint (it must be a prefix of this
 * tree: the history was not rewritten), and that each control's latest result shown in {@code
 * trust.json} is the latest result the log holds for it.
 */
public final class LogVerifier {
  static final String PREFIX = "log/";

  /** A verification failure, with a message naming the problem. */
  public static final class VerificationException extends RuntimeException {
    public VerificationException(String message) {
      super(message);
    }
  }

  /**
   * What was verified.
   *
   * @param notes facts a reader should know that are not failures (controls not yet in the log)
   */
  public record Report(
      Checkpoint checkpoint,
      String verifierKey,
      long entries,
      Long consistentFrom,
      List<String> notes) {}

  private LogVerifier() {}

  /**
   * Verifies the log at {@code source}.
   *
   * @param key the verifier key to trust, or null to take the one {@code trust.json} publishes
   * @param since an earlier signed checkpoint the tree must extend, or null
   * @throws VerificationException naming the first problem found
   */
  public static Report verify(LogSource source, String key, String since) {
    JsonObject trust =
        source.read("trust.json").map(b -> parseObject(b, "trust.json")).orElse(null);
    String keyText = key;
    if (keyText == null) {
      JsonElement k = trust == null ? null : path(trust, "evidenceLog", "verifierKey");
      if (k == null) {
        throw new VerificationException(
            "no verifier key: trust.json publishes no evidenceLog.verifierKey (give one with --key)");
      }
      keyText = k.getAsString();
    }
    SignedNote.VerifierKey verifierKey;
    try {
      verifierKey = SignedNote.VerifierKey.parse(keyText);
    } catch (IllegalArgumentException e) {
      throw new VerificationException("the verifier key is malformed: " + e.getMessage());
    }
    String note =
        new String(
            source
                .read(PREFIX + Tiles.CHECKPOINT)
                .orElseThrow(
                    () -> new VerificationException("the site publishes no log/checkpoint")),
            StandardCharsets.UTF_8);
    Checkpoint checkpoint = open(note, verifierKey, "the checkpoint");

    long n = checkpoint.size();
    List<byte[]> entries = new ArrayList<>();
    for (long b = 0; b * Tiles.WIDTH < n; b++) {
      int width = (int) Math.min(Tiles.WIDTH, n - b * Tiles.WIDTH);
      String path = Tiles.entries(b, width);
      byte[] bundle =
          source
              .read(PREFIX + path)
              .orElseThrow(() -> new VerificationException("entry bundle " + path + " is missing"));
      entries.addAll(parseBundle(bundle, width, path));
    }
    List<List<byte[]>> levels = new ArrayList<>();
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      checkEntry(i, entries.get(i));
      leaves.add(Merkle.leafHash(entries.get(i)));
    }
    levels.add(leaves);
    while (levels.get(levels.size() - 1).size() >= Tiles.WIDTH) {
      List<byte[]> below = levels.get(levels.size() - 1);
      List<byte[]> up = new ArrayList<>();
      for (int i = 0; i + Tiles.WIDTH <= below.size(); i += Tiles.WIDTH) {
        up.add(LogPublisher.perfectRoot(below.subList(i, i + Tiles.WIDTH)));
      }
      levels.add(up);
    }
    Merkle.NodeSource nodes = nodes(levels);
    if (!Arrays.equals(Merkle.root(n, nodes), checkpoint.rootHash())) {
      throw new VerificationException(
          "the " + n + " published entries do not hash to the checkpoint's root");
    }
    // The tiles are what browsers and other clients build proofs from: they must hold exactly these
    // hashes.
    for (int l = 0; l < levels.size(); l++) {
      List<byte[]> hashes = levels.get(l);
      for (int t = 0; t * Tiles.WIDTH < hashes.size(); t++) {
        int width = Math.min(Tiles.WIDTH, hashes.size() - t * Tiles.WIDTH);
        String path = Tiles.tile(l, t, width);
        byte[] tile =
            source
                .read(PREFIX + path)
                .orElseThrow(() -> new VerificationException("hash tile " + path + " is missing"));
        byte[] expected = new byte[width * Merkle.HASH_SIZE];
        for (int i = 0; i < width; i++) {
          System.arraycopy(
              hashes.get(t * Tiles.WIDTH + i), 0, expected, i * Merkle.HASH_SIZE, Merkle.HASH_SIZE);
        }
        if (!Arrays.equals(tile, expected)) {
          throw new VerificationException(
              "hash tile " + path + " does not hold the hashes of the published entries");
        }
      }
    }

    Long from = null;
    if (since != null) {
      Checkpoint old = open(since, verifierKey, "the earlier checkpoint");
      if (!old.origin().equals(checkpoint.origin())) {
        throw new VerificationException(
            "the earlier checkpoint is of another log (" + old.origin() + ")");
      }
      if (old.size() > n) {
        throw new VerificationException(
            "the log shrank from "
                + old.size()
                + " to "
                + n
                + " entries since the earlier checkpoint");
      }
      try {
        List<byte[]> proof =
            old.size() == 0 ? List.of() : Merkle.consistencyProof(old.size(), n, nodes);
        Merkle.verifyConsistency(old.size(), n, proof, old.rootHash(), checkpoint.rootHash());
      } catch (Merkle.ProofException e) {
        throw new VerificationException(
            "the history was rewritten: the first "
                + old.size()
                + " entries no longer hash to the earlier checkpoint's root ("
                + e.getMessage()
                + ")");
      }
      from = old.size();
    }

    List<String> notes =
        trust == null
            ? List.of("no trust.json: the controls' shown results were not compared")
            : compareResults(trust, entries);
    return new Report(checkpoint, verifierKey.encoded(), n, from, notes);
  }

  /**
   * Each control's latest result in trust.json must be the latest check result the log holds for
   * it.
   */
  private static List<String> compareResults(JsonObject trust, List<byte[]> entries) {
    Map<String, JsonObject> latest = new HashMap<>();
    Map<String, Integer> latestIndex = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonObject e =
          JsonParser.parseString(new String(entries.get(i), StandardCharsets.UTF_8))
              .getAsJsonObject();
      if (!LogEntry.CHECK_RESULT.equals(e.get("kind").getAsString())) {
        continue;
      }
      String subject = e.get("subject").getAsString();
      JsonObject prev = latest.get(subject);
      if (prev == null
          || !Instant.parse(e.get("time").getAsString())
              .isBefore(Instant.parse(prev.get("time").getAsString()))) {
        latest.put(subject, e);
        latestIndex.put(subject, i);
      }
    }
    List<String> notes = new ArrayList<>();
    JsonElement checks = trust.get("checks");
    if (checks == null || !checks.isJsonObject()) {
      return notes;
    }
    for (Map.Entry<String, JsonElement> c : checks.getAsJsonObject().entrySet()) {
      JsonObject shown = c.getValue().getAsJsonObject();
      if (!shown.has("lastCheckedAt") || shown.get("lastCheckedAt").isJsonNull()) {
        continue;
      }
      JsonObject logged = latest.get(c.getKey());
      if (logged == null) {
        notes.add("control " + c.getKey() + ": its results predate the log, none is logged yet");
        continue;
      }
      Instant shownAt = Instant.parse(shown.get("lastCheckedAt").getAsString());
      String shownOutcome = shown.get("lastOutcome").getAsString();
      Instant loggedAt = Instant.parse(logged.get("time").getAsString());
      JsonElement outcome = path(logged, "data", "outcome");
      String loggedOutcome = outcome == null ? null : outcome.getAsString();
      if (!shownAt.equals(loggedAt) || !shownOutcome.equals(loggedOutcome)) {
        throw new VerificationException(
            "control "
                + c.getKey()
                + ": the site shows "
                + shownOutcome
                + " checked at "
                + shownAt
                + ", but the log's latest result for it (entry "
                + latestIndex.get(c.getKey())
                + ") is "
                + loggedOutcome
                + " at "
                + loggedAt);
      }
    }
    return notes;
  }

  private static Checkpoint open(String note, SignedNote.VerifierKey key, String what) {
    try {
      return Checkpoint.parse(SignedNote.open(note, key));
    } catch (IllegalArgumentException e) {
      throw new VerificationException(what + " does not verify: " + e.getMessage());
    }
  }

  private static List<byte[]> parseBundle(byte[] bundle, int width, String path) {
    List<byte[]> out = new ArrayList<>();
    int at = 0;
    while (at < bundle.length) {
      if (at + 2 > bundle.length) {
        throw new VerificationException("entry bundle " + path + " is truncated");
      }
      int len = ((bundle[at] & 0xFF) << 8) | (bundle[at + 1] & 0xFF);
      if (at + 2 + len > bundle.length) {
        throw new VerificationException("entry bundle " + path + " is truncated");
      }
      out.add(Arrays.copyOfRange(bundle, at + 2, at + 2 + len));
      at += 2 + len;
    }
    if (out.size() != width) {
      throw new VerificationException(
          "entry bundle " + path + " holds " + out.size() + " entries, not " + width);
    }
    return out;
  }

  private static void checkEntry(int index, byte[] entry) {
    String text = new String(entry, StandardCharsets.UTF_8);
    byte[] canonical;
    JsonObject o;
    try {
      canonical = LogEntry.canonical(text);
      o = JsonParser.parseString(text).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new VerificationException("entry " + index + " is not JSON");
    }
    if (!Arrays.equals(canonical, entry)) {
      throw new VerificationException("entry " + index + " is not in RFC 8785 canonical form");
    }
    for (String field : List.of("kind", "time", "subject")) {
      if (!o.has(field) || !o.get(field).isJsonPrimitive()) {
        throw new VerificationException("entry " + index + " has no " + field);
      }
    }
  }

  private static Merkle.NodeSource nodes(List<List<byte[]>> levels) {
    return (height, index) -> {
      List<byte[]> level = levels.get(height / Tiles.HEIGHT);
      int r = height % Tiles.HEIGHT;
      int first = (int) (index << r);
      return LogPublisher.perfectRoot(level.subList(first, first + (1 << r)));
    };
  }

  private static JsonObject parseObject(byte[] bytes, String what) {
    try {
      return JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new VerificationException(what + " is not a JSON object");
    }
  }

  private static JsonElement path(JsonObject o, String... fields) {
    JsonElement e = o;
    for (String f : fields) {
      if (e == null || !e.isJsonObject()) {
        return null;
      }
      e = e.getAsJsonObject().get(f);
    }
    return e == null || e.isJsonNull() ? null : e;
  }
}
