package dev.trustcenter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetriesTest {

  private final List<Duration> sleeps = new ArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();

  /** Retries I/O errors, 3 attempts, waiting 10 s times the number of failed attempts. */
  private static final RetryPolicy<String> POLICY =
      RetryPolicy.<String>builder()
          .handle(IOException.class)
          .withMaxAttempts(3)
          .withDelayFn(context -> Duration.ofSeconds(10L * context.getAttemptCount()))
          .build();

  private String failTimesThenAnswer(int failures) throws IOException {
    int call = calls.incrementAndGet();
    if (call <= failures) {
      throw new IOException("failure " + call);
    }
    return "answer";
  }

  @Test
  void handledFailuresAreRetriedAfterThePolicysDelaysUntilAnAnswer() throws Exception {
    List<String> told = new ArrayList<>();

    String answer =
        Retries.run(
            POLICY,
            sleeps::add,
            (failure, attempt, delay) ->
                told.add(failure.getMessage() + "@" + attempt + ":" + delay),
            () -> failTimesThenAnswer(2));

    assertEquals("answer", answer);
    assertEquals(3, calls.get());
    assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(20)), sleeps);
    assertEquals(List.of("failure 1@1:PT10S", "failure 2@2:PT20S"), told);
  }

  @Test
  void afterTheLastAttemptTheLastFailureLeavesAsItWasThrown() {
    IOException e =
        assertThrows(
            IOException.class,
            () -> Retries.run(POLICY, sleeps::add, () -> failTimesThenAnswer(9)));

    assertEquals("failure 3", e.getMessage());
    assertEquals(3, calls.get());
    assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(20)), sleeps);
  }

  @Test
  void aFailureThePolicyDoesNotHandleLeavesAtOnceWithoutWaiting() {
    IllegalStateException refused = new IllegalStateException("refused");

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                Retries.run(
                    POLICY,
                    sleeps::add,
                    () -> {
                      calls.incrementAndGet();
                      throw refused;
                    }));

    assertSame(refused, e);
    assertEquals(1, calls.get());
    assertEquals(List.of(), sleeps);
  }

  @Test
  void anInterruptedWaitStopsWithoutAnotherAttempt() {
    assertThrows(
        InterruptedException.class,
        () ->
            Retries.run(
                POLICY,
                duration -> {
                  throw new InterruptedException();
                },
                () -> failTimesThenAnswer(1)));

    assertEquals(1, calls.get());
  }
}
