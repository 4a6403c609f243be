package dev.trustcenter.secrets;

/**
 * Where the trust center's secrets come from: Secret Manager when deployed ({@link
 * SecretManagerSecrets}), the environment for the local run ({@link ConfiguredSecrets}). A secret's
 * value is never logged, put in an exception message or returned to a client; callers hold it only
 * as long as they need it.
 */
public interface SecretSource {

  /**
   * The current value of a secret.
   *
   * @throws SecretUnavailableException if it is not configured or cannot be read (the message names
   *     the configuration variable, never a value)
   */
  String secret(Secret name);
}
