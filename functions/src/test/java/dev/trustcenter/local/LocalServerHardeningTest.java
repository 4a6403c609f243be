package dev.trustcenter.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.app.Services;
import dev.trustcenter.config.Config;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.http.Guard;
import dev.trustcenter.http.Router;
import dev.trustcenter.testing.FakeHttp;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks on the local server, replayed: who can reach it, slow clients, a client that goes
 * away, and mailed links built from a forged {@code Host} header.
 */
@IntegrationTest
class LocalServerHardeningTest {
  static final String DEV_TOKEN = "test-dev-token-0123456789abcdef";
  @TempDir Path dir;
  private LocalServer server;
  private Services services;
  private final List<LogRecord> log = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          log.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final Logger serverLog = Logger.getLogger(LocalServer.class.getName());
  private final Logger routerLog = Logger.getLogger(Router.class.getName());

  private LocalServer start(Map<String, String> extra) throws IOException {
    serverLog.addHandler(capture);
    routerLog.addHandler(capture);
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "PORT",
                "0",
                "TRUST_CENTER_DATA_DIR",
                dir.toString(),
                "TRUST_CENTER_DEV_TOKEN",
                DEV_TOKEN));
    env.putAll(extra);
    Config config = Config.fromEnvironment(env);
    services =
        new Services(
            config,
            FileDocumentStore.open(dir),
            new MutableClock(Instant.parse("2026-03-02T10:00:00Z")),
            DEV_TOKEN);
    server = LocalServer.start(config, services);
    return server;
  }

  @AfterEach
  void stop() {
    serverLog.removeHandler(capture);
    routerLog.removeHandler(capture);
    if (server != null) {
      server.close();
    }
  }

  /** An address of this machine other than loopback, if it has one. */
  private static Optional<InetAddress> otherAddress() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
          return Optional.of(a);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean reachable(InetAddress address, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void listensOnLoopbackOnlyUnlessToldOtherwise_andThenWarns() throws Exception {
    start(Map.of());
    assertTrue(server.address().getAddress().isLoopbackAddress(), "bound to " + server.address());
    assertTrue(reachable(InetAddress.getLoopbackAddress(), server.port()));
    Optional<InetAddress> other = otherAddress();
    other.ifPresent(a -> assertFalse(reachable(a, server.port()), "not reachable at " + a));
    assertTrue(
        log.stream()
            .noneMatch(r -> r.getLevel() == Level.WARNING && r.getMessage().contains("loopback")));
    server.close();
    server = null;

    start(Map.of("TRUST_CENTER_BIND_ADDRESS", "0.0.0.0"));
    assertFalse(server.address().getAddress().isLoopbackAddress());
    other.ifPresent(
        a -> assertTrue(reachable(a, server.port()), "reachable at " + a + " when asked for"));
    assertTrue(
        log.stream()
            .anyMatch(
                r ->
                    r.getLevel() == Level.WARNING
                        && r.getMessage().contains("not only on loopback")),
        "a warning says so");
  }

  /**
   * Connections that send a request's first bytes and then one more byte every 300 ms, never
   * finishing.
   */
  private static final class SlowClients implements AutoCloseable {
    final List<Socket> sockets = new ArrayList<>();
    final Thread dribbler;
    volatile boolean stop;

    SlowClients(int port, int count) throws IOException {
      for (int i = 0; i < count; i++) {
        Socket s = new Socket("127.0.0.1", port);
        s.getOutputStream()
            .write(
                "GET /api/v1/trust-center?lang=en HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
                    .getBytes(StandardCharsets.US_ASCII));
        sockets.add(s);
      }
      dribbler =
          new Thread(
              () -> {
                while (!stop) {
                  for (Socket s : sockets) {
                    try {
                      s.getOutputStream().write('a');
                    } catch (IOException closedByTheServer) {
                      // expected once the server's request time limit cuts it
                    }
                  }
                  try {
                    Thread.sleep(300);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              });
      dribbler.setDaemon(true);
      dribbler.start();
    }

    @Override
    public void close() throws IOException {
      stop = true;
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  @Test
  void twentySlowClientsDoNotDelayANormalRequest() throws Exception {
    start(Map.of());
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest normal =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/v1/trust-center?lang=en"))
            .timeout(Duration.ofSeconds(10))
            .build();
    assertEquals(200, http.send(normal, HttpResponse.BodyHandlers.ofString()).statusCode()); // warm
    List<Socket> idle = new ArrayList<>();
    try (SlowClients slow = new SlowClients(server.port(), 20)) {
      for (int i = 0; i < 20; i++) {
        idle.add(new Socket("127.0.0.1", server.port())); // connected, sending nothing
      }
      Thread.sleep(1000); // the slow ones have each taken a worker by now
      long start = System.nanoTime();
      HttpResponse<String> r = http.send(normal, HttpResponse.BodyHandlers.ofString());
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertEquals(200, r.statusCode());
      // The target is well under a second; the bound is generous for a loaded CI machine.
      assertTrue(ms < 3000, "answered in " + ms + " ms while 20 slow clients hang");
      System.out.println("normal request beside 20 slow and 20 idle clients: " + ms + " ms");
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }
  }

  @Test
  void aClientThatNeverFinishesItsRequestIsCutOff() throws Exception {
    start(Map.of());
    try (SlowClients slow = new SlowClients(server.port(), 1)) {
      Socket s = slow.sockets.get(0);
      // A server that never cuts it off leaves the read waiting until this timeout, well past the
      // margin below; the margin itself allows for a loaded machine (the deadline is not a
      // benchmark).
      s.setSoTimeout((LocalServer.REQUEST_SECONDS + 30) * 1000);
      long start = System.nanoTime();
      int read;
      try {
        read = s.getInputStream().read();
      } catch (IOException reset) {
        read = -1;
      }
      long seconds = (System.nanoTime() - start) / 1_000_000_000;
      assertEquals(-1, read, "the server closed the connection without answering");
      assertTrue(seconds <= LocalServer.REQUEST_SECONDS + 15, "cut after " + seconds + " s");
      System.out.println("a dribbling client was cut off after " + seconds + " s");
    }
  }

  @Test
  void aClientThatGoesAwayLogsOneLineNotAStackTrace() throws Exception {
    start(Map.of());
    String path = "/admin/v1/controls/went-away";
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("PUT "
                  + path
                  + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + DEV_TOKEN
                  + "\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"id\":")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(300);
      s.setSoLinger(true, 0); // close with a reset, as a browser tab that is closed
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline
        && log.stream().noneMatch(r -> r.getMessage().contains(path))) {
      Thread.sleep(50);
    }
    Thread.sleep(300);
    List<LogRecord> about = log.stream().filter(r -> r.getMessage().contains(path)).toList();
    assertEquals(
        1, about.size(), "one line: " + about.stream().map(LogRecord::getMessage).toList());
    assertTrue(
        log.stream().allMatch(r -> r.getThrown() == null),
        "no stack trace: "
            + log.stream()
                .filter(r -> r.getThrown() != null)
                .map(r -> r.getMessage() + " " + r.getThrown())
                .toList());
  }

  @Test
  void mailedLinksUseTheServersOwnAddressNotTheHostHeader() throws Exception {
    start(Map.of());
    Router admin = new Router();
    services
        .documents()
        .registerAdmin(admin, ex -> Guard.require(services.adminAuthenticator(), ex));
    FakeHttp.Response up = new FakeHttp.Response();
    admin.dispatch(
        FakeHttp.request("PUT", "/v1/documents/iso-27001")
            .body("%PDF-1.7\n%%EOF".getBytes(StandardCharsets.UTF_8), "application/pdf")
            .header("Authorization", "Bearer " + DEV_TOKEN),
        up);
    assertTrue(up.status() == 201 || up.status() == 200, up.text());
    HttpResponse<String> requested =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/v1/access-requests"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"Ana García\",\"email\":\"ana@cliente.example\",\"company\":\"Cliente S.L.\","
                                + "\"reason\":\"Vendor review\",\"documentIds\":[\"iso-27001\"],\"ndaVersion\":1,\"ndaAccepted\":true,\"language\":\"en\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(202, requested.statusCode(), requested.body());
    FakeHttp.Response pending = new FakeHttp.Response();
    admin.dispatch(
        FakeHttp.request("GET", "/v1/access-requests?status=pending")
            .header("Authorization", "Bearer " + DEV_TOKEN),
        pending);
    String id =
        JsonParser.parseString(pending.text())
            .getAsJsonObject()
            .getAsJsonArray("accessRequests")
            .get(0)
            .getAsJsonObject()
            .get("id")
            .getAsString();
    FakeHttp.Response approved = new FakeHttp.Response();
    admin.dispatch(
        FakeHttp.request("POST", "/v1/access-requests/" + id + "/approve")
            .header("Authorization", "Bearer " + DEV_TOKEN)
            .header("Host", "attacker.example:8080"),
        approved);
    assertEquals(200, approved.status(), approved.text());
    JsonObject a = JsonParser.parseString(approved.text()).getAsJsonObject();
    String link = a.getAsJsonObject("links").get("iso-27001").getAsString();
    assertTrue(link.startsWith("http://localhost:" + server.port() + "/api/"), link);
  }
}
