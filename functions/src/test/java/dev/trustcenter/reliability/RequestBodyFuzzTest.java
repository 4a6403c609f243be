package dev.trustcenter.reliability;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.app.AdminApiFunction;
import dev.trustcenter.app.PublicApiFunction;
import dev.trustcenter.app.Services;
import dev.trustcenter.config.Config;
import dev.trustcenter.content.CheckMethod;
import dev.trustcenter.content.Seed;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.FieldReader;
import dev.trustcenter.http.JsonBody;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.testing.FakeHttp;
import dev.trustcenter.testing.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the request body readers with arbitrary bytes: {@link JsonBody} and {@link FieldReader}
 * directly, and every admin and public route that reads a JSON body (admin content with its
 * per-kind decoders, the profile, manual check results, sync acceptance, the NDA, approvals; access
 * requests and subscriptions) through the deployed function classes on an embedded store. Only an
 * {@link ApiException} with a 4xx may escape the readers; a route may answer 2xx or 4xx but never
 * 5xx (except the documented 503 of a subscription when mail is not configured), and no input may
 * take longer than {@link #SLOW_MS}.
 *
 * <p>{@code mvn verify} runs the regression inputs under {@code
 * src/test/resources/dev/trustcenter/reliability/RequestBodyFuzzTestInputs/<method>/}. A long run
 * (one method at a time, findings are written to that directory as new regression inputs): {@code
 * JAZZER_FUZZ=1 mvn -pl functions test -Dtest='RequestBodyFuzzTest#adminBodies'} (each method's
 * {@code maxDuration} bounds it; raise it for a longer run).
 */
@IntegrationTest
class RequestBodyFuzzTest {
  static final long SLOW_MS = 2_000;
  static final String TOKEN = "fuzz-dev-token-0123456789abcdef";

  /** Admin routes that read a body; the first input byte picks one. */
  static final List<String[]> ADMIN_ROUTES =
      List.of(
          new String[] {"PUT", "/v1/frameworks/iso-27001"},
          new String[] {"PUT", "/v1/categories/fuzz"},
          new String[] {"PUT", "/v1/controls/fuzz"},
          new String[] {"PUT", "/v1/subprocessors/fuzz"},
          new String[] {"PUT", "/v1/resources/fuzz"},
          new String[] {"PUT", "/v1/profile"},
          new String[] {"POST", "/v1/controls/encryption-at-rest/checks"},
          new String[] {"POST", "/v1/sync/google-cloud/accept"},
          new String[] {"PUT", "/v1/nda"},
          new String[] {"POST", "/v1/access-requests/2026-01-01T00:00:00Z-abcdef/approve"},
          new String[] {"POST", "/v1/import?dryRun=true"},
          new String[] {"POST", "/v1/import"});

  static final List<String> PUBLIC_ROUTES =
      List.of("/v1/access-requests", "/v1/subscriptions", "/v1/subscriptions/unsubscribe?token=x");

  private static Services services;
  private static AdminApiFunction admin;
  private static PublicApiFunction publicApi;

  private static synchronized void start() throws Exception {
    if (services != null) {
      return;
    }
    Path dir = Files.createTempDirectory("request-body-fuzz");
    dir.toFile().deleteOnExit();
    Config config =
        Config.fromEnvironment(
            Map.of(
                "PORT",
                "0",
                "TRUST_CENTER_DATA_DIR",
                dir.toString(),
                "TRUST_CENTER_DEV_TOKEN",
                TOKEN));
    services = Services.local(config);
    new SnapshotWriter(365).seedIfEmpty(services.store(), Seed.load(), services.clock().instant());
    admin = new AdminApiFunction(services);
    publicApi = new PublicApiFunction(services.publicApi(), PublicApiFunction.extensions(services));
  }

  @FuzzTest(maxDuration = "60s")
  void jsonBody(byte[] data) {
    long start = System.nanoTime();
    JsonObject body;
    try {
      body = JsonBody.parseObject(data);
    } catch (ApiException e) {
      expect4xx(e);
      return;
    } finally {
      notSlow(start);
    }
    // Every kind of field the admin bodies have, at the top level and nested.
    FieldReader f = FieldReader.of(body);
    f.slug("id");
    f.string("name", FieldReader.NAME);
    f.optionalString("version", 40);
    f.text("title", FieldReader.TITLE);
    f.optionalText("notes", FieldReader.TEXT);
    f.integer("position", 0, 1_000_000);
    f.enumValue("checkMethod", CheckMethod.class);
    f.url("url", false, "https", "mailto");
    f.optionalDate("validFrom");
    f.stringList("dataLocations", 100, FieldReader.NAME);
    FieldReader nested = f.object("certificate", false);
    if (nested != null) {
      nested.optionalText("scope", FieldReader.TEXT);
      nested.url("verifyUrl", true, "https");
    }
    try {
      f.finish();
    } catch (ApiException e) {
      expect4xx(e);
      if (e.fields().isEmpty()) {
        throw new IllegalStateException("an invalid body without the fields named");
      }
    }
    notSlow(start);
  }

  @FuzzTest(maxDuration = "60s")
  void adminBodies(byte[] data) throws Exception {
    start();
    if (data.length == 0) {
      return;
    }
    String[] route = ADMIN_ROUTES.get(Math.floorMod(data[0], ADMIN_ROUTES.size()));
    byte[] body = java.util.Arrays.copyOfRange(data, 1, data.length);
    FakeHttp.Request req =
        FakeHttp.request(route[0], route[1])
            .header("Authorization", "Bearer " + TOKEN)
            .body(body, "application/json");
    FakeHttp.Response res = new FakeHttp.Response();
    long start = System.nanoTime();
    admin.service(req, res);
    notSlow(start);
    expectNo5xx(route[1], res);
  }

  @FuzzTest(maxDuration = "60s")
  void publicBodies(byte[] data) throws Exception {
    start();
    if (data.length == 0) {
      return;
    }
    String path = PUBLIC_ROUTES.get(Math.floorMod(data[0], PUBLIC_ROUTES.size()));
    byte[] body = java.util.Arrays.copyOfRange(data, 1, data.length);
    FakeHttp.Request req =
        FakeHttp.request("POST", path)
            .header("X-Forwarded-For", "203.0.113.7")
            .header("Host", "localhost:8080")
            .body(body, "application/json");
    FakeHttp.Response res = new FakeHttp.Response();
    long start = System.nanoTime();
    publicApi.service(req, res);
    notSlow(start);
    if (res.status() == 503
        && path.equals("/v1/subscriptions")
        && res.text().contains("mail_not_configured")) {
      return; // a valid subscription without mail configured: documented, nothing stored
    }
    expectNo5xx(path, res);
  }

  private static void expectNo5xx(String path, FakeHttp.Response res) {
    if (res.status() >= 500 || res.status() < 200) {
      throw new IllegalStateException(path + " answered " + res.status() + ": " + res.text());
    }
    if (res.status() >= 400) {
      JsonObject error =
          JsonParser.parseString(res.text()).getAsJsonObject().getAsJsonObject("error");
      if (error == null || !error.has("code") || !error.has("message")) {
        throw new IllegalStateException("not a JSON error: " + res.text());
      }
    }
  }

  private static void expect4xx(ApiException e) {
    if (e.status() < 400 || e.status() >= 500) {
      throw new IllegalStateException("a reader threw " + e.status(), e);
    }
  }

  private static void notSlow(long startNanos) {
    long ms = (System.nanoTime() - startNanos) / 1_000_000;
    if (ms > SLOW_MS) {
      throw new IllegalStateException("one input took " + ms + " ms");
    }
  }
}
