package dev.trustcenter.filestore;

import com.google.gson.reflect.TypeToken;
import dev.trustcenter.json.Json;
import dev.trustcenter.site.SiteBucket;
import dev.trustcenter.site.SiteFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@link SiteBucket} on a local folder, for the local server: the files live in {@code
 * <dataDir>/site}, and a manifest beside it keeps each file's content type, {@code Cache-Control}
 * and hash, so the local server can serve them with the same headers as production. Files are
 * replaced atomically (write, then rename).
 *
 * <p>The manifest is {@code <dataDir>/site-manifest.json} plus the changes since, one line each in
 * {@code site-manifest.log}: a put or delete appends a line instead of writing the whole manifest
 * again (a publish that changes 5 files of 600 writes 5 lines, not 5 manifests). Opening replays
 * the log; once it has as many lines as the manifest has files, the manifest is written whole
 * (atomically) and the log removed. A line cut short by a crash is ignored: that file is then not
 * listed as published, so the next publish writes it again.
 */
public final class FolderSiteBucket implements SiteBucket {
  /**
   * Paths the bucket accepts: what the renderer produces ({@code /.well-known/} included), and
   * nothing that could leave the folder (no {@code .} or {@code ..} segment, no empty segment, no
   * backslash or percent sign).
   */
  private static final Pattern PATH = Pattern.compile("(/(?!\\.{1,2}(?:/|$))[A-Za-z0-9._~-]+)+");

  /** The log is folded into the manifest once it has this many lines, or the manifest's size. */
  static final int MIN_LOG_LINES = 64;

  private final Path root;
  private final Path manifestFile;
  private final Path logFile;
  private final Map<String, Entry> manifest;
  private int logLines;

  /** What the manifest keeps per file. */
  public record Entry(String sha256, String contentType, String cacheControl) {}

  /** A stored file with the headers it is served with. */
  public record Served(
      byte[] bytes, String contentType, String cacheControl, java.time.Instant lastModified) {}

  /** One line of the log: {@code entry} null for a delete. */
  private record Change(String path, Entry entry) {}

  private FolderSiteBucket(
      Path root, Path manifestFile, Path logFile, Map<String, Entry> manifest, int logLines) {
    this.root = root;
    this.manifestFile = manifestFile;
    this.logFile = logFile;
    this.manifest = manifest;
    this.logLines = logLines;
  }

  /** Opens (creating if needed) the site folder of {@code dataDir}. */
  public static FolderSiteBucket open(Path dataDir) {
    Path root = dataDir.resolve("site").toAbsolutePath().normalize();
    Path manifestFile = dataDir.resolve("site-manifest.json").toAbsolutePath().normalize();
    try {
      Files.createDirectories(root);
      Map<String, Entry> manifest = new TreeMap<>();
      if (Files.exists(manifestFile)) {
        Map<String, Entry> read =
            Json.read(
                Files.readString(manifestFile, StandardCharsets.UTF_8),
                new TypeToken<Map<String, Entry>>() {}.getType());
        if (read != null) {
          manifest.putAll(read);
        }
      }
      Path logFile = dataDir.resolve("site-manifest.log").toAbsolutePath().normalize();
      int lines = 0;
      boolean torn = false;
      if (Files.exists(logFile)) {
        String log = Files.readString(logFile, StandardCharsets.UTF_8);
        torn = !log.isEmpty() && !log.endsWith("\n");
        for (String line : log.split("\n")) {
          lines++;
          Change c = change(line);
          if (c == null) {
            torn = true;
          } else if (c.entry() == null) {
            manifest.remove(c.path());
          } else {
            manifest.put(c.path(), c.entry());
          }
        }
      }
      // A path edited into the manifest by hand that is not a site path is dropped: it names no
      // file of the site, and the next publish writes what should be there.
      torn |= manifest.keySet().removeIf(path -> !PATH.matcher(path).matches());
      FolderSiteBucket bucket = new FolderSiteBucket(root, manifestFile, logFile, manifest, lines);
      if (torn) {
        // A line cut short would swallow the next one appended, and a dropped path would come
        // back with the next replay: start from a whole manifest.
        bucket.fold();
      }
      return bucket;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the local site folder " + root, e);
    }
  }

  /** The folder the files are in. */
  public Path root() {
    return root;
  }

  /**
   * The manifest's files that are on disk. A file removed by hand is reported missing, so the next
   * publish writes it again: one {@code stat} per file, made with {@link java.io.File#isFile} (at
   * 613 files, 1.3 ms a listing against 1.8 ms with {@link Files#isRegularFile} and the path
   * checked again).
   */
  @Override
  public synchronized Map<String, String> list() {
    Map<String, String> out = new LinkedHashMap<>();
    java.io.File folder = root.toFile();
    manifest.forEach(
        (path, entry) -> {
          // The manifest holds only well-formed site paths (checked when put, or when opened).
          if (new java.io.File(folder, path.substring(1)).isFile()) {
            out.put(path, entry.sha256());
          }
        });
    return out;
  }

  @Override
  public synchronized void put(SiteFile file) {
    Path target = file(file.path());
    try {
      Files.createDirectories(target.getParent());
      replace(target, file.bytes());
      Entry entry = new Entry(file.sha256(), file.contentType(), file.cacheControl());
      manifest.put(file.path(), entry);
      log(new Change(file.path(), entry));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file.path(), e);
    }
  }

  @Override
  public synchronized void delete(String path) {
    Path target = file(path);
    try {
      Files.deleteIfExists(target);
      for (Path dir = target.getParent();
          dir != null && !dir.equals(root) && dir.startsWith(root);
          dir = dir.getParent()) {
        try {
          Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
          break;
        }
      }
      if (manifest.remove(path) != null) {
        log(new Change(path, null));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }

  /**
   * The file published at {@code path} with its headers, if any. Paths that are not well-formed
   * site paths (dot segments, backslashes, encoded characters) are simply not found.
   */
  public synchronized Optional<Served> read(String path) {
    if (path == null || !PATH.matcher(path).matches()) {
      return Optional.empty();
    }
    Entry entry = manifest.get(path);
    if (entry == null) {
      return Optional.empty();
    }
    try {
      Path file = file(path);
      java.time.Instant modified = Files.getLastModifiedTime(file).toInstant();
      return Optional.of(
          new Served(
              Files.readAllBytes(file), entry.contentType(), entry.cacheControl(), modified));
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** Whether a file is published at {@code path}. */
  public synchronized boolean has(String path) {
    return path != null && PATH.matcher(path).matches() && manifest.containsKey(path);
  }

  private Path file(String path) {
    if (path == null || !PATH.matcher(path).matches()) {
      throw new IllegalArgumentException("not a site path: " + path);
    }
    Path p = root.resolve(path.substring(1)).normalize();
    if (!p.startsWith(root) || p.equals(root)) {
      throw new IllegalArgumentException("not a site path: " + path);
    }
    return p;
  }

  /** Writes the manifest whole and starts an empty log. */
  private void fold() throws IOException {
    replace(manifestFile, Json.write(manifest).getBytes(StandardCharsets.UTF_8));
    // Replaying a log over the manifest it was folded into gives that manifest again, so a crash
    // before this delete loses nothing.
    Files.deleteIfExists(logFile);
    logLines = 0;
  }

  /** A line of the log, or null when it is cut short or otherwise not one. */
  private static Change change(String line) {
    try {
      Change c = Json.read(line, Change.class);
      return c == null || c.path() == null ? null : c;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Appends {@code c} to the log (one write of one line), or writes the manifest whole when the log
   * has grown as large as it.
   */
  private void log(Change c) throws IOException {
    if (logLines + 1 >= Math.max(MIN_LOG_LINES, manifest.size())) {
      fold();
      return;
    }
    Files.write(
        logFile,
        (Json.write(c) + "\n").getBytes(StandardCharsets.UTF_8),
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND,
        java.nio.file.StandardOpenOption.WRITE);
    logLines++;
  }

  private static void replace(Path target, byte[] bytes) throws IOException {
    Path tmp =
        target.resolveSibling(
            target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
    Files.write(tmp, bytes);
    try {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
