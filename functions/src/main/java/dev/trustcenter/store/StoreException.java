package dev.trustcenter.store;

/**
 * The store could not be reached or could not complete an operation; nothing partial was written.
 */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
