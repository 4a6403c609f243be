package dev.trustcenter.console;

import dev.trustcenter.auth.Principal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local console's sign-in sessions, held in this process's memory only: the dev token is typed
 * once and exchanged for a random session id in an {@code HttpOnly}, {@code SameSite=Strict} cookie
 * that lasts {@link #LIFETIME}. The token itself is never stored in the browser. Deployed,
 * Identity-Aware Proxy signs every request instead and no session is kept.
 */
final class ConsoleSessions {
  static final Duration LIFETIME = Duration.ofHours(1);
  private static final int MAX_SESSIONS = 1000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Session(Principal principal, Instant expiresAt) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;

  ConsoleSessions(Clock clock) {
    this.clock = Objects.requireNonNull(clock);
  }

  /** A new session for {@code who}; answers its id. */
  String open(Principal who) {
    Instant now = clock.instant();
    sessions.values().removeIf(s -> !now.isBefore(s.expiresAt()));
    if (sessions.size() >= MAX_SESSIONS) {
      throw new IllegalStateException("too many console sessions");
    }
    String id = randomToken();
    sessions.put(id, new Session(who, now.plus(LIFETIME)));
    return id;
  }

  /** The admin of a live session, or null. */
  Principal find(String id) {
    if (id == null) {
      return null;
    }
    Session s = sessions.get(id);
    if (s == null) {
      return null;
    }
    if (!clock.instant().isBefore(s.expiresAt())) {
      sessions.remove(id);
      return null;
    }
    return s.principal();
  }

  void close(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
