package dev.trustcenter.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trustcenter.content.Seed;
import dev.trustcenter.firestore.FirestoreClients;
import dev.trustcenter.firestore.FirestoreDocumentStore;
import dev.trustcenter.firestore.FirestoreRestReader;
import dev.trustcenter.publicview.SnapshotCache;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.store.StoreException;
import dev.trustcenter.testing.FirestoreEmulator;
import dev.trustcenter.testing.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Firestore becoming unreachable under the public read path, for real: the reader talks to Google's
 * emulator through a TCP proxy that the test cuts and restores. The public API keeps answering its
 * last good snapshot while Firestore is gone, a reader without one reports the failure, and nothing
 * is lost when Firestore returns.
 */
@IntegrationTest
class FirestoreUnavailableTest {
  private FirestoreEmulator emulator;
  private Proxy proxy;
  private FirestoreDocumentStore store;

  @BeforeEach
  void setUp() throws IOException {
    emulator = FirestoreEmulator.get();
    emulator.requireFull("the REST API");
    emulator.reset();
    store =
        new FirestoreDocumentStore(
            () ->
                FirestoreClients.create(
                    FirestoreEmulator.PROJECT, "(default)", emulator.hostPort()));
    new SnapshotWriter(365).seedIfEmpty(store, Seed.load(), Instant.parse("2026-11-28T10:00:00Z"));
    int target =
        Integer.parseInt(emulator.hostPort().substring(emulator.hostPort().lastIndexOf(':') + 1));
    proxy = new Proxy(0, target);
  }

  @AfterEach
  void tearDown() {
    if (proxy != null) {
      proxy.close();
    }
    if (store != null) { // null when the test was skipped before opening it
      store.close();
    }
  }

  private SnapshotCache cacheThroughProxy(int port) {
    FirestoreRestReader reader =
        new FirestoreRestReader(
            "127.0.0.1:" + port, FirestoreEmulator.PROJECT, "(default)", Clock.systemUTC());
    return new SnapshotCache(
        () -> reader.readJson(Snapshots.COLLECTION, Snapshots.SNAPSHOT_ID),
        Clock.systemUTC(),
        Duration.ZERO);
  }

  @Test
  void thePublicPathServesItsLastGoodSnapshotWhileFirestoreIsGoneAndRecovers() throws IOException {
    int port = proxy.port();
    SnapshotCache cache = cacheThroughProxy(port);
    SnapshotCache.Loaded good = cache.current().orElseThrow();
    assertEquals(45, good.snapshot().content().controls().size());

    proxy.close();
    for (int i = 0; i < 3; i++) {
      assertSame(
          good,
          cache.current().orElseThrow(),
          "the last good copy is served while Firestore is unreachable");
    }
    SnapshotCache cold = cacheThroughProxy(port);
    assertThrows(
        StoreException.class, cold::current, "without a copy the failure is reported, not hidden");

    proxy = new Proxy(port, proxy.target);
    assertEquals(
        good.version(),
        cache.current().orElseThrow().version(),
        "nothing was lost: the same snapshot again");
    assertEquals(good.version(), cacheThroughProxy(port).current().orElseThrow().version());
  }

  /**
   * Forwards loopback connections to the emulator until closed; closing also cuts open connections.
   */
  private static final class Proxy implements AutoCloseable {
    final int target;
    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    Proxy(int port, int target) throws IOException {
      this.target = target;
      server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress("127.0.0.1", port));
      Thread accept = new Thread(this::accept, "proxy-accept");
      accept.setDaemon(true);
      accept.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          open.add(client); // tracked at once, so a close() racing this accept still cuts it
          Socket upstream = new Socket("127.0.0.1", target);
          open.add(upstream);
          if (closed) {
            client.close();
            upstream.close();
            return;
          }
          pipe(client, upstream);
          pipe(upstream, client);
        } catch (IOException e) {
          return;
        }
      }
    }

    private static void pipe(Socket from, Socket to) {
      Thread t =
          new Thread(
              () -> {
                try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                  in.transferTo(out);
                } catch (IOException ignored) {
                  // the other side closed
                } finally {
                  try {
                    to.close();
                  } catch (IOException ignored) {
                    // already closed
                  }
                }
              },
              "proxy-pipe");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() {
      closed = true;
      try {
        server.close();
      } catch (IOException ignored) {
        // already closed
      }
      for (Socket s : open) {
        try {
          s.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
      open.clear();
    }
  }
}
