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
}
