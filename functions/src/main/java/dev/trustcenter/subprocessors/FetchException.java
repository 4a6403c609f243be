package dev.trustcenter.subprocessors;

/**
 * A vendor page could not be fetched as usable evidence. The message is the reason recorded in the
 * run (e.g. {@code "HTTP 503 after 3 attempts"}, {@code "bot challenge (cf-mitigated:
 * challenge)"}); it never carries the body.
 */
public final class FetchException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers and tests that need to tell failures apart. */
  public enum FailureKind {
    STATUS,
    TIMEOUT,
    NETWORK,
    NOT_HTML,
    CHALLENGE,
    TOO_LARGE,
    REDIRECT
  }

  private final FailureKind kind;

  public FetchException(FailureKind kind, String reason) {
    super(reason);
    this.kind = kind;
  }

  public FetchException(FailureKind kind, String reason, Throwable cause) {
    super(reason, cause);
    this.kind = kind;
  }

  public FailureKind kind() {
    return kind;
  }
}
