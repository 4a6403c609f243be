package dev.trustcenter.deployed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.trustcenter.testing.FirestoreEmulator;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The deploy-shaped suite ({@code mvn -B verify -Pdeployed}): the five functions, each in its own
 * JVM in the Functions Framework invoker, from the built jar, with the entry points and
 * environments of {@code infra/functions.tf}; the Firestore emulator; a front door routing like the
 * URL map in {@code infra/site.tf} and setting headers like the response-header rules in {@code
 * infra/cloudflare.tf}; a local issuer standing in for Google's token side (JWKS, a metadata server
 * per function that knows that function's service account, Cloud Scheduler's and a user's tokens);
 * a Cloudflare API stand-in; and a folder standing in for the buckets ({@code
 * TRUST_CENTER_STAND_INS}, refused where Cloud Run runs). Every journey crosses processes, and each
 * step says which hop it tests, so a failure names the hop that broke.
 *
 * <p>What is not simulated: Cloud Run's own IAM check ({@code roles/run.invoker}) in front of the
 * private functions, Cloudflare's cache rules, Cloud Armor, Cloud Storage's and Secret Manager's
 * APIs.
 */
@Tag("deployed") // only with -Pdeployed: it needs the packaged jar and the invoker
// (functions/pom.xml)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployedJourneysIT {
  static final String PROJECT = FirestoreEmulator.PROJECT;
  static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
  static final String CF_TOKEN = "cfTok_deployed_suite_7Yq2Lw9Rk4Zx8Vb3Nm5";
  static final String ADMIN = "security-lead@example.com";
  static final String SCHEDULER = "trust-scheduler@" + PROJECT + ".iam.gserviceaccount.com";

  static LocalIssuer issuer;
  static MockWebServer cloudflare;
  static MockWebServer vendors;
  static GreenMail smtp;

  /**
   * When set, the Cloudflare page no longer lists Slack (a change the sync reports to subscribers).
   */
  static volatile boolean slackRemoved;

  static FrontDoor frontDoor;
  static Path work;
  static final Map<String, FunctionProcess> functions = new LinkedHashMap<>();
  static final Map<String, Integer> ports = new LinkedHashMap<>();
  static final List<MockWebServer> metadataServers = new ArrayList<>();
  static final List<RecordedRequest> purges = new CopyOnWriteArrayList<>();
  static final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  static long startMillis;

  static String serviceAccount(String function) {
    return "fn-" + function + "@" + PROJECT + ".iam.gserviceaccount.com";
  }

  static URI functionUrl(String name) {
    Integer port = ports.get(name);
    if (port == null) {
      throw new IllegalStateException("no function " + name);
    }
    return URI.create("http://127.0.0.1:" + port);
  }

  @BeforeAll
  static void startTheDeployment() throws Exception {
    startMillis = System.currentTimeMillis();
    Path invoker =
        Path.of(
            System.getProperty("deployed.invokerJar", "target/invoker/java-function-invoker.jar"));
    Path jar = Path.of(System.getProperty("deployed.functionJar", "target/trust-center.jar"));
    assertTrue(
        Files.isRegularFile(invoker),
        "the invoker jar is missing: " + invoker + " (run with -Pdeployed)");
    assertTrue(
        Files.isRegularFile(jar), "the function jar is missing: " + jar + " (mvn package first)");
    work = Files.createTempDirectory("deployed-suite");
    Path logs = Files.createDirectories(Path.of("target", "deployed-logs"));
    Path standIns = Files.createDirectories(work.resolve("buckets"));
    Path home = Files.createDirectories(work.resolve("home"));

    FirestoreEmulator emulator = FirestoreEmulator.get();
    emulator.requireFull("the REST API trust-api reads the public snapshot with");
    emulator.reset();
    issuer = new LocalIssuer();
    cloudflare = cloudflareStandIn();
    vendors = vendorPages();
    smtp =
        new GreenMail(
                new ServerSetup(FunctionProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    smtp.start();

    Map<String, TerraformFunctions.Deployed> deployed = TerraformFunctions.read();
    for (String name : deployed.keySet()) {
      ports.put(name, FunctionProcess.freePort());
    }
    frontDoor =
        new FrontDoor(
            FrontDoor.routesFromTerraform(TerraformFunctions.infra()),
            FrontDoor.headerRulesFromTerraform(TerraformFunctions.infra()),
            DeployedJourneysIT::functionUrl,
            standIns);

    List<String> publishCallers = TerraformFunctions.publishSiteCallers();
    Map<String, String> refs = new LinkedHashMap<>();
    refs.put("var.project_id", PROJECT);
    refs.put("var.firestore_database", "(default)");
    refs.put("local.bucket_names.site", PROJECT + "-trust-site");
    refs.put("local.bucket_names.documents", PROJECT + "-trust-documents");
    refs.put("local.bucket_names.archive", PROJECT + "-trust-archive");
    refs.put("local.site_base_url", frontDoor.url().toString());
    refs.put("var.gcp_subprocessors_url", vendors.url("/terms/subprocessors").toString());
    refs.put(
        "var.cloudflare_subprocessors_url",
        vendors.url("/gdpr/subprocessors/cloudflare-services/").toString());
    refs.put("var.smtp_host", "127.0.0.1");
    refs.put("local.smtp_port", Integer.toString(smtp.getSmtp().getPort()));
    refs.put("var.smtp_username", "trust-center@example.com");
    refs.put("var.mail_from", "trust-center@example.com");
    refs.put("local.admin_emails_csv", ADMIN);
    // The reminder digest goes to the admin, in English.
    refs.put("local.admin_digest_emails_csv", ADMIN + ":en");
    refs.put(
        "local.admin_oidc_audience",
        functionUrl("trust-admin") + ",32555940559.apps.googleusercontent.com");
    refs.put("local.oidc_issuer", LocalIssuer.ISSUER);
    refs.put("local.oidc_jwks_url", issuer.jwksUrl());
    refs.put("local.publish_site_url", functionUrl("publish-site").toString());
    refs.put("local.scheduler_invoker_csv", SCHEDULER);
    List<String> publishInvokers = new ArrayList<>(List.of(SCHEDULER));
    publishCallers.forEach(c -> publishInvokers.add(serviceAccount(c)));
    refs.put("local.publish_site_invoker_csv", String.join(",", publishInvokers));
    refs.put(
        "var.cloudflare_api_base_url",
        cloudflare.url("/client/v4").toString().replaceAll("/$", ""));
    refs.put("var.cloudflare_zone_id", ZONE);
    refs.put("local.non_production_projects_csv", "demo-trust-center-dev");
    refs.put("local.subprocessor_notice_days", "30");
    refs.put("local.data_residency_csv", "EU");
    // IAP's audience: the suite signs admins in with ID tokens (the scripts' path), never with
    // IAP's header.
    refs.put(
        "local.admin_iap_audience", "/projects/123456789012/global/backendServices/4242424242");
    // Cloud KMS has no stand-in: with TRUST_CENTER_STAND_INS publish-site signs with a key file in
    // the folder.
    refs.put(
        "local.evidence_log_key_version",
        "projects/"
            + PROJECT
            + "/locations/global/keyRings/trust/cryptoKeys/evidence-log/cryptoKeyVersions/1");
    Pattern functionUrlRef = Pattern.compile("^local\\.function_urls\\[\"([a-z-]+)\"\\]$");

    ExecutorService starter = Executors.newFixedThreadPool(deployed.size());
    List<Future<?>> started = new ArrayList<>();
    for (TerraformFunctions.Deployed f : deployed.values()) {
      MockWebServer metadata = issuer.metadataServer(serviceAccount(f.name()), PROJECT);
      metadataServers.add(metadata);
      Map<String, String> env =
          new LinkedHashMap<>(
              TerraformFunctions.environment(
                  f,
                  expr -> {
                    Matcher m = functionUrlRef.matcher(expr);
                    return m.find() ? functionUrl(m.group(1)).toString() : refs.get(expr);
                  },
                  PROJECT));
      // The stand-ins: what the deployed function gets from its platform or Google's services.
      env.put("FIRESTORE_EMULATOR_HOST", emulator.hostPort());
      env.put("GCE_METADATA_HOST", metadata.getHostName() + ":" + metadata.getPort());
      env.put("TRUST_CENTER_STAND_INS", standIns.toString());
      // Google's keys for the ID tokens: infra leaves the task functions on the code's default
      // (Google's JWKS).
      env.put("OIDC_JWKS_URL", issuer.jwksUrl());
      env.put("CLOUDFLARE_API_TOKEN", CF_TOKEN);
      env.put("SMTP_PASSWORD", "smtp-password-stand-in");
      env.put("HOME", home.toString());
      env.put("CLOUDSDK_CONFIG", home.resolve("gcloud").toString());
      FunctionProcess p =
          FunctionProcess.start(
              f.name(), f.entryPoint(), ports.get(f.name()), invoker, jar, env, logs);
      functions.put(f.name(), p);
      started.add(
          starter.submit(
              () -> {
                p.awaitReady(Duration.ofSeconds(90));
                return null;
              }));
    }
    for (Future<?> f : started) {
      f.get();
    }
    starter.shutdown();
    System.out.println(
        "deployed suite: started "
            + deployed.size()
            + " functions in "
            + (System.currentTimeMillis() - startMillis)
            + " ms");
  }

  @AfterAll
  static void stopTheDeployment() {
    functions.values().forEach(FunctionProcess::close);
    metadataServers.forEach(MockWebServer::close);
    if (frontDoor != null) {
      frontDoor.close();
    }
    if (cloudflare != null) {
      cloudflare.close();
    }
    if (vendors != null) {
      vendors.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
    if (issuer != null) {
      issuer.close();
    }
    System.out.println(
        "deployed suite: " + (System.currentTimeMillis() - startMillis) + " ms in all");
  }

  /** Cloudflare's API for the zone: cache purges (recorded) in the API's envelope. */
  static MockWebServer cloudflareStandIn() throws IOException {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            if (!("Bearer " + CF_TOKEN).equals(r.getHeaders().get("Authorization"))) {
              return json(
                  400,
                  "{\"success\":false,\"errors\":[{\"code\":6003,\"message\":\"Invalid request headers\"}],\"messages\":[],\"result\":null}");
            }
            String zone = "/client/v4/zones/" + ZONE;
            if (r.getMethod().equals("GET")
                && r.getUrl().encodedPath().equals(zone + "/settings")) {
              return json(
                  200,
                  "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":["
                      + String.join(",", ZONE_SETTINGS.values())
                      + "]}");
            }
            if (r.getMethod().equals("GET")
                && r.getUrl().encodedPath().startsWith(zone + "/settings/")) {
              String setting =
                  ZONE_SETTINGS.get(
                      r.getUrl().encodedPath().substring((zone + "/settings/").length()));
              if (setting != null) {
                return json(
                    200,
                    "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + setting + "}");
              }
            }
            if (r.getMethod().equals("POST")
                && r.getUrl().encodedPath().equals(zone + "/purge_cache")) {
              purges.add(r);
              return json(
                  200,
                  "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\""
                      + ZONE
                      + "\"}}");
            }
            return json(
                404,
                "{\"success\":false,\"errors\":[{\"code\":7003,\"message\":\"Could not route to "
                    + r.getUrl().encodedPath()
                    + "\"}],\"messages\":[],\"result\":null}");
          }
        });
    server.start();
    return server;
  }

  /**
   * The zone's settings as {@code cloudflare_zone_settings_override.zone} (infra/cloudflare.tf)
   * sets them, in the API's shape ({@code GET /zones/{id}/settings[/{setting}]}).
   */
  static final Map<String, String> ZONE_SETTINGS =
      Map.of(
          "ssl", setting("ssl", "\"strict\""),
          "min_tls_version", setting("min_tls_version", "\"1.2\""),
          "tls_1_3", setting("tls_1_3", "\"on\""),
          "always_use_https", setting("always_use_https", "\"on\""),
          "automatic_https_rewrites", setting("automatic_https_rewrites", "\"on\""),
          "security_header",
              setting(
                  "security_header",
                  "{\"strict_transport_security\":{\"enabled\":true,\"max_age\":31536000,\"include_subdomains\":true,\"preload\":false,\"nosniff\":true}}"));

  static String setting(String id, String value) {
    return "{\"id\":\""
        + id
        + "\",\"value\":"
        + value
        + ",\"editable\":true,\"modified_on\":\"2026-11-02T09:14:51.468917Z\"}";
  }

  /**
   * The two vendors' subprocessor pages (the shared fixtures), at the paths the code's defaults
   * name.
   */
  static MockWebServer vendorPages() throws IOException {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            String file =
                switch (r.getUrl().encodedPath()) {
                  case "/terms/subprocessors" -> "google-cloud.html";
                  case "/gdpr/subprocessors/cloudflare-services/" -> "cloudflare-services.html";
                  default -> null;
                };
            if (file == null) {
              return new MockResponse.Builder().code(404).body("not found").build();
            }
            try {
              String html = Files.readString(Path.of("src/test/resources/subprocessors", file));
              if (slackRemoved) {
                html = html.replaceAll("<tr><td>Slack Technologies, LLC</td>.*</tr>\\R?", "");
              }
              return new MockResponse.Builder()
                  .code(200)
                  .setHeader("Content-Type", "text/html; charset=utf-8")
                  .body(html)
                  .build();
            } catch (IOException e) {
              return new MockResponse.Builder().code(500).build();
            }
          }
        });
    server.start();
    return server;
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  // ---------------------------------------------------------------------------------------------------------
  // HTTP helpers: every call names its hop
  // ---------------------------------------------------------------------------------------------------------

  static HttpResponse<String> call(String hop, String method, URI url, String bearer, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(120))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(hop + ": " + method + " " + url + " failed: " + e + logs(), e);
    }
  }

  static HttpResponse<String> expect(String hop, int status, HttpResponse<String> res) {
    if (res.statusCode() != status) {
      fail(
          hop
              + ": expected "
              + status
              + " but got "
              + res.statusCode()
              + " from "
              + res.request().method()
              + " "
              + res.request().uri()
              + ":\n"
              + abbreviate(res.body())
              + logs());
    }
    return res;
  }

  static String abbreviate(String s) {
    return s.length() > 1500 ? s.substring(0, 1500) + "..." : s;
  }

  static String logs() {
    StringBuilder sb = new StringBuilder();
    functions
        .values()
        .forEach(
            p ->
                sb.append("\n--- ")
                    .append(p.name)
                    .append(" (")
                    .append(p.log)
                    .append(") ---\n")
                    .append(p.tail()));
    return sb.toString();
  }

  static URI front(String path) {
    return frontDoor.url().resolve(path);
  }

  /** Cloud Scheduler running a task: POST {} with its OIDC token, audience the function's URL. */
  static HttpResponse<String> schedulerRuns(String function) {
    URI url = functionUrl(function);
    return call(
        "Cloud Scheduler -> " + function,
        "POST",
        url,
        issuer.schedulerToken(SCHEDULER, url.toString()),
        "{}");
  }

  // ---------------------------------------------------------------------------------------------------------
  // Journeys
  // ---------------------------------------------------------------------------------------------------------

  @Test
  @Order(1)
  void visitorReadsTheSiteAndTheApiThroughTheFrontDoor() {
    expect("Cloud Scheduler -> publish-site (first publish)", 200, schedulerRuns("publish-site"));

    String es =
        expect(
                "visitor -> front door -> site bucket /es/",
                200,
                call("front door", "GET", front("/es/"), null, null))
            .body();
    assertTrue(
        es.contains("lang=\"es\""), "site bucket /es/ is not the Spanish page:\n" + abbreviate(es));
    HttpResponse<String> enPage =
        expect(
            "visitor -> front door -> site bucket /en/",
            200,
            call("front door", "GET", front("/en/"), null, null));
    assertTrue(
        enPage.body().contains("lang=\"en\""),
        "site bucket /en/ is not the English page:\n" + abbreviate(enPage.body()));
    // Cloudflare's header rules: pages revalidate and carry the security headers.
    assertEquals(
        "public, max-age=0, must-revalidate",
        enPage.headers().firstValue("Cache-Control").orElse(null));
    assertTrue(
        enPage
            .headers()
            .firstValue("Content-Security-Policy")
            .orElse("")
            .contains("default-src 'self'"),
        enPage.headers().toString());

    HttpResponse<String> api =
        expect(
            "visitor -> front door /api/* -> trust-api",
            200,
            call("front door", "GET", front("/api/v1/trust-center?lang=en"), null, null));
    assertTrue(
        api.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
        api.headers().toString());
    assertTrue(api.body().contains("\"categories\""), abbreviate(api.body()));
    // ... and leave trust-api's own caching alone (a page rule over /api/ would override it).
    assertEquals(
        "public, max-age=60, stale-while-revalidate=300",
        api.headers().firstValue("Cache-Control").orElse(null),
        "Cloudflare rules -> /api/*: trust-api's Cache-Control was replaced");
    assertEquals("nosniff", api.headers().firstValue("X-Content-Type-Options").orElse(null));
    // An unknown API path is trust-api's JSON 404, not the site's 404 page: the route reaches the
    // function.
    HttpResponse<String> missing =
        expect(
            "visitor -> front door /api/* -> trust-api (unknown path)",
            404,
            call("front door", "GET", front("/api/v1/no-such-thing"), null, null));
    assertTrue(
        missing.body().contains("\"not_found\"") || missing.body().contains("no such resource"),
        abbreviate(missing.body()));
    expect(
        "visitor -> front door -> site bucket (missing page)",
        404,
        call("front door", "GET", front("/no-such-page/"), null, null));
  }

  @Test
  @Order(2)
  void anAdminChangeIsPublishedByTrustAdminsOwnTokenAndPurged() {
    int purgesBefore = purges.size();
    URI admin = functionUrl("trust-admin");
    String userToken = issuer.userToken(ADMIN, "32555940559.apps.googleusercontent.com");
    String control =
        """
        {"id":"deployed-suite-drill","categoryId":"availability","title":{"es":"Simulacro del despliegue","en":"Deployment drill"},
         "description":{"es":"Un control creado por la prueba del despliegue.","en":"A control made by the deployment test."},
         "checkMethod":"manual_attestation","periodDays":90,"position":15}""";
    expect(
        "admin -> trust-admin PUT control",
        201,
        call(
            "admin -> trust-admin",
            "PUT",
            admin.resolve("/v1/controls/deployed-suite-drill"),
            userToken,
            control));

    // trust-admin asked publish-site (its metadata server's token, format=full) before answering.
    String page = findPage("Deployment drill");
    assertTrue(
        page != null,
        "trust-admin -> publish-site -> site bucket: no page shows the new control" + logs());
    assertTrue(
        purges.size() > purgesBefore,
        "publish-site -> Cloudflare purge: no purge after the admin change" + logs());
    String purge = purges.get(purges.size() - 1).getBody().utf8();
    assertTrue(
        purge.contains(frontDoor.url().toString()), "the purge names no URL of the site: " + purge);
  }

  @Test
  @Order(3)
  void theSchedulersTokensRunTheSyncAndTheChecks_andTheirResultsReachThePage() {
    HttpResponse<String> sync =
        expect("Cloud Scheduler -> sync-subprocessors", 200, schedulerRuns("sync-subprocessors"));
    assertTrue(sync.body().contains("cloudflare"), abbreviate(sync.body()));
    // sync-subprocessors asked publish-site with its own token; the synced list has its page.
    assertTrue(
        findPage("Slack Technologies, LLC") != null,
        "sync-subprocessors -> publish-site -> site bucket: no page shows the synced Cloudflare list"
            + logs());

    int purgesBefore = purges.size();
    HttpResponse<String> checks =
        expect("Cloud Scheduler -> run-control-checks", 200, schedulerRuns("run-control-checks"));
    assertTrue(checks.body().contains("\"run\""), abbreviate(checks.body()));
    // The TLS check read the Cloudflare stand-in's zone settings and passed; its result is on the
    // API and the page.
    String control =
        expect(
                "visitor -> front door /api/* -> trust-api (control)",
                200,
                call(
                    "front door",
                    "GET",
                    front("/api/v1/controls/encryption-in-transit?lang=en"),
                    null,
                    null))
            .body();
    Matcher checked =
        Pattern.compile(
                "\"lastOutcome\":\"passing\".*\"checkedAt\":\"([0-9T:.-]+)Z?\".*\"ssl\":\"strict\"")
            .matcher(control);
    assertTrue(
        checked.find(),
        "run-control-checks -> Firestore -> trust-api: no passing TLS check\n"
            + abbreviate(control));
    assertTrue(
        purges.size() > purgesBefore,
        "run-control-checks -> publish-site -> Cloudflare purge: none" + logs());
    String index = call("front door", "GET", front("/en/"), null, null).body();
    Matcher link =
        Pattern.compile("href=\"(/en/[^\"]*encryption-in-transit[^\"]*)\"").matcher(index);
    assertTrue(link.find(), "the English index links no encryption-in-transit page");
    String page =
        expect(
                "visitor -> front door -> site bucket (control page)",
                200,
                call("front door", "GET", front(link.group(1)), null, null))
            .body();
    assertTrue(
        page.contains("Passing")
            && page.contains("datetime=\"" + checked.group(1).substring(0, 10)),
        "run-control-checks -> publish-site -> site bucket: the control page does not show the passing check\n"
            + abbreviate(page));
  }

  @Test
  @Order(4)
  void anApprovedAccessRequestsMailedLinkDownloadsTheFileThroughTheFrontDoor() throws Exception {
    URI admin = functionUrl("trust-admin");
    String adminToken = issuer.userToken(ADMIN, "32555940559.apps.googleusercontent.com");
    byte[] pdf =
        "%PDF-1.7\nSOC 2 report (deployed suite)\n%%EOF"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<String> upload =
        http.send(
            HttpRequest.newBuilder(admin.resolve("/v1/documents/soc2-report"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(pdf))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(
        upload.statusCode() == 201 || upload.statusCode() == 200,
        "admin -> trust-admin upload: " + upload.statusCode() + " " + upload.body() + logs());

    String nda =
        expect(
                "visitor -> front door /api/* -> trust-api (NDA)",
                200,
                call("front door", "GET", front("/api/v1/nda?lang=en"), null, null))
            .body();
    Matcher version = Pattern.compile("\"version\":(\\d+)").matcher(nda);
    assertTrue(version.find(), nda);
    smtp.purgeEmailFromAllMailboxes();
    String request =
        "{\"name\":\"Ana García\",\"email\":\"ana@cliente.example\",\"company\":\"Cliente S.L.\",\"reason\":\"Vendor review\","
            + "\"documentIds\":[\"soc2-report\"],\"ndaVersion\":"
            + version.group(1)
            + ",\"ndaAccepted\":true,\"language\":\"en\"}";
    expect(
        "visitor -> front door /api/* -> trust-api (access request)",
        202,
        call("front door", "POST", front("/api/v1/access-requests"), null, request));

    String pending =
        expect(
                "admin -> trust-admin (pending requests)",
                200,
                call(
                    "admin -> trust-admin",
                    "GET",
                    admin.resolve("/v1/access-requests?status=pending"),
                    adminToken,
                    null))
            .body();
    Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(pending);
    assertTrue(id.find(), pending);
    expect(
        "admin -> trust-admin (approve)",
        200,
        call(
            "admin -> trust-admin",
            "POST",
            admin.resolve("/v1/access-requests/" + id.group(1) + "/approve"),
            adminToken,
            "{}"));

    MimeMessage granted = awaitMail("ana@cliente.example", "trust-admin -> SMTP (grant mail)");
    // The mailed link opens the download page; its token travels in the fragment (never sent to a
    // server), and the
    // page posts it back as a form (a person without JavaScript pastes the code the mail also
    // gives). The invoker
    // reads a form body when asked for query parameters: this journey failed until routes stopped
    // asking it.
    Matcher link =
        Pattern.compile(
                Pattern.quote(frontDoor.url() + "/api/v1/documents/soc2-report/download")
                    + "\\?lang=en#(\\S+)")
            .matcher(text(granted));
    assertTrue(
        link.find(),
        "the grant mail has no download link through the site host:\n" + text(granted));
    String page = link.group().substring(0, link.group().indexOf('#'));
    expect(
        "mailed link -> front door /api/* -> trust-api (download page)",
        200,
        http.send(
            HttpRequest.newBuilder(URI.create(page)).header("Accept", "text/html").build(),
            HttpResponse.BodyHandlers.ofString()));
    HttpResponse<byte[]> download =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(frontDoor.url() + "/api/v1/documents/soc2-report/download"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant="
                            + java.net.URLEncoder.encode(
                                link.group(1), java.nio.charset.StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(
        200,
        download.statusCode(),
        "download page's POST -> front door /api/* -> trust-api -> documents bucket: "
            + new String(download.body(), java.nio.charset.StandardCharsets.UTF_8)
            + "\nmail:\n"
            + text(granted)
            + logs());
    assertTrue(
        java.util.Arrays.equals(pdf, download.body()), "the download is not the uploaded file");
  }

  @Test
  @Order(5)
  void aSubscriptionIsConfirmedFromMail_andANoticesUnsubscribeLinksWorkThroughTheFrontDoor()
      throws Exception {
    smtp.purgeEmailFromAllMailboxes();
    expect(
        "visitor -> front door /api/* -> trust-api (subscribe)",
        202,
        call(
            "front door",
            "POST",
            front("/api/v1/subscriptions"),
            null,
            "{\"email\":\"bob@client.example\",\"language\":\"en\",\"topics\":[\"subprocessors\"]}"));
    MimeMessage confirm = awaitMail("bob@client.example", "trust-api -> SMTP (confirmation mail)");
    Matcher confirmLink =
        Pattern.compile(
                Pattern.quote(frontDoor.url() + "/api/v1/subscriptions/confirm") + "\\?token=\\S+")
            .matcher(text(confirm));
    assertTrue(
        confirmLink.find(),
        "the confirmation mail has no confirm link through the site host:\n" + text(confirm));
    expect(
        "mailed confirm link -> front door /api/* -> trust-api",
        200,
        call("front door", "GET", URI.create(confirmLink.group()), null, null));

    // Cloudflare drops a subprocessor; the scheduled sync notices it and mails the subscriber.
    smtp.purgeEmailFromAllMailboxes();
    slackRemoved = true;
    expect(
        "Cloud Scheduler -> sync-subprocessors (a change)",
        200,
        schedulerRuns("sync-subprocessors"));
    MimeMessage notice =
        awaitMail("bob@client.example", "sync-subprocessors -> SMTP (change notice)");
    assertTrue(text(notice).contains("Slack Technologies, LLC"), text(notice));
    assertEquals("List-Unsubscribe=One-Click", notice.getHeader("List-Unsubscribe-Post", null));
    String header = notice.getHeader("List-Unsubscribe", null);
    assertTrue(
        header != null && header.startsWith("<" + frontDoor.url() + "/api/"),
        "List-Unsubscribe not through the site host: " + header);
    URI unsubscribe = URI.create(header.substring(1, header.length() - 1));

    String page =
        expect(
                "List-Unsubscribe GET -> front door /api/* -> trust-api",
                200,
                call("front door", "GET", unsubscribe, null, null))
            .body();
    assertTrue(
        page.contains("One-Click"), "the GET shows no one-click button:\n" + abbreviate(page));
    HttpResponse<String> oneClick =
        http.send(
            HttpRequest.newBuilder(unsubscribe)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(
        200,
        oneClick.statusCode(),
        "RFC 8058 one-click POST -> front door /api/* -> trust-api: " + oneClick.body() + logs());
  }

  static MimeMessage awaitMail(String to, String hop) throws Exception {
    for (int i = 0; i < 100; i++) {
      for (MimeMessage m : smtp.getReceivedMessages()) {
        if (m.getAllRecipients()[0].toString().equals(to)) {
          return m;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError(hop + ": no mail to " + to + " within 10 s" + logs());
  }

  static String text(MimeMessage m) throws Exception {
    Object content = m.getContent();
    if (content instanceof jakarta.mail.Multipart mp) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < mp.getCount(); i++) {
        Object part = mp.getBodyPart(i).getContent();
        if (part instanceof String str) {
          sb.append(str);
        }
      }
      return sb.toString();
    }
    return String.valueOf(content);
  }

  /**
   * The first English page (the index or a category page) whose HTML contains {@code text}, or
   * null.
   */
  static String findPage(String text) {
    String index = call("front door", "GET", front("/en/"), null, null).body();
    if (index.contains(text)) {
      return "/en/";
    }
    Matcher links = Pattern.compile("href=\"(/en/[^\"#?]*)\"").matcher(index);
    while (links.find()) {
      HttpResponse<String> r = call("front door", "GET", front(links.group(1)), null, null);
      if (r.statusCode() == 200 && r.body().contains(text)) {
        return links.group(1);
      }
    }
    return null;
  }

  @Test
  @Order(6)
  void everyTaskAndAdminEndpointRefusesMissingForeignAndMisaddressedTokens() {
    Map<String, TerraformFunctions.Deployed> deployed = TerraformFunctions.read();
    List<String> wrong = new ArrayList<>();
    for (TerraformFunctions.Deployed f : deployed.values()) {
      if (f.isPublic()) {
        continue;
      }
      boolean admin = f.name().equals("trust-admin");
      URI url = functionUrl(f.name());
      String method = admin ? "GET" : "POST";
      URI target = admin ? url.resolve("/v1/audit-log") : url;
      String body = admin ? null : "{}";
      String other = serviceAccount("trust-api");
      Map<String, String> tokens = new LinkedHashMap<>();
      tokens.put("no token", null);
      tokens.put(
          "another service account's token",
          admin
              ? issuer.metadataToken(other, url.toString(), true)
              : issuer.schedulerToken(other, url.toString()));
      tokens.put(
          "a token for another audience",
          admin
              ? issuer.userToken(ADMIN, functionUrl("publish-site").toString())
              : issuer.schedulerToken(SCHEDULER, functionUrl("trust-api").toString()));
      tokens.forEach(
          (what, token) -> {
            HttpResponse<String> r = call(f.name(), method, target, token, body);
            if (r.statusCode() != 401 && r.statusCode() != 403) {
              wrong.add(f.name() + " with " + what + ": " + r.statusCode());
            }
          });
    }
    assertEquals(List.of(), wrong, logs());
  }
}
