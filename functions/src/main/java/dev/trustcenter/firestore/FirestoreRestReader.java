package dev.trustcenter.firestore;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.trustcenter.store.Ids;
import dev.trustcenter.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads single documents written by {@link FirestoreDocumentStore} through Firestore's REST API
 * with the JDK's own HTTP client. The public function uses it for its one read per request because
 * it needs no gRPC, Netty or protobuf classes: a cold instance answers its first request in a
 * fraction of the time the full client takes to start. Credentials come from the metadata server
 * (the function's service account) or, against the emulator, none are needed.
 */
public final class FirestoreRestReader {
  static final String PRODUCTION = "https://firestore.googleapis.com";
  private static final String METADATA = "http://metadata.google.internal/computeMetadata/v1/";
  private static final int CONNECT_TIMEOUT_MS = 3_000;
  private static final int READ_TIMEOUT_MS = 10_000;

  private final String baseUrl;
  private final boolean emulator;
  private final String configuredProject;
  private final String database;
  private final Clock clock;
  private volatile String project;
  private volatile String token;
  private volatile Instant tokenExpiry = Instant.EPOCH;

  /**
   * @param emulatorHost the emulator's {@code host:port}, or null for the real service
   * @param projectId the project, or null to ask the metadata server
   * @param database the database id
   */
  public FirestoreRestReader(String emulatorHost, String projectId, String database, Clock clock) {
    this.emulator = emulatorHost != null;
    this.baseUrl = emulator ? "http://" + emulatorHost : PRODUCTION;
    this.configuredProject = projectId == null && emulator ? "demo-trust-center" : projectId;
    this.database = database;
    this.clock = clock;
  }

  /**
   * The JSON of a document written by {@link FirestoreDocumentStore}, or empty if it does not
   * exist.
   */
  public Optional<String> readJson(String collection, String id) {
    String path =
        "/v1/projects/"
            + enc(project())
            + "/databases/"
            + enc(database)
            + "/documents/"
            + Ids.checkCollection(collection)
            + "/"
            + Ids.checkId(id);
    try {
      HttpURLConnection c = open(baseUrl + path);
      c.setRequestProperty("Authorization", "Bearer " + (emulator ? "owner" : accessToken()));
      int status = c.getResponseCode();
      if (status == 404) {
        drain(c);
        return Optional.empty();
      }
      if (status != 200) {
        drain(c);
        throw new StoreException("Firestore REST read answered " + status, null);
      }
      String value;
      try (JsonReader in =
          new JsonReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
        // Streamed, not parsed into a tree: the snapshot's document is hundreds of kilobytes.
        value =
            member(
                in,
                "fields",
                JsonToken.BEGIN_OBJECT,
                () ->
                    member(
                        in,
                        "json",
                        JsonToken.BEGIN_OBJECT,
                        () -> member(in, "stringValue", JsonToken.STRING, in::nextString)));
      }
      if (value == null) {
        throw new StoreException("document " + collection + "/" + id + " has no json field", null);
      }
      return Optional.of(value);
    } catch (IOException | IllegalStateException e) {
      throw new StoreException("Firestore REST read failed: " + e.getMessage(), e);
    }
  }

  private String project() {
    if (configuredProject != null) {
      return configuredProject;
    }
    String p = project;
    if (p == null) {
      p = metadata("project/project-id").trim();
      project = p;
    }
    return p;
  }

  private String accessToken() {
    if (token == null || clock.instant().isAfter(tokenExpiry)) {
      synchronized (this) {
        if (token == null || clock.instant().isAfter(tokenExpiry)) {
          String accessToken = null;
          long expiresIn = 0;
          try (JsonReader in =
              new JsonReader(
                  new StringReader(metadata("instance/service-accounts/default/token")))) {
            in.beginObject();
            while (in.hasNext()) {
              switch (in.nextName()) {
                case "access_token" -> accessToken = in.nextString();
                case "expires_in" -> expiresIn = in.nextLong();
                default -> in.skipValue();
              }
            }
            in.endObject();
          } catch (IOException | IllegalStateException e) {
            throw new StoreException("the metadata server's token is unreadable", e);
          }
          if (accessToken == null) {
            throw new StoreException("the metadata server gave no access token", null);
          }
          token = accessToken;
          tokenExpiry = clock.instant().plusSeconds(Math.max(0, expiresIn - 60));
        }
      }
    }
    return token;
  }

  private static String metadata(String path) {
    try {
      HttpURLConnection c = open(METADATA + path);
      c.setRequestProperty("Metadata-Flavor", "Google");
      if (c.getResponseCode() != 200) {
        drain(c);
        throw new StoreException(
            "the metadata server answered " + c.getResponseCode() + " for " + path, null);
      }
      try (InputStream in = c.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new StoreException("the metadata server is unreachable: " + e.getMessage(), e);
    }
  }

  private static HttpURLConnection open(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setConnectTimeout(CONNECT_TIMEOUT_MS);
    c.setReadTimeout(READ_TIMEOUT_MS);
    c.setRequestProperty("Accept", "application/json");
    return c;
  }

  private static void drain(HttpURLConnection c) {
    try (InputStream err = c.getErrorStream()) {
      if (err != null) {
        err.readAllBytes();
      }
    } catch (IOException ignored) {
      // nothing to reuse
    }
  }

  /** A step of reading a JSON document that may throw. */
  private interface Read<T> {
    T read() throws IOException;
  }

  /**
   * Reads the object at {@code in} for its member {@code name} of the kind {@code kind}, read by
   * {@code read}; null if it has none.
   */
  private static <T> T member(JsonReader in, String name, JsonToken kind, Read<T> read)
      throws IOException {
    T found = null;
    in.beginObject();
    while (in.hasNext()) {
      if (in.nextName().equals(name) && in.peek() == kind) {
        found = read.read();
      } else {
        in.skipValue();
      }
    }
    in.endObject();
    return found;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
