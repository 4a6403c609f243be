package dev.trustcenter.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /admin/v1/subscribers} and {@code DELETE /admin/v1/subscribers/{id}} through the local
 * server: statuses, paging, no secrets, and a removal that takes the open requests with it.
 */
@IntegrationTest
class SubscriberAdminRoutesTest {
  @TempDir Path dir;
  private LocalServerFixture app;
  private DocumentStore store;

  @BeforeEach
  void start() throws Exception {
    app = LocalServerFixture.start(dir);
    store = app.services().store();
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private HttpResponse<String> admin(String method, String path) {
    return app.send(
        HttpRequest.newBuilder(app.uri("/admin" + path))
            .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN)
            .method(method, HttpRequest.BodyPublishers.noBody()));
  }

  static Subscriber subscriber(String email, String status, Instant at) {
    return new Subscriber(
        Subscriptions.idOf(email),
        email,
        status,
        "es",
        List.of("subprocessors"),
        "https://hooks.example.com/secret-path",
        "webhook-secret-never-shown",
        at,
        status.equals(Subscriber.CONFIRMED) ? at : null,
        status.equals(Subscriber.UNSUBSCRIBED) ? at : null,
        null);
  }

  static SubscriptionRequest request(String email, Instant at, Instant confirmedAt) {
    Instant expires = at.plus(Subscriptions.CONFIRM_VALIDITY);
    return new SubscriptionRequest(
        SubscriptionRequest.newId(expires),
        Subscriptions.idOf(email),
        email,
        "en",
        List.of("controls"),
        null,
        at,
        expires,
        confirmedAt);
  }

  /** Stores subscribers and requests as the subscribe and confirm flows leave them. */
  static void seed(
      DocumentStore store, List<Subscriber> subscribers, List<SubscriptionRequest> rs) {
    store.transaction(
        tx -> {
          subscribers.forEach(s -> tx.put(Subscriptions.COLLECTION, s.id(), Json.write(s)));
          rs.forEach(r -> tx.put(Subscriptions.REQUESTS, r.id(), Json.write(r)));
          return null;
        });
  }

  @Test
  void listsSubscribersAndPendingRequests_pageByPage_withoutSecrets() {
    Instant now = Instant.now();
    List<Subscriber> subs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      subs.add(subscriber("s" + i + "@example.com", Subscriber.CONFIRMED, now));
    }
    subs.add(subscriber("gone@example.com", Subscriber.UNSUBSCRIBED, now));
    seed(
        store,
        subs,
        List.of(
            request("new@example.com", now.minus(Duration.ofHours(1)), null),
            request("s0@example.com", now.minus(Duration.ofHours(2)), now),
            request("old@example.com", now.minus(Duration.ofDays(8)), null)));

    HttpResponse<String> first = admin("GET", "/v1/subscribers?limit=4");
    assertEquals(200, first.statusCode(), first.body());
    JsonObject page = Json.read(first.body(), JsonObject.class);
    assertEquals(4, page.getAsJsonArray("subscribers").size());
    String next = page.get("next").getAsString();
    JsonObject second =
        Json.read(admin("GET", "/v1/subscribers?limit=4&after=" + next).body(), JsonObject.class);
    assertEquals(2, second.getAsJsonArray("subscribers").size());
    assertFalse(second.has("next"), "the last page has no next");
    String all = first.body() + second.toString();
    for (String secret :
        List.of("webhook-secret-never-shown", "secret-path", "webhookSecret", "token")) {
      assertFalse(all.contains(secret), secret);
    }
    assertTrue(all.contains("\"status\":\"unsubscribed\"") && all.contains("\"webhook\":true"));

    JsonArray pending =
        Json.read(admin("GET", "/v1/subscribers?status=pending").body(), JsonObject.class)
            .getAsJsonArray("subscribers");
    assertEquals(1, pending.size(), "neither the confirmed nor the expired request: " + pending);
    assertEquals("new@example.com", pending.get(0).getAsJsonObject().get("email").getAsString());
    assertEquals("pending", pending.get(0).getAsJsonObject().get("status").getAsString());

    assertEquals(400, admin("GET", "/v1/subscribers?limit=0").statusCode());
    assertEquals(400, admin("GET", "/v1/subscribers?status=confirmed").statusCode());
    assertEquals(400, admin("GET", "/v1/subscribers?after=../x").statusCode());
    assertEquals(
        401,
        app.send(HttpRequest.newBuilder(app.uri("/admin/v1/subscribers"))).statusCode(),
        "admins only");
  }

  @Test
  void removingASubscriber_deletesItAndItsOpenRequests_andIsAudited() {
    Instant now = Instant.now();
    Subscriber ana = subscriber("ana@example.com", Subscriber.CONFIRMED, now);
    SubscriptionRequest change = request("ana@example.com", now, null);
    SubscriptionRequest other = request("bob@example.com", now, null);
    seed(store, List.of(ana), List.of(change, other));

    assertEquals(404, admin("DELETE", "/v1/subscribers/" + "0".repeat(32)).statusCode());
    assertEquals(404, admin("DELETE", "/v1/subscribers/not-an-id").statusCode());
    assertEquals(204, admin("DELETE", "/v1/subscribers/" + ana.id()).statusCode());
    assertTrue(store.get(Subscriptions.COLLECTION, ana.id()).isEmpty());
    assertTrue(store.get(Subscriptions.REQUESTS, change.id()).isEmpty(), "its mailed link is void");
    assertTrue(store.get(Subscriptions.REQUESTS, other.id()).isPresent(), "others are untouched");
    assertEquals(404, admin("DELETE", "/v1/subscribers/" + ana.id()).statusCode());

    // A pending-only address can be removed too.
    String bob = Subscriptions.idOf("bob@example.com");
    assertEquals(204, admin("DELETE", "/v1/subscribers/" + bob).statusCode());
    assertTrue(store.get(Subscriptions.REQUESTS, other.id()).isEmpty());

    String log = admin("GET", "/v1/audit-log?limit=20").body();
    assertTrue(log.contains("subscription.removed"), log);
    assertTrue(log.contains("subscribers/" + ana.id()), log);
    assertFalse(log.contains("ana@example.com\",\"method\""), "the admin acted, not Ana");
  }
}
