package dev.trustcenter.filestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.evidence.NoteSigner;
import dev.trustcenter.evidence.NoteSignerContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileNoteSignerTest extends NoteSignerContract {
  @TempDir Path dir;

  @Override
  protected NoteSigner signer(String name) {
    return FileNoteSigner.open(dir, name);
  }

  @Test
  void theKeyIsCreatedOnFirstStartOwnerOnlyAndKeptAcrossRestarts() throws Exception {
    NoteSigner first = FileNoteSigner.open(dir, "log");
    Path file = dir.resolve(FileNoteSigner.FILE);
    assertEquals(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(file));
    NoteSigner again = FileNoteSigner.open(dir, "log");
    assertArrayEquals(first.publicKey(), again.publicKey());
    assertTrue(Files.readString(file).contains("BEGIN PRIVATE KEY"));
  }

  @Test
  void aDamagedKeyFileIsRefusedNotReplaced() throws Exception {
    FileNoteSigner.open(dir, "log");
    Path file = dir.resolve(FileNoteSigner.FILE);
    String broken = Files.readString(file).replace("PUBLIC KEY", "PUBLIK KEY");
    Files.writeString(file, broken);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> FileNoteSigner.open(dir, "log"));
    assertTrue(e.getMessage().contains("no usable Ed25519 key"), e.getMessage());
    assertEquals(broken, Files.readString(file));
  }
}
