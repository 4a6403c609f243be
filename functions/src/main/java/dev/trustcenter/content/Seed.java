package dev.trustcenter.content;

import dev.trustcenter.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The default content of a new trust center ({@code seed/content.json}): the model page's ISO
 * 27001:2022 entry, its ten control categories and 45 controls (the model page's 44 and Data
 * Residency), two subprocessors and nine resources, in Spanish and English. List order in the file
 * becomes each entity's position (10, 20, 30, ...), leaving room to insert between; controls are
 * numbered within their category.
 */
public final class Seed {
  static final String RESOURCE = "/seed/content.json";

  private Seed() {}

  /** The seed content. */
  public static Content load() {
    try (InputStream in = Seed.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("seed content missing from the jar: " + RESOURCE);
      }
      Content raw = Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), Content.class);
      return new Content(
          raw.profile(),
          positioned(
              raw.frameworks(),
              (f, p) ->
                  new Framework(
                      f.id(), f.name(), f.version(), f.description(), f.certificate(), p)),
          positioned(raw.categories(), (c, p) -> new Category(c.id(), c.name(), p)),
          positionedInCategory(raw.controls()),
          positioned(
              raw.subprocessors(),
              (s, p) ->
                  new Subprocessor(
                      s.id(),
                      s.name(),
                      s.purpose(),
                      s.dataLocations(),
                      s.subprocessorListUrl(),
                      s.dpaUrl(),
                      s.notes(),
                      p)),
          positioned(
              raw.resources(),
              (r, p) -> new Resource(r.id(), r.title(), r.owner(), r.kind(), r.url(), p)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Controls are numbered within their category (10, 20, ... in each), as their position is read.
   */
  private static List<Control> positionedInCategory(List<Control> controls) {
    java.util.Map<String, Integer> next = new java.util.HashMap<>();
    List<Control> out = new ArrayList<>();
    for (Control c : controls) {
      int p = next.merge(c.categoryId(), 10, Integer::sum);
      out.add(
          new Control(
              c.id(),
              c.categoryId(),
              c.title(),
              c.description(),
              c.checkMethod(),
              c.periodDays(),
              p));
    }
    return out;
  }

  private static <T> List<T> positioned(List<T> items, BiFunction<T, Integer, T> withPosition) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      out.add(withPosition.apply(items.get(i), (i + 1) * 10));
    }
    return out;
  }
}
