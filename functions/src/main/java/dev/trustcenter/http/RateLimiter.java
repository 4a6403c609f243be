package dev.trustcenter.http;

import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Fixed-window counters kept in the store (collection {@value #COLLECTION}), so every instance of a
 * function shares them. A key's counter lives in one document, {@code <scope>:<sha256(key)>}: the
 * raw key (an IP address or an email) is never stored, and a new window overwrites the old one, so
 * a key costs one document. Each hit is one transaction: read the counter, then write it unless the
 * limit is reached.
 */
public final class RateLimiter {
  public static final String COLLECTION = "rate-limits";

  private final DocumentStore store;
  private final Clock clock;

  /** A limit: at most {@code max} hits per {@code window}. */
  public record Limit(String scope, int max, Duration window) {
    public Limit {
      Objects.requireNonNull(scope);
      if (max < 1 || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("invalid limit");
      }
    }
  }

  private record Counter(long windowStart, int count) {}

  public RateLimiter(DocumentStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Counts one hit for {@code key}; answers false (and counts nothing) when the limit is already
   * reached.
   */
  public boolean tryAcquire(Limit limit, String key) {
    long now = clock.millis();
    long windowStart = now - Math.floorMod(now, limit.window().toMillis());
    String id =
        limit.scope()
            + ":"
            + dev.trustcenter.http.Responses.sha256Hex(key.toLowerCase(java.util.Locale.ROOT))
                .substring(0, 40);
    return store.transaction(
        tx -> {
          Counter c =
              tx.get(COLLECTION, id).map(d -> Json.read(d.json(), Counter.class)).orElse(null);
          int count = c == null || c.windowStart != windowStart ? 0 : c.count;
          if (count >= limit.max()) {
            return false;
          }
          tx.put(COLLECTION, id, Json.write(new Counter(windowStart, count + 1)));
          return true;
        });
  }
}
