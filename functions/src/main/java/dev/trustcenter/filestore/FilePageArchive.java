package dev.trustcenter.filestore;

import dev.trustcenter.subprocessors.ArchivedPage;
import dev.trustcenter.subprocessors.FetchedPage;
import dev.trustcenter.subprocessors.PageArchive;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The page archive of the local run: files under {@code <dataDir>/archive}, named like the bucket's
 * objects. Each file is written to a temporary name and then moved without replacing, so a crash
 * never leaves a torn page under its final name and an existing page is never overwritten.
 */
public final class FilePageArchive implements PageArchive {
  private final Path root;

  /**
   * @param root the archive folder, usually {@code <dataDir>/archive}
   */
  public FilePageArchive(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public ArchivedPage archive(String vendor, FetchedPage page) {
    ArchivedPage names = ArchivedPage.namesFor(vendor, page, true);
    try {
      boolean created = writeNew(names.pageName(), page.body());
      writeNew(names.metadataName(), ArchivedPage.metadata(vendor, page));
      return created ? names : names.existing();
    } catch (IOException e) {
      throw new ArchiveException("could not archive the page locally: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<byte[]> read(String name) {
    try {
      return Optional.of(Files.readAllBytes(resolve(name)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ArchiveException("could not read " + name + ": " + e.getMessage(), e);
    }
  }

  private boolean writeNew(String name, byte[] bytes) throws IOException {
    Path target = resolve(name);
    if (Files.exists(target)) {
      return false;
    }
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), ".archive", ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, target); // no REPLACE_EXISTING: an object is never overwritten
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private Path resolve(String name) {
    Path p = root.resolve(name).normalize();
    if (!p.startsWith(root) || p.equals(root)) {
      throw new IllegalArgumentException("archive name outside the archive");
    }
    return p;
  }
}
