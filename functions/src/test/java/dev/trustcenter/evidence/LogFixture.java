package dev.trustcenter.evidence;

import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.filestore.FileNoteSigner;
import dev.trustcenter.store.DocumentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A store, a signer and a folder the log is published to, all in one temporary directory. */
final class LogFixture implements AutoCloseable {
  static final String ORIGIN = "trust.example.com/log";
  final Path dir;
  final DocumentStore store;
  final NoteSigner signer;
  final Folder files;
  final EvidenceLog log;
  final LogPublisher publisher;

  LogFixture(Path dir) {
    this(dir, FileDocumentStore.open(dir.resolve("data")));
  }

  LogFixture(Path dir, DocumentStore store) {
    this.dir = dir;
    this.store = store;
    this.signer = FileNoteSigner.open(dir.resolve("data"), ORIGIN);
    this.files = new Folder(dir.resolve("site"));
    this.log = new EvidenceLog(store);
    this.publisher = new LogPublisher(store, files, signer, ORIGIN);
  }

  /** The published log as a folder LogFiles, remembering what was written. */
  static final class Folder implements LogFiles {
    final Path root;
    final List<String> written = new ArrayList<>();
    int failAfter = Integer.MAX_VALUE;

    Folder(Path root) {
      this.root = root;
    }

    @Override
    public void put(String path, byte[] bytes, boolean immutable) {
      if (written.size() >= failAfter) {
        throw new UncheckedIOException(new IOException("bucket unavailable"));
      }
      try {
        Path file = root.resolve("log").resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      written.add(path);
    }

    @Override
    public void delete(String path) {
      try {
        Files.deleteIfExists(root.resolve("log").resolve(path));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Appends {@code count} hourly check results of control {@code control} in one transaction;
   * answers their indices.
   */
  List<Long> append(String control, int count, Instant start) {
    return store.transaction(
        tx -> {
          EvidenceLog.Appender a = log.begin(tx);
          List<Long> out = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            out.add(
                a.append(
                    new LogEntry(
                        LogEntry.CHECK_RESULT,
                        start.plusSeconds(3600L * i),
                        control,
                        Map.of("outcome", "passing", "checkedBy", "test"))));
          }
          return out;
        });
  }

  LogVerifier.Report verify(String since) {
    return LogVerifier.verify(
        new LogSource.Folder(files.root), SignedNote.verifierKey(signer).encoded(), since);
  }

  String checkpoint() throws IOException {
    return Files.readString(files.root.resolve("log/checkpoint"));
  }

  @Override
  public void close() {
    store.close();
  }
}
