package dev.trustcenter.subprocessors;

import static dev.trustcenter.subprocessors.SyncHarness.CF_PATH;
import static dev.trustcenter.subprocessors.SyncHarness.GCP_PATH;
import static dev.trustcenter.subprocessors.SyncPages.baseline;
import static dev.trustcenter.subprocessors.SyncPages.page;
import static dev.trustcenter.subprocessors.SyncPages.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.trustcenter.app.Services;
import dev.trustcenter.config.Config;
import dev.trustcenter.json.Json;
import dev.trustcenter.local.LocalServer;
import dev.trustcenter.testing.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The local server end to end: the two vendor URLs point at a local HTTP server. */
@IntegrationTest
class SyncEndToEndTest {
  static final String TOKEN = "e2e-dev-token-0123456789abcdefgh";
  static final String ATOM = "http://www.w3.org/2005/Atom";

  @StartStop private final MockWebServer vendors = new MockWebServer();
  @TempDir Path dir;
  private final SyncPages.Site site = new SyncPages.Site();
  private final HttpClient http = HttpClient.newHttpClient();
  private LocalServer server;

  @BeforeEach
  void start() throws Exception {
    vendors.setDispatcher(site);
    site.page(
        GCP_PATH,
        page(
            List.of(
                row(
                    "Google Group Subprocessors",
                    "Google LLC",
                    "United States of America",
                    "Data Center Operations"))));
    site.page(CF_PATH, page(baseline()));
    Config config =
        Config.fromEnvironment(
            Map.of(
                "PORT",
                "0",
                "TRUST_CENTER_DATA_DIR",
                dir.toString(),
                "TRUST_CENTER_DEV_TOKEN",
                TOKEN,
                "PUBLIC_CACHE_SECONDS",
                "0",
                "GCP_SUBPROCESSORS_URL",
                vendors.url(GCP_PATH).toString(),
                "CLOUDFLARE_SUBPROCESSORS_URL",
                vendors.url(CF_PATH).toString()));
    server = LocalServer.start(config, Services.local(config));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> sync(String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + server.port() + "/tasks/sync-subprocessors"))
            .POST(HttpRequest.BodyPublishers.ofString("{}"));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject json(HttpResponse<String> r) {
    return Json.read(r.body(), JsonObject.class);
  }

  private JsonArray changes() throws Exception {
    HttpResponse<String> r = get("/api/v1/subprocessors/changes");
    assertEquals(200, r.statusCode(), r.body());
    return json(r).getAsJsonArray("changes");
  }

  @Test
  void theTaskFillsTheEntriesRecordsExactChangesAndPublishesThemAsAtom() throws Exception {
    assertEquals(401, sync(null).statusCode());
    assertEquals(404, get("/api/v1/subprocessors/cloudflare/entries").statusCode());

    HttpResponse<String> first = sync(TOKEN);
    assertEquals(200, first.statusCode(), first.body());
    assertEquals(
        "updated",
        json(first).getAsJsonArray("vendors").get(1).getAsJsonObject().get("status").getAsString());

    HttpResponse<String> entries = get("/api/v1/subprocessors/cloudflare/entries");
    assertEquals(200, entries.statusCode());
    JsonObject list = json(entries);
    for (String field :
        List.of(
            "vendor", "sourceUrl", "lastVerifiedAt", "contentSha256", "pageUpdated", "entries")) {
      assertTrue(list.has(field), field);
    }
    assertEquals("2025-10-01", list.get("pageUpdated").getAsString());
    assertEquals(6, list.getAsJsonArray("entries").size());
    JsonObject support = null;
    for (JsonElement e : list.getAsJsonArray("entries")) {
      if (e.getAsJsonObject().get("name").getAsString().equals("Support Co")) {
        support = e.getAsJsonObject();
      }
    }
    assertNotNull(support);
    assertEquals("Support", support.get("group").getAsString());
    assertEquals("Technical support", support.get("activity").getAsString());
    assertEquals(3, support.getAsJsonArray("countries").size());
    String etag = entries.headers().firstValue("ETag").orElseThrow();
    assertEquals(
        304, get("/api/v1/subprocessors/cloudflare/entries", "If-None-Match", etag).statusCode());
    assertEquals(0, changes().size(), "the first list is the baseline");

    JsonObject ours = json(get("/api/v1/subprocessors?lang=en"));
    JsonObject cf = null;
    for (JsonElement e : ours.getAsJsonArray("subprocessors")) {
      if (e.getAsJsonObject().get("id").getAsString().equals("cloudflare")) {
        cf = e.getAsJsonObject();
      }
    }
    assertNotNull(cf);
    assertEquals(6, cf.getAsJsonObject("upstream").get("entryCount").getAsInt());
    assertTrue(get("/api/v1/trust-center?lang=es").body().contains("\"entryCount\":6"));

    List<SyncPages.Row> rows = new ArrayList<>(baseline());
    rows.add(
        row("Developer Platform", "Anthropic, PBC", "United States of America", "AI inference"));
    rows.set(5, row("Support", "Support Co", "India", "Technical support"));
    rows.remove(0);
    site.page(CF_PATH, page(rows));
    HttpResponse<String> second = sync(TOKEN);
    assertEquals(200, second.statusCode(), second.body());
    JsonArray events = changes();
    List<String> described = new ArrayList<>();
    for (JsonElement e : events) {
      JsonObject o = e.getAsJsonObject();
      assertEquals("cloudflare", o.get("vendor").getAsString());
      assertNotNull(Instant.parse(o.get("detectedAt").getAsString()));
      described.add(
          o.get("kind").getAsString() + " " + o.get("name").getAsString() + " " + o.get("fields"));
    }
    assertEquals(
        Stream.of(
                "added Anthropic, PBC []",
                "removed Example Inc. []",
                "changed Support Co [\"countries\"]")
            .sorted()
            .toList(),
        described.stream().sorted().toList());

    HttpResponse<String> third = sync(TOKEN);
    assertEquals(200, third.statusCode());
    assertTrue(third.body().contains("\"unchanged\""));
    assertEquals(3, changes().size(), "running again yields no events");
    assertEquals(
        1, json(get("/api/v1/subprocessors/changes?limit=1")).getAsJsonArray("changes").size());
    assertEquals(400, get("/api/v1/subprocessors/changes?limit=0").statusCode());

    HttpResponse<String> atom = get("/api/v1/subprocessors/changes.atom?lang=en");
    assertEquals(200, atom.statusCode());
    assertEquals(
        "application/atom+xml; charset=utf-8",
        atom.headers().firstValue("Content-Type").orElseThrow());
    Document feed = parse(atom.body());
    Element root = feed.getDocumentElement();
    assertEquals(ATOM, root.getNamespaceURI());
    assertEquals("feed", root.getLocalName());
    for (String required : List.of("id", "title", "updated", "author")) {
      assertEquals(1, children(root, required).size(), "feed/" + required);
    }
    Element self =
        children(root, "link").stream()
            .filter(l -> l.getAttribute("rel").equals("self"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        self.getAttribute("href").endsWith("/api/v1/subprocessors/changes.atom?lang=en"),
        "the English feed's self link: " + self.getAttribute("href"));
    assertFalse(
        children(children(root, "author").get(0), "name").get(0).getTextContent().isBlank());
    Instant.parse(children(root, "updated").get(0).getTextContent());
    List<Element> items = children(root, "entry");
    assertEquals(3, items.size());
    for (Element entry : items) {
      String id = children(entry, "id").get(0).getTextContent();
      assertTrue(
          id.matches(
              "tag:localhost,2026:subprocessor-change/\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z-cloudflare-[0-9a-f]{16}/en"),
          id);
      assertFalse(children(entry, "title").get(0).getTextContent().isBlank());
      Instant.parse(children(entry, "updated").get(0).getTextContent());
      assertEquals(1, children(entry, "summary").size());
      assertEquals("text", children(entry, "content").get(0).getAttribute("type"));
    }
    assertTrue(atom.body().contains("Cloudflare: new subprocessor, Anthropic, PBC"), atom.body());
    String atomEs = get("/api/v1/subprocessors/changes.atom").body();
    assertTrue(
        atomEs.contains("xml:lang=\"es\"") && atomEs.contains("nuevo subprocesador"), atomEs);
    assertEquals(
        idsOf(feed),
        idsOf(parse(get("/api/v1/subprocessors/changes.atom?lang=en").body())),
        "entry ids are stable");
    Document spanish = parse(atomEs);
    assertTrue(
        idsOf(spanish).stream().noneMatch(idsOf(feed)::contains),
        "each language's entries have their own ids");
    assertFalse(
        children(spanish.getDocumentElement(), "id")
            .get(0)
            .getTextContent()
            .equals(children(root, "id").get(0).getTextContent()));

    List<Path> archived;
    try (Stream<Path> files = Files.walk(dir.resolve("archive"))) {
      archived = files.filter(p -> p.toString().endsWith(".html")).toList();
    }
    assertEquals(
        3, archived.size(), "two distinct cloudflare pages and one google page, once each per day");
  }

  private static List<String> idsOf(Document feed) {
    return children(feed.getDocumentElement(), "entry").stream()
        .map(e -> children(e, "id").get(0).getTextContent())
        .toList();
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e
          && ATOM.equals(e.getNamespaceURI())
          && e.getLocalName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }
}
