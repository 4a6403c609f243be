package dev.trustcenter.content;

import java.util.Objects;

/**
 * A human-readable text in every supported language. Texts are plain text: they are never HTML, and
 * every renderer escapes them.
 */
public record Text(String es, String en) {

  public Text {
    Objects.requireNonNull(es, "es");
    Objects.requireNonNull(en, "en");
  }

  public static Text of(String es, String en) {
    return new Text(es, en);
  }

  /** The text in the given language. */
  public String in(Language language) {
    return switch (language) {
      case ES -> es;
      case EN -> en;
    };
  }
}
