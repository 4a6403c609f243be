package dev.trustcenter.app;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.trustcenter.config.Config;
import dev.trustcenter.config.DeployedFunction;
import dev.trustcenter.content.Language;
import dev.trustcenter.http.Languages;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;
import dev.trustcenter.publicview.PublicApi;
import dev.trustcenter.subprocessors.SubprocessorReads;
import java.util.Map;

/**
 * {@code trust-api}: the public, read-only JSON API of the trust center. Deployed public (no
 * authentication); mounted at {@code /api} by the local server.
 *
 * <ul>
 *   <li>{@code GET /v1/trust-center?lang=es|en}: the whole public view
 *   <li>{@code GET /v1/controls/{id}?lang=es|en}: one control with its recent check history
 *   <li>{@code GET /v1/subprocessors?lang=es|en}: our subprocessors with their upstream list
 *       summaries, and the synced lists and their changes ({@link SubprocessorReads})
 *   <li>{@code GET /openapi.json}: the OpenAPI 3.1 description of every public route, with JSON
 *       Schemas of every answer and of the site's {@code trust.json} (kept in {@code
 *       src/main/resources/openapi.json})
 * </ul>
 *
 * Without {@code lang} the language comes from {@code Accept-Language}, Spanish by default. Every
 * 200 carries an {@code ETag}; a matching {@code If-None-Match} gets 304. CORS is open for reading.
 */
public final class PublicApiFunction implements HttpFunction {
  static final String CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";
  private static final Map<String, String> CORS =
      Map.of(
          "Access-Control-Allow-Origin", "*",
          "Access-Control-Allow-Headers", "Accept-Language, If-None-Match, Content-Type",
          "Access-Control-Expose-Headers", "ETag, Content-Language",
          "Access-Control-Max-Age", "86400");

  /** The routes: built on first use by the runtime's constructor, given by the others. */
  private final java.util.function.Supplier<Router> router;

  /**
   * Used by the Functions runtime. It reads the configuration here, so a misconfigured deployment
   * fails as it starts; the services, the routes and both languages' first answers are then built
   * on a second thread while the runtime starts its server, so the first request finds them ready
   * (a cold start close to a hello-world's, see docs/performance.md). Should that thread fail, it
   * only logs: the first request builds them again and answers its own error properly.
   */
  public PublicApiFunction() {
    Config config = Config.load(DeployedFunction.TRUST_API);
    this.router =
        new Services.Lazy<>(
            () -> {
              Services services = Services.instance(config);
              return routes(services.publicApi(), extensions(services));
            });
    Thread start =
        new Thread(
            () -> {
              try {
                router.get();
                PublicApi api = Services.instance(config).publicApi();
                for (Language lang : Language.values()) {
                  api.trustCenter(lang);
                }
              } catch (RuntimeException e) {
                java.util.logging.Logger.getLogger(PublicApiFunction.class.getName())
                    .warning("starting failed; the first request will retry: " + e.getMessage());
              }
            },
            "trust-api-start");
    start.setDaemon(true);
    start.start();
  }

  /** Without the synced subprocessor lists' routes. */
  public PublicApiFunction(PublicApi api) {
    this(api, router -> {});
  }

  /**
   * The route groups other capabilities add to the public API: the synced subprocessor lists and
   * their changes, gated documents and subscriptions. Both the deployed function and the local
   * server use it.
   */
  public static java.util.function.Consumer<Router> extensions(Services services) {
    return router -> {
      services.subprocessorReads().register(router);
      services.documents().registerPublic(router);
    };
  }

  /**
   * @param more registers further route groups (see {@link #extensions}), on the first request that
   *     the snapshot routes do not answer
   */
  public PublicApiFunction(PublicApi api, java.util.function.Consumer<Router> more) {
    Router routes = routes(api, more);
    this.router = () -> routes;
  }

  private static Router routes(PublicApi api, java.util.function.Consumer<Router> more) {
    Router router =
        new Router(CORS)
            .add(
                "GET",
                "/v1/trust-center",
                ex -> {
                  Language lang = Languages.of(ex);
                  answer(ex, api.trustCenter(lang), lang);
                })
            .add(
                "GET",
                "/v1/controls/{id}",
                ex -> {
                  Language lang = Languages.of(ex);
                  answer(ex, api.control(ex.param("id"), lang), lang);
                })
            .add(
                "GET",
                "/v1/subprocessors",
                ex -> {
                  Language lang = Languages.of(ex);
                  answer(ex, api.subprocessors(lang), lang);
                })
            .add(
                "GET",
                "/openapi.json",
                ex -> {
                  ex.response().appendHeader("ETag", OpenApi.ETAG);
                  ex.response().appendHeader("Cache-Control", CACHE_CONTROL);
                  if (Responses.noneMatchHits(ex.headers("If-None-Match"), OpenApi.ETAG)) {
                    ex.response().setStatusCode(304);
                    return;
                  }
                  Responses.json(ex.response(), 200, OpenApi.BYTES, ex.head());
                });
    // Built by the first request for one of their paths, not on the cold start (see
    // Router#deferred).
    router.deferred(more);
    return router;
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws Exception {
    router.get().dispatch(request, response);
  }

  /** The OpenAPI description, read once from the jar. */
  static final class OpenApi {
    static final byte[] BYTES = read();
    static final String ETAG = Responses.etag(BYTES);

    private static byte[] read() {
      try (java.io.InputStream in = PublicApiFunction.class.getResourceAsStream("/openapi.json")) {
        if (in == null) {
          throw new IllegalStateException("openapi.json missing from the jar");
        }
        return in.readAllBytes();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  private static void answer(Router.Exchange ex, PublicApi.Rendered r, Language lang)
      throws java.io.IOException {
    HttpResponse res = ex.response();
    res.appendHeader("ETag", r.etag());
    res.appendHeader("Cache-Control", CACHE_CONTROL);
    res.appendHeader("Content-Language", lang.code());
    res.appendHeader("Vary", "Accept-Language");
    if (Responses.noneMatchHits(ex.headers("If-None-Match"), r.etag())) {
      res.setStatusCode(304);
      return;
    }
    Responses.json(res, 200, r.body(), ex.head());
  }
}
