package dev.trustcenter.content;

import java.util.Objects;

/**
 * A document or link offered to visitors.
 *
 * @param owner who publishes it: {@code company} or a subprocessor id
 * @param kind what it is (privacy-notice, terms, certificate, subprocessor-list, dpa,
 *     compliance-reports, ...)
 * @param url a public {@code https:} link, or null when the document is only available on request
 */
public record Resource(String id, Text title, String owner, String kind, String url, int position) {
  public Resource {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(kind, "kind");
  }
}
