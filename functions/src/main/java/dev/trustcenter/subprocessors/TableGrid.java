package dev.trustcenter.subprocessors;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;

/**
 * A {@code <table>} expanded into a rectangular grid, with every {@code rowspan}/{@code colspan}
 * cell repeated in each slot it covers, so that a column index means the same column on every row.
 * Rows come from the table's own {@code thead}, {@code tbody}, {@code tfoot} (not from nested
 * tables). Spans are clamped like browsers do (colspan ≤ 1000, rowspan to the end of the table;
 * rowspan="0" spans to the end), and the grid is capped in width and by a shared cell budget so a
 * hostile page cannot make it explode.
 */
final class TableGrid {

  /** A source cell; one instance is shared by all the slots a span covers. */
  static final class Cell {
    final Element element;
    private List<String> lines;

    Cell(Element element) {
      this.element = element;
    }

    /** The cell's text split on {@code <br>}, {@code <p>}, {@code <li>} …, computed once. */
    List<String> lines() {
      if (lines == null) {
        lines = PageText.lines(element, false);
      }
      return lines;
    }

    String text() {
      return String.join(" ", lines());
    }
  }

  /** Mutable count of grid slots still allowed for the page being parsed. */
  static final class Budget {
    private long remaining;

    Budget(long slots) {
      this.remaining = slots;
    }

    void spend(long slots) throws PageParseException {
      remaining -= slots;
      if (remaining < 0) {
        throw new PageParseException(
            "page is too large or too complex to parse (table grid over budget)");
      }
    }
  }

  static final int MAX_COLUMNS = 64;
  private static final Set<String> ARIA_CELLS =
      Set.of("cell", "gridcell", "columnheader", "rowheader");
  private static final int MAX_COLSPAN = 1000;

  private final List<Cell[]> rows;
  private final int width;

  private TableGrid(List<Cell[]> rows, int width) {
    this.rows = rows;
    this.width = width;
  }

  /** The grid of an HTML {@code <table>}. */
  static TableGrid of(Element table, Budget budget) throws PageParseException {
    List<Element> trs = new ArrayList<>();
    for (Element child : table.children()) {
      String tag = child.normalName();
      if (tag.equals("tr")) {
        trs.add(child);
      } else if (tag.equals("thead") || tag.equals("tbody") || tag.equals("tfoot")) {
        for (Element tr : child.children()) {
          if (tr.normalName().equals("tr")) {
            trs.add(tr);
          }
        }
      }
    }
    List<List<Element>> rows = new ArrayList<>(trs.size());
    for (Element tr : trs) {
      List<Element> cells = new ArrayList<>();
      for (Element td : tr.children()) {
        if (td.normalName().equals("td") || td.normalName().equals("th")) {
          cells.add(td);
        }
      }
      rows.add(cells);
    }
    return build(rows, budget);
  }

  /**
   * The grid of an ARIA table built from {@code div}s ({@code role="table"}/{@code "grid"} with
   * {@code role="row"} and {@code role="cell"/"gridcell"/"columnheader"/"rowheader"}), which
   * component libraries render instead of {@code <table>}. Rows of nested tables are not taken.
   */
  static TableGrid ofAria(Element table, Budget budget) throws PageParseException {
    List<List<Element>> rows = new ArrayList<>();
    // One walk that stops at nested tables and at cells, so cost stays linear in the page.
    table.filter(
        new NodeFilter() {
          @Override
          public FilterResult head(Node node, int depth) {
            if (!(node instanceof Element el) || node == table) {
              return FilterResult.CONTINUE;
            }
            if (el.normalName().equals("table") || isAriaTable(el)) {
              return FilterResult.SKIP_ENTIRELY;
            }
            String role = el.attr("role");
            if (role.equals("row")) {
              rows.add(new ArrayList<>());
            } else if (!rows.isEmpty() && ARIA_CELLS.contains(role)) {
              rows.get(rows.size() - 1).add(el);
              return FilterResult.SKIP_ENTIRELY;
            }
            return FilterResult.CONTINUE;
          }
        });
    return build(rows, budget);
  }

  static boolean isAriaTable(Element el) {
    String role = el.attr("role");
    return (role.equals("table") || role.equals("grid") || role.equals("treegrid"))
        && !el.normalName().equals("table");
  }

  private static TableGrid build(List<List<Element>> trs, Budget budget) throws PageParseException {
    int rowCount = trs.size();
    budget.spend((long) rowCount * MAX_COLUMNS);
    List<Cell[]> grid = new ArrayList<>(rowCount);
    for (int r = 0; r < rowCount; r++) {
      grid.add(new Cell[MAX_COLUMNS]);
    }
    int width = 0;
    for (int r = 0; r < rowCount; r++) {
      Cell[] row = grid.get(r);
      int col = 0;
      for (Element td : trs.get(r)) {
        while (col < MAX_COLUMNS && row[col] != null) {
          col++;
        }
        if (col >= MAX_COLUMNS) {
          break; // wider than any subprocessor table: the extra columns are ignored
        }
        int colspan =
            Math.min(
                span(td.hasAttr("colspan") ? td.attr("colspan") : td.attr("aria-colspan"), 1),
                MAX_COLSPAN);
        int rowspan = span(td.hasAttr("rowspan") ? td.attr("rowspan") : td.attr("aria-rowspan"), 1);
        if (rowspan == 0 || rowspan > rowCount - r) {
          rowspan = rowCount - r;
        }
        int colEnd = Math.min(MAX_COLUMNS, col + Math.max(colspan, 1));
        budget.spend((long) rowspan * (colEnd - col));
        Cell cell = new Cell(td);
        for (int dr = 0; dr < rowspan; dr++) {
          Cell[] target = grid.get(r + dr);
          for (int c = col; c < colEnd; c++) {
            if (target[c] == null) {
              target[c] = cell;
            }
          }
        }
        col = colEnd;
        width = Math.max(width, colEnd);
      }
    }
    return new TableGrid(grid, width);
  }

  /**
   * Parses a span attribute; browsers treat junk as the default and "0" rowspan as "to the end".
   */
  private static int span(String value, int fallback) {
    String digits = value.strip();
    int end = 0;
    while (end < digits.length() && end < 7 && Character.isDigit(digits.charAt(end))) {
      end++;
    }
    if (end == 0) {
      return fallback;
    }
    return Integer.parseInt(digits.substring(0, end));
  }

  int rowCount() {
    return rows.size();
  }

  int width() {
    return width;
  }

  /** The cell at a slot, or null where the row is shorter than the grid. */
  Cell cell(int row, int column) {
    return column < width ? rows.get(row)[column] : null;
  }

  /** Text of a slot, "" when empty. */
  String text(int row, int column) {
    Cell cell = cell(row, column);
    return cell == null ? "" : cell.text();
  }

  /**
   * True when one source cell spans the row (colspan over at least two columns and no other cell
   * beside it): a label row such as a sub-heading or a note.
   */
  boolean isFullWidthSingleCell(int row) {
    if (width < 2) {
      return false;
    }
    Cell first = cell(row, 0);
    if (first == null || cell(row, 1) != first) {
      return false;
    }
    for (int c = 1; c < width; c++) {
      Cell other = cell(row, c);
      if (other != null && other != first) {
        return false;
      }
    }
    return true;
  }
}
