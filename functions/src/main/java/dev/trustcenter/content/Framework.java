package dev.trustcenter.content;

import java.util.Objects;

/**
 * A compliance framework or certification the company follows, such as ISO/IEC 27001:2022.
 *
 * @param certificate the certificate details, or null when none are published
 */
public record Framework(
    String id,
    String name,
    String version,
    Text description,
    Certificate certificate,
    int position) {
  public Framework {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(description, "description");
  }
}
