package dev.trustcenter.cloudflare;

/**
 * The HSTS part of the {@code security_header} zone setting ({@code
 * value.strict_transport_security}). Fields missing in the answer read as false or 0, so a partial
 * answer never looks more secure than it is.
 *
 * @param enabled whether Cloudflare sends {@code Strict-Transport-Security}
 * @param maxAge the header's {@code max-age}, in seconds
 * @param includeSubdomains whether {@code includeSubDomains} is sent
 * @param preload whether {@code preload} is sent
 * @param nosniff whether {@code X-Content-Type-Options: nosniff} is sent
 * @see <a href="https://developers.cloudflare.com/api/resources/zones/subresources/settings/">Zone
 *     settings</a>
 */
public record StrictTransportSecurity(
    boolean enabled, long maxAge, boolean includeSubdomains, boolean preload, boolean nosniff) {}
