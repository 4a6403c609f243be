package dev.trustcenter.filestore;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Ids;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoreException;
import dev.trustcenter.store.StoredDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * The embedded store of the local run: one JSON file per document under {@code <dataDir>/store}, so the data
 * survives restarts and can be read with any editor.
 *
 * <p>Crash safety: a document is written to a temporary file, forced to disk and renamed over the old one, so
 * a reader sees the old or the new version, never a torn one. A transaction that writes several documents
 * first writes all of them to a journal (forced, then renamed into place); on the next start an unfinished
 * journal is replayed, so a crash in the middle of a transaction leaves all of its writes or none.
 *
 * <p>Transactions are serialized by one lock per store, and a lock file keeps a second process away from the
 * same directory.
 */
public final class FileDocumentStore implements DocumentStore {
  private static final Logger LOG = Logger.getLogger(FileDocumentStore.class.getName());
  private static final String SUFFIX = ".json";
  private static final String JOURNAL = ".journal";
  private static final Gson GSON = new Gson();

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock processLock;
  private final ReentrantLock mutex = new ReentrantLock();

  private FileDocumentStore(Path root, FileChannel lockChannel, FileLock processLock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.processLock = processLock;
  }

  /**
   * Opens (creating if needed) the store in {@code dataDir/store}, replaying an unfinished journal.
   *
   * @throws StoreException if the directory cannot be used or another process holds it
   */
  public static FileDocumentStore open(Path dataDir) {
    Path root = dataDir.resolve("store").toAbsolutePath().normalize();
    try {
      Files.createDirectories(root);
      FileChannel channel =
          FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new StoreException(
            "the data directory " + dataDir + " is in use by another trust center process", null);
      }
      FileDocumentStore store = new FileDocumentStore(root, channel, lock);
      try {
        store.recover();
      } catch (IOException | RuntimeException e) {
        store.close();
        throw e;
      }
      return store;
    } catch (IOException e) {
      throw new StoreException("cannot open the data directory " + dataDir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<StoredDocument> get(String collection, String id) {
    Path file = file(collection, id);
    mutex.lock();
    try {
      return read(file, id);
    } finally {
      mutex.unlock();
    }
  }

  @Override
  public List<StoredDocument> list(String collection, Range range) {
    Path dir = dir(collection);
    mutex.lock();
    try {
      return listLocked(dir, range);
    } finally {
      mutex.unlock();
    }
  }

  @Override
  public boolean createIfAbsent(String collection, String id, String json) {
    Path file = file(collection, id);
    mutex.lock();
    try {
      if (Files.exists(file)) {
        return false;
      }
      writeAtomically(file, json);
      return true;
    } catch (IOException e) {
      throw new StoreException("cannot write " + collection + "/" + id, e);
    } finally {
      mutex.unlock();
    }
  }

  @Override
  public <T> T transaction(TransactionWork<T> work) {
    mutex.lock();
    try {
      FileTransaction tx = new FileTransaction();
      T result = work.run(tx);
      commit(tx.writes);
      return result;
    } catch (IOException e) {
      throw new StoreException("cannot commit a transaction", e);
    } finally {
      mutex.unlock();
    }
  }

  @Override
  public void close() {
    try {
      processLock.release();
      lockChannel.close();
    } catch (IOException e) {
      LOG.warning("closing the store lock failed: " + e.getMessage());
    }
  }

  private final class FileTransaction implements Transaction {
    private final Map<Path, Write> writes = new LinkedHashMap<>();

    @Override
    public Optional<StoredDocument> get(String collection, String id) {
      Path file = file(collection, id);
      Write pending = writes.get(file);
      if (pending != null) {
        return pending.json == null ? Optional.empty() : Optional.of(new StoredDocument(id, pending.json));
      }
      return read(file, id);
    }

    @Override
    public List<StoredDocument> list(String collection, Range range) {
      return listLocked(dir(collection), range);
    }

    @Override
    public void put(String collection, String id, String json) {
      Path file = file(collection, id);
      writes.put(file, new Write(root.relativize(file).toString(), java.util.Objects.requireNonNull(json)));
    }

    @Override
    public void delete(String collection, String id) {
      Path file = file(collection, id);
      writes.put(file, new Write(root.relativize(file).toString(), null));
    }
  }

  /** One write of a transaction: the file relative to the root, and its new content (null deletes it). */
  private record Write(String path, String json) {}

  private void commit(Map<Path, Write> writes) throws IOException {
    if (writes.isEmpty()) {
      return;
    }
    if (writes.size() == 1) {
      apply(writes.values().iterator().next());
      return;
    }
    Path journal = root.resolve(JOURNAL);
    writeAtomically(journal, GSON.toJson(new ArrayList<>(writes.values())));
    for (Write w : writes.values()) {
      apply(w);
    }
    Files.delete(journal);
    forceDirectory(root);
  }

  private void apply(Write w) throws IOException {
    Path file = root.resolve(w.path()).normalize();
    if (!file.startsWith(root)) {
      throw new IOException("journal entry outside the store: " + w.path());
    }
    if (w.json() == null) {
      Files.deleteIfExists(file);
      forceDirectory(file.getParent());
    } else {
      writeAtomically(file, w.json());
    }
  }

  private void recover() throws IOException {
    Path journal = root.resolve(JOURNAL);
    if (Files.exists(journal)) {
      List<Write> writes =
          GSON.fromJson(Files.readString(journal), new TypeToken<List<Write>>() {}.getType());
      LOG.warning("replaying an unfinished transaction of " + writes.size() + " writes");
      for (Write w : writes) {
        apply(w);
      }
      Files.delete(journal);
      forceDirectory(root);
    }
    try (var files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getFileName().toString().endsWith(".tmp")) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private Optional<StoredDocument> read(Path file, String id) {
    try {
      return Optional.of(new StoredDocument(id, Files.readString(file, StandardCharsets.UTF_8)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read " + root.relativize(file), e);
    }
  }

  private List<StoredDocument> listLocked(Path dir, Range range) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        String id = name.substring(0, name.length() - SUFFIX.length());
        if (inRange(range, id)) {
          ids.add(id);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Comparator<String> order = range.descending() ? Comparator.reverseOrder() : Comparator.naturalOrder();
    ids.sort(order);
    List<StoredDocument> out = new ArrayList<>();
    for (String id : ids.subList(0, Math.min(range.limit(), ids.size()))) {
      read(dir.resolve(id + SUFFIX), id).ifPresent(out::add);
    }
    return out;
  }

  private static boolean inRange(Range range, String id) {
    return (range.fromId() == null || id.compareTo(range.fromId()) >= 0)
        && (range.toId() == null || id.compareTo(range.toId()) < 0);
  }

  private Path dir(String collection) {
    return root.resolve(Ids.checkCollection(collection));
  }

  private Path file(String collection, String id) {
    return dir(collection).resolve(Ids.checkId(id) + SUFFIX);
  }

  private static void writeAtomically(Path file, String content) throws IOException {
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(dir);
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems cannot sync a directory; the rename is still atomic there.
    }
  }
}
