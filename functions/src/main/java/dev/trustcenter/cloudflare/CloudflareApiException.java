package dev.trustcenter.cloudflare;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The one exception of the Cloudflare client. It carries what a caller needs to decide what to do
 * next: the {@link FailureKind}, the HTTP status (0 when there was no answer) and the error codes
 * and messages of Cloudflare's envelope. It never carries the API token, request headers or raw
 * response bodies (a body may echo headers back).
 */
public final class CloudflareApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a call failed. */
  public enum FailureKind {
    /** 401 or 403: the token is missing, invalid, expired or lacks a permission. */
    AUTH,
    /** 404: usually a wrong zone id or setting id. */
    NOT_FOUND,
    /** 429, still rate limited after the last attempt. */
    RATE_LIMITED,
    /** 5xx, still failing after the last attempt. */
    SERVER,
    /** Cloudflare answered {@code success: false}, or another 4xx. */
    API_ERROR,
    /** I/O error or timeout, still failing after the last attempt. */
    NETWORK,
    /** The answer could not be decoded: not JSON, or not Cloudflare's envelope. */
    BAD_RESPONSE
  }

  /**
   * One item of the envelope's {@code errors[]}. Codes and messages are Cloudflare's own and safe
   * to log.
   */
  public record ApiError(int code, String message) implements Serializable {
    public ApiError {
      message = Objects.requireNonNullElse(message, "");
    }

    @Override
    public String toString() {
      return "[" + code + "] " + message;
    }
  }

  private final FailureKind kind;
  private final int httpStatus;
  private final List<ApiError> errors;

  CloudflareApiException(FailureKind kind, int httpStatus, List<ApiError> errors, String message) {
    this(kind, httpStatus, errors, message, null);
  }

  CloudflareApiException(
      FailureKind kind, int httpStatus, List<ApiError> errors, String message, Throwable cause) {
    super(describe(kind, httpStatus, errors, message), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.httpStatus = httpStatus;
    this.errors = List.copyOf(errors);
  }

  public FailureKind kind() {
    return kind;
  }

  /** The HTTP status of the last answer, or 0 when there was none (network error). */
  public int httpStatus() {
    return httpStatus;
  }

  /** The envelope's {@code errors[]}; empty when the body had none or was not an envelope. */
  public List<ApiError> errors() {
    return errors;
  }

  private static String describe(
      FailureKind kind, int httpStatus, List<ApiError> errors, String message) {
    StringBuilder text = new StringBuilder(kind.name());
    if (httpStatus != 0) {
      text.append(" (HTTP ").append(httpStatus).append(')');
    }
    text.append(": ").append(message);
    if (!errors.isEmpty()) {
      text.append(": ")
          .append(errors.stream().map(ApiError::toString).collect(Collectors.joining("; ")));
    }
    return text.toString();
  }
}
