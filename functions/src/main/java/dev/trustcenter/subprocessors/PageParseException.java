package dev.trustcenter.subprocessors;

/**
 * A vendor page could not be turned into a trustworthy list. The message is a reason a human can
 * act on (e.g. {@code "no rows parsed"}). Callers must keep the last good list when they get it:
 * the parsers fail closed rather than return a partial or empty list.
 */
public final class PageParseException extends Exception {

  private static final long serialVersionUID = 1L;

  public PageParseException(String reason) {
    super(reason);
  }

  public PageParseException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
