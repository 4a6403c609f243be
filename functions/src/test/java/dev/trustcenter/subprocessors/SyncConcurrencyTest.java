package dev.trustcenter.subprocessors;

import static dev.trustcenter.subprocessors.SyncHarness.CF_PATH;
import static dev.trustcenter.subprocessors.SyncHarness.GCP_PATH;
import static dev.trustcenter.subprocessors.SyncPages.baseline;
import static dev.trustcenter.subprocessors.SyncPages.page;
import static dev.trustcenter.subprocessors.SyncPages.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trustcenter.firestore.FirestoreClients;
import dev.trustcenter.firestore.FirestoreDocumentStore;
import dev.trustcenter.testing.FirestoreEmulator;
import dev.trustcenter.testing.IntegrationTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduler retries and overlapping runs against the Firestore emulator: each change is recorded
 * once.
 */
@IntegrationTest
class SyncConcurrencyTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  @TempDir Path dir;
  private final SyncPages.Site site = new SyncPages.Site();
  private FirestoreDocumentStore store;
  private SyncHarness h;

  @BeforeEach
  void setUp() {
    FirestoreEmulator emulator = FirestoreEmulator.get();
    emulator.requireFull("transaction isolation");
    emulator.reset();
    store =
        new FirestoreDocumentStore(
            () ->
                FirestoreClients.create(
                    FirestoreEmulator.PROJECT, "(default)", emulator.hostPort()));
    server.setDispatcher(site);
    site.page(GCP_PATH, page(baseline()));
    site.page(CF_PATH, page(baseline()));
    h = new SyncHarness(store, server, dir.resolve("archive"));
  }

  @AfterEach
  void close() {
    if (store != null) { // null when the test was skipped before opening it
      store.close();
    }
  }

  @Test
  void concurrentRunsOfAChangedPageRecordEachChangeOnce() throws Exception {
    h.sync.runAll("first");
    List<SyncPages.Row> rows = new ArrayList<>(baseline());
    rows.add(row("Support", "New Support Ltd", "Ireland", "Technical support"));
    rows.remove(0);
    site.page(CF_PATH, page(rows));

    int runs = 4;
    ExecutorService pool = Executors.newFixedThreadPool(runs);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<SyncRun>> futures = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      futures.add(
          pool.submit(
              () -> {
                go.await();
                return h.sync.runAll("concurrent");
              }));
    }
    go.countDown();
    int updated = 0;
    for (Future<SyncRun> f : futures) {
      SyncRun.VendorResult cf = f.get().vendors().get(1);
      updated += cf.status().equals("updated") ? 1 : 0;
      assertEquals(true, List.of("updated", "unchanged").contains(cf.status()), cf.toString());
    }
    pool.shutdown();
    assertEquals(1, updated, "exactly one run applies the change");
    assertEquals(
        List.of("added New Support Ltd", "removed Example Inc."),
        h.events().stream().map(e -> e.kind() + " " + e.name()).sorted().toList());
    assertEquals(6, h.list("cloudflare").entryCount());

    h.sync.runAll("again");
    assertEquals(2, h.events().size(), "the same page again records nothing");
  }
}
