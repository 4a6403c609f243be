package dev.trustcenter.http;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * What the Atom feeds (the API's and the site's) write through a {@link XMLStreamWriter}: text from
 * the data is always escaped by the writer, and first cleaned of what XML 1.0 cannot carry at all.
 */
public final class Xml {
  private Xml() {}

  /**
   * Drops what XML 1.0 cannot represent even escaped: C0 controls but tab and newlines, U+FFFE/F,
   * lone surrogates.
   */
  public static String clean(String s) {
    return plain(s) ? s : everyCodePoint(s);
  }

  /** {@link #clean} looking at every code point; {@code clean} skips it when nothing would go. */
  static String everyCodePoint(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints()
        .filter(
            c ->
                c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || c >= 0x10000)
        .forEach(b::appendCodePoint);
    return b.toString();
  }

  /**
   * Whether {@code s} has nothing {@link #clean} drops, told char by char without a surrogate among
   * them (most text; feeds and sitemaps clean thousands of strings per publish).
   */
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 0x20 && c <= 0xD7FF)
              || c == 0x9
              || c == 0xA
              || c == 0xD
              || (c >= 0xE000 && c <= 0xFFFD);
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** {@code <name>text</name>}, the text cleaned and escaped. */
  public static void element(XMLStreamWriter w, String name, String text)
      throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(clean(text));
    w.writeEndElement();
  }

  /** An Atom {@code <link rel type href/>}. */
  public static void link(XMLStreamWriter w, String rel, String type, String href)
      throws XMLStreamException {
    w.writeEmptyElement("link");
    w.writeAttribute("rel", rel);
    w.writeAttribute("type", type);
    w.writeAttribute("href", clean(href));
  }
}
