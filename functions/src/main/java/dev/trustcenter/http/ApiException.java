package dev.trustcenter.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answered to the client as {@code {"error":{"code":...,"message":...}}} with its HTTP
 * status. The message is written for the client: it never carries secrets, stack traces or internal
 * details.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final Map<String, String> headers;
  private final List<FieldError> fields;

  public ApiException(int status, String code, String message) {
    this(status, code, message, Map.of(), List.of());
  }

  public ApiException(
      int status,
      String code,
      String message,
      Map<String, String> headers,
      List<FieldError> fields) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.headers = Map.copyOf(new LinkedHashMap<>(headers));
    this.fields = List.copyOf(fields);
  }

  public static ApiException badRequest(String code, String message) {
    return new ApiException(400, code, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  /**
   * 429 {@code rate_limited}: the caller is over a limit and may try again after {@code retryAfter}
   * (the {@code Retry-After} header, in whole seconds).
   */
  public static ApiException rateLimited(java.time.Duration retryAfter) {
    return new ApiException(
        429,
        "rate_limited",
        "too many requests; try again later",
        Map.of("Retry-After", Long.toString(retryAfter.toSeconds())),
        List.of());
  }

  /** A request body that fails validation; every invalid field is named. */
  public static ApiException invalid(List<FieldError> fields) {
    StringBuilder m = new StringBuilder("invalid fields: ");
    for (int i = 0; i < fields.size(); i++) {
      m.append(i == 0 ? "" : "; ")
          .append(fields.get(i).field())
          .append(" ")
          .append(fields.get(i).message());
    }
    return new ApiException(400, "invalid", m.toString(), Map.of(), fields);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public List<FieldError> fields() {
    return fields;
  }

  /**
   * One invalid field of a request: its JSON path, what is wrong with it in English, and the same
   * fault as a stable code with its parameters, for clients that say it in their own words (the
   * admin console does, in Spanish and English).
   *
   * @param code a stable, lower-case code per fault ({@code required}, {@code too_long}, ...; see
   *     docs/api.md); {@value #INVALID} where no more specific code applies
   * @param params the fault's values, such as {@code max} for {@code too_long}; empty when none
   */
  public record FieldError(String field, String message, String code, Map<String, Object> params) {
    /** The code of a fault without a more specific one. */
    public static final String INVALID = "invalid";

    public FieldError {
      java.util.Objects.requireNonNull(field, "field");
      java.util.Objects.requireNonNull(message, "message");
      java.util.Objects.requireNonNull(code, "code");
      params =
          params == null
              ? Map.of()
              : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public FieldError(String field, String message, String code) {
      this(field, message, code, Map.of());
    }

    /** A fault without a more specific code ({@value #INVALID}). */
    public FieldError(String field, String message) {
      this(field, message, INVALID, Map.of());
    }
  }
}
