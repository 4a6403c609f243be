package dev.trustcenter.subprocessors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The table engine both vendor parsers use: finds every {@code <table>} (and ARIA {@code
 * role="table"} grid) of a page, keeps those whose header maps to a name and a country column (see
 * {@link Columns}), reads their rows through a {@link TableGrid} and labels each row with its
 * group.
 *
 * <p>Group of a row: the table's {@code <caption>}; else the nearest preceding heading ({@code
 * h1}–{@code h4}, {@code role="heading"}, an accordion {@code <summary>}, a paragraph that is only
 * bold text) or tab label ({@code role="tabpanel"} with {@code aria-labelledby} / {@code
 * aria-label}), whichever comes last before the table; a label row inside the table (one cell
 * spanning the row) overrides it for the rows below it. Navigation and footer are ignored.
 *
 * <p>Rows: a row without a name is skipped, except that a row with an empty name but countries
 * continues the entity above it (an unmerged "same as above" cell). Rows repeating the header are
 * skipped. Rows with the same {@link UpstreamEntry#key()} are merged (countries and activities
 * united, page order kept). Fails closed with {@link PageParseException} as the {@link
 * SubprocessorPageParser} contract says, and never throws anything else.
 */
final class SubprocessorTables {

  /** Far above any real list page (a few hundred KB); a bigger body is not the page. */
  static final int MAX_HTML_CHARS = 16 * 1024 * 1024;

  /** Grid slots for all tables of one page together. */
  private static final long GRID_BUDGET = 4_000_000;

  /** Where to look for the header row (a title row or two may come first). */
  private static final int HEADER_SEARCH_ROWS = 6;

  private static final int MAX_LABEL_ROW_LENGTH = 100;
  private static final int MAX_HEADING_LENGTH = 200;
  private static final Pattern NOTE_START =
      Pattern.compile(
          "^(?:[*\\u2020\\u2021\\u00A7\\u00B9\\u00B2\\u00B3\\[(]|\\d+\\.?\\s|notes?\\b|footnote|source\\b)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern HEADING_TAG = Pattern.compile("h[1-4]");
  private static final Pattern DATE_LIKE =
      Pattern.compile("(?i)last\\s+(?:modified|updated)|\\d{4}");

  private SubprocessorTables() {}

  /** Parses a page; see the class comment for the rules. */
  static ParsedList parse(String html, String baseUri) throws PageParseException {
    if (html == null || html.isBlank()) {
      throw new PageParseException("page is empty");
    }
    if (html.length() > MAX_HTML_CHARS) {
      throw new PageParseException("page is too large (" + html.length() + " characters)");
    }
    try {
      Document doc = Jsoup.parse(html, baseUri == null ? "" : baseUri);
      Optional<String> challenge = ChallengePages.reason(html, doc);
      if (challenge.isPresent()) {
        throw new PageParseException(challenge.get());
      }
      List<UpstreamEntry> entries = entries(doc);
      return new ParsedList(entries, PageDates.find(doc));
    } catch (RuntimeException | StackOverflowError e) {
      // Fail closed on anything unforeseen in a hostile or broken page rather than crash the sync.
      throw new PageParseException(
          "page could not be parsed (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static List<UpstreamEntry> entries(Document doc) throws PageParseException {
    Map<Element, String> groups = tableGroups(doc);
    TableGrid.Budget budget = new TableGrid.Budget(GRID_BUDGET);
    Map<String, Row> rows = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    int matching = 0;
    for (Map.Entry<Element, String> table : groups.entrySet()) {
      TableGrid grid =
          TableGrid.isAriaTable(table.getKey())
              ? TableGrid.ofAria(table.getKey(), budget)
              : TableGrid.of(table.getKey(), budget);
      Header header = findHeader(grid);
      if (header == null) {
        missingColumn(grid, table.getValue()).ifPresent(missing::add);
        continue;
      }
      matching++;
      readRows(grid, header, table.getValue(), rows);
    }
    if (!missing.isEmpty()) {
      // One table of the list lost a column: a partial list must not replace the stored one.
      throw new PageParseException(missing.get(0));
    }
    if (matching == 0) {
      throw new PageParseException(
          "no table with a name column and a country column ("
              + groups.size()
              + " tables on the page)");
    }
    if (rows.isEmpty()) {
      throw new PageParseException("no rows parsed");
    }
    if (rows.values().stream().allMatch(r -> r.countries.isEmpty())) {
      throw new PageParseException("no country parsed in any row");
    }
    List<UpstreamEntry> entries = new ArrayList<>(rows.size());
    for (Row row : rows.values()) {
      entries.add(row.toEntry());
    }
    return entries;
  }

  private record Header(int lastRow, Columns.Mapping mapping, List<String> labels) {}

  private static Header findHeader(TableGrid grid) {
    int limit = Math.min(HEADER_SEARCH_ROWS, grid.rowCount());
    for (int r = 0; r < limit; r++) {
      List<String> labels = labels(grid, r, -1);
      Columns.Mapping mapping = Columns.map(labels);
      if (mapping.complete()) {
        return new Header(r, mapping, labels);
      }
    }
    // Two-row headers: a spanning "Location" over "Processing | Registration", say.
    for (int r = 0; r + 1 < limit; r++) {
      List<String> labels = labels(grid, r + 1, r);
      Columns.Mapping mapping = Columns.map(labels);
      if (mapping.complete()) {
        return new Header(r + 1, mapping, labels);
      }
    }
    return null;
  }

  /** Header labels of a row, each prefixed by the label above it when {@code above >= 0}. */
  private static List<String> labels(TableGrid grid, int row, int above) {
    List<String> labels = new ArrayList<>(grid.width());
    for (int c = 0; c < grid.width(); c++) {
      String label = PageText.headerKey(grid.text(row, c));
      if (above >= 0 && grid.cell(above, c) != grid.cell(row, c)) {
        label = PageText.normalize(PageText.headerKey(grid.text(above, c)) + " " + label);
      }
      labels.add(label);
    }
    return labels;
  }

  /** Why a table that looks like part of the list cannot be read, if it does. */
  private static Optional<String> missingColumn(TableGrid grid, String group) {
    int limit = Math.min(HEADER_SEARCH_ROWS, grid.rowCount());
    for (int r = 0; r < limit; r++) {
      List<String> labels = labels(grid, r, -1);
      if (Columns.isChangeLog(labels)) {
        return Optional.empty();
      }
      Columns.Mapping mapping = Columns.map(labels);
      if (mapping.name() >= 0 && Columns.isStrongName(labels.get(mapping.name()))) {
        return Optional.of("required column 'country' missing in table under '" + group + "'");
      }
      if (mapping.country() >= 0
          && mapping.activity() >= 0
          && mapping.name() < 0
          && Columns.countryScore(labels.get(mapping.country())) >= 50) {
        return Optional.of("required column 'name' missing in table under '" + group + "'");
      }
    }
    return Optional.empty();
  }

  private static void readRows(
      TableGrid grid, Header header, String tableGroup, Map<String, Row> rows) {
    Columns.Mapping m = header.mapping();
    String group = tableGroup;
    Row previous = null;
    boolean nameHoldsAddress = Columns.nameHoldsAddress(header.labels().get(m.name()));
    for (int r = header.lastRow() + 1; r < grid.rowCount(); r++) {
      if (grid.isFullWidthSingleCell(r)) {
        String label = PageText.clean(grid.text(r, 0));
        if (!label.isEmpty()
            && label.length() <= MAX_LABEL_ROW_LENGTH
            && !NOTE_START.matcher(PageText.normalize(grid.text(r, 0))).find()) {
          group = label;
        }
        previous = null;
        continue;
      }
      if (isRepeatedHeader(grid, r, header)) {
        continue;
      }
      TableGrid.Cell nameCell = grid.cell(r, m.name());
      TableGrid.Cell countryCell = grid.cell(r, m.country());
      TableGrid.Cell activityCell = m.activity() >= 0 ? grid.cell(r, m.activity()) : null;
      String name =
          nameCell == null
              ? ""
              : PageText.clean(
                  nameHoldsAddress
                      ? nameCell.lines().stream().findFirst().orElse("")
                      : String.join(" ", nameCell.lines()));
      List<String> countries =
          countryCell == null ? List.of() : CountrySplitter.splitLines(countryCell.lines());
      List<String> activities = new ArrayList<>();
      if (activityCell != null) {
        for (String line : activityCell.lines()) {
          String cleaned = PageText.clean(line);
          if (!cleaned.isEmpty()) {
            activities.add(cleaned);
          }
        }
      }
      if (name.isEmpty()) {
        if (previous != null && !countries.isEmpty()) {
          previous.add(countries, activities);
        }
        continue;
      }
      Row row = new Row(name, group);
      Row existing = rows.putIfAbsent(row.key(), row);
      previous = existing != null ? existing : row;
      previous.add(countries, activities);
    }
  }

  private static boolean isRepeatedHeader(TableGrid grid, int r, Header header) {
    Columns.Mapping m = header.mapping();
    String name = PageText.headerKey(grid.text(r, m.name()));
    String country = PageText.headerKey(grid.text(r, m.country()));
    if (name.equals(header.labels().get(m.name()))
        && country.equals(header.labels().get(m.country()))) {
      return true;
    }
    // A repeated header worded a little differently still maps by itself.
    return Columns.nameScore(name) > 0
        && Columns.countryScore(country) > 0
        && Columns.map(labels(grid, r, -1)).complete();
  }

  /** A row being built; merges rows that share a key. */
  private static final class Row {
    final String name;
    final String group;
    final Set<String> countries = new LinkedHashSet<>();
    final Set<String> activities = new LinkedHashSet<>();

    Row(String name, String group) {
      this.name = name;
      this.group = group;
    }

    String key() {
      return new UpstreamEntry(name, List.of(), "", group).key();
    }

    void add(List<String> moreCountries, List<String> moreActivities) {
      countries.addAll(moreCountries);
      activities.addAll(moreActivities);
    }

    UpstreamEntry toEntry() {
      return new UpstreamEntry(name, List.copyOf(countries), String.join("; ", activities), group);
    }
  }

  /**
   * Every table outside navigation and footer, in document order, with the group label in force
   * where it starts. One iterative walk, so cost stays linear and deep nesting is safe.
   */
  private static Map<Element, String> tableGroups(Document doc) {
    Map<Element, String> groups = new LinkedHashMap<>();
    Map<Element, String> headingTexts = new IdentityHashMap<>();
    Map<String, Element> ids = new HashMap<>();
    boolean[] idsIndexed = {false};
    Object[] current = {""}; // a heading Element (text computed lazily) or a fixed String label
    int[] chromeDepth = {0};
    NodeTraversor.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {
            if (!(node instanceof Element el)) {
              return;
            }
            if (isChrome(el)) {
              chromeDepth[0]++;
            }
            if (chromeDepth[0] > 0) {
              return;
            }
            String tag = el.normalName();
            if (tag.equals("table") || TableGrid.isAriaTable(el)) {
              Element caption = el.selectFirst("> caption");
              String label =
                  PageText.clean(caption != null ? caption.text() : el.attr("aria-label"));
              groups.put(el, !label.isEmpty() ? label : text(current[0], headingTexts));
            } else if (isHeading(el, tag)) {
              current[0] = el;
            } else if ("tabpanel".equals(el.attr("role"))) {
              String label = tabLabel(el, doc, ids, idsIndexed);
              if (!label.isEmpty()) {
                current[0] = label;
              }
            }
          }

          @Override
          public void tail(Node node, int depth) {
            if (node instanceof Element el && isChrome(el)) {
              chromeDepth[0]--;
            }
          }
        },
        doc);
    return groups;
  }

  private static boolean isChrome(Element el) {
    String tag = el.normalName();
    String role = el.attr("role");
    return tag.equals("nav")
        || tag.equals("footer")
        || role.equals("navigation")
        || role.equals("contentinfo");
  }

  private static boolean isHeading(Element el, String tag) {
    if (HEADING_TAG.matcher(tag).matches()
        || tag.equals("summary")
        || "heading".equals(el.attr("role"))) {
      return true;
    }
    // Rich-text editors often render a section title as a paragraph in bold.
    if (tag.equals("p")
        && el.childrenSize() == 1
        && el.textNodes().stream().allMatch(t -> t.isBlank())) {
      String child = el.child(0).normalName();
      if (child.equals("strong") || child.equals("b")) {
        String text = PageText.normalize(el.text());
        return !text.isEmpty()
            && text.length() <= 80
            && !DATE_LIKE.matcher(text).find()
            && !text.endsWith(".")
            && !text.endsWith(":");
      }
    }
    return false;
  }

  private static String text(Object label, Map<Element, String> cache) {
    if (label instanceof Element heading) {
      return cache.computeIfAbsent(
          heading,
          h -> {
            String text = PageText.clean(String.join(" ", PageText.lines(h, false)));
            return text.length() > MAX_HEADING_LENGTH
                ? text.substring(0, MAX_HEADING_LENGTH).strip()
                : text;
          });
    }
    return (String) label;
  }

  private static String tabLabel(
      Element panel, Document doc, Map<String, Element> ids, boolean[] indexed) {
    String aria = PageText.clean(panel.attr("aria-label"));
    if (!aria.isEmpty()) {
      return aria;
    }
    String labelledBy = panel.attr("aria-labelledby").strip();
    if (labelledBy.isEmpty()) {
      return "";
    }
    if (!indexed[0]) {
      // Built once: a lookup per panel would make many panels quadratic.
      for (Element withId : doc.select("[id]")) {
        ids.putIfAbsent(withId.id(), withId);
      }
      indexed[0] = true;
    }
    Element tab = ids.get(labelledBy.split("\\s+")[0]);
    if (tab == null) {
      return "";
    }
    String text = PageText.clean(tab.text());
    return text.length() > MAX_HEADING_LENGTH ? "" : text;
  }
}
