package dev.trustcenter.documents;

import java.time.Instant;
import java.util.List;

/**
 * The right to download some documents until a time (collection {@code access-grants}). The token
 * handed to the grantee is {@code <id>.<secret>}; only the SHA-256 of the secret is stored, so the
 * store alone cannot produce a working link.
 *
 * @param secretSha256 hex SHA-256 of the token's secret part
 * @param revokedAt set when an admin revoked the grant; it then never works again
 */
public record Grant(
    String id,
    String requestId,
    String email,
    List<String> documentIds,
    String secretSha256,
    Instant expiresAt,
    Instant revokedAt) {

  public Grant {
    documentIds = List.copyOf(documentIds);
  }

  /** Whether it lets its holder download {@code documentId} at {@code now}. */
  public boolean allows(String documentId, Instant now) {
    return revokedAt == null && now.isBefore(expiresAt) && documentIds.contains(documentId);
  }
}
