package dev.trustcenter.filestore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real disk with one fault injected at a chosen step: every {@link Disk} call (and every single
 * write call) is one step, counted from {@link #arm}. Faults: an {@link IOException} (a write first
 * takes half of what it was given, as a filling disk does), a {@link Crash} (the process dying
 * there: nothing after it runs; a write first takes half, leaving a torn file), or a write that
 * claims success but keeps only half the bytes. Writes can also be made short (the device takes at
 * most a few bytes per call), which is legal and must be completed by the caller.
 */
final class FaultyDisk implements Disk {
  enum Fault {
    IO_ERROR,
    CRASH,
    LOSE_BYTES
  }

  /**
   * The process dying: an {@link Error}, so the store's failure handling does not run, as in a real
   * crash.
   */
  static final class Crash extends Error {
    Crash(String step) {
      super("simulated crash at " + step);
    }
  }

  private final Disk real = Disk.REAL;
  private final List<String> steps = new ArrayList<>();
  private boolean armed;
  private int failAt = -1;
  private Fault fault;
  private int extraFailures;
  private int maxBytesPerWrite = Integer.MAX_VALUE;

  /** Starts counting steps; the {@code step}-th (1-based) fails with {@code fault}, 0 for none. */
  FaultyDisk arm(int step, Fault fault) {
    steps.clear();
    armed = true;
    failAt = step;
    this.fault = fault;
    return this;
  }

  /**
   * After the first fault, also fail the next {@code n} steps (a disk that keeps failing for a
   * while).
   */
  FaultyDisk thenFailing(int n) {
    extraFailures = n;
    return this;
  }

  FaultyDisk shortWrites(int maxBytes) {
    maxBytesPerWrite = maxBytes;
    return this;
  }

  /** Stops injecting faults (the disk recovered). */
  void heal() {
    armed = false;
  }

  /** The steps counted since {@link #arm}, by name. */
  List<String> steps() {
    return List.copyOf(steps);
  }

  /** Counts a step; answers the fault to inject there, or null. */
  private Fault step(String name) throws IOException {
    if (!armed) {
      return null;
    }
    steps.add(name);
    int n = steps.size();
    boolean hit = n == failAt || (failAt > 0 && n > failAt && n <= failAt + extraFailures);
    if (!hit) {
      return null;
    }
    if (fault == Fault.CRASH && !name.startsWith("write")) {
      throw new Crash(name);
    }
    if (fault == Fault.IO_ERROR && !name.startsWith("write")) {
      throw new IOException("injected failure at " + name);
    }
    return fault;
  }

  @Override
  public Output create(Path file) throws IOException {
    step("create " + file.getFileName());
    Output out = real.create(file);
    String name = file.getFileName().toString();
    return new Output() {
      @Override
      public int write(ByteBuffer src) throws IOException {
        Fault f = step("write " + name);
        int limit = Math.min(src.remaining(), maxBytesPerWrite);
        if (f == null) {
          ByteBuffer slice = src.slice().limit(limit);
          int n = out.write(slice);
          src.position(src.position() + n);
          return n;
        }
        int half = Math.max(1, src.remaining() / 2);
        ByteBuffer part = src.slice().limit(half);
        out.write(part);
        if (f == Fault.CRASH) {
          throw new Crash(name + " after " + half + " bytes");
        }
        if (f == Fault.LOSE_BYTES) {
          int claimed = src.remaining();
          src.position(src.limit());
          return claimed;
        }
        src.position(src.position() + half);
        throw new IOException(
            "No space left on device (injected, after " + half + " bytes of " + name + ")");
      }

      @Override
      public void force() throws IOException {
        step("force " + name);
        out.force();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }

  @Override
  public byte[] read(Path file) throws IOException {
    step("read " + file.getFileName());
    return real.read(file);
  }

  @Override
  public boolean exists(Path file) {
    return real.exists(file);
  }

  @Override
  public void createDirectories(Path dir) throws IOException {
    step("mkdirs " + dir.getFileName());
    real.createDirectories(dir);
  }

  @Override
  public void move(Path from, Path to) throws IOException {
    step("move " + from.getFileName() + " -> " + to.getFileName());
    real.move(from, to);
  }

  @Override
  public void deleteIfExists(Path file) throws IOException {
    step("delete " + file.getFileName());
    real.deleteIfExists(file);
  }

  @Override
  public void forceDirectory(Path dir) throws IOException {
    step("fsync dir " + dir.getFileName());
    real.forceDirectory(dir);
  }
}
