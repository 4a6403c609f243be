package dev.trustcenter.config;

/** A missing or malformed setting; the message names the variable. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
