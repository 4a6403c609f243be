package dev.trustcenter.firestore;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.gson.JsonParseException;
import dev.trustcenter.controls.DatabaseFacts;
import dev.trustcenter.controls.DatabaseInspector;
import dev.trustcenter.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@link DatabaseInspector} through the Firestore Admin REST API (v1): the database resource
 * (point-in-time recovery, delete protection) and its backup schedules, two GETs. REST rather than
 * the gRPC admin client: two read calls do not justify another client library and its channel, and
 * the shared OkHttp client already exists. Needs {@code datastore.databases.getMetadata} and {@code
 * datastore.backupSchedules.list}.
 *
 * @see <a
 *     href="https://cloud.google.com/firestore/docs/reference/rest/v1/projects.databases/get">databases.get</a>
 * @see <a
 *     href="https://cloud.google.com/firestore/docs/reference/rest/v1/projects.databases.backupSchedules/list">backupSchedules.list</a>
 */
public final class FirestoreDatabaseInspector implements DatabaseInspector {
  public static final HttpUrl DEFAULT_BASE_URL = HttpUrl.get("https://firestore.googleapis.com/v1");
  private static final String SCOPE = "https://www.googleapis.com/auth/datastore";

  private final OkHttpClient http;
  private final HttpUrl baseUrl;
  private final String projectId;
  private final String databaseId;
  private final Supplier<String> accessToken;

  /**
   * @param accessToken supplies an OAuth access token per request (the supplier caches and
   *     refreshes)
   */
  public FirestoreDatabaseInspector(
      OkHttpClient http,
      HttpUrl baseUrl,
      String projectId,
      String databaseId,
      Supplier<String> accessToken) {
    this.http = Objects.requireNonNull(http, "http");
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    this.projectId = Objects.requireNonNull(projectId, "projectId");
    this.databaseId = Objects.requireNonNull(databaseId, "databaseId");
    this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
  }

  /** The real API with the runtime's application default credentials. */
  public static FirestoreDatabaseInspector withDefaultCredentials(
      OkHttpClient http, String projectId, String databaseId) {
    return new FirestoreDatabaseInspector(
        http, DEFAULT_BASE_URL, projectId, databaseId, defaultCredentials());
  }

  private static Supplier<String> defaultCredentials() {
    GoogleCredentials[] holder = new GoogleCredentials[1];
    return () -> {
      synchronized (holder) {
        try {
          if (holder[0] == null) {
            holder[0] = GoogleCredentials.getApplicationDefault().createScoped(List.of(SCOPE));
          }
          holder[0].refreshIfExpired();
          return holder[0].getAccessToken().getTokenValue();
        } catch (IOException e) {
          throw new IllegalStateException(
              "cannot get Google credentials for the Firestore Admin API: " + e.getMessage(), e);
        }
      }
    };
  }

  @Override
  public DatabaseFacts inspect() {
    HttpUrl database =
        baseUrl
            .newBuilder()
            .addPathSegment("projects")
            .addPathSegment(projectId)
            .addPathSegment("databases")
            .addPathSegment(databaseId)
            .build();
    DatabaseJson db = get(database, DatabaseJson.class);
    SchedulesJson schedules =
        get(database.newBuilder().addPathSegment("backupSchedules").build(), SchedulesJson.class);
    List<DatabaseFacts.BackupSchedule> out = new ArrayList<>();
    if (schedules.backupSchedules != null) {
      for (ScheduleJson s : schedules.backupSchedules) {
        String recurrence =
            s.dailyRecurrence != null
                ? "daily"
                : s.weeklyRecurrence != null
                    ? "weekly:" + s.weeklyRecurrence.get("day")
                    : "unknown";
        out.add(new DatabaseFacts.BackupSchedule(recurrence, s.retention));
      }
    }
    if (db.name == null) {
      throw new IllegalStateException("the Firestore Admin API answered a database without a name");
    }
    return new DatabaseFacts(
        db.name,
        db.locationId,
        db.pointInTimeRecoveryEnablement == null
            ? "POINT_IN_TIME_RECOVERY_ENABLEMENT_UNSPECIFIED"
            : db.pointInTimeRecoveryEnablement,
        db.deleteProtectionState == null
            ? "DELETE_PROTECTION_STATE_UNSPECIFIED"
            : db.deleteProtectionState,
        db.versionRetentionPeriod,
        out);
  }

  private <T> T get(HttpUrl url, Class<T> type) {
    String route = "GET " + url.encodedPath();
    Request request =
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + accessToken.get())
            .get()
            .build();
    try (Response response = http.newCall(request).execute()) {
      String body = response.body().string();
      if (!response.isSuccessful()) {
        throw new IllegalStateException(
            "Firestore Admin API " + route + " answered HTTP " + response.code() + describe(body));
      }
      T value = Json.read(body, type);
      if (value == null) {
        throw new IllegalStateException("Firestore Admin API " + route + " answered an empty body");
      }
      return value;
    } catch (JsonParseException e) {
      throw new IllegalStateException(
          "Firestore Admin API " + route + " answered something that is not its JSON", e);
    } catch (IOException e) {
      throw new IllegalStateException(
          "Firestore Admin API " + route + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Google's error body: {@code
   * {"error":{"code":403,"message":"...","status":"PERMISSION_DENIED"}}}.
   */
  private static String describe(String body) {
    try {
      ErrorBody e = Json.read(body, ErrorBody.class);
      if (e != null && e.error != null) {
        return ": " + e.error.status + ": " + e.error.message;
      }
    } catch (JsonParseException ignored) {
      // not Google's error shape (a proxy's HTML page): the status says enough
    }
    return "";
  }

  private static final class DatabaseJson {
    String name;
    String locationId;
    String pointInTimeRecoveryEnablement;
    String deleteProtectionState;
    String versionRetentionPeriod;
  }

  private static final class SchedulesJson {
    List<ScheduleJson> backupSchedules;
  }

  private static final class ScheduleJson {
    String retention;
    Map<String, Object> dailyRecurrence;
    Map<String, Object> weeklyRecurrence;
  }

  private static final class ErrorBody {
    ErrorDetail error;
  }

  private static final class ErrorDetail {
    String message;
    String status;
  }
}
