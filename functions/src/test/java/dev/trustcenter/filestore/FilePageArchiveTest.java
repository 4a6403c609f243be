package dev.trustcenter.filestore;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trustcenter.subprocessors.PageArchive;
import dev.trustcenter.subprocessors.PageArchiveContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive contract against a local folder. */
class FilePageArchiveTest extends PageArchiveContract {
  @TempDir Path dataDir;

  @Override
  protected PageArchive archive() {
    return new FilePageArchive(dataDir.resolve("archive"));
  }

  @Test
  void aNameOutsideTheArchiveIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> archive().read("../store/public/snapshot.json"));
  }
}
