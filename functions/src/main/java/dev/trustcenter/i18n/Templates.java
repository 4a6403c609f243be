package dev.trustcenter.i18n;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The site's Mustache templates, from {@code static/templates/} on the class path (the admin
 * console's from {@code static/admin/templates/}). Mustache escapes every {@code {{value}}} for
 * HTML; the templates never use the unescaped forms for data.
 */
public final class Templates {
  private final String root;
  private final MustacheFactory factory;
  private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

  /** The site's templates. */
  public Templates() {
    this("static/templates");
  }

  /** The templates in {@code root} on the class path. */
  public Templates(String root) {
    this.root = root;
    this.factory = new DefaultMustacheFactory(root);
  }

  /**
   * Renders {@code name}.mustache with the given scopes; names are looked up in the last scope
   * first.
   *
   * @throws IllegalStateException if the template is missing
   */
  public String render(String name, Object... scopes) {
    Mustache mustache =
        compiled.computeIfAbsent(
            name,
            n -> {
              try {
                return factory.compile(n + ".mustache");
              } catch (com.github.mustachejava.MustacheNotFoundException e) {
                throw new IllegalStateException(
                    "template missing from the jar: " + root + "/" + n + ".mustache", e);
              }
            });
    StringWriter out = new StringWriter(32 * 1024);
    try {
      mustache.execute(out, List.of(scopes)).flush();
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
