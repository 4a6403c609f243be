package dev.trustcenter.content;

import java.util.Objects;

/**
 * A group of controls (Change Management, Availability, ...). Categories are shown in list order.
 */
public record Category(String id, Text name, int position) {
  public Category {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
