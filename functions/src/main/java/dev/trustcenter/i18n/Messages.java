package dev.trustcenter.i18n;

import com.google.gson.reflect.TypeToken;
import dev.trustcenter.content.Language;
import dev.trustcenter.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The site's UI strings in one language, from {@code static/messages/<lang>.json}. Placeholders are
 * {@code {0}}, {@code {1}}, ...; plurals are two keys, {@code key_one} and {@code key_other}. Every
 * language must have exactly the same keys, so a missing translation fails at load time instead of
 * showing a blank on the page.
 */
public final class Messages {
  static final String RESOURCE_DIR = "/static/messages/";

  private final Language language;
  private final Map<String, String> strings;

  private Messages(Language language, Map<String, String> strings) {
    this.language = language;
    this.strings = Collections.unmodifiableMap(strings);
  }

  /** The messages of every language, checked to have the same keys. */
  public static Map<Language, Messages> loadAll() {
    return loadAll(RESOURCE_DIR);
  }

  /**
   * The messages of every language from {@code <resourceDir><lang>.json} on the class path (the
   * admin console keeps its own pair in {@code /static/admin/messages/}), checked to have the same
   * keys.
   */
  public static Map<Language, Messages> loadAll(String resourceDir) {
    Map<Language, Messages> all = new EnumMap<>(Language.class);
    Set<String> keys = null;
    for (Language lang : Language.values()) {
      Messages m = load(lang, resourceDir);
      if (keys != null && !keys.equals(m.strings.keySet())) {
        throw new IllegalStateException(
            "messages of " + lang.code() + " do not have the same keys as the other languages");
      }
      keys = m.strings.keySet();
      all.put(lang, m);
    }
    return all;
  }

  static Messages load(Language lang) {
    return load(lang, RESOURCE_DIR);
  }

  private static Messages load(Language lang, String resourceDir) {
    String resource = resourceDir + lang.code() + ".json";
    try (InputStream in = Messages.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("site messages missing from the jar: " + resource);
      }
      Map<String, String> strings =
          Json.read(
              new String(in.readAllBytes(), StandardCharsets.UTF_8),
              new TypeToken<LinkedHashMap<String, String>>() {}.getType());
      strings.forEach(
          (k, v) -> {
            if (v == null || v.isBlank()) {
              throw new IllegalStateException("empty message " + k + " in " + resource);
            }
          });
      return new Messages(lang, strings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Language language() {
    return language;
  }

  /** Every string, for templates ({@code {{m.key}}}). */
  public Map<String, String> all() {
    return strings;
  }

  /** The string for {@code key}. */
  public String get(String key) {
    return Objects.requireNonNull(strings.get(key), () -> "no message " + key);
  }

  /** The string for {@code key} with {@code {0}}, {@code {1}}, ... replaced by {@code args}. */
  public String format(String key, Object... args) {
    String text = get(key);
    for (int i = 0; i < args.length; i++) {
      text = text.replace("{" + i + "}", String.valueOf(args[i]));
    }
    return text;
  }

  /** {@code key_one} for a count of 1, else {@code key_other}, with the count as {@code {0}}. */
  public String plural(String key, int count) {
    return format(key + (count == 1 ? "_one" : "_other"), count);
  }
}
