package dev.trustcenter.documents;

import dev.trustcenter.http.ClientInfo;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A visitor's request for gated documents (collection {@code access-requests}, ids start with the
 * ISO instant of submission so they list in time order).
 *
 * @param status {@code pending}, {@code approved}, {@code denied} or {@code revoked}
 * @param language the requester's language for mails ({@code es} or {@code en})
 * @param nda the evidence of the click-through NDA acceptance
 * @param grantId the grant made on approval, or null
 * @param expiresAt when the grant ends, or null
 */
public record AccessRequest(
    String id,
    String status,
    String name,
    String email,
    String company,
    String reason,
    String language,
    List<String> documentIds,
    NdaAcceptance nda,
    Instant createdAt,
    Instant decidedAt,
    String decidedBy,
    String grantId,
    Instant expiresAt,
    Instant revokedAt,
    String revokedBy) {
  public static final String PENDING = "pending";
  public static final String APPROVED = "approved";
  public static final String DENIED = "denied";
  public static final String REVOKED = "revoked";

  public AccessRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    documentIds = List.copyOf(documentIds);
  }

  AccessRequest decided(String newStatus, Instant at, String by, String grant, Instant expires) {
    return with(newStatus, at, by, grant, expires, revokedAt, revokedBy);
  }

  AccessRequest revoked(Instant at, String by) {
    return with(REVOKED, decidedAt, decidedBy, grantId, expiresAt, at, by);
  }

  /** This request with a new status and decision; what the requester submitted stays. */
  private AccessRequest with(
      String newStatus,
      Instant newDecidedAt,
      String newDecidedBy,
      String newGrantId,
      Instant newExpiresAt,
      Instant newRevokedAt,
      String newRevokedBy) {
    return new AccessRequest(
        id,
        newStatus,
        name,
        email,
        company,
        reason,
        language,
        documentIds,
        nda,
        createdAt,
        newDecidedAt,
        newDecidedBy,
        newGrantId,
        newExpiresAt,
        newRevokedAt,
        newRevokedBy);
  }

  /**
   * Evidence that the requester accepted the NDA.
   *
   * @param version the NDA version accepted
   * @param language the language of the text shown
   * @param sha256 SHA-256 (hex) of that text
   * @param acceptedAt when the request arrived
   * @param ip the client's address as the proxy reported it (see {@link ClientInfo})
   * @param userAgent the browser's user agent
   * @param typedName the name the requester typed
   */
  public record NdaAcceptance(
      int version,
      String language,
      String sha256,
      Instant acceptedAt,
      String ip,
      String userAgent,
      String typedName) {}
}
