package dev.trustcenter.evidence;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * {@code java -jar trust-center.jar verify <site URL or folder> [--since CHECKPOINT_FILE] [--key
 * VERIFIER_KEY]}: verifies a published evidence log (see {@link LogVerifier}). Exit status 0 when
 * everything verifies, 1 naming the problem when something does not, 2 for a usage error or a site
 * that cannot be read.
 */
public final class VerifyCommand {
  private VerifyCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    String location = null;
    String since = null;
    String key = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--since", "--key" -> {
          if (i + 1 >= args.length) {
            err.println(args[i] + " needs a value");
            return 2;
          }
          if (args[i].equals("--since")) {
            since = args[++i];
          } else {
            key = args[++i];
          }
        }
        default -> {
          if (location != null || args[i].startsWith("--")) {
            err.println(
                "usage: verify <site URL or folder> [--since CHECKPOINT_FILE] [--key VERIFIER_KEY]");
            return 2;
          }
          location = args[i];
        }
      }
    }
    if (location == null) {
      err.println(
          "usage: verify <site URL or folder> [--since CHECKPOINT_FILE] [--key VERIFIER_KEY]");
      return 2;
    }
    String sinceNote = null;
    try {
      if (since != null) {
        sinceNote = Files.readString(Path.of(since), StandardCharsets.UTF_8);
      }
      LogVerifier.Report r = LogVerifier.verify(LogSource.of(location), key, sinceNote);
      out.println(
          "OK "
              + r.checkpoint().origin()
              + ": "
              + r.entries()
              + " entries, root "
              + HexFormat.of().formatHex(r.checkpoint().rootHash())
              + ", signed by "
              + r.verifierKey());
      if (r.consistentFrom() != null) {
        out.println(
            "OK the earlier checkpoint ("
                + r.consistentFrom()
                + " entries) is a prefix of this log: no history was rewritten");
      }
      r.notes().forEach(n -> out.println("note: " + n));
      return 0;
    } catch (LogVerifier.VerificationException e) {
      err.println("FAILED: " + e.getMessage());
      return 1;
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      err.println("cannot verify: " + e.getMessage());
      return 2;
    }
  }
}
