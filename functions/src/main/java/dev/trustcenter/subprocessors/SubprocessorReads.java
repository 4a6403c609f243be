package dev.trustcenter.subprocessors;

import com.google.cloud.functions.HttpResponse;
import dev.trustcenter.content.Language;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.Languages;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;
import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.PublicSnapshot;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoredDocument;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The public read side of the synced lists, for {@code trust-api}. Each answer costs one store
 * read: a vendor's entries are one document, the changes one id-ordered listing (the Atom feed also
 * uses the instance's cached snapshot for names). Answers carry a strong ETag and the same caching
 * as the other public routes.
 *
 * <ul>
 *   <li>{@code GET /v1/subprocessors/{vendor}/entries}: the vendor's last good list
 *   <li>{@code GET /v1/subprocessors/changes?limit=}: change events, newest first
 *   <li>{@code GET /v1/subprocessors/changes.atom?limit=&lang=}: the same as an Atom 1.0 feed
 * </ul>
 */
public final class SubprocessorReads {
  static final String CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?");

  private final DocumentStore store;
  private final Map<String, String> vendorNames;
  private final Supplier<Optional<PublicSnapshot>> snapshot;
  private final URI siteBaseUrl;

  /**
   * @param vendors the synced vendors (ids outside them answer 404 without a read)
   * @param snapshot the instance's cached public snapshot (company name, feed date when empty)
   * @param siteBaseUrl {@code SITE_BASE_URL}, the authority of the feed's ids; null: the request's
   *     host
   */
  public SubprocessorReads(
      DocumentStore store,
      List<Vendor> vendors,
      Supplier<Optional<PublicSnapshot>> snapshot,
      URI siteBaseUrl) {
    this.store = store;
    Map<String, String> names = new LinkedHashMap<>();
    vendors.forEach(v -> names.put(v.id(), v.name()));
    this.vendorNames = Map.copyOf(names);
    this.snapshot = snapshot;
    this.siteBaseUrl = siteBaseUrl;
  }

  /** Adds the routes to a public router. */
  public void register(Router router) {
    router
        .add("GET", "/v1/subprocessors/changes", ex -> send(ex, changes(limit(ex))))
        .add(
            "GET",
            "/v1/subprocessors/changes.atom",
            ex -> send(ex, atom(limit(ex), Languages.of(ex), ex)))
        .add(
            "GET",
            "/v1/subprocessors/{vendor}/entries",
            ex -> send(ex, entries(ex.param("vendor"))));
  }

  /** A serialized answer. */
  record Answer(byte[] body, String contentType) {}

  /** The body of the entries route. */
  record EntriesView(
      String vendor,
      String name,
      String sourceUrl,
      Instant lastVerifiedAt,
      String contentSha256,
      LocalDate pageUpdated,
      int entryCount,
      Instant lastChangeAt,
      List<UpstreamEntry> entries) {}

  Answer entries(String vendor) {
    if (!vendorNames.containsKey(vendor)) {
      throw ApiException.notFound("no synced subprocessor list for \"" + clip(vendor) + "\"");
    }
    UpstreamList list =
        store
            .get(SubprocessorSync.LISTS, vendor)
            .map(d -> Json.read(d.json(), UpstreamList.class))
            .orElseThrow(
                () -> ApiException.notFound("the list of " + vendor + " has not been synced yet"));
    return json(
        new EntriesView(
            vendor,
            vendorNames.get(vendor),
            list.sourceUrl(),
            list.lastVerifiedAt(),
            list.contentSha256(),
            list.pageUpdated(),
            list.entryCount(),
            list.lastChangeAt(),
            list.entries()));
  }

  Answer changes(int limit) {
    return json(Map.of("changes", recent(limit)));
  }

  Answer atom(int limit, Language lang, Router.Exchange ex) {
    List<ChangeEvent> events = recent(limit);
    Optional<PublicSnapshot> s = snapshot.get();
    String requestHost =
        ex.header("Host") != null && HOST.matcher(ex.header("Host")).matches()
            ? ex.header("Host")
            : "localhost";
    String authority =
        siteBaseUrl != null ? siteBaseUrl.getHost() : requestHost.replaceFirst(":[0-9]+$", "");
    // The self link names the feed's language, so the English feed does not point at the Spanish
    // one.
    String path = requestPath(ex) + "?lang=" + lang.code();
    String self =
        siteBaseUrl != null
            ? stripSlash(siteBaseUrl.toString()) + path
            : "http://" + requestHost + path;
    ChangeFeed.Info info =
        new ChangeFeed.Info(
            authority,
            self,
            siteBaseUrl == null ? null : siteBaseUrl.toString(),
            s.map(p -> p.content().profile().companyName()).orElse("Trust center"),
            vendorNames,
            s.map(PublicSnapshot::generatedAt).orElse(Instant.EPOCH));
    return new Answer(ChangeFeed.write(events, info, lang), ChangeFeed.CONTENT_TYPE);
  }

  private List<ChangeEvent> recent(int limit) {
    return store.list(SubprocessorSync.CHANGES, Range.newest(null, limit)).stream()
        .map(StoredDocument::json)
        .map(j -> Json.read(j, ChangeEvent.class))
        .toList();
  }

  /** The path the client asked for: the local server mounts the API under {@code /api}. */
  private static String requestPath(Router.Exchange ex) {
    try {
      String raw = URI.create(ex.request().getUri()).getRawPath();
      if (raw != null
          && raw.endsWith("/v1/subprocessors/changes.atom")
          && raw.matches("[A-Za-z0-9/._-]*")) {
        return raw;
      }
    } catch (IllegalArgumentException ignored) {
      // fall back to the function's own path
    }
    return "/v1/subprocessors/changes.atom";
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  static int limit(Router.Exchange ex) {
    String v = ex.query("limit");
    if (v == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw ApiException.invalid(
        List.of(
            new ApiException.FieldError(
                "limit", "must be a whole number between 1 and " + MAX_LIMIT)));
  }

  private static Answer json(Object value) {
    return new Answer(Json.write(value).getBytes(StandardCharsets.UTF_8), Responses.JSON);
  }

  private static void send(Router.Exchange ex, Answer a) throws IOException {
    HttpResponse res = ex.response();
    String etag = Responses.etag(a.body());
    res.appendHeader("ETag", etag);
    res.appendHeader("Cache-Control", CACHE_CONTROL);
    res.appendHeader("Vary", "Accept-Language");
    if (Responses.noneMatchHits(ex.headers("If-None-Match"), etag)) {
      res.setStatusCode(304);
      return;
    }
    res.setStatusCode(200);
    res.setContentType(a.contentType());
    res.appendHeader("X-Content-Type-Options", "nosniff");
    if (!ex.head()) {
      try (OutputStream out = res.getOutputStream()) {
        out.write(a.body());
      }
    }
  }

  private static String clip(String s) {
    String c = s.replaceAll("\\p{Cntrl}", "?");
    return c.length() > 60 ? c.substring(0, 60) + "..." : c;
  }
}
