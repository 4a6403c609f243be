package dev.trustcenter.filestore;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Ids;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoreException;
import dev.trustcenter.store.StoredDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

/**
 * The embedded store of the local run: one JSON file per document under {@code <dataDir>/store}, so
 * the data survives restarts and can be read with any editor.
 *
 * <p>Every write (a transaction's writes, or {@link #createIfAbsent}) is committed the same way, so
 * that a full or failing disk, or a crash at any point, leaves all of its writes or none, now and
 * after the next start:
 *
 * <ol>
 *   <li>each new document is written in full to a temporary file beside its target (looping until
 *       the device took every byte), forced to the device, and read back to check that it holds
 *       exactly what was written;
 *   <li>a journal lists the writes, one line per write with its CRC32C and the new content's
 *       SHA-256, ending with a commit line; it is written, forced and checked the same way, then
 *       the directory is forced. The transaction is committed when this step completes;
 *   <li>each target is renamed aside (the old version stays until the end) and its temporary file
 *       renamed into place, then the directories are forced;
 *   <li>the journal is deleted, and then the old versions.
 * </ol>
 *
 * A failure in steps 1 or 2 deletes what was written; a failure in step 3 or 4 renames the journal
 * to a rollback journal and puts the old versions back. Either way the caller gets a {@link
 * StoreException} and nothing has changed, also after a restart. On opening, a complete journal is
 * finished (a crash after the commit), a rollback journal is undone, a torn journal (a crash before
 * the commit) is discarded with a log line, and leftover temporary files and old versions are
 * deleted. Renames need no free space, so a full disk fails in steps 1 and 2 only. If even an undo
 * fails, the store answers {@link StoreException} to every call until a retry of the undo succeeds:
 * nobody reads a half-applied transaction.
 *
 * <p>Transactions are serialized by one lock per store, and a lock file keeps a second process away
 * from the same directory.
 */
public final class FileDocumentStore implements DocumentStore {
  private static final Logger LOG = Logger.getLogger(FileDocumentStore.class.getName());
  private static final String SUFFIX = ".json";
  private static final String JOURNAL = ".journal";
  private static final String ROLLBACK = ".rollback";
  private static final Gson GSON = new Gson();

  private final Path root;
  private final Disk disk;
  private final FileChannel lockChannel;
  private final FileLock processLock;
  private final ReentrantLock mutex = new ReentrantLock();

  /** Documents of at least this many bytes are kept read ({@link #texts}). */
  static final int KEEP_FROM = 16 * 1024;

  /** At most this many bytes of documents are kept read. */
  static final long KEEP_AT_MOST = 32L * 1024 * 1024;

  /**
   * The text of the larger documents as last read (the public snapshot, the render state, the
   * synced lists: read whole by every publish), with the file it was read from: its identity
   * (device and inode), size and modification time. A document is read again when any of them
   * differ, so a commit (which renames a new file into place) or an edit by hand is never missed;
   * one {@code stat} replaces reading and decoding hundreds of kilobytes. Guarded by {@link
   * #mutex}, like every read; the least recently read go first beyond {@link #KEEP_AT_MOST} bytes.
   */
  private final Map<Path, Kept> texts =
      new LinkedHashMap<>(16, 0.75f, true) {
        private long bytes;

        @Override
        public Kept put(Path key, Kept value) {
          Kept old = super.put(key, value);
          bytes += value.size() - (old == null ? 0 : old.size());
          var eldest = values().iterator();
          while (bytes > KEEP_AT_MOST && eldest.hasNext()) {
            bytes -= eldest.next().size();
            eldest.remove();
          }
          return old;
        }

        @Override
        public Kept remove(Object key) {
          Kept old = super.remove(key);
          bytes -= old == null ? 0 : old.size();
          return old;
        }
      };

  /** A document's text with the attributes of the file it was read from. */
  private record Kept(Object fileKey, long size, FileTime modified, String text) {
    boolean readFrom(BasicFileAttributes a) {
      return fileKey.equals(a.fileKey())
          && size == a.size()
          && modified.equals(a.lastModifiedTime());
    }
  }

  /** Set when an undo failed: every call first finishes it (see {@link #checkUsable}). */
  private boolean needsRecovery;

  /**
   * Set when even renaming the journal for an undo failed: this process undoes that journal, never
   * completes it.
   */
  private boolean undoJournal;

  private FileDocumentStore(Path root, Disk disk, FileChannel lockChannel, FileLock processLock) {
    this.root = root;
    this.disk = disk;
    this.lockChannel = lockChannel;
    this.processLock = processLock;
  }

  /**
   * Opens (creating if needed) the store in {@code dataDir/store}, finishing or undoing an
   * interrupted transaction.
   *
   * @throws StoreException if the directory cannot be used or another process holds it
   */
  public static FileDocumentStore open(Path dataDir) {
    return open(dataDir, Disk.REAL);
  }

  /** {@link #open(Path)} writing through {@code disk} (tests inject faults there). */
  static FileDocumentStore open(Path dataDir, Disk disk) {
    Path root = dataDir.resolve("store").toAbsolutePath().normalize();
    try {
      Files.createDirectories(root);
      FileChannel channel =
          FileChannel.open(
              root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
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
      FileDocumentStore store = new FileDocumentStore(root, disk, channel, lock);
      try {
        store.recover();
      } catch (IOException | RuntimeException e) {
        store.close();
        throw e;
      }
      return store;
    } catch (IOException e) {
      throw new StoreException(
          "cannot open the data directory " + dataDir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<StoredDocument> get(String collection, String id) {
    Path file = file(collection, id);
    mutex.lock();
    try {
      checkUsable();
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
      checkUsable();
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
      checkUsable();
      if (disk.exists(file)) {
        return false;
      }
      commit(
          Map.of(file, new Write(root.relativize(file).toString(), Objects.requireNonNull(json))));
      return true;
    } catch (IOException e) {
      throw new StoreException("cannot write " + collection + "/" + id + ": " + e.getMessage(), e);
    } finally {
      mutex.unlock();
    }
  }

  @Override
  public <T> T transaction(TransactionWork<T> work) {
    mutex.lock();
    try {
      checkUsable();
      FileTransaction tx = new FileTransaction();
      T result = work.run(tx);
      commit(tx.writes);
      return result;
    } catch (IOException e) {
      throw new StoreException("cannot commit a transaction: " + e.getMessage(), e);
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
        return pending.json == null
            ? Optional.empty()
            : Optional.of(new StoredDocument(id, pending.json));
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
      writes.put(file, new Write(root.relativize(file).toString(), Objects.requireNonNull(json)));
    }

    @Override
    public void delete(String collection, String id) {
      Path file = file(collection, id);
      writes.put(file, new Write(root.relativize(file).toString(), null));
    }
  }

  /**
   * One write of a transaction: the file relative to the root, and its new content (null deletes
   * it).
   */
  private record Write(String path, String json) {}

  /**
   * One journal line. A write: its transaction's id {@code tx} (which names the old versions kept
   * aside), {@code path} (relative to the root), {@code tmp} (its new content, null for a delete),
   * {@code sha256} of that content, and whether the target {@code existed} before. The last line of
   * a complete journal is a commit line: only {@code commit}, the number of writes.
   */
  private record Entry(
      String tx, String path, String tmp, String sha256, boolean existed, int commit) {}

  /** A journal as read back: its writes, and whether its commit line was found. */
  private record Journal(List<Entry> entries, boolean committed) {}

  /** Runs the commit protocol of the class comment; nothing is changed when it throws. */
  private void commit(Map<Path, Write> writes) throws IOException {
    if (writes.isEmpty()) {
      return;
    }
    String tx = UUID.randomUUID().toString();
    List<Entry> entries = new ArrayList<>();
    Path journal = root.resolve(JOURNAL);
    try {
      for (Map.Entry<Path, Write> w : writes.entrySet()) {
        Path target = w.getKey();
        String rel = root.relativize(target).toString();
        boolean existed = disk.exists(target);
        if (w.getValue().json() == null) {
          entries.add(new Entry(tx, rel, null, null, existed, 0));
          continue;
        }
        byte[] bytes = w.getValue().json().getBytes(StandardCharsets.UTF_8);
        disk.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + "." + tx + ".tmp");
        // Listed before it is written, so that a failure part-way still deletes it.
        entries.add(new Entry(tx, rel, root.relativize(tmp).toString(), sha256(bytes), existed, 0));
        writeChecked(tmp, bytes);
      }
      writeChecked(journal, journalBytes(entries));
      disk.forceDirectory(root);
      // Committed: from here a crash is completed at the next start, and a failure is rolled back.
      for (Entry e : entries) {
        applyEntry(e);
      }
      for (Path dir : parents(entries)) {
        disk.forceDirectory(dir);
      }
      disk.deleteIfExists(journal);
    } catch (IOException | RuntimeException e) {
      abort(entries, tx, journal, e);
      throw e;
    }
    // Done: the journal is gone. What follows only tidies up; the next start deletes what it
    // leaves.
    keep(writes);
    try {
      disk.forceDirectory(root);
      for (Entry e : entries) {
        disk.deleteIfExists(old(e));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warning(
          "a committed transaction left old versions behind (deleted at the next start): "
              + e.getMessage());
    }
  }

  /**
   * Keeps the text of the larger documents just written ({@link #texts}), so the next read of one
   * (the publisher reads the snapshot a result or an edit just rewrote) is a {@code stat}.
   */
  private void keep(Map<Path, Write> writes) {
    writes.forEach(
        (file, w) -> {
          texts.remove(file);
          if (w.json() != null && w.json().length() >= KEEP_FROM / 4) {
            try {
              BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
              if (a.size() >= KEEP_FROM && a.fileKey() != null) {
                texts.put(file, new Kept(a.fileKey(), a.size(), a.lastModifiedTime(), w.json()));
              }
            } catch (IOException e) {
              // Not kept: the next read reads the file.
            }
          }
        });
  }

  /**
   * Undoes a failed commit; if that fails too, the store refuses every call until an undo succeeds.
   */
  private void abort(List<Entry> entries, String tx, Path journal, Exception cause) {
    try {
      if (disk.exists(journal)) {
        // From this rename on, a restart undoes the transaction instead of completing it.
        disk.move(journal, root.resolve(ROLLBACK));
        disk.forceDirectory(root);
        undo(entries);
        disk.deleteIfExists(root.resolve(ROLLBACK));
      } else {
        for (Entry e : entries) {
          if (e.tmp() != null) {
            disk.deleteIfExists(resolve(e.tmp()));
          }
        }
      }
      LOG.warning("a write failed and was undone; nothing was changed: " + cause.getMessage());
    } catch (IOException | RuntimeException failure) {
      needsRecovery = true;
      undoJournal = disk.exists(journal);
      cause.addSuppressed(failure);
      LOG.log(
          Level.SEVERE,
          "a write failed and could not be undone yet; the store refuses calls until it is",
          failure);
    }
  }

  /** Applies one write, keeping the old version aside as {@code <file>.<tx>.old}. */
  private void applyEntry(Entry e) throws IOException {
    Path target = resolve(e.path());
    if (e.existed() && disk.exists(target)) {
      disk.move(target, old(e));
    }
    if (e.tmp() != null) {
      disk.move(resolve(e.tmp()), target);
    }
  }

  /**
   * Puts back what {@link #applyEntry} changed, last write first. Safe to run again after a crash.
   */
  private void undo(List<Entry> entries) throws IOException {
    for (int i = entries.size() - 1; i >= 0; i--) {
      Entry e = entries.get(i);
      Path target = resolve(e.path());
      Path old = old(e);
      if (disk.exists(old)) {
        disk.move(old, target);
      } else if (!e.existed() && e.tmp() != null && !disk.exists(resolve(e.tmp()))) {
        disk.deleteIfExists(target); // the new file, renamed into place
      }
      if (e.tmp() != null) {
        disk.deleteIfExists(resolve(e.tmp()));
      }
    }
    for (Path dir : parents(entries)) {
      disk.forceDirectory(dir);
    }
  }

  /**
   * Completes a committed transaction after a crash: renames the remaining new files into place.
   */
  private void redo(List<Entry> entries) throws IOException {
    for (Entry e : entries) {
      Path target = resolve(e.path());
      if (e.tmp() == null) {
        disk.deleteIfExists(target);
        continue;
      }
      Path tmp = resolve(e.tmp());
      if (!disk.exists(tmp)) {
        continue; // renamed into place before the crash
      }
      if (!sha256(disk.read(tmp)).equals(e.sha256())) {
        throw new IOException("the new version of " + e.path() + " no longer matches its checksum");
      }
      disk.move(tmp, target);
    }
    for (Path dir : parents(entries)) {
      disk.forceDirectory(dir);
    }
  }

  private Set<Path> parents(List<Entry> entries) {
    Set<Path> dirs = new LinkedHashSet<>();
    for (Entry e : entries) {
      dirs.add(resolve(e.path()).getParent());
    }
    return dirs;
  }

  private Path old(Entry e) {
    if (e.tx() == null || !e.tx().matches("[0-9a-f-]{36}")) {
      throw new StoreException("journal entry without a valid transaction id: " + e.path(), null);
    }
    return resolve(e.path() + "." + e.tx() + ".old");
  }

  /** A path named by the journal, which must stay inside the store. */
  private Path resolve(String rel) {
    Path p = root.resolve(rel).normalize();
    if (!p.startsWith(root) || p.equals(root)) {
      throw new StoreException("journal entry outside the store: " + rel, null);
    }
    return p;
  }

  /**
   * Writes {@code bytes} to the new file {@code file}: every byte (a device may take fewer than
   * asked), forced to the device, then read back and compared, so that a file system that lost
   * bytes is caught here.
   */
  private void writeChecked(Path file, byte[] bytes) throws IOException {
    try (Disk.Output out = disk.create(file)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      int idle = 0;
      while (buffer.hasRemaining()) {
        if (out.write(buffer) <= 0 && ++idle > 100) {
          throw new IOException(
              "the device takes no more bytes (" + buffer.remaining() + " left to write)");
        }
      }
      out.force();
    }
    byte[] back = disk.read(file);
    if (!Arrays.equals(back, bytes)) {
      throw new IOException(
          "read back "
              + back.length
              + " bytes where "
              + bytes.length
              + " were written to "
              + root.relativize(file));
    }
  }

  private static byte[] journalBytes(List<Entry> entries) {
    StringBuilder out = new StringBuilder();
    for (Entry e : entries) {
      line(out, GSON.toJson(e));
    }
    line(out, GSON.toJson(new Entry(null, null, null, null, false, entries.size())));
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void line(StringBuilder out, String json) {
    out.append(crc(json)).append(' ').append(json).append('\n');
  }

  private static String crc(String json) {
    CRC32C crc = new CRC32C();
    crc.update(json.getBytes(StandardCharsets.UTF_8));
    return String.format("%08x", crc.getValue());
  }

  /**
   * Reads a journal up to its first line that is incomplete or fails its checksum: what a crash
   * while writing it leaves. That tail is discarded with a log line; without a commit line nothing
   * of it was applied.
   */
  private Journal readJournal(Path file) throws IOException {
    String text = new String(disk.read(file), StandardCharsets.UTF_8);
    List<Entry> entries = new ArrayList<>();
    int pos = 0;
    int lineNumber = 0;
    while (pos < text.length()) {
      int end = text.indexOf('\n', pos);
      String line = end < 0 ? null : text.substring(pos, end);
      Entry e = line == null ? null : parseLine(line);
      if (e == null) {
        LOG.warning(
            "discarding a torn journal tail in "
                + file.getFileName()
                + ": "
                + (text.length() - pos)
                + " bytes from line "
                + (lineNumber + 1)
                + " fail their checksum or are incomplete");
        break;
      }
      lineNumber++;
      pos = end + 1;
      if (e.path() == null) {
        boolean complete = e.commit() == entries.size();
        if (!complete) {
          LOG.warning(
              "discarding a journal whose commit line counts "
                  + e.commit()
                  + " writes, not "
                  + entries.size());
        }
        if (pos < text.length()) {
          LOG.warning(
              "ignoring "
                  + (text.length() - pos)
                  + " bytes after the commit line of "
                  + file.getFileName());
        }
        return new Journal(entries, complete);
      }
      resolve(e.path());
      if (e.tmp() != null) {
        resolve(e.tmp());
      }
      entries.add(e);
    }
    return new Journal(entries, false);
  }

  private static Entry parseLine(String line) {
    int space = line.indexOf(' ');
    if (space != 8 || !crc(line.substring(space + 1)).equals(line.substring(0, space))) {
      return null;
    }
    try {
      Entry e = GSON.fromJson(line.substring(space + 1), Entry.class);
      return e != null && (e.path() != null || e.commit() >= 0) ? e : null;
    } catch (JsonParseException ex) {
      return null;
    }
  }

  /** Answers {@link StoreException} while an undo is outstanding and cannot be finished yet. */
  private void checkUsable() {
    if (!needsRecovery) {
      return;
    }
    try {
      recover();
      needsRecovery = false;
      LOG.info("the failed write was undone; the store is usable again");
    } catch (IOException | RuntimeException e) {
      throw new StoreException(
          "the store is undoing a failed write and cannot read its disk: " + e.getMessage(), e);
    }
  }

  /**
   * Finishes or undoes an interrupted transaction and deletes leftover temporary files and old
   * versions.
   */
  private void recover() throws IOException {
    Path rollback = root.resolve(ROLLBACK);
    Path journal = root.resolve(JOURNAL);
    if (disk.exists(rollback)) {
      Journal j = readJournal(rollback);
      LOG.warning(
          "undoing a transaction of "
              + j.entries().size()
              + " writes that failed before a restart");
      undo(j.entries());
      disk.deleteIfExists(rollback);
      disk.forceDirectory(root);
    }
    if (undoJournal && disk.exists(journal)) {
      Journal j = readJournal(journal);
      undo(j.entries());
      disk.deleteIfExists(journal);
      disk.forceDirectory(root);
      undoJournal = false;
    }
    if (disk.exists(journal)) {
      String text = new String(disk.read(journal), StandardCharsets.UTF_8);
      if (text.startsWith("[")) {
        replayLegacy(text);
      } else {
        Journal j = readJournal(journal);
        if (j.committed()) {
          LOG.warning(
              "completing a transaction of " + j.entries().size() + " writes cut short by a crash");
          redo(j.entries());
        } else {
          LOG.warning(
              "discarding a transaction that was not committed before a crash ("
                  + j.entries().size()
                  + " writes listed); nothing of it was applied");
        }
      }
      disk.deleteIfExists(journal);
      disk.forceDirectory(root);
    }
    try (var files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(".tmp") || name.endsWith(".old")) {
          disk.deleteIfExists(p);
        }
      }
    }
  }

  /**
   * Replays a journal of the previous format (a JSON array of whole documents), writing each
   * document in full and checked. The journal stays until every write is done, so a crash here
   * replays it again.
   */
  private void replayLegacy(String text) throws IOException {
    List<Write> writes;
    try {
      writes = GSON.fromJson(text, new TypeToken<List<Write>>() {}.getType());
    } catch (JsonParseException e) {
      LOG.warning("discarding an unreadable journal of the previous format: " + e.getMessage());
      return;
    }
    LOG.warning("replaying an unfinished transaction of " + writes.size() + " writes");
    for (Write w : writes) {
      Path target = resolve(w.path());
      if (w.json() == null) {
        disk.deleteIfExists(target);
      } else {
        disk.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        writeChecked(tmp, w.json().getBytes(StandardCharsets.UTF_8));
        disk.move(tmp, target);
      }
      disk.forceDirectory(target.getParent());
    }
  }

  private static String sha256(byte[] bytes) {
    return dev.trustcenter.http.Responses.sha256Hex(bytes);
  }

  private Optional<StoredDocument> read(Path file, String id) {
    try {
      BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class);
      Kept kept = texts.get(file);
      if (kept != null && kept.readFrom(now)) {
        return Optional.of(new StoredDocument(id, kept.text()));
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (now.size() >= KEEP_FROM && now.fileKey() != null) {
        // Attributes taken before the read: if the file was replaced in between, the next read
        // sees other attributes and reads it again.
        texts.put(file, new Kept(now.fileKey(), now.size(), now.lastModifiedTime(), text));
      } else if (kept != null) {
        texts.remove(file);
      }
      return Optional.of(new StoredDocument(id, text));
    } catch (NoSuchFileException e) {
      texts.remove(file);
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
    Comparator<String> order =
        range.descending() ? Comparator.reverseOrder() : Comparator.naturalOrder();
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
}
