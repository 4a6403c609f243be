package dev.trustcenter.http;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes a function's requests by method and path pattern ({@code /v1/controls/{id}}: a braced
 * segment matches one non-empty path segment). Answers an unknown path with 404, a known path with
 * the wrong method with 405 and {@code Allow}, {@code OPTIONS} with the allowed methods, an {@link
 * ApiException} with its JSON error, and anything else with a bare 500 whose details go only to the
 * log.
 */
public final class Router {
  private static final Logger LOG = Logger.getLogger(Router.class.getName());

  /** Replaced, never changed in place: dispatch reads it without a lock. */
  private volatile List<Route> routes = List.of();

  /** Route groups not registered yet (see {@link #deferred}); guarded by {@code this}. */
  private final List<java.util.function.Consumer<Router>> deferred = new ArrayList<>();

  private volatile boolean deferredPending;
  private final Map<String, String> optionsHeaders;

  /** {@link #optionsHeaders} without those only a CORS preflight reads: sent on every answer. */
  private final List<Map.Entry<String, String>> everyAnswer;

  /** Read by browsers from a preflight ({@code OPTIONS}) answer only (Fetch standard, CORS). */
  private static final Set<String> PREFLIGHT_ONLY =
      Set.of(
          "access-control-allow-headers", "access-control-allow-methods", "access-control-max-age");

  private volatile ClientAddress clientAddress = ClientAddress.DEFAULT;

  /**
   * @param optionsHeaders extra headers for OPTIONS answers (e.g. CORS); also sent on every other
   *     answer, except those only a preflight is read for ({@code Access-Control-Allow-Headers},
   *     {@code -Allow-Methods}, {@code -Max-Age}), which would only add bytes to every answer
   */
  public Router(Map<String, String> optionsHeaders) {
    this.optionsHeaders = Map.copyOf(optionsHeaders);
    this.everyAnswer =
        optionsHeaders.entrySet().stream()
            .filter(e -> !PREFLIGHT_ONLY.contains(e.getKey().toLowerCase(java.util.Locale.ROOT)))
            .map(e -> Map.entry(e.getKey(), e.getValue()))
            .toList();
  }

  public Router() {
    this(Map.of());
  }

  /** Adds a route; {@code GET} routes also answer {@code HEAD}. */
  public synchronized Router add(String method, String pattern, Handler handler) {
    List<Route> more = new ArrayList<>(routes);
    more.add(new Route(method, pattern.split("/", -1), handler));
    routes = List.copyOf(more);
    return this;
  }

  /**
   * Registers {@code group}'s routes only when a request first reaches none of the routes
   * registered so far (an unknown path, another method, {@code OPTIONS}): a function's cold start
   * then builds only what its common answers need (the public API's snapshot routes), not every
   * capability's services. A group that fails to build answers 500 and is tried again by the next
   * such request.
   */
  public synchronized Router deferred(java.util.function.Consumer<Router> group) {
    deferred.add(java.util.Objects.requireNonNull(group));
    deferredPending = true;
    return this;
  }

  private synchronized void registerDeferred() {
    while (!deferred.isEmpty()) {
      deferred.get(0).accept(this);
      deferred.remove(0);
    }
    deferredPending = false;
  }

  /**
   * Sets how exchanges determine the client's address ({@link Exchange#clientIp()}); {@link
   * ClientAddress#DEFAULT} until set.
   */
  public Router clientAddress(ClientAddress clientAddress) {
    this.clientAddress = java.util.Objects.requireNonNull(clientAddress);
    return this;
  }

  /** Handles one request. */
  public void dispatch(HttpRequest req, HttpResponse res) throws java.io.IOException {
    for (Map.Entry<String, String> h : everyAnswer) {
      res.appendHeader(h.getKey(), h.getValue());
    }
    String path = req.getPath() == null || req.getPath().isEmpty() ? "/" : req.getPath();
    String[] segments = path.split("/", -1);
    String method = req.getMethod().toUpperCase(java.util.Locale.ROOT);
    try {
      Route hit = find(routes, method, segments);
      if (hit == null && deferredPending) {
        registerDeferred();
        hit = find(routes, method, segments);
      }
      if (hit != null) {
        hit.handler.handle(
            new Exchange(req, res, hit.params(segments), method.equals("HEAD"), clientAddress));
        return;
      }
      Set<String> allowed = new LinkedHashSet<>();
      for (Route r : routes) {
        if (r.matches(segments)) {
          allowed.add(r.method);
          if (r.method.equals("GET")) {
            allowed.add("HEAD");
          }
        }
      }
      if (allowed.isEmpty()) {
        throw ApiException.notFound("no such resource: " + safe(path));
      }
      allowed.add("OPTIONS");
      String allow = String.join(", ", allowed);
      if (method.equals("OPTIONS")) {
        optionsHeaders.forEach(
            (name, value) -> {
              if (PREFLIGHT_ONLY.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                res.appendHeader(name, value);
              }
            });
        res.setStatusCode(204);
        res.appendHeader("Allow", allow);
        res.appendHeader("Access-Control-Allow-Methods", allow);
        return;
      }
      throw new ApiException(
          405,
          "method_not_allowed",
          method + " is not allowed here; allowed: " + allow,
          Map.of("Allow", allow),
          List.of());
    } catch (ApiException e) {
      Responses.error(res, e);
    } catch (Exception e) {
      LOG.log(Level.SEVERE, "unhandled error for " + method + " " + safe(path), e);
      Responses.error(res, new ApiException(500, "internal", "internal error; it has been logged"));
    }
  }

  private static Route find(List<Route> routes, String method, String[] segments) {
    for (Route r : routes) {
      if ((r.method.equals(method) || (method.equals("HEAD") && r.method.equals("GET")))
          && r.matches(segments)) {
        return r;
      }
    }
    return null;
  }

  /** Echoes a client-supplied path in a message without control characters or unbounded length. */
  public static String safe(String s) {
    String cleaned = s.replaceAll("[\\p{Cntrl}]", "?");
    return cleaned.length() > 200 ? cleaned.substring(0, 200) + "..." : cleaned;
  }

  /** A route's handler. */
  @FunctionalInterface
  public interface Handler {
    void handle(Exchange exchange) throws Exception;
  }

  /**
   * One request being handled, with the path's braced parameters. Headers and query parameters are
   * read from the request once and kept: the Functions runtime rebuilds its maps on every call.
   */
  public static final class Exchange {
    private final HttpRequest request;
    private final HttpResponse response;
    private final Map<String, String> params;
    private final boolean head;
    private final ClientAddress clientAddress;
    private Map<String, List<String>> headers;
    private Map<String, List<String>> query;

    public Exchange(
        HttpRequest request, HttpResponse response, Map<String, String> params, boolean head) {
      this(request, response, params, head, ClientAddress.DEFAULT);
    }

    public Exchange(
        HttpRequest request,
        HttpResponse response,
        Map<String, String> params,
        boolean head,
        ClientAddress clientAddress) {
      this.request = request;
      this.response = response;
      this.params = params;
      this.head = head;
      this.clientAddress = clientAddress;
    }

    /**
     * The client's address as the trusted proxies report it (see {@link ClientAddress}), or {@code
     * unknown}.
     */
    public String clientIp() {
      return clientAddress.of(this::headers);
    }

    public HttpRequest request() {
      return request;
    }

    public HttpResponse response() {
      return response;
    }

    public Map<String, String> params() {
      return params;
    }

    /** Whether this is a HEAD request answered by a GET route (the body is not sent). */
    public boolean head() {
      return head;
    }

    public String param(String name) {
      return params.get(name);
    }

    /** The first value of a query parameter, or null. */
    public String query(String name) {
      if (query == null) {
        query =
            QueryString.parse(
                request.getQuery().orElse(null)); // never getQueryParameters(): see QueryString
      }
      List<String> v = query.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The first value of a header (case-insensitive), or null. */
    public String header(String name) {
      List<String> v = headers(name);
      return v.isEmpty() ? null : v.get(0);
    }

    /** Every value of a header (case-insensitive). */
    public List<String> headers(String name) {
      if (headers == null) {
        Map<String, List<String>> given = request.getHeaders();
        // The invoker already builds a case-insensitive map on each call: use it as it is.
        if (given instanceof java.util.SortedMap<String, List<String>> sorted
            && sorted.comparator() == String.CASE_INSENSITIVE_ORDER) {
          headers = given;
        } else {
          Map<String, List<String>> copy = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
          copy.putAll(given);
          headers = copy;
        }
      }
      List<String> v = headers.get(name);
      return v == null ? List.of() : v;
    }
  }

  private record Route(String method, String[] pattern, Handler handler) {
    boolean matches(String[] segments) {
      if (segments.length != pattern.length) {
        return false;
      }
      for (int i = 0; i < pattern.length; i++) {
        String p = pattern[i];
        boolean param = p.startsWith("{") && p.endsWith("}");
        if (param ? segments[i].isEmpty() : !p.equals(segments[i])) {
          return false;
        }
      }
      return true;
    }

    Map<String, String> params(String[] segments) {
      Map<String, String> params = Map.of();
      for (int i = 0; i < pattern.length; i++) {
        String p = pattern[i];
        if (p.startsWith("{") && p.endsWith("}")) {
          if (params.isEmpty()) {
            params = new LinkedHashMap<>();
          }
          try {
            params.put(
                p.substring(1, p.length() - 1),
                java.net.URLDecoder.decode(
                    segments[i].replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
          } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                "malformed_path", "the path has a malformed percent-encoding");
          }
        }
      }
      return params;
    }
  }
}
