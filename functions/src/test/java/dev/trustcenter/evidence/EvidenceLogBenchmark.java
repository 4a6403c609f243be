package dev.trustcenter.evidence;

import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.filestore.FileNoteSigner;
import dev.trustcenter.store.DocumentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The evidence log's cost over a year of hourly checks, printed (not a test; see {@code
 * bench/evidence-log.sh}): 8760 runs of 7 checks each (61,320 entries), each run appending its
 * results in one store transaction and publishing the log to a folder, as {@code
 * run-control-checks} followed by {@code publish-site} do. Prints the time per append, the objects
 * written per publish, the published log's size, and the time to verify it all.
 *
 * <p>Arguments: {@code [memory|file] [hours]}. {@code memory} (default) isolates the log's own work
 * (hashing, canonical JSON, tiles, signing) with an in-memory store; {@code file} uses the local
 * server's file store, which forces every write to disk.
 */
public final class EvidenceLogBenchmark {
  private static final int CHECKS = 7;

  public static void main(String[] args) throws Exception {
    String storeKind = args.length > 0 ? args[0] : "memory";
    int hours = args.length > 1 ? Integer.parseInt(args[1]) : 8760;
    Path dir = Files.createTempDirectory("evidence-log-bench");
    DocumentStore store =
        storeKind.equals("file") ? FileDocumentStore.open(dir.resolve("data")) : new MemoryStore();
    try {
      run(store, dir, hours, storeKind);
    } finally {
      store.close();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void run(DocumentStore store, Path dir, int hours, String storeKind)
      throws IOException {
    NoteSigner signer = FileNoteSigner.open(dir.resolve("key"), "trust.example.com/log");
    LogFixture.Folder folder = new LogFixture.Folder(dir.resolve("site"));
    EvidenceLog log = new EvidenceLog(store);
    LogPublisher publisher = new LogPublisher(store, folder, signer, "trust.example.com/log");
    Instant start = Instant.parse("2026-01-01T00:05:00Z");
    List<Long> appendNanos = new ArrayList<>();
    List<Long> publishNanos = new ArrayList<>();
    List<Integer> objects = new ArrayList<>();
    List<Integer> deletions = new ArrayList<>();
    for (int hour = 0; hour < hours; hour++) {
      int h = hour;
      Instant at = start.plusSeconds(3600L * h);
      long t0 = System.nanoTime();
      store.transaction(
          tx -> {
            EvidenceLog.Appender a = log.begin(tx);
            for (int c = 0; c < CHECKS; c++) {
              a.append(
                  new LogEntry(
                      LogEntry.CHECK_RESULT,
                      at,
                      "control-" + c,
                      Map.of(
                          "resultId",
                          at + "-" + Integer.toHexString(c * 7919 + 17),
                          "outcome",
                          c == 3 && h % 50 == 0 ? "failing" : "passing",
                          "method",
                          "automated",
                          "check",
                          "check-" + c,
                          "evidence",
                          Map.of("encrypted", true, "minTls", "1.2", "retentionDays", 35),
                          "privateSha256",
                          "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")),
                  "5f3c2a1b0e9d8c7b6a5f4e3d2c1b0a99");
            }
            return null;
          });
      long t1 = System.nanoTime();
      int before = folder.written.size();
      LogPublisher.Result result = publisher.publish();
      long t2 = System.nanoTime();
      deletions.add(result.deleted().size());
      appendNanos.add((t1 - t0) / CHECKS);
      publishNanos.add(t2 - t1);
      objects.add(folder.written.size() - before);
    }
    long entries = (long) hours * CHECKS;
    long[] size = {0, 0};
    try (Stream<Path> files = Files.walk(folder.root)) {
      files
          .filter(Files::isRegularFile)
          .forEach(
              p -> {
                size[0]++;
                size[1] += p.toFile().length();
              });
    }
    long v0 = System.nanoTime();
    LogVerifier.Report report =
        LogVerifier.verify(
            new LogSource.Folder(folder.root), SignedNote.verifierKey(signer).encoded(), null);
    long v1 = System.nanoTime();
    System.out.printf(
        "store: %s; %d hourly runs x %d checks = %d entries (verified: %d)%n",
        storeKind, hours, CHECKS, entries, report.entries());
    System.out.printf(
        "time per append: median %.1f us, p99 %.1f us, mean %.1f us (inside a transaction of %d)%n",
        pct(appendNanos, 50) / 1e3, pct(appendNanos, 99) / 1e3, mean(appendNanos) / 1e3, CHECKS);
    System.out.printf(
        "time per publish: median %.2f ms, p99 %.2f ms%n",
        pct(publishNanos, 50) / 1e6, pct(publishNanos, 99) / 1e6);
    System.out.printf(
        "objects written per publish: median %d, max %d, mean %.2f (checkpoint, partial bundle and tiles, full tiles when one fills)%n",
        (long) pct(objects.stream().map(Integer::longValue).toList(), 50),
        Collections.max(objects),
        objects.stream().mapToInt(Integer::intValue).average().orElse(0));
    System.out.printf(
        "objects deleted per publish (partial tiles superseded one publish earlier): mean %.2f%n",
        deletions.stream().mapToInt(Integer::intValue).average().orElse(0));
    System.out.printf(
        "published log: %d files, %.1f MB (%.0f bytes per entry, tiles included)%n",
        size[0], size[1] / 1e6, (double) size[1] / entries);
    System.out.printf("verify of the whole log: %.2f s%n", (v1 - v0) / 1e9);
  }

  private static double pct(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static double mean(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).average().orElse(0);
  }
}
