package dev.trustcenter.deployed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.trustcenter.filestore.FolderSiteBucket;
import dev.trustcenter.infra.Hcl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load balancer in front of the site host, locally: its routes are read from {@code google_compute_url_map.site}
 * in {@code infra/site.tf} (host rule, path matcher, each route rule's prefix, backend service, serverless NEG and
 * prefix rewrite); each route goes to the function process with that name, with the headers the Google load
 * balancer adds; everything else is the site bucket (a folder), served the way a backend bucket with the bucket's
 * website settings serves it ({@code index.html} for directories, {@code 404.html} with status 404).
 */
final class FrontDoor implements AutoCloseable {
  /** A route read from the URL map: requests under {@code prefix} go to {@code function}, prefix replaced. */
  record Route(String prefix, String function, String rewrite) {}

  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length", "expect");

  private final HttpServer server;
  private final List<Route> routes;
  private final Function<String, URI> functionUrls;
  private final Path bucketFolder;
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

  FrontDoor(List<Route> routes, Function<String, URI> functionUrls, Path bucketFolder) throws IOException {
    this.routes = List.copyOf(routes);
    this.functionUrls = functionUrls;
    this.bucketFolder = bucketFolder;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The site host's routes in the URL map of {@code infra} (see {@code DeploymentTopologyTest} for the checks). */
  static List<Route> routesFromTerraform(Hcl.Block infra) {
    Map<String, String> locals = Hcl.locals(infra);
    Hcl.Block urlMap = infra.find("resource", "google_compute_url_map", "site");
    Hcl.Block hostRule = urlMap.blocks("host_rule").stream()
        .filter(h -> Hcl.list(h.attr("hosts")).contains("var.site_hostname")).findFirst()
        .orElseThrow(() -> new IllegalStateException("the URL map has no host rule for the site host"));
    String matcherName = Hcl.string(hostRule.attr("path_matcher"));
    Hcl.Block matcher = urlMap.blocks("path_matcher").stream()
        .filter(m -> Hcl.string(m.attr("name")).equals(matcherName)).findFirst().orElseThrow();
    if (!matcher.attr("default_service").equals("google_compute_backend_bucket.site.id")) {
      throw new IllegalStateException("the site host's default is not the site bucket: " + matcher.attr("default_service"));
    }
    List<Route> routes = new ArrayList<>();
    for (Hcl.Block rule : matcher.blocks("route_rules")) {
      Matcher backend = Pattern.compile("^google_compute_backend_service\\.([a-z_]+)\\.id$").matcher(rule.attr("service"));
      if (!backend.find()) {
        throw new IllegalStateException("route to something other than a backend service: " + rule.attr("service"));
      }
      Hcl.Block service = infra.find("resource", "google_compute_backend_service", backend.group(1));
      Matcher negRef = Pattern.compile("^google_compute_region_network_endpoint_group\\.([a-z_]+)\\.id$").matcher(service.block("backend").attr("group"));
      if (!negRef.find()) {
        throw new IllegalStateException("backend service without a serverless NEG: " + service.labels());
      }
      Hcl.Block neg = infra.find("resource", "google_compute_region_network_endpoint_group", negRef.group(1));
      Matcher fn = Pattern.compile("^google_cloudfunctions2_function\\.function\\[(?:local\\.([a-z_]+)|\"([a-z-]+)\")\\]\\.name$")
          .matcher(neg.block("cloud_run").attr("service"));
      if (!fn.find()) {
        throw new IllegalStateException("serverless NEG not pointing at a function: " + neg.labels());
      }
      String function = fn.group(1) != null ? Hcl.string(locals.get(fn.group(1))) : fn.group(2);
      String rewrite = rule.blocks("route_action").stream().flatMap(a -> a.blocks("url_rewrite").stream())
          .map(u -> Hcl.string(u.attr("path_prefix_rewrite"))).findFirst().orElse(null);
      for (Hcl.Block match : rule.blocks("match_rules")) {
        String prefix = Hcl.string(match.attr("prefix_match"));
        Matcher local = Pattern.compile("\\$\\{local\\.([a-z_]+)\\}").matcher(prefix);
        StringBuilder resolved = new StringBuilder();
        while (local.find()) {
          local.appendReplacement(resolved, Matcher.quoteReplacement(Hcl.string(locals.get(local.group(1)))));
        }
        local.appendTail(resolved);
        routes.add(new Route(resolved.toString(), function, rewrite));
      }
    }
    return routes;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String rawPath = ex.getRequestURI().getRawPath();
      String query = ex.getRequestURI().getRawQuery();
      for (Route r : routes) {
        if (rawPath.startsWith(r.prefix())) {
          String path = r.rewrite() == null ? rawPath : r.rewrite() + rawPath.substring(r.prefix().length());
          proxy(ex, functionUrls.apply(r.function()), path, query);
          return;
        }
      }
      bucket(ex, rawPath);
    } catch (RuntimeException | InterruptedException e) {
      // The load balancer's own answer when a backend cannot be reached.
      byte[] body = ("front door: " + e.getClass().getSimpleName() + ": " + e.getMessage()).getBytes();
      ex.sendResponseHeaders(502, body.length);
      ex.getResponseBody().write(body);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void proxy(HttpExchange ex, URI function, String path, String query) throws IOException, InterruptedException {
    URI target = URI.create(function.toString().replaceAll("/$", "") + path + (query == null ? "" : "?" + query));
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readAllBytes();
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
        .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    ex.getRequestHeaders().forEach((name, values) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(v -> b.header(name, v));
      }
    });
    // What Google's external Application Load Balancer adds.
    String client = ex.getRemoteAddress().getAddress().getHostAddress();
    b.setHeader("X-Forwarded-For", client + ", 127.0.0.1");
    b.setHeader("X-Forwarded-Proto", "https");
    b.setHeader("Via", "1.1 google");
    HttpResponse<byte[]> res = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    res.headers().map().forEach((name, values) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
        values.forEach(v -> ex.getResponseHeaders().add(name, v));
      }
    });
    send(ex, res.statusCode(), res.body());
  }

  private void bucket(HttpExchange ex, String path) throws IOException {
    FolderSiteBucket folder = FolderSiteBucket.open(bucketFolder);
    String file = path.endsWith("/") ? path + "index.html" : path;
    Optional<FolderSiteBucket.Served> served = folder.read(file);
    if (served.isEmpty() && !path.endsWith("/") && folder.has(path + "/index.html")) {
      ex.getResponseHeaders().add("Location", path + "/");
      send(ex, 301, new byte[0]);
      return;
    }
    int status = 200;
    if (served.isEmpty()) {
      status = 404;
      served = folder.read("/404.html");
    }
    if (served.isEmpty()) {
      send(ex, 404, "<?xml version='1.0' encoding='UTF-8'?><Error><Code>NoSuchKey</Code></Error>".getBytes());
      return;
    }
    ex.getResponseHeaders().add("Content-Type", served.get().contentType());
    if (served.get().cacheControl() != null) {
      ex.getResponseHeaders().add("Cache-Control", served.get().cacheControl());
    }
    send(ex, status, served.get().bytes());
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
