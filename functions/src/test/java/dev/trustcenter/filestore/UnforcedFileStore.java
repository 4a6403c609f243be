package dev.trustcenter.filestore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The file store writing without forcing anything to the device, for benchmarks that fill a large
 * store before measuring it (tens of thousands of forced writes would take most of an hour). Never
 * for measuring writes: reopen the directory with {@link FileDocumentStore#open(Path)} for that.
 */
public final class UnforcedFileStore {
  private UnforcedFileStore() {}

  public static FileDocumentStore open(Path dataDir) {
    return FileDocumentStore.open(dataDir, UNFORCED);
  }

  private static final Disk UNFORCED =
      new Disk() {
        @Override
        public Output create(Path file) throws IOException {
          Output real = Disk.REAL.create(file);
          return new Output() {
            @Override
            public int write(ByteBuffer src) throws IOException {
              return real.write(src);
            }

            @Override
            public void force() {}

            @Override
            public void close() throws IOException {
              real.close();
            }
          };
        }

        @Override
        public byte[] read(Path file) throws IOException {
          return Disk.REAL.read(file);
        }

        @Override
        public boolean exists(Path file) {
          return Disk.REAL.exists(file);
        }

        @Override
        public void createDirectories(Path dir) throws IOException {
          Disk.REAL.createDirectories(dir);
        }

        @Override
        public void move(Path from, Path to) throws IOException {
          Disk.REAL.move(from, to);
        }

        @Override
        public void deleteIfExists(Path file) throws IOException {
          Disk.REAL.deleteIfExists(file);
        }

        @Override
        public void forceDirectory(Path dir) {}
      };
}
