package dev.trustcenter.cloudflare;

import java.time.Instant;
import java.util.Objects;

/**
 * The answer of token verification. A token that verifies can still lack a permission: verification
 * does not report permissions, so a zone call can still fail with {@code AUTH}.
 *
 * @param id the token's id (not the secret)
 * @param status {@code active}, {@code disabled} or {@code expired}; unknown values are kept
 * @param expiresOn when the token expires, or null
 * @param notBefore before when the token is not valid, or null
 * @see <a
 *     href="https://developers.cloudflare.com/api/resources/user/subresources/tokens/methods/verify/">Verify
 *     token</a>
 */
public record TokenStatus(String id, String status, Instant expiresOn, Instant notBefore) {

  public TokenStatus {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
  }

  /** Whether Cloudflare calls the token {@code active}. */
  public boolean active() {
    return "active".equals(status);
  }
}
