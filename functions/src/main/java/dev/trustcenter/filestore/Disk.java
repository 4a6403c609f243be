package dev.trustcenter.filestore;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The file operations {@link FileDocumentStore} writes through. They are this small seam so that
 * tests can make each one fail the way a full or failing disk does (short writes, {@link
 * IOException} at any step, a crash between two steps) and check what the store leaves behind.
 */
interface Disk {

  /** A file opened for writing. */
  interface Output extends Closeable {
    /**
     * Writes some of {@code src}'s remaining bytes (maybe not all: callers loop); answers how many.
     */
    int write(ByteBuffer src) throws IOException;

    /** Forces the file's content and metadata to the device. */
    void force() throws IOException;
  }

  /** Creates {@code file}, which must not exist, for writing. */
  Output create(Path file) throws IOException;

  byte[] read(Path file) throws IOException;

  boolean exists(Path file);

  void createDirectories(Path dir) throws IOException;

  /** Renames {@code from} to {@code to} atomically, replacing {@code to}. */
  void move(Path from, Path to) throws IOException;

  void deleteIfExists(Path file) throws IOException;

  /** Makes the directory's entries (renames, new and deleted files) durable. */
  void forceDirectory(Path dir) throws IOException;

  /** The real file system. */
  Disk REAL =
      new Disk() {
        @Override
        public Output create(Path file) throws IOException {
          FileChannel ch =
              FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          return new Output() {
            @Override
            public int write(ByteBuffer src) throws IOException {
              return ch.write(src);
            }

            @Override
            public void force() throws IOException {
              ch.force(true);
            }

            @Override
            public void close() throws IOException {
              ch.close();
            }
          };
        }

        @Override
        public byte[] read(Path file) throws IOException {
          return Files.readAllBytes(file);
        }

        @Override
        public boolean exists(Path file) {
          return Files.exists(file);
        }

        @Override
        public void createDirectories(Path dir) throws IOException {
          Files.createDirectories(dir);
        }

        @Override
        public void move(Path from, Path to) throws IOException {
          Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public void deleteIfExists(Path file) throws IOException {
          Files.deleteIfExists(file);
        }

        @Override
        public void forceDirectory(Path dir) throws IOException {
          FileChannel ch;
          try {
            ch = FileChannel.open(dir, StandardOpenOption.READ);
          } catch (AccessDeniedException e) {
            return; // Windows cannot open a directory; its renames are durable without it
          }
          try (ch) {
            ch.force(true);
          }
        }
      };
}
