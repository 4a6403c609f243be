package dev.trustcenter.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trustcenter.content.Language;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.ClientInfo;
import dev.trustcenter.http.RateLimiter;
import dev.trustcenter.notices.OutgoingMail;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.testing.MutableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The subscribe form's limits: per client address and per mailbox. The address limit answers the
 * same 429 as the access-request form (code, message and {@code Retry-After}), and a refused
 * request stores and mails nothing.
 */
class SubscribeLimitsTest {
  static final URI BASE = URI.create("https://trust.example.com/api");
  @TempDir Path dir;

  @Test
  void theEleventhRequestOfAnHourFromOneAddressIsRefusedWith429AndNothingIsStoredOrMailed() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    List<OutgoingMail> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (DocumentStore store = FileDocumentStore.open(dir)) {
      Subscriptions subscriptions =
          new Subscriptions(
              store,
              new SubscriptionTokens(store, clock),
              new RateLimiter(store, clock),
              sent::add,
              (a, b, c, d, e) -> {},
              clock);
      ClientInfo client = new ClientInfo("198.51.100.7", "test");
      for (int i = 0; i < 10; i++) {
        subscriptions.subscribe(request("p" + i + "@cliente.example"), client, BASE);
      }
      assertEquals(10, sent.size());
      ApiException e =
          assertThrows(
              ApiException.class,
              () -> subscriptions.subscribe(request("p10@cliente.example"), client, BASE));
      assertEquals(429, e.status());
      assertEquals("rate_limited", e.code());
      assertEquals("too many requests; try again later", e.getMessage());
      assertEquals(Map.of("Retry-After", "3600"), e.headers());
      assertEquals(10, sent.size(), "no mail for the refused request");
      assertEquals(
          10,
          store.list(Subscriptions.REQUESTS, Range.all()).size(),
          "no request stored for the refused one");

      clock.advance(Duration.ofHours(1));
      subscriptions.subscribe(request("p10@cliente.example"), client, BASE);
      assertEquals(11, sent.size(), "the next hour takes requests again");
    }
  }

  @Test
  void aFourthRequestForOneAddressInADayIsDroppedSilently() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    List<OutgoingMail> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (DocumentStore store = FileDocumentStore.open(dir)) {
      Subscriptions subscriptions =
          new Subscriptions(
              store,
              new SubscriptionTokens(store, clock),
              new RateLimiter(store, clock),
              sent::add,
              (a, b, c, d, e) -> {},
              clock);
      for (int i = 0; i < 4; i++) {
        subscriptions.subscribe(
            request("ana@cliente.example"), new ClientInfo("198.51.100." + i, "test"), BASE);
      }
      assertEquals(3, sent.size(), "at most three confirmation mails a day reach one mailbox");
    }
  }

  private static Subscriptions.Request request(String email) {
    return new Subscriptions.Request(email, Language.EN, List.of("controls"), null);
  }
}
