package dev.trustcenter.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Every setting of the trust center, read once from the environment at startup. Nothing else reads the
 * environment. A malformed value fails fast with a message naming the variable; a variable that only some
 * functions need is checked by {@link #require} when that function starts.
 *
 * @param port the local server's port ({@code PORT}, default 8080)
 * @param dataDir the local server's data directory ({@code TRUST_CENTER_DATA_DIR}, default {@code ./.trust-center})
 * @param devToken the local server's admin token ({@code TRUST_CENTER_DEV_TOKEN}); null: generated at startup
 * @param firestoreEmulatorHost {@code FIRESTORE_EMULATOR_HOST}; when set, the local server uses Firestore there
 * @param projectId {@code GOOGLE_CLOUD_PROJECT}; null: taken from the runtime's credentials
 * @param firestoreDatabase {@code FIRESTORE_DATABASE}, default {@code (default)}
 * @param publicCacheSeconds how long an instance serves the public snapshot before reading it again
 *     ({@code PUBLIC_CACHE_SECONDS}, default 2, 0 to read on every request)
 */
public record Config(
    int port,
    Path dataDir,
    String devToken,
    String firestoreEmulatorHost,
    String projectId,
    String firestoreDatabase,
    int publicCacheSeconds) {

  /** The configuration of this process, from its environment. */
  public static Config load() {
    return fromEnvironment(System.getenv());
  }

  /** The configuration described by an environment map (tests pass their own). */
  public static Config fromEnvironment(Map<String, String> env) {
    Reader r = new Reader(env);
    return new Config(
        r.integer("PORT", 8080, 1, 65535),
        Path.of(r.text("TRUST_CENTER_DATA_DIR", "./.trust-center")),
        r.secretText("TRUST_CENTER_DEV_TOKEN", 24),
        r.text("FIRESTORE_EMULATOR_HOST", null),
        r.text("GOOGLE_CLOUD_PROJECT", null),
        r.text("FIRESTORE_DATABASE", "(default)"),
        r.integer("PUBLIC_CACHE_SECONDS", 2, 0, 3600));
  }

  /**
   * Returns {@code value} or fails naming the variable, for settings that only some functions need.
   *
   * @throws ConfigException if the value is null
   */
  public static <T> T require(T value, String variable) {
    if (value == null) {
      throw new ConfigException(variable + " is required but not set");
    }
    return value;
  }

  /** Reads and checks variables, naming the variable in every failure. */
  static final class Reader {
    private final Map<String, String> env;

    Reader(Map<String, String> env) {
      this.env = Objects.requireNonNull(env);
    }

    String text(String name, String fallback) {
      String v = env.get(name);
      return v == null || v.isBlank() ? fallback : v.trim();
    }

    /** A secret given directly (local runs only); never echoed in the failure message. */
    String secretText(String name, int minLength) {
      String v = text(name, null);
      if (v != null && v.length() < minLength) {
        throw new ConfigException(name + " must be at least " + minLength + " characters long");
      }
      return v;
    }

    int integer(String name, int fallback, int min, int max) {
      String v = text(name, null);
      if (v == null) {
        return fallback;
      }
      int n;
      try {
        n = Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new ConfigException(name + " must be a whole number, got \"" + v + "\"");
      }
      if (n < min || n > max) {
        throw new ConfigException(name + " must be between " + min + " and " + max + ", got " + v);
      }
      return n;
    }
  }
}
