package dev.trustcenter.site;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The fingerprint of what a page is rendered from ({@link SiteRenderer.Reuse}): 128 bits of the
 * SHA-256 of a value walked as it is, each part tagged with its kind and each string, list and
 * record with its length, so two different values never encode alike. It writes no text: the JSON
 * it replaces spent most of a publish escaping strings.
 *
 * <p>A map's entries are taken in the order of their keys, so the same values give the same
 * fingerprint in every process (the iteration order of an immutable map changes from one run to the
 * next). Records, lists, maps, strings, numbers, booleans, enums, {@link Instant} and {@link
 * LocalDate} are walked; any other kind is refused rather than fingerprinted by its identity.
 */
final class Fingerprint {
  /** A record class's name, as the bytes walked, and its components' accessors. */
  private record Shape(byte[] name, Method[] accessors) {}

  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          RecordComponent[] components = type.getRecordComponents();
          Method[] out = new Method[components.length];
          for (int i = 0; i < components.length; i++) {
            out[i] = components[i].getAccessor();
            out[i].setAccessible(true);
          }
          return new Shape(type.getName().getBytes(StandardCharsets.UTF_8), out);
        }
      };

  /**
   * One per thread, reset for each fingerprint: a publish takes hundreds, and a new digest and
   * buffer for each cost more than walking most values.
   */
  private static final ThreadLocal<Fingerprint> REUSED = ThreadLocal.withInitial(Fingerprint::new);

  private final MessageDigest digest;
  private final byte[] buffer = new byte[8192];
  private int used;
  private boolean busy;

  private Fingerprint() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256", e);
    }
  }

  /** The fingerprint of {@code value}, 32 hex digits. */
  static String of(Object value) {
    Fingerprint f = REUSED.get();
    if (f.busy) {
      // Taken again while walking (an accessor that fingerprints): a fresh one.
      f = new Fingerprint();
    }
    f.busy = true;
    try {
      f.digest.reset();
      f.used = 0;
      f.value(value);
      f.flush();
      return HexFormat.of().formatHex(f.digest.digest(), 0, 16);
    } finally {
      f.busy = false;
    }
  }

  private void value(Object v) {
    if (v == null) {
      tag(0);
    } else if (v instanceof String s) {
      tag(1);
      string(s);
    } else if (v instanceof Record r) {
      tag(2);
      Shape shape = SHAPES.get(r.getClass());
      bytes(shape.name());
      Method[] accessors = shape.accessors();
      number(accessors.length);
      for (Method m : accessors) {
        value(component(m, r));
      }
    } else if (v instanceof Collection<?> c) {
      tag(3);
      number(c.size());
      for (Object o : c) {
        value(o);
      }
    } else if (v instanceof Map<?, ?> m) {
      tag(4);
      number(m.size());
      List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
      entries.sort(Comparator.comparing(e -> String.valueOf(e.getKey())));
      for (Map.Entry<?, ?> e : entries) {
        value(e.getKey());
        value(e.getValue());
      }
    } else if (v instanceof Boolean b) {
      tag(b ? 5 : 6);
    } else if (v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte) {
      tag(7);
      number(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      tag(8);
      number(Double.doubleToLongBits(((Number) v).doubleValue()));
    } else if (v instanceof Number n) {
      // A number as parsed from JSON (Gson's lazily parsed one), BigDecimal: as written.
      tag(9);
      string(n.toString());
    } else if (v instanceof Enum<?> e) {
      tag(10);
      string(e.getDeclaringClass().getName());
      string(e.name());
    } else if (v instanceof Instant i) {
      tag(11);
      number(i.getEpochSecond());
      number(i.getNano());
    } else if (v instanceof LocalDate d) {
      tag(12);
      number(d.toEpochDay());
    } else {
      throw new IllegalArgumentException("cannot fingerprint a " + v.getClass().getName());
    }
  }

  private static Object component(Method accessor, Record r) {
    try {
      return accessor.invoke(r);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private void tag(int tag) {
    room(1);
    buffer[used++] = (byte) tag;
  }

  private void number(long n) {
    room(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buffer[used++] = (byte) (n >>> shift);
    }
  }

  private void string(String s) {
    bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  private void bytes(byte[] bytes) {
    number(bytes.length);
    if (bytes.length > buffer.length) {
      flush();
      digest.update(bytes);
      return;
    }
    room(bytes.length);
    System.arraycopy(bytes, 0, buffer, used, bytes.length);
    used += bytes.length;
  }

  private void room(int n) {
    if (used + n > buffer.length) {
      flush();
    }
  }

  private void flush() {
    digest.update(buffer, 0, used);
    used = 0;
  }
}
