package dev.trustcenter.content;

import java.util.Objects;

/**
 * A security control as configured by admins. Its status is not part of it: status is derived from
 * check results (see {@link ControlStatus}).
 *
 * @param id stable slug
 * @param categoryId the {@link Category} it belongs to
 * @param checkMethod how it is checked
 * @param periodDays a passing result older than this many days makes the control overdue
 * @param position its place within its category (lower first); categories have their own positions
 */
public record Control(
    String id,
    String categoryId,
    Text title,
    Text description,
    CheckMethod checkMethod,
    int periodDays,
    int position) {
  public Control {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(categoryId, "categoryId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(checkMethod, "checkMethod");
    if (periodDays < 1) {
      throw new IllegalArgumentException("periodDays must be at least 1");
    }
  }
}
