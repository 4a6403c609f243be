package dev.trustcenter.subprocessors;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds the "Last modified: November 3, 2025" (Google) / "Last Updated: October 1, 2025"
 * (Cloudflare) date of a page.
 *
 * <p>Contract: returns the first labelled date in document order outside navigation and footer
 * (devsite pages also carry a "Last updated YYYY-MM-DD UTC" build stamp in the footer, which is not
 * the legal date), or {@code null} when there is none or it is not a real calendar date. Accepted:
 * "Month D, YYYY", "Mon. D YYYY", "D Month YYYY", ISO "YYYY-MM-DD", any case, NBSP, "Last updated
 * on", "Last revised". Numeric forms like 10/01/2025 are ignored: the day/month order is ambiguous.
 */
final class PageDates {

  private static final String MONTH =
      "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
  private static final Pattern LABELLED =
      Pattern.compile(
          "last\\s+(?:modified|updated|revised|reviewed|changed)(?:\\s+(?:on|date|at))?\\s*[:\\-\\u2013\\u2014]?\\s*"
              + "(?:"
              + MONTH
              + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})"
              + "|(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?"
              + MONTH
              + "\\.?,?\\s+(\\d{4})"
              + "|(\\d{4})-(\\d{1,2})-(\\d{1,2})"
              + ")",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern LABEL_ONLY =
      Pattern.compile(
          "last\\s+(?:modified|updated|revised|reviewed|changed)", Pattern.CASE_INSENSITIVE);
  private static final Pattern ISO = Pattern.compile("^(\\d{4})-(\\d{2})-(\\d{2})");

  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("jan", 1),
          Map.entry("feb", 2),
          Map.entry("mar", 3),
          Map.entry("apr", 4),
          Map.entry("may", 5),
          Map.entry("jun", 6),
          Map.entry("jul", 7),
          Map.entry("aug", 8),
          Map.entry("sep", 9),
          Map.entry("oct", 10),
          Map.entry("nov", 11),
          Map.entry("dec", 12));

  private PageDates() {}

  static LocalDate find(Document doc) {
    Element root = doc.body() != null ? doc.body() : doc;
    String text = String.join("\n", PageText.lines(root, true));
    Matcher m = LABELLED.matcher(text);
    while (m.find()) {
      LocalDate date = toDate(m);
      if (date != null) {
        return date;
      }
    }
    // <time datetime="2025-10-01">1 Oct</time> next to the label: the attribute has the year.
    for (Element time : doc.select("time[datetime]")) {
      Element parent = time.parent();
      if (parent != null && LABEL_ONLY.matcher(parent.text()).find()) {
        Matcher iso = ISO.matcher(time.attr("datetime").strip());
        if (iso.find()) {
          LocalDate date = of(iso.group(1), Integer.parseInt(iso.group(2)), iso.group(3));
          if (date != null) {
            return date;
          }
        }
      }
    }
    return null;
  }

  private static LocalDate toDate(Matcher m) {
    if (m.group(1) != null) {
      return of(m.group(3), month(m.group(1)), m.group(2));
    }
    if (m.group(5) != null) {
      return of(m.group(6), month(m.group(5)), m.group(4));
    }
    return of(m.group(7), Integer.parseInt(m.group(8)), m.group(9));
  }

  private static int month(String name) {
    return MONTHS.get(name.substring(0, 3).toLowerCase(Locale.ROOT));
  }

  private static LocalDate of(String year, int month, String day) {
    try {
      return LocalDate.of(Integer.parseInt(year), month, Integer.parseInt(day));
    } catch (DateTimeException | NumberFormatException e) {
      return null; // "February 30": not a date, so no date rather than a wrong one
    }
  }
}
