package dev.trustcenter.content;

import java.util.Objects;

/**
 * Who the trust center is about.
 *
 * @param companyName the company's name as shown in titles
 * @param tagline one line under the title
 * @param overview a short introduction to the security posture
 * @param securityContact where to report a vulnerability: an {@code https:} URL or a {@code
 *     mailto:} URI; null until an admin sets it (the page and security.txt then say nothing rather
 *     than invent one)
 */
public record Profile(String companyName, Text tagline, Text overview, String securityContact) {
  public Profile {
    Objects.requireNonNull(companyName, "companyName");
    Objects.requireNonNull(tagline, "tagline");
    Objects.requireNonNull(overview, "overview");
  }
}
