package dev.trustcenter.local;

import com.google.cloud.functions.HttpFunction;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.trustcenter.app.AdminApiFunction;
import dev.trustcenter.app.PublicApiFunction;
import dev.trustcenter.app.PublishSiteFunction;
import dev.trustcenter.app.Services;
import dev.trustcenter.app.SyncSubprocessorsFunction;
import dev.trustcenter.config.Config;
import dev.trustcenter.config.ConfigException;
import dev.trustcenter.content.Seed;
import dev.trustcenter.filestore.FolderSiteBucket;
import dev.trustcenter.site.PublishResult;
import dev.trustcenter.store.StoreException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the whole trust center on one port with no cloud account: {@code java -jar
 * trust-center.jar}. It mounts the very function classes that are deployed ({@code /api} is {@code
 * trust-api}, {@code /admin} {@code trust-admin}), backed by the embedded store in {@code
 * TRUST_CENTER_DATA_DIR} (or the Firestore emulator when {@code FIRESTORE_EMULATOR_HOST} is set),
 * filled with the seed content on first start. {@code java -jar trust-center.jar verify <site URL
 * or folder>} runs the evidence log's verifier instead ({@link
 * dev.trustcenter.evidence.VerifyCommand}).
 *
 * <p>It listens on loopback unless {@code TRUST_CENTER_BIND_ADDRESS} says otherwise (it accepts the
 * dev token). Slow clients cannot freeze it: the JDK server reads a request on a worker thread, so
 * a client that dribbles its request holds one; there are {@link #WORKERS} of them, and the JDK
 * server closes a connection whose request is not in after {@link #REQUEST_SECONDS} or whose answer
 * is not out after {@link #RESPONSE_SECONDS} (connections that send nothing hold no thread).
 */
public final class LocalServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LocalServer.class.getName());

  /**
   * Worker threads: far more than a developer's browser opens, so that a few stuck clients leave
   * room.
   */
  static final int WORKERS = 64;

  static final int REQUEST_SECONDS = 20;
  static final int RESPONSE_SECONDS = 60;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Services services;
  private final String devToken;

  private LocalServer(
      HttpServer server, ExecutorService executor, Services services, String devToken) {
    this.server = server;
    this.executor = executor;
    this.services = services;
    this.devToken = devToken;
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("verify")) {
      System.exit(
          dev.trustcenter.evidence.VerifyCommand.run(
              java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
      return;
    }
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %5$s%6$s%n");
    Config config;
    try {
      config = Config.load();
    } catch (ConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    LocalServer server;
    try {
      server = start(config, Services.local(config));
    } catch (BindException e) {
      System.err.println(
          "port "
              + config.local().port()
              + " is already in use: stop the other process or choose another port with PORT=...");
      System.exit(1);
      return;
    } catch (StoreException | IOException e) {
      System.err.println("cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
    if (!server.server.getAddress().getAddress().isLoopbackAddress()) {
      System.out.println(
          "WARNING: listening on "
              + server.server.getAddress().getAddress().getHostAddress()
              + " (TRUST_CENTER_BIND_ADDRESS): other machines can reach this server, which accepts the dev token.");
    }
    String url = "http://localhost:" + server.port();
    System.out.println("Trust center running at " + url);
    System.out.println("  site:        " + url + "/");
    System.out.println("  public API:  " + url + "/api/v1/trust-center?lang=en");
    if (config.local().devToken() == null) {
      System.out.println(
          "  dev token for /admin and /tasks (generated; set TRUST_CENTER_DEV_TOKEN to fix it): "
              + server.devToken);
    } else {
      System.out.println("  dev token for /admin and /tasks: the value of TRUST_CENTER_DEV_TOKEN");
    }
    System.out.println(
        "  data: "
            + (config.store().emulatorHost() != null
                ? "Firestore emulator at " + config.store().emulatorHost()
                : config.local().dataDir().toAbsolutePath().normalize()));
  }

  /**
   * Seeds an empty store and starts serving on {@code config.local().port()} (0 picks a free port).
   *
   * @throws BindException if the port is taken
   */
  public static LocalServer start(Config config, Services services) throws IOException {
    services
        .snapshotWriter()
        .seedIfEmpty(services.store(), Seed.load(), services.clock().instant());
    String devToken = services.devToken();
    Map<String, HttpFunction> mounts = new LinkedHashMap<>();
    mounts.put(
        "/api",
        new PublicApiFunction(services.publicApi(), PublicApiFunction.extensions(services)));
    mounts.put(
        "/tasks/sync-subprocessors",
        new SyncSubprocessorsFunction(services.taskAuthenticator(), services.subprocessorSync()));
    mounts.put(
        "/tasks/run-control-checks",
        new dev.trustcenter.app.RunControlChecksFunction(
            services.taskAuthenticator(), services.checkRunner()));
    mounts.put("/admin", new AdminApiFunction(services));
    mounts.put(
        "/tasks/publish-site",
        new PublishSiteFunction(services.taskAuthenticator(), services.sitePublisher()));
    mounts.put(
        "/tasks/deliver-notices",
        new dev.trustcenter.app.DeliverNoticesFunction(
            services.taskAuthenticator(),
            services.documents().changeNotifier(),
            services.documents().subscriptions(),
            services.documents().plannedChanges(),
            services.publishTrigger()));
    mounts.put(
        "/tasks/send-reminders",
        new dev.trustcenter.app.SendRemindersFunction(
            services.taskAuthenticator(), services.reminders()));
    FolderSiteBucket site = services.localSiteFolder();
    StaticSiteHandler files = site == null ? null : new StaticSiteHandler(site);

    // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40
    // ms a request.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    // The JDK server's only read and write time limits. It reads these once, when its first server
    // starts.
    System.setProperty(
        "sun.net.httpserver.maxReqTime",
        System.getProperty("sun.net.httpserver.maxReqTime", Integer.toString(REQUEST_SECONDS)));
    System.setProperty(
        "sun.net.httpserver.maxRspTime",
        System.getProperty("sun.net.httpserver.maxRspTime", Integer.toString(RESPONSE_SECONDS)));
    HttpServer server;
    try {
      InetAddress address = InetAddress.getByName(config.local().bindAddress());
      if (!address.isLoopbackAddress()) {
        LOG.warning(
            "listening on "
                + address.getHostAddress()
                + ", not only on loopback: other machines can reach "
                + "this server, which accepts the dev token (TRUST_CENTER_BIND_ADDRESS)");
      }
      server = HttpServer.create(new InetSocketAddress(address, config.local().port()), 128);
    } catch (IOException e) {
      services.close();
      throw e;
    }
    AtomicInteger threads = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            WORKERS,
            WORKERS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> new Thread(r, "http-" + threads.incrementAndGet()));
    executor.allowCoreThreadTimeOut(true);
    server.setExecutor(executor);
    server.createContext("/", exchange -> handle(exchange, mounts, files));
    // Publish once before listening, so that / serves the site as soon as the server answers.
    services.localSiteUrl(java.net.URI.create("http://localhost:" + server.getAddress().getPort()));
    try {
      PublishResult r = services.sitePublisher().publish();
      LOG.info(
          "site published: "
              + r.uploaded().size()
              + " files uploaded, "
              + r.deleted().size()
              + " deleted"
              + (r.complete() ? "" : "; incomplete: " + r.error()));
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "the site could not be published at startup; POST /tasks/publish-site to retry",
          e);
    }
    server.start();
    return new LocalServer(server, executor, services, devToken);
  }

  /** The address actually bound. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The token the local server accepts on admin and task endpoints. */
  public String devToken() {
    return devToken;
  }

  /** Stops accepting requests, lets running ones finish (up to 2 s) and releases the store. */
  @Override
  public void close() {
    server.stop(2);
    executor.shutdown();
    try {
      // A handler still logging its request after its answer went out finishes first.
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    services.close();
  }

  private static void handle(
      HttpExchange exchange, Map<String, HttpFunction> mounts, StaticSiteHandler files) {
    long start = System.nanoTime();
    String path = exchange.getRequestURI().getRawPath();
    int status = 500;
    long bytes = 0;
    String endedEarly = null;
    try {
      Map.Entry<String, HttpFunction> mount = find(mounts, path);
      if (mount == null && files != null) {
        StaticSiteHandler.Answer answer = files.handle(exchange);
        status = answer.status();
        bytes = answer.bytes();
      } else if (mount == null) {
        status = 404;
        byte[] body =
            "{\"error\":{\"code\":\"not_found\",\"message\":\"nothing is served here\"}}"
                .getBytes();
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(404, body.length);
        exchange.getResponseBody().write(body);
        bytes = body.length;
      } else {
        String rest = path.substring(mount.getKey().length());
        ExchangeResponse response = new ExchangeResponse(exchange);
        mount
            .getValue()
            .service(new ExchangeRequest(exchange, rest.isEmpty() ? "/" : rest), response);
        status = response.status();
        bytes = response.send();
      }
    } catch (IOException e) {
      // Nearly always the client going away mid-request or mid-answer: one line, no stack trace.
      endedEarly = e.toString();
    } catch (Exception e) {
      LOG.log(Level.SEVERE, "request failed: " + exchange.getRequestMethod() + " " + path, e);
      try {
        exchange.sendResponseHeaders(500, -1);
      } catch (IOException ignored) {
        // the client is gone
      }
    } finally {
      exchange.close();
      // The path only: query strings may carry tokens (download grants) and never reach the log.
      long ms = (System.nanoTime() - start) / 1_000_000;
      if (endedEarly != null) {
        LOG.info(
            String.format(
                "%s %s ended early after %dms: %s",
                exchange.getRequestMethod(), path, ms, endedEarly));
      } else {
        LOG.info(
            String.format(
                "%s %s %d %dB %dms", exchange.getRequestMethod(), path, status, bytes, ms));
      }
    }
  }

  private static Map.Entry<String, HttpFunction> find(
      Map<String, HttpFunction> mounts, String path) {
    for (Map.Entry<String, HttpFunction> m : mounts.entrySet()) {
      String prefix = m.getKey();
      if (path.equals(prefix) || path.startsWith(prefix + "/")) {
        return m;
      }
    }
    return null;
  }
}
