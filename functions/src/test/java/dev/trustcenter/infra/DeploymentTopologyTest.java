package dev.trustcenter.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.config.Config;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the deployed topology in {@code infra/} to what the code assumes: {@code /api/*} on the
 * site host reaches {@code trust-api} with the prefix handled as the code builds its links; the
 * infra's vendor page URLs are the code's; a fresh apply can order itself (every Google resource
 * waits for its API, builds wait for IAM); old function sources are kept for rollback; only
 * Cloudflare reaches the origin. Each check has a negative test on a copy of the Terraform with the
 * fix taken out.
 */
class DeploymentTopologyTest {
  static final Path INFRA = InfraConsistencyTest.INFRA;

  static Hcl.Block infra() {
    return Hcl.readDir(INFRA);
  }

  static Hcl.Block infraWith(String file, String from, String to) throws IOException {
    String text = Files.readString(INFRA.resolve(file));
    assertTrue(text.contains(from), file + " no longer contains: " + from);
    Map<String, String> texts = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(INFRA)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".tf")).sorted().toList()) {
        texts.put(f.getFileName().toString(), Files.readString(f));
      }
    }
    texts.put(file, text.replace(from, to));
    List<Hcl.Block> blocks = new ArrayList<>();
    Map<String, String> attributes = new LinkedHashMap<>();
    texts
        .values()
        .forEach(
            t -> {
              Hcl.Block b = Hcl.parse(t);
              blocks.addAll(b.blocks());
              attributes.putAll(b.attributes());
            });
    return new Hcl.Block("", List.of(), attributes, blocks);
  }

  private static Hcl.Block resource(Hcl.Block root, String type, String name) {
    return root.find("resource", type, name);
  }

  /** {@code google_x.name.id} (or {@code .name}, {@code [key].name}) to the resource it names. */
  private static Hcl.Block referenced(Hcl.Block root, String expr, String type) {
    Matcher m =
        Pattern.compile("^" + type + "\\.([a-z0-9_]+)(\\[[^\\]]*\\])?\\.(id|name|self_link)$")
            .matcher(expr.strip());
    if (!m.find()) {
      return null;
    }
    return resource(root, type, m.group(1));
  }

  // ---------------------------------------------------------------------------------------------------------
  // /api/* on the site host
  // ---------------------------------------------------------------------------------------------------------

  /**
   * What keeps a request for {@code https://<site>/api/...} from reaching trust-api's routes; empty
   * when none.
   */
  static List<String> apiRouteProblems(Hcl.Block root) {
    List<String> problems = new ArrayList<>();
    Map<String, String> locals = Hcl.locals(root);
    Hcl.Block urlMap = resource(root, "google_compute_url_map", "site");
    Hcl.Block hostRule =
        urlMap.blocks("host_rule").stream()
            .filter(h -> Hcl.list(h.attr("hosts")).contains("var.site_hostname"))
            .findFirst()
            .orElse(null);
    if (hostRule == null) {
      return List.of("url map: no host rule for var.site_hostname");
    }
    String matcherName = Hcl.string(hostRule.attr("path_matcher"));
    Hcl.Block matcher =
        urlMap.blocks("path_matcher").stream()
            .filter(m -> Hcl.string(m.attr("name")).equals(matcherName))
            .findFirst()
            .orElse(null);
    if (matcher == null) {
      return List.of("url map: no path matcher " + matcherName);
    }
    String apiPrefix = Config.Site.API_PATH + "/";
    Hcl.Block apiRule = null;
    for (Hcl.Block rule : matcher.blocks("route_rules")) {
      for (Hcl.Block match : rule.blocks("match_rules")) {
        String prefix = match.attr("prefix_match");
        if (prefix != null && resolveTemplate(Hcl.string(prefix), locals).equals(apiPrefix)) {
          apiRule = rule;
        }
      }
    }
    if (apiRule == null) {
      return List.of("url map: no route for " + apiPrefix + " on the site host");
    }
    Hcl.Block backend = referenced(root, apiRule.attr("service"), "google_compute_backend_service");
    if (backend == null) {
      return List.of("url map: " + apiPrefix + " does not go to a backend service");
    }
    Hcl.Block neg =
        referenced(
            root,
            backend.block("backend").attr("group"),
            "google_compute_region_network_endpoint_group");
    if (neg == null || !"\"SERVERLESS\"".equals(neg.attr("network_endpoint_type"))) {
      return List.of("backend service " + backend.labels() + ": not a serverless NEG");
    }
    String service = neg.block("cloud_run").attr("service");
    Matcher fn =
        Pattern.compile(
                "^google_cloudfunctions2_function\\.function\\[(local\\.[a-z_]+|\"[a-z-]+\")\\]\\.name$")
            .matcher(service);
    if (!fn.find()) {
      return List.of("serverless NEG: does not point at a function: " + service);
    }
    String key =
        fn.group(1).startsWith("local.") ? locals.get(fn.group(1).substring(6)) : fn.group(1);
    String name = Hcl.string(key);
    Map<String, String> function = Hcl.object(Hcl.object(locals.get("functions")).get(name));
    if (!Hcl.string(function.get("entry_point")).equals("dev.trustcenter.app.PublicApiFunction")) {
      problems.add("serverless NEG: " + name + " is not trust-api");
    }
    // trust-api's routes are /v1/...: the prefix must go, as the local server's mount removes it.
    List<Hcl.Block> rewrites =
        apiRule.blocks("route_action").stream()
            .flatMap(a -> a.blocks("url_rewrite").stream())
            .toList();
    if (rewrites.size() != 1 || !"\"/\"".equals(rewrites.get(0).attr("path_prefix_rewrite"))) {
      problems.add("url map: " + apiPrefix + " must be rewritten to / (trust-api answers /v1/...)");
    }
    return problems;
  }

  /** {@code "${local.x}/"} with the locals' string values substituted. */
  private static String resolveTemplate(String template, Map<String, String> locals) {
    Matcher m = Pattern.compile("\\$\\{local\\.([a-z_]+)\\}").matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(Hcl.string(locals.get(m.group(1)))));
    }
    m.appendTail(out);
    return out.toString();
  }

  @Test
  void apiOnTheSiteHostIsRoutedToTrustApiWithoutItsPrefix() {
    assertEquals(List.of(), apiRouteProblems(infra()));
  }

  @Test
  void aUrlMapWithoutTheApiRouteIsCaught() throws IOException {
    Hcl.Block root =
        infraWith("site.tf", "prefix_match = \"${local.api_path}/\"", "prefix_match = \"/other/\"");
    assertEquals(List.of("url map: no route for /api/ on the site host"), apiRouteProblems(root));
    root = infraWith("site.tf", "path_prefix_rewrite = \"/\"", "path_prefix_rewrite = \"/api/\"");
    assertEquals(
        List.of("url map: /api/ must be rewritten to / (trust-api answers /v1/...)"),
        apiRouteProblems(root));
  }

  @Test
  void everyLinkBaseTheCodeMailsOrRendersIsUnderTheRoutedPrefix() throws IOException {
    URI api =
        Config.fromEnvironment(Map.of("SITE_BASE_URL", "https://trust.example.com/"))
            .site()
            .apiBaseUrl();
    assertEquals(URI.create("https://trust.example.com" + Config.Site.API_PATH), api);
    // Every literal "/api..." path the code or the templates write must sit under the routed
    // prefix.
    Pattern literal = Pattern.compile("[\"'(=]\\s*(/api[^\"'\\s)]*)");
    List<String> outside = new ArrayList<>();
    for (Path dir : List.of(Path.of("src/main/java"), Path.of("..", "static"))) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f :
            files
                .filter(Files::isRegularFile)
                .filter(p -> p.toString().matches(".*\\.(java|mustache|js|html|json)$"))
                .toList()) {
          Matcher m = literal.matcher(Files.readString(f));
          while (m.find()) {
            String path = m.group(1);
            if (!(path.equals(Config.Site.API_PATH)
                || path.startsWith(Config.Site.API_PATH + "/"))) {
              outside.add(f + ": " + path);
            }
          }
        }
      }
    }
    assertEquals(List.of(), outside);
  }

  @Test
  void trustApiIsReachableOnlyThroughTheLoadBalancer() {
    Hcl.Block root = infra();
    Map<String, String> functions = Hcl.object(Hcl.locals(root).get("functions"));
    functions.forEach(
        (name, body) -> {
          Map<String, String> f = Hcl.object(body);
          String expected =
              "true".equals(f.get("public")) ? "ALLOW_INTERNAL_AND_GCLB" : "ALLOW_ALL";
          assertEquals(expected, Hcl.string(f.get("ingress")), name);
        });
    Hcl.Block fn = resource(root, "google_cloudfunctions2_function", "function");
    assertEquals("each.value.ingress", fn.block("service_config").attr("ingress_settings"));
  }

  @Test
  void noFunctionIsDeployedWithTheTestStandInsOrADirectSecret() {
    Map<String, String> functions = Hcl.object(Hcl.locals(infra()).get("functions"));
    functions.forEach(
        (name, body) -> {
          Map<String, String> env = Hcl.object(Hcl.object(body).get("env"));
          for (String forbidden :
              List.of(
                  "TRUST_CENTER_STAND_INS",
                  "TRUST_CENTER_DEV_TOKEN",
                  "CLOUDFLARE_API_TOKEN",
                  "SMTP_PASSWORD",
                  "K_SERVICE")) {
            assertFalse(env.containsKey(forbidden), name + " sets " + forbidden);
          }
        });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Vendor page URLs: one source of truth (the code's defaults)
  // ---------------------------------------------------------------------------------------------------------

  @Test
  void theInfraVendorPageUrlsAreTheCodesDefaults() {
    Hcl.Block root = infra();
    Config.Sync defaults = Config.fromEnvironment(Map.of()).sync();
    assertEquals(
        defaults.cloudflareUrl().toString(),
        Hcl.string(root.find("variable", "cloudflare_subprocessors_url").attr("default")));
    assertEquals(
        defaults.googleCloudUrl().toString(),
        Hcl.string(root.find("variable", "gcp_subprocessors_url").attr("default")));
    // Every function that can run a sync (scheduled or admin-triggered) reads the same two
    // variables.
    for (String name : List.of("sync-subprocessors", "trust-admin")) {
      Map<String, String> env =
          Hcl.object(
              Hcl.object(Hcl.object(Hcl.locals(root).get("functions")).get(name)).get("env"));
      assertEquals(
          "var.cloudflare_subprocessors_url", env.get("CLOUDFLARE_SUBPROCESSORS_URL"), name);
      assertEquals("var.gcp_subprocessors_url", env.get("GCP_SUBPROCESSORS_URL"), name);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // A fresh apply converges: ordering
  // ---------------------------------------------------------------------------------------------------------

  private static final Pattern RESOURCE_REF =
      Pattern.compile("\\b((?:google|time|cloudflare)_[a-z0-9_]+)\\.([a-z0-9_]+)");
  private static final Pattern LOCAL_REF = Pattern.compile("\\blocal\\.([a-z_][a-z0-9_]*)");

  /**
   * The resources a resource waits for: its depends_on and every resource its arguments reference.
   */
  static Map<String, Set<String>> dependencies(Hcl.Block root) {
    Map<String, String> locals = Hcl.locals(root);
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (Hcl.Block r : root.blocks("resource")) {
      String id = r.labels().get(0) + "." + r.labels().get(1);
      Set<String> deps = new TreeSet<>();
      collect(allText(r), locals, deps, new HashSet<>());
      deps.remove(id);
      out.put(id, deps);
    }
    return out;
  }

  private static String allText(Hcl.Block b) {
    StringBuilder sb = new StringBuilder();
    b.attributes().values().forEach(v -> sb.append(v).append('\n'));
    b.blocks().forEach(c -> sb.append(allText(c)));
    return sb.toString();
  }

  private static void collect(
      String text, Map<String, String> locals, Set<String> deps, Set<String> seenLocals) {
    Matcher m = RESOURCE_REF.matcher(text);
    while (m.find()) {
      deps.add(m.group(1) + "." + m.group(2));
    }
    Matcher l = LOCAL_REF.matcher(text);
    while (l.find()) {
      String name = l.group(1);
      if (locals.containsKey(name) && seenLocals.add(name)) {
        collect(locals.get(name), locals, deps, seenLocals);
      }
    }
  }

  /** Google resources that may be created before the API they call is enabled; empty when none. */
  static List<String> raceApiEnablement(Hcl.Block root) {
    Map<String, Set<String>> deps = dependencies(root);
    List<String> racing = new ArrayList<>();
    for (String id : deps.keySet()) {
      if (!id.startsWith("google_") || id.equals("google_project_service.enabled")) {
        continue;
      }
      if (!reaches(deps, id, "google_project_service.enabled")) {
        racing.add(id);
      }
    }
    return racing;
  }

  private static boolean reaches(Map<String, Set<String>> deps, String from, String to) {
    Deque<String> todo = new ArrayDeque<>(List.of(from));
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (id.equals(to)) {
        return true;
      }
      if (seen.add(id)) {
        todo.addAll(deps.getOrDefault(id, Set.of()));
      }
    }
    return false;
  }

  @Test
  void everyGoogleResourceWaitsForTheApiEnablement() {
    assertEquals(List.of(), raceApiEnablement(infra()));
  }

  @Test
  void aResourceThatDoesNotWaitForItsApiIsCaught() throws IOException {
    String waits = "\n\n  depends_on = [google_project_service.enabled]";
    Hcl.Block root =
        infraWith(
            "site.tf", "min_tls_version = \"TLS_1_2\"" + waits, "min_tls_version = \"TLS_1_2\"");
    assertEquals(List.of("google_compute_ssl_policy.site"), raceApiEnablement(root));
    root =
        infraWith(
            "iam.tf",
            "permissions = [\"storage.buckets.get\"]" + waits,
            "permissions = [\"storage.buckets.get\"]");
    assertEquals(
        List.of("google_project_iam_custom_role.bucket_metadata_reader"), raceApiEnablement(root));
  }

  @Test
  void cloudResourceManagerIsEnabled() {
    Hcl.Block enabled = resource(infra(), "google_project_service", "enabled");
    String set = enabled.attr("for_each");
    assertTrue(set.startsWith("toset("), set);
    assertTrue(
        Hcl.strings(set.substring("toset(".length(), set.length() - 1))
            .contains("cloudresourcemanager.googleapis.com"),
        set);
  }

  @Test
  void functionBuildsWaitForTheBuilderGrantsToPropagate() {
    Hcl.Block root = infra();
    Map<String, Set<String>> deps = dependencies(root);
    Hcl.Block fn = resource(root, "google_cloudfunctions2_function", "function");
    List<String> explicit = Hcl.list(fn.attr("depends_on"));
    assertTrue(explicit.contains("time_sleep.builder_iam_propagation"), explicit.toString());
    Hcl.Block sleep = resource(root, "time_sleep", "builder_iam_propagation");
    String duration = Hcl.string(sleep.attr("create_duration"));
    assertTrue(
        duration.matches("\\d+s") && Integer.parseInt(duration.replace("s", "")) >= 60, duration);
    // Every grant the builder holds is waited for.
    for (Hcl.Block r : root.blocks("resource")) {
      if (allText(r).contains("google_service_account.builder.email")) {
        String id = r.labels().get(0) + "." + r.labels().get(1);
        assertTrue(
            deps.get("time_sleep.builder_iam_propagation").contains(id), id + " is not waited for");
      }
    }
    String versions =
        Hcl.parse(read("versions.tf")).block("terraform").block("required_providers").attr("time");
    assertTrue(versions.contains("\"hashicorp/time\""), versions);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Rollback: replaced function sources stay
  // ---------------------------------------------------------------------------------------------------------

  @Test
  void replacedFunctionSourcesAreKeptForRollback() {
    Hcl.Block root = infra();
    Hcl.Block bucket = resource(root, "google_storage_bucket", "function_source");
    assertEquals("true", bucket.block("versioning").attr("enabled"));
    // The only deletion: noncurrent versions, after the retention the variable allows (at least 30
    // days).
    for (Hcl.Block rule : bucket.blocks("lifecycle_rule")) {
      Hcl.Block condition = rule.block("condition");
      assertEquals(
          "\"ARCHIVED\"", condition.attr("with_state"), "a lifecycle rule deletes live sources");
      assertEquals("var.source_retention_days", condition.attr("days_since_noncurrent_time"));
    }
    String validation =
        root.find("variable", "source_retention_days").block("validation").attr("condition");
    assertTrue(validation.contains("var.source_retention_days >= 30"), validation);
    // The source object is the one the functions build from.
    Hcl.Block source =
        resource(root, "google_cloudfunctions2_function", "function")
            .block("build_config")
            .block("source")
            .block("storage_source");
    assertEquals("google_storage_bucket.function_source.name", source.attr("bucket"));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Only Cloudflare reaches the origin
  // ---------------------------------------------------------------------------------------------------------

  @Test
  void everyLoadBalancerBackendAdmitsOnlyCloudflare() {
    Hcl.Block root = infra();
    List<Hcl.Block> backends = new ArrayList<>();
    backends.addAll(
        root.blocks("resource").stream()
            .filter(r -> r.labels().get(0).equals("google_compute_backend_bucket"))
            .toList());
    backends.addAll(
        root.blocks("resource").stream()
            .filter(r -> r.labels().get(0).equals("google_compute_backend_service"))
            .toList());
    // The admin console's backend is the one exception: its host is not proxied by Cloudflare
    // (admin pages never
    // sit in a shared cache), and Identity-Aware Proxy admits only the admins before anything
    // reaches it.
    List<Hcl.Block> behindIap = backends.stream().filter(b -> !b.blocks("iap").isEmpty()).toList();
    assertEquals(1, behindIap.size(), "only the admin backend is reached around Cloudflare");
    assertEquals("true", behindIap.get(0).block("iap").attr("enabled"));
    backends.removeAll(behindIap);
    assertEquals(2, backends.size());
    for (Hcl.Block b : backends) {
      Hcl.Block policy =
          referenced(root, b.attr("edge_security_policy"), "google_compute_security_policy");
      assertTrue(policy != null, b.labels() + " has no edge security policy");
      assertEquals("\"CLOUD_ARMOR_EDGE\"", policy.attr("type"));
      Hcl.Block fallback =
          policy.blocks("rule").stream()
              .filter(r -> "2147483647".equals(r.attr("priority")))
              .findFirst()
              .orElseThrow();
      assertEquals("\"deny(403)\"", fallback.attr("action"));
      assertEquals(
          List.of("*"), Hcl.strings(fallback.block("match").block("config").attr("src_ip_ranges")));
      Hcl.Block allow =
          policy.blocks("dynamic").stream()
              .filter(d -> d.labels().equals(List.of("rule")))
              .findFirst()
              .orElseThrow();
      assertEquals("chunklist(var.cloudflare_ip_ranges, 10)", allow.attr("for_each"));
      assertEquals("\"allow\"", allow.block("content").attr("action"));
    }
    List<String> ranges =
        Hcl.strings(root.find("variable", "cloudflare_ip_ranges").attr("default"));
    assertTrue(
        ranges.contains("173.245.48.0/20") && ranges.contains("2606:4700::/32"), ranges.toString());
    assertFalse(ranges.contains("0.0.0.0/0") || ranges.contains("*"), ranges.toString());
  }

  private static String read(String file) {
    try {
      return Files.readString(INFRA.resolve(file));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
