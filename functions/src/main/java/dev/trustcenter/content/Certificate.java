package dev.trustcenter.content;

import java.time.LocalDate;

/**
 * The details of a certificate, as far as they are known; every field may be null.
 *
 * @param certificationBody who issued it
 * @param certificateNumber its number at the certification body
 * @param scope what it covers
 * @param validFrom first day of validity
 * @param validUntil last day of validity
 * @param verifyUrl an {@code https:} page of the certification body where the certificate can be
 *     checked
 */
public record Certificate(
    String certificationBody,
    String certificateNumber,
    Text scope,
    LocalDate validFrom,
    LocalDate validUntil,
    String verifyUrl) {}
