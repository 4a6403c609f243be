package dev.trustcenter.site;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What a render derived from its inputs (a page's {@link Fingerprint}, a control's line of the
 * trust center page), kept by key (a page's path) until the next render: a value {@linkplain
 * Object#equals equal} to the one last derived under its key gets what was derived from it, without
 * deriving it again. Only for derivations that give equal results for equal values: {@link
 * Fingerprint#of} (equal values walk alike: records, lists, maps, strings, numbers of one type,
 * enums and times compare as they are walked; where equality is stricter than the walk, a {@code 1}
 * and a {@code 1L}, the value is simply walked again), and rendering a template.
 *
 * <p>Each render takes a {@link #round()}: what it derives replaces, at its {@link Round#close()},
 * what the last round kept, so keys no longer rendered are forgotten. Rounds may run at once; the
 * last to close is kept.
 *
 * @param <R> what is derived
 */
final class Memo<R> {
  private record Kept<R>(Object value, R derived) {}

  private final Function<Object, R> derive;
  private volatile Map<String, Kept<R>> last = Map.of();

  /** Derives with {@code derive} what it does not have. */
  Memo(Function<Object, R> derive) {
    this.derive = derive;
  }

  Round round() {
    return new Round();
  }

  /** One render's derivations. Not thread-safe. */
  final class Round {
    private final Map<String, Kept<R>> previous = last;
    private final Map<String, Kept<R>> next = new HashMap<>();

    /** What is derived from {@code value}, kept under {@code key}. */
    R of(String key, Object value) {
      Kept<R> k = previous.get(key);
      if (k == null || !k.value().equals(value)) {
        k = new Kept<>(value, derive.apply(value));
      }
      next.put(key, k);
      return k.derived();
    }

    /** Keeps this round's derivations for the next. */
    void close() {
      last = next;
    }
  }
}
