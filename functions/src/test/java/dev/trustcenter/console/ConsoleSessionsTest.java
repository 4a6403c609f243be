package dev.trustcenter.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.trustcenter.auth.Principal;
import dev.trustcenter.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Local console sessions are short-lived, random and can be ended. */
class ConsoleSessionsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  private final ConsoleSessions sessions = new ConsoleSessions(clock);
  private final Principal dev = new Principal("local-dev", true);

  @Test
  void aSessionLastsOneHour_thenIsGone() {
    String id = sessions.open(dev);
    assertEquals(43, id.length(), "256 random bits, base64url");
    assertEquals(dev, sessions.find(id));
    clock.advance(Duration.ofMinutes(59));
    assertEquals(dev, sessions.find(id));
    clock.advance(Duration.ofMinutes(1));
    assertNull(sessions.find(id));
  }

  @Test
  void unknownOrClosedSessions_findNobody() {
    String id = sessions.open(dev);
    assertNotEquals(id, sessions.open(dev));
    assertNull(sessions.find(null));
    assertNull(sessions.find("made-up"));
    sessions.close(id);
    assertNull(sessions.find(id));
  }
}
