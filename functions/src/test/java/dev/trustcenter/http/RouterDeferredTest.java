package dev.trustcenter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.testing.FakeHttp;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Deferred route groups: built by the first request the routes so far do not answer, once. */
class RouterDeferredTest {
  private final AtomicInteger built = new AtomicInteger();

  private Router router() {
    return new Router()
        .add("GET", "/v1/core", ex -> Responses.json(ex.response(), 200, "core".getBytes(), false))
        .deferred(
            r -> {
              built.incrementAndGet();
              r.add(
                  "POST",
                  "/v1/more/{id}",
                  ex ->
                      Responses.json(
                          ex.response(), 201, ("\"" + ex.param("id") + "\"").getBytes(), false));
            });
  }

  private static FakeHttp.Response call(Router router, String method, String target)
      throws Exception {
    FakeHttp.Response res = new FakeHttp.Response();
    router.dispatch(FakeHttp.request(method, target), res);
    return res;
  }

  @Test
  void requestsForTheFirstRoutesNeverBuildTheDeferredGroup() throws Exception {
    Router router = router();
    for (int i = 0; i < 3; i++) {
      assertEquals(200, call(router, "GET", "/v1/core").status());
      assertEquals(200, call(router, "HEAD", "/v1/core").status());
    }
    assertEquals(0, built.get());
  }

  @Test
  void theFirstRequestForADeferredRouteBuildsTheGroupOnceAndIsAnswered() throws Exception {
    Router router = router();
    FakeHttp.Response first = call(router, "POST", "/v1/more/a%20b");
    assertEquals(201, first.status());
    assertEquals("\"a b\"", first.text());
    assertEquals(201, call(router, "POST", "/v1/more/c").status());
    assertEquals(404, call(router, "GET", "/v1/nothing").status());
    assertEquals(1, built.get());
  }

  @Test
  void unknownPathsAndWrongMethodsSeeEveryRouteIncludingDeferredOnes() throws Exception {
    Router router = router();
    FakeHttp.Response wrongMethod = call(router, "GET", "/v1/more/x");
    assertEquals(405, wrongMethod.status());
    assertEquals("POST, OPTIONS", wrongMethod.header("Allow"));
    assertEquals(1, built.get());
    FakeHttp.Response options = call(router, "OPTIONS", "/v1/core");
    assertEquals(204, options.status());
    assertEquals("GET, HEAD, OPTIONS", options.header("Allow"));
    assertEquals(404, call(router, "GET", "/v1/none").status());
  }

  @Test
  void aGroupThatFailsToBuildAnswers500AndIsTriedAgain() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Router router =
        new Router()
            .deferred(
                r -> {
                  if (attempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("not yet");
                  }
                  r.add(
                      "GET",
                      "/v1/late",
                      ex -> Responses.json(ex.response(), 200, new byte[0], false));
                });
    FakeHttp.Response failed = call(router, "GET", "/v1/late");
    assertEquals(500, failed.status());
    assertTrue(failed.text().contains("internal"));
    assertEquals(200, call(router, "GET", "/v1/late").status());
    assertEquals(2, attempts.get());
  }
}
