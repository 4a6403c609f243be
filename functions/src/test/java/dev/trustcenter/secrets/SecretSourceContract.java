package dev.trustcenter.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What every {@link SecretSource} promises, run against each adapter. Subclasses configure the
 * Cloudflare token as {@link #CLOUDFLARE_TOKEN} and leave the SMTP password unconfigured.
 */
abstract class SecretSourceContract {
  static final String CLOUDFLARE_TOKEN = "cf-token-Zq81xY7w-never-in-messages";

  protected abstract SecretSource source();

  @Test
  void aConfiguredSecret_isReturned_andTheSameOnEveryCall() {
    assertEquals(CLOUDFLARE_TOKEN, source().secret(Secret.CLOUDFLARE_API_TOKEN));
    assertEquals(CLOUDFLARE_TOKEN, source().secret(Secret.CLOUDFLARE_API_TOKEN));
  }

  @Test
  void anUnconfiguredSecret_failsNamingItsVariable() {
    SecretUnavailableException e =
        assertThrows(SecretUnavailableException.class, () -> source().secret(Secret.SMTP_PASSWORD));
    assertTrue(e.getMessage().contains("SMTP_PASSWORD"), e.getMessage());
  }

  @Test
  void noValueAppearsInTheSourcesDescription() {
    source().secret(Secret.CLOUDFLARE_API_TOKEN);
    assertFalse(source().toString().contains(CLOUDFLARE_TOKEN));
  }
}
