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
 * The load balancer in front of the site host, locally: its routes are read from {@code
 * google_compute_url_map.site} in {@code infra/site.tf} (host rule, path matcher, each route rule's
 * prefix, backend service, serverless NEG and prefix rewrite); each route goes to the function
 * process with that name, with the headers the Google load balancer adds; everything else is the
 * site bucket (a folder), served the way a backend bucket with the bucket's website settings serves
 * it ({@code index.html} for directories, {@code 404.html} with status 404).
 */
final class FrontDoor implements AutoCloseable {
  /**
   * A route read from the URL map: requests under {@code prefix} go to {@code function}, prefix
   * replaced.
   */
  record Route(String prefix, String function, String rewrite) {}

  /**
   * A Cloudflare response-header rule: on responses to paths it matches, these headers are set
   * (replaced).
   */
  record HeaderRule(
      String ref, java.util.function.Predicate<String> matches, Map<String, String> set) {}

  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "transfer-encoding",
          "te",
          "trailer",
          "upgrade",
          "host",
          "content-length",
          "expect");

  private final HttpServer server;
  private final List<Route> routes;
  private final Function<String, URI> functionUrls;
  private final Path bucketFolder;
  private final List<HeaderRule> headerRules;
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  FrontDoor(
      List<Route> routes,
      List<HeaderRule> headerRules,
      Function<String, URI> functionUrls,
      Path bucketFolder)
      throws IOException {
    this.routes = List.copyOf(routes);
    this.headerRules = List.copyOf(headerRules);
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

  /**
   * The site host's routes in the URL map of {@code infra} (see {@code DeploymentTopologyTest} for
   * the checks).
   */
  static List<Route> routesFromTerraform(Hcl.Block infra) {
    Map<String, String> locals = Hcl.locals(infra);
    Hcl.Block urlMap = infra.find("resource", "google_compute_url_map", "site");
    Hcl.Block hostRule =
        urlMap.blocks("host_rule").stream()
            .filter(h -> Hcl.list(h.attr("hosts")).contains("var.site_hostname"))
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("the URL map has no host rule for the site host"));
    String matcherName = Hcl.string(hostRule.attr("path_matcher"));
    Hcl.Block matcher =
        urlMap.blocks("path_matcher").stream()
            .filter(m -> Hcl.string(m.attr("name")).equals(matcherName))
            .findFirst()
            .orElseThrow();
    if (!matcher.attr("default_service").equals("google_compute_backend_bucket.site.id")) {
      throw new IllegalStateException(
          "the site host's default is not the site bucket: " + matcher.attr("default_service"));
    }
    List<Route> routes = new ArrayList<>();
    for (Hcl.Block rule : matcher.blocks("route_rules")) {
      Matcher backend =
          Pattern.compile("^google_compute_backend_service\\.([a-z_]+)\\.id$")
              .matcher(rule.attr("service"));
      if (!backend.find()) {
        throw new IllegalStateException(
            "route to something other than a backend service: " + rule.attr("service"));
      }
      Hcl.Block service =
          infra.find("resource", "google_compute_backend_service", backend.group(1));
      Matcher negRef =
          Pattern.compile("^google_compute_region_network_endpoint_group\\.([a-z_]+)\\.id$")
              .matcher(service.block("backend").attr("group"));
      if (!negRef.find()) {
        throw new IllegalStateException(
            "backend service without a serverless NEG: " + service.labels());
      }
      Hcl.Block neg =
          infra.find("resource", "google_compute_region_network_endpoint_group", negRef.group(1));
      Matcher fn =
          Pattern.compile(
                  "^google_cloudfunctions2_function\\.function\\[(?:local\\.([a-z_]+)|\"([a-z-]+)\")\\]\\.name$")
              .matcher(neg.block("cloud_run").attr("service"));
      if (!fn.find()) {
        throw new IllegalStateException(
            "serverless NEG not pointing at a function: " + neg.labels());
      }
      String function = fn.group(1) != null ? Hcl.string(locals.get(fn.group(1))) : fn.group(2);
      String rewrite =
          rule.blocks("route_action").stream()
              .flatMap(a -> a.blocks("url_rewrite").stream())
              .map(u -> Hcl.string(u.attr("path_prefix_rewrite")))
              .findFirst()
              .orElse(null);
      for (Hcl.Block match : rule.blocks("match_rules")) {
        String prefix = Hcl.string(match.attr("prefix_match"));
        Matcher local = Pattern.compile("\\$\\{local\\.([a-z_]+)\\}").matcher(prefix);
        StringBuilder resolved = new StringBuilder();
        while (local.find()) {
          local.appendReplacement(
              resolved, Matcher.quoteReplacement(Hcl.string(locals.get(local.group(1)))));
        }
        local.appendTail(resolved);
        routes.add(new Route(resolved.toString(), function, rewrite));
      }
    }
    return routes;
  }

  /**
   * The rules of {@code cloudflare_ruleset.response_headers} in {@code infra/cloudflare.tf}, in
   * order. Their expressions are read for the few forms the file uses ({@code (http.host eq "<site
   * host>")}, which the front door always meets, {@code starts_with(http.request.uri.path, "...")},
   * {@code not}, {@code and}); anything else fails, so a new kind of condition cannot be silently
   * ignored.
   */
  static List<HeaderRule> headerRulesFromTerraform(Hcl.Block infra) {
    Map<String, String> locals = Hcl.locals(infra);
    Hcl.Block ruleset = infra.find("resource", "cloudflare_ruleset", "response_headers");
    List<HeaderRule> out = new ArrayList<>();
    for (Hcl.Block rule : ruleset.blocks("rules")) {
      if (!"\"rewrite\"".equals(rule.attr("action"))) {
        throw new IllegalStateException(
            "unsupported response-header action " + rule.attr("action"));
      }
      String expression = resolve(text(rule.attr("expression"), locals), locals);
      Map<String, String> set = new java.util.LinkedHashMap<>();
      Hcl.Block params = rule.block("action_parameters");
      for (Hcl.Block h : params.blocks("headers")) {
        set.put(Hcl.string(h.attr("name")), Hcl.string(h.attr("value")));
      }
      for (Hcl.Block d : params.blocks("dynamic")) {
        String source = d.attr("for_each");
        if (!source.startsWith("local.")) {
          throw new IllegalStateException("unsupported dynamic headers source " + source);
        }
        Hcl.object(locals.get(source.substring("local.".length())))
            .forEach((name, value) -> set.put(name, text(value, locals)));
      }
      out.add(new HeaderRule(Hcl.string(rule.attr("ref")), condition(expression), set));
    }
    return out;
  }

  /** A string literal, or a {@code local.x} naming one. */
  private static String text(String expr, Map<String, String> locals) {
    String e = expr.strip();
    if (e.startsWith("local.")) {
      String value = locals.get(e.substring("local.".length()));
      if (value == null) {
        throw new IllegalStateException("no local " + e);
      }
      return text(value, locals);
    }
    return Hcl.string(e);
  }

  private static String resolve(String template, Map<String, String> locals) {
    Matcher m = Pattern.compile("\\$\\{local\\.([a-z_]+)\\}").matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out, Matcher.quoteReplacement(resolve(Hcl.string(locals.get(m.group(1))), locals)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static java.util.function.Predicate<String> condition(String expression) {
    java.util.function.Predicate<String> all = path -> true;
    for (String term : expression.split(" and ")) {
      String t = term.strip();
      boolean negate = t.startsWith("not ");
      if (negate) {
        t = t.substring(4).strip();
      }
      java.util.function.Predicate<String> p;
      Matcher prefix =
          Pattern.compile("^starts_with\\(http\\.request\\.uri\\.path, \"([^\"]+)\"\\)$")
              .matcher(t);
      if (t.matches("^\\(http\\.host eq \"[^\"]+\"\\)$")) {
        p = path -> true;
      } else if (prefix.find()) {
        String start = prefix.group(1);
        p = path -> path.startsWith(start);
      } else {
        throw new IllegalStateException("unsupported rule condition: " + t);
      }
      java.util.function.Predicate<String> term1 = negate ? p.negate() : p;
      all = all.and(term1);
    }
    return all;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String rawPath = ex.getRequestURI().getRawPath();
      String query = ex.getRequestURI().getRawQuery();
      for (Route r : routes) {
        if (rawPath.startsWith(r.prefix())) {
          String path =
              r.rewrite() == null ? rawPath : r.rewrite() + rawPath.substring(r.prefix().length());
          proxy(ex, functionUrls.apply(r.function()), path, query);
          return;
        }
      }
      bucket(ex, rawPath);
    } catch (RuntimeException | InterruptedException e) {
      // The load balancer's own answer when a backend cannot be reached.
      byte[] body =
          ("front door: " + e.getClass().getSimpleName() + ": " + e.getMessage()).getBytes();
      ex.sendResponseHeaders(502, body.length);
      ex.getResponseBody().write(body);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void proxy(HttpExchange ex, URI function, String path, String query)
      throws IOException, InterruptedException {
    URI target =
        URI.create(
            function.toString().replaceAll("/$", "") + path + (query == null ? "" : "?" + query));
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readAllBytes();
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(60))
            .method(
                ex.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    ex.getRequestHeaders()
        .forEach(
            (name, values) -> {
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
    res.headers()
        .map()
        .forEach(
            (name, values) -> {
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
      send(
          ex,
          404,
          "<?xml version='1.0' encoding='UTF-8'?><Error><Code>NoSuchKey</Code></Error>".getBytes());
      return;
    }
    ex.getResponseHeaders().add("Content-Type", served.get().contentType());
    if (served.get().cacheControl() != null) {
      ex.getResponseHeaders().add("Cache-Control", served.get().cacheControl());
    }
    send(ex, status, served.get().bytes());
  }

  private void send(HttpExchange ex, int status, byte[] body) throws IOException {
    // Cloudflare's response-header rules apply to every answer for the site host.
    String path = ex.getRequestURI().getRawPath();
    for (HeaderRule rule : headerRules) {
      if (rule.matches().test(path)) {
        rule.set().forEach((name, value) -> ex.getResponseHeaders().put(name, List.of(value)));
      }
    }
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
