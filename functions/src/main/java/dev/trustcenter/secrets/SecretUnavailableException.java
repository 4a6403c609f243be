package dev.trustcenter.secrets;

/** A secret that is not configured or cannot be read. The message never contains a secret value. */
public final class SecretUnavailableException extends RuntimeException {
  public SecretUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
