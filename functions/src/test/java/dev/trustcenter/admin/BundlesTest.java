package dev.trustcenter.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.audit.AuditLog;
import dev.trustcenter.auth.DevTokenAuthenticator;
import dev.trustcenter.content.Seed;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoreException;
import dev.trustcenter.testing.FakeHttp;
import dev.trustcenter.testing.FirestoreEmulator;
import dev.trustcenter.testing.ForwardingStore;
import dev.trustcenter.testing.IntegrationTest;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export and import of the whole content as one bundle (issue 16). */
@IntegrationTest
class BundlesTest {
  /** Every collection an import may touch, and those it must leave alone. */
  static final List<String> COLLECTIONS =
      List.of(
          "profile",
          "frameworks",
          "categories",
          "controls",
          "subprocessors",
          "resources",
          "meta",
          "public",
          "check-summaries",
          "retired-controls",
          "documents",
          "nda",
          "nda-versions",
          "evidence-log",
          AuditLog.COLLECTION);

  @TempDir Path dir;
  @TempDir Path freshDir;
  private AdminHttp app;
  private AdminHttp fresh;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    if (fresh != null) {
      fresh.close();
    }
  }

  static Map<String, Map<String, String>> everything(DocumentStore store) {
    Map<String, Map<String, String>> all = new LinkedHashMap<>();
    for (String c : COLLECTIONS) {
      Map<String, String> docs = new LinkedHashMap<>();
      store.list(c, Range.all()).stream()
          // What the publisher records of its own last publish, written after each change's
          // publish finishes (asynchronously), is not content.
          .filter(d -> !(c.equals("evidence-log") && d.id().equals("published")))
          .forEach(d -> docs.put(d.id(), d.json()));
      all.put(c, docs);
    }
    return all;
  }

  static HttpResponse<String> post(AdminHttp app, String path, String json) {
    return app.send(
        app.request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  static JsonObject json(HttpResponse<String> r) {
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }

  /** The exported bundle without its export time, which differs between any two exports. */
  static JsonObject exported(AdminHttp app) {
    HttpResponse<String> r = app.get("/admin/v1/export");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(
        r.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"),
        r.headers().toString());
    JsonObject bundle = json(r);
    assertEquals(1, bundle.get("schemaVersion").getAsInt());
    bundle.remove("exportedAt");
    return bundle;
  }

  /** A source trust center whose content differs from the seed in every kind the bundle holds. */
  private void changeEverything(AdminHttp a) {
    assertEquals(
        201,
        a.put(
                "/admin/v1/controls/restore-drill",
                AdminHttp.control("restore-drill", "availability", "Restore drill"))
            .statusCode());
    assertEquals(
        200,
        a.put(
                "/admin/v1/nda",
                "{\"text\":{\"es\":\"Acuerdo propio.\\nSegunda línea.\",\"en\":\"Our own agreement.\\nSecond line.\"}}")
            .statusCode());
    HttpResponse<String> upload =
        a.send(
            a.request("/admin/v1/documents/pentest-summary?resource=pentest")
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("summary of the 2026 pentest"))
                .build());
    assertEquals(201, upload.statusCode(), upload.body());
    assertEquals(
        200,
        a.put(
                "/admin/v1/profile",
                "{\"companyName\":\"Ejemplo S.L.\",\"tagline\":{\"es\":\"Seguridad\",\"en\":\"Security\"},"
                    + "\"overview\":{\"es\":\"Resumen.\",\"en\":\"Overview.\"},\"securityContact\":\"mailto:security@example.com\"}")
            .statusCode());
  }

  private static void copyDocuments(Path from, Path to) throws IOException {
    Path src = from.resolve("documents");
    try (Stream<Path> files = Files.walk(src)) {
      for (Path p : files.toList()) {
        Path target = to.resolve("documents").resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private void roundTrip(AdminHttp target) {
    JsonObject source = exported(app);
    assertNotEquals(source, exported(target), "the fresh store starts with other content");
    HttpResponse<String> imported = post(target, "/admin/v1/import", source.toString());
    assertEquals(200, imported.statusCode(), imported.body());
    assertTrue(json(imported).get("applied").getAsBoolean(), imported.body());
    assertEquals(source, exported(target));
    // The target shows what it imported, and a second import of the same bundle changes nothing.
    String view =
        target
            .send(
                HttpRequest.newBuilder(target.uri("/api/v1/controls/restore-drill?lang=en"))
                    .build())
            .body();
    assertTrue(view.contains("Restore drill"), view);
    var before = everything(target.store());
    HttpResponse<String> again = post(target, "/admin/v1/import", source.toString());
    assertEquals(200, again.statusCode(), again.body());
    assertFalse(json(again).get("applied").getAsBoolean(), again.body());
    assertEquals(before, everything(target.store()), "an import of equal content writes nothing");
  }

  @Test
  void exportThenImportOnAFreshEmbeddedStore_givesIdenticalContent() throws Exception {
    app = AdminHttp.local(dir);
    changeEverything(app);
    copyDocuments(dir, freshDir);
    fresh = AdminHttp.local(freshDir);
    roundTrip(fresh);
  }

  @Test
  void exportThenImportOnAFreshFirestoreStore_givesIdenticalContent() throws Exception {
    FirestoreEmulator emulator = FirestoreEmulator.get();
    emulator.requireFull("transactions");
    emulator.reset();
    app = AdminHttp.local(dir);
    changeEverything(app);
    copyDocuments(dir, freshDir);
    fresh =
        new AdminHttp(
            Map.of(
                "PORT",
                "0",
                "FIRESTORE_EMULATOR_HOST",
                emulator.hostPort(),
                "GOOGLE_CLOUD_PROJECT",
                FirestoreEmulator.PROJECT,
                "TRUST_CENTER_DATA_DIR",
                freshDir.toString(),
                "TRUST_CENTER_DEV_TOKEN",
                AdminHttp.DEV_TOKEN,
                "PUBLIC_CACHE_SECONDS",
                "3600"));
    roundTrip(fresh);
  }

  @Test
  void dryRun_reportsEachChangedField_andChangesNothing() throws Exception {
    app = AdminHttp.local(dir);
    JsonObject bundle = exported(app);
    JsonArray controls = bundle.getAsJsonArray("controls");
    JsonObject first = controls.get(0).getAsJsonObject();
    String changedId = first.get("id").getAsString();
    first.getAsJsonObject("title").addProperty("en", "Renamed in the bundle");
    first.addProperty("periodDays", 30);
    String removedId = controls.get(1).getAsJsonObject().get("id").getAsString();
    controls.remove(1);
    controls.add(
        JsonParser.parseString(AdminHttp.control("new-control", "availability", "New control")));
    var before = everything(app.store());

    HttpResponse<String> r = post(app, "/admin/v1/import?dryRun=true", bundle.toString());

    assertEquals(200, r.statusCode(), r.body());
    assertEquals(before, everything(app.store()), "a dry run writes nothing, not even audit");
    JsonObject report = json(r);
    assertTrue(report.get("dryRun").getAsBoolean());
    assertFalse(report.get("applied").getAsBoolean());
    JsonObject c = report.getAsJsonObject("changes").getAsJsonObject("controls");
    assertEquals("[\"new-control\"]", c.get("added").toString());
    assertEquals("[\"" + removedId + "\"]", c.get("removed").toString());
    JsonObject changed = c.getAsJsonArray("changed").get(0).getAsJsonObject();
    assertEquals(changedId, changed.get("id").getAsString());
    Map<String, JsonObject> fields = new LinkedHashMap<>();
    changed
        .getAsJsonArray("fields")
        .forEach(
            f -> fields.put(f.getAsJsonObject().get("field").getAsString(), f.getAsJsonObject()));
    assertEquals(List.of("title.en", "periodDays"), List.copyOf(fields.keySet()), r.body());
    assertEquals("Renamed in the bundle", fields.get("title.en").get("after").getAsString());
    assertEquals(30, fields.get("periodDays").get("after").getAsInt());
    JsonObject profile = report.getAsJsonObject("changes").getAsJsonObject("profile");
    assertEquals(1, profile.get("unchanged").getAsInt());
    assertEquals(0, profile.getAsJsonArray("changed").size());

    // The real import then does exactly that, audited, and the public view shows it.
    HttpResponse<String> applied = post(app, "/admin/v1/import", bundle.toString());
    assertEquals(200, applied.statusCode(), applied.body());
    assertEquals(report.getAsJsonObject("changes"), json(applied).getAsJsonObject("changes"));
    String view =
        app.send(HttpRequest.newBuilder(app.uri("/api/v1/trust-center?lang=en")).build()).body();
    assertTrue(view.contains("Renamed in the bundle") && view.contains("New control"), view);
    assertFalse(view.contains("\"id\":\"" + removedId + "\""), view);
    JsonArray audit = json(app.get("/admin/v1/audit-log?limit=10")).getAsJsonArray("entries");
    // Every entry of one import has the import's time; the summary is the one of kind "bundle".
    JsonObject summary =
        audit.asList().stream()
            .map(JsonElement::getAsJsonObject)
            .filter(e -> e.get("kind").getAsString().equals("bundle"))
            .findFirst()
            .orElseThrow();
    assertEquals("bundle", summary.get("kind").getAsString());
    assertEquals("imported", summary.get("outcome").getAsString());
    assertEquals("1 added, 1 removed, 1 changed", summary.get("reason").getAsString());
    List<String> outcomes =
        audit.asList().stream()
            .map(JsonElement::getAsJsonObject)
            .filter(e -> e.get("kind").getAsString().equals("controls"))
            .map(e -> e.get("outcome").getAsString() + " " + e.get("entityId").getAsString())
            .toList();
    assertTrue(
        outcomes.containsAll(
            List.of("created new-control", "replaced " + changedId, "deleted " + removedId)),
        outcomes.toString());
  }

  @Test
  void anImportCheckedAgainstContentThatChangedSince_isRefused_andTheNewDryRunShowsTheChange()
      throws Exception {
    app = AdminHttp.local(dir);
    JsonObject bundle = exported(app);
    bundle
        .getAsJsonArray("controls")
        .get(0)
        .getAsJsonObject()
        .getAsJsonObject("title")
        .addProperty("en", "Renamed in the bundle");
    String basis =
        json(post(app, "/admin/v1/import?dryRun=true", bundle.toString()))
            .get("basis")
            .getAsString();
    // Someone else adds a control after the dry run: the import would now also remove it.
    assertEquals(
        201,
        app.put(
                "/admin/v1/controls/restore-drill",
                AdminHttp.control("restore-drill", "availability", "Restore drill"))
            .statusCode());
    var before = everything(app.store());

    HttpResponse<String> stale =
        post(
            app,
            "/admin/v1/import?basis=" + java.net.URLEncoder.encode(basis, "UTF-8"),
            bundle.toString());

    assertEquals(412, stale.statusCode(), stale.body());
    assertTrue(stale.body().contains("precondition_failed"), stale.body());
    assertEquals(before, everything(app.store()));
    JsonObject again = json(post(app, "/admin/v1/import?dryRun=true", bundle.toString()));
    assertEquals(
        "[\"restore-drill\"]",
        again.getAsJsonObject("changes").getAsJsonObject("controls").get("removed").toString());
    HttpResponse<String> current =
        post(
            app,
            "/admin/v1/import?basis="
                + java.net.URLEncoder.encode(again.get("basis").getAsString(), "UTF-8"),
            bundle.toString());
    assertEquals(200, current.statusCode(), current.body());
  }

  @Test
  void aDocumentWhoseFileIsUnchanged_keepsItsVersion_andAddsNoEvidence() throws Exception {
    app = AdminHttp.local(dir);
    HttpResponse<String> upload =
        app.send(
            app.request("/admin/v1/documents/pentest-summary")
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("summary"))
                .build());
    assertEquals(201, upload.statusCode(), upload.body());
    JsonObject bundle = exported(app);
    bundle
        .getAsJsonArray("documents")
        .get(0)
        .getAsJsonObject()
        .addProperty("resourceId", "pentest");
    String evidence = app.store().get("evidence-log", "state").orElseThrow().json();

    assertEquals(200, post(app, "/admin/v1/import", bundle.toString()).statusCode());

    String stored = app.store().get("documents", "pentest-summary").orElseThrow().json();
    assertTrue(
        stored.contains("\"resourceId\":\"pentest\"") && stored.contains("\"version\":1"), stored);
    assertEquals(evidence, app.store().get("evidence-log", "state").orElseThrow().json());
    assertEquals(bundle, exported(app));
  }

  @Test
  void badBundles_areRefusedNamingThePathOfTheBadField_andChangeNothing() throws Exception {
    app = AdminHttp.local(dir);
    JsonObject good = exported(app);
    var before = everything(app.store());

    JsonObject future = good.deepCopy();
    future.addProperty("schemaVersion", 2);
    HttpResponse<String> r = post(app, "/admin/v1/import", future.toString());
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"code\":\"invalid\""), r.body());
    assertTrue(r.body().contains("\"field\":\"schemaVersion\""), r.body());
    assertTrue(r.body().contains("this one has 2"), r.body());

    JsonObject noVersion = good.deepCopy();
    noVersion.remove("schemaVersion");
    assertEquals(400, post(app, "/admin/v1/import?dryRun=true", noVersion.toString()).statusCode());

    JsonObject bad = good.deepCopy();
    bad.getAsJsonArray("controls")
        .get(3)
        .getAsJsonObject()
        .getAsJsonObject("title")
        .addProperty("en", "");
    bad.getAsJsonArray("controls")
        .get(4)
        .getAsJsonObject()
        .addProperty("categoryId", "no-such-category");
    bad.getAsJsonArray("frameworks").get(0).getAsJsonObject().addProperty("colour", "red");
    bad.getAsJsonObject("nda").getAsJsonObject("text").remove("es");
    bad.getAsJsonArray("categories").add(bad.getAsJsonArray("categories").get(0));
    bad.add(
        "documents",
        JsonParser.parseString(
            "[{\"id\":\"gone\",\"resourceId\":\"gone\",\"fileName\":\"gone.pdf\",\"contentType\":\"application/pdf\","
                + "\"size\":10,\"sha256\":\""
                + "a".repeat(64)
                + "\",\"version\":1,\"object\":\"gone/v1-aaaaaaaaaaaaaaaa\","
                + "\"updatedAt\":\"2026-01-01T00:00:00Z\",\"updatedBy\":\"a@example.com\"}]"));
    r = post(app, "/admin/v1/import?dryRun=true", bad.toString());
    assertEquals(400, r.statusCode(), r.body());
    int lastCategory = good.getAsJsonArray("categories").size();
    for (String field :
        List.of(
            "controls[3].title.en",
            "controls[4].categoryId",
            "frameworks[0].colour",
            "nda.text.es",
            "categories[" + lastCategory + "].id")) {
      assertTrue(r.body().contains("\"field\":\"" + field + "\""), field + " in " + r.body());
    }

    // The bucket is checked once the bundle is otherwise valid.
    JsonObject missingFile = good.deepCopy();
    missingFile.add("documents", bad.get("documents"));
    r = post(app, "/admin/v1/import", missingFile.toString());
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"field\":\"documents[0].object\""), r.body());

    r = post(app, "/admin/v1/import", "[1,2]");
    assertEquals(400, r.statusCode(), r.body());
    r =
        app.send(
            app.request("/admin/v1/import")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(good.toString()))
                .build());
    assertEquals(415, r.statusCode(), r.body());
    assertEquals(before, everything(app.store()), "no refused bundle changed anything");
  }

  @Test
  void aBundleLeavingOutAControlWithResults_needsHistoryRetire() throws Exception {
    app = AdminHttp.local(dir);
    JsonObject bundle = exported(app);
    assertEquals(
        201,
        app.put(
                "/admin/v1/controls/restore-drill",
                AdminHttp.control("restore-drill", "availability", "Restore drill"))
            .statusCode());
    HttpResponse<String> attest =
        post(
            app,
            "/admin/v1/controls/restore-drill/checks",
            "{\"outcome\":\"passing\",\"note\":\"drill\",\"evidenceUrl\":\"https://drive.example.com/x\"}");
    assertEquals(201, attest.statusCode(), attest.body());
    var before = everything(app.store());

    HttpResponse<String> dry = post(app, "/admin/v1/import?dryRun=true", bundle.toString());
    assertEquals("[\"restore-drill\"]", json(dry).get("retiresHistory").toString(), dry.body());
    HttpResponse<String> refused = post(app, "/admin/v1/import", bundle.toString());
    assertEquals(409, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("has_history"), refused.body());
    assertEquals(before, everything(app.store()));

    assertEquals(200, post(app, "/admin/v1/import?history=retire", bundle.toString()).statusCode());
    assertTrue(app.store().get("retired-controls", "restore-drill").isPresent());
    assertEquals(bundle, exported(app));
  }

  // ---- a store failing in the middle of the import's transaction

  /** A store whose transactions fail at their {@code n}th write, as a store gone away would. */
  private static final class FailingStore extends ForwardingStore {
    final AtomicInteger failAt = new AtomicInteger(Integer.MAX_VALUE);

    FailingStore(DocumentStore delegate) {
      super(delegate);
    }

    @Override
    protected void beforeWrite(String kind, String collection, int nth) {
      if (nth >= failAt.get()) {
        throw new StoreException("the store went away", null);
      }
    }
  }

  @Test
  void aBundleFailingMidway_changesNothing() {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    try (FileDocumentStore files = FileDocumentStore.open(dir)) {
      FailingStore store = new FailingStore(files);
      new SnapshotWriter(365).seedIfEmpty(store, Seed.load(), now);
      AtomicInteger published = new AtomicInteger();
      AdminServer function =
          new AdminServer(
              new DevTokenAuthenticator(AdminHttp.DEV_TOKEN),
              store,
              new SnapshotWriter(365),
              Clock.fixed(now, ZoneOffset.UTC),
              published::incrementAndGet,
              List.of(new Bundles(object -> false)));
      FakeHttp.Response export = call(function, FakeHttp.request("GET", "/v1/export"));
      assertEquals(200, export.status(), export.text());
      JsonObject bundle = JsonParser.parseString(export.text()).getAsJsonObject();
      for (JsonElement c : bundle.getAsJsonArray("controls")) {
        c.getAsJsonObject().getAsJsonObject("title").addProperty("en", "Changed");
      }
      var before = everything(store);

      store.failAt.set(20); // well inside the 45 control writes
      FakeHttp.Response failed =
          call(function, FakeHttp.request("POST", "/v1/import").json(bundle.toString()));

      assertEquals(503, failed.status(), failed.text());
      assertTrue(failed.text().contains("nothing was changed"), failed.text());
      assertEquals(before, everything(store), "the last good state is kept whole");
      assertEquals(0, published.get(), "nothing is published after a failed import");

      store.failAt.set(Integer.MAX_VALUE);
      FakeHttp.Response ok =
          call(function, FakeHttp.request("POST", "/v1/import").json(bundle.toString()));
      assertEquals(200, ok.status(), ok.text());
      assertEquals(1, published.get());
      assertTrue(
          store.list("controls", Range.all()).stream()
              .allMatch(d -> d.json().contains("\"en\":\"Changed\"")));
    }
  }

  private static FakeHttp.Response call(AdminServer function, FakeHttp.Request request) {
    request.header("Authorization", "Bearer " + AdminHttp.DEV_TOKEN);
    FakeHttp.Response response = new FakeHttp.Response();
    try {
      function.service(request, response);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return response;
  }
}
