package dev.trustcenter.subprocessors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * Text helpers shared by the parsers: whitespace and footnote normalisation, and the extraction of
 * an element's text as separate lines (one per {@code <br>}, {@code <p>}, {@code <li>} …), which is
 * how cells that list several values are split.
 */
final class PageText {

  /** Elements whose start and end break a line, as a browser would render them. */
  private static final Set<String> BLOCKS =
      Set.of(
          "p",
          "div",
          "li",
          "ul",
          "ol",
          "dl",
          "dt",
          "dd",
          "tr",
          "table",
          "thead",
          "tbody",
          "tfoot",
          "section",
          "article",
          "blockquote",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "pre",
          "hr",
          "header",
          "footer",
          "details",
          "summary",
          "figure",
          "figcaption",
          "address");

  /** Never visible text. */
  private static final Set<String> INVISIBLE =
      Set.of(
          "script",
          "style",
          "template",
          "noscript",
          "svg",
          "button",
          "iframe",
          "object",
          "select",
          "head");

  /** Site chrome around the article: skipped when looking for the page date. */
  private static final Set<String> CHROME = Set.of("nav", "footer");

  /** Zero-width characters and soft hyphens that editors leave in copied text. */
  private static final Pattern INVISIBLE_CHARS =
      Pattern.compile("[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]");

  private static final Pattern SPACES =
      Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\u2000-\\u200A\\u3000]+");

  /** Footnote marks: asterisks, daggers, superscript digits, bracketed numbers such as [1]. */
  private static final Pattern FOOTNOTES =
      Pattern.compile(
          "\\[\\s*(?:\\d{1,3}|[a-z]|note\\s*\\d{0,3})\\s*]|[*\\u2020\\u2021\\u00A7\\u00B9\\u00B2\\u00B3\\u2070\\u2074-\\u2079]+");

  /** A {@code <sup>} holding only a footnote reference (digits, marks, a letter). */
  private static final Pattern FOOTNOTE_SUP =
      Pattern.compile("[\\s\\d*\\u2020\\u2021\\u00A7,\\[\\]()a-zA-Z]{0,6}");

  private PageText() {}

  /** Trims, turns NBSP and other spaces into one space, drops zero-width characters. */
  static String normalize(String text) {
    if (text == null) {
      return "";
    }
    String visible = INVISIBLE_CHARS.matcher(text).replaceAll("");
    return SPACES.matcher(visible).replaceAll(" ").strip();
  }

  /** {@link #normalize} and removal of footnote marks. */
  static String clean(String text) {
    return normalize(FOOTNOTES.matcher(normalize(text)).replaceAll(" "));
  }

  /** A header label reduced for keyword matching: cleaned, lower-case. */
  static String headerKey(String text) {
    return clean(text).toLowerCase(Locale.ROOT);
  }

  /**
   * The visible text of an element split into normalised, non-empty lines: line breaks come from
   * {@code <br>} and block elements, so "A<br>
   * B" and "
   * <li>A
   * <li>B" both give [A, B]. Link text is kept; footnote {@code <sup>}s, scripts, hidden and
   *     aria-hidden elements are skipped. Iterative (jsoup's traversal), so deep nesting cannot
   *     overflow.
   */
  static List<String> lines(Element element, boolean skipChrome) {
    StringBuilder out = new StringBuilder();
    element.filter(
        new NodeFilter() {
          @Override
          public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode text) {
              out.append(text.getWholeText());
              return FilterResult.CONTINUE;
            }
            if (!(node instanceof Element el)) {
              return FilterResult.SKIP_ENTIRELY;
            }
            String tag = el.normalName();
            if (node != element && skipped(el, tag, skipChrome)) {
              return FilterResult.SKIP_ENTIRELY;
            }
            if (tag.equals("br") || BLOCKS.contains(tag) || tag.equals("td") || tag.equals("th")) {
              out.append('\n');
            }
            return FilterResult.CONTINUE;
          }

          @Override
          public FilterResult tail(Node node, int depth) {
            if (node instanceof Element el
                && (BLOCKS.contains(el.normalName())
                    || el.normalName().equals("td")
                    || el.normalName().equals("th"))) {
              out.append('\n');
            }
            return FilterResult.CONTINUE;
          }
        });
    List<String> lines = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      String normalized = normalize(line);
      if (!normalized.isEmpty()) {
        lines.add(normalized);
      }
    }
    return lines;
  }

  private static boolean skipped(Element el, String tag, boolean skipChrome) {
    if (INVISIBLE.contains(tag)
        || el.hasAttr("hidden")
        || "true".equalsIgnoreCase(el.attr("aria-hidden"))) {
      return true;
    }
    if (skipChrome
        && (CHROME.contains(tag)
            || "navigation".equals(el.attr("role"))
            || "contentinfo".equals(el.attr("role")))) {
      return true;
    }
    return tag.equals("sup") && FOOTNOTE_SUP.matcher(el.text()).matches();
  }
}
