package dev.trustcenter.cloudflare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trustcenter.cloudflare.CloudflareFixtures.RecordingSleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private final AtomicLong now = new AtomicLong();
  private final RecordingSleeper sleeper = new RecordingSleeper();

  @Test
  void burstUpToCapacity_doesNotWaitThenEachRequestWaitsForItsToken() throws Exception {
    TokenBucket bucket = new TokenBucket(2, 0.5, now::get, sleeper); // one token per 2 s

    bucket.acquire();
    bucket.acquire();
    assertEquals(List.of(), sleeper.sleeps);

    bucket.acquire();
    bucket.acquire();
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4)), sleeper.sleeps);
  }

  @Test
  void idleTime_refillsTheBucketUpToItsCapacity() throws Exception {
    TokenBucket bucket = new TokenBucket(2, 0.5, now::get, sleeper);
    bucket.acquire();
    bucket.acquire();

    now.addAndGet(Duration.ofMinutes(10).toNanos());
    bucket.acquire();
    bucket.acquire();

    assertEquals(List.of(), sleeper.sleeps);
  }
}
