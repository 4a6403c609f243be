package dev.trustcenter.filestore;

import dev.trustcenter.documents.DocumentBucket;
import dev.trustcenter.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Gated documents of the local run, in {@code <dataDir>/documents}: each object is a file plus a
 * {@code .meta.json} with its content type and SHA-256. It cannot sign URLs, so downloads hand out
 * the bytes and the local server serves them behind the same grant checks.
 */
public final class FolderDocumentBucket implements DocumentBucket {
  private static final Pattern OBJECT =
      Pattern.compile("[a-z0-9][a-z0-9-]{0,62}/[A-Za-z0-9._-]{1,100}");
  private final Path root;

  public FolderDocumentBucket(Path dataDir) {
    this.root = dataDir.resolve("documents").toAbsolutePath().normalize();
  }

  private Path path(String object) {
    if (!OBJECT.matcher(object).matches() || object.contains("..")) {
      throw new IllegalArgumentException("invalid object name");
    }
    return root.resolve(object);
  }

  @Override
  public void put(String object, byte[] bytes, String contentType, String sha256) {
    Path file = path(object);
    try {
      Files.createDirectories(file.getParent());
      if (Files.exists(file)) {
        throw new FileAlreadyExistsException(object);
      }
      Path tmp = Files.createTempFile(file.getParent(), ".upload", ".tmp");
      Files.write(tmp, bytes);
      Files.writeString(
          meta(file), Json.write(Map.of("contentType", contentType, "sha256", sha256)));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not store " + object, e);
    }
  }

  private static Path meta(Path file) {
    return file.resolveSibling(file.getFileName() + ".meta.json");
  }

  @Override
  public boolean exists(String object) {
    return Files.isRegularFile(path(object));
  }

  @Override
  public Download download(String object, String fileName, Duration validity) {
    Path file = path(object);
    try {
      @SuppressWarnings("unchecked")
      Map<String, String> m = Json.read(Files.readString(meta(file)), Map.class);
      return new Content(Files.readAllBytes(file), m.get("contentType"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + object, e);
    }
  }
}
