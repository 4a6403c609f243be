package dev.trustcenter.content;

import java.util.List;
import java.util.Objects;

/** Everything admins manage, in display order: the input of the public snapshot and of the seed. */
public record Content(
    Profile profile,
    List<Framework> frameworks,
    List<Category> categories,
    List<Control> controls,
    List<Subprocessor> subprocessors,
    List<Resource> resources) {
  public Content {
    Objects.requireNonNull(profile, "profile");
    frameworks = List.copyOf(frameworks);
    categories = List.copyOf(categories);
    controls = List.copyOf(controls);
    subprocessors = List.copyOf(subprocessors);
    resources = List.copyOf(resources);
  }

  /**
   * {@code controls} in display order: by their category's position, then their own position within
   * the category (a control's position counts within its category only), then id.
   */
  public static List<Control> inDisplayOrder(List<Control> controls, List<Category> categories) {
    java.util.Map<String, Integer> categoryPosition = new java.util.HashMap<>();
    categories.forEach(c -> categoryPosition.put(c.id(), c.position()));
    return controls.stream()
        .sorted(
            java.util.Comparator.<Control>comparingInt(
                    c -> categoryPosition.getOrDefault(c.categoryId(), Integer.MAX_VALUE))
                .thenComparing(Control::categoryId)
                .thenComparingInt(Control::position)
                .thenComparing(Control::id))
        .toList();
  }
}
