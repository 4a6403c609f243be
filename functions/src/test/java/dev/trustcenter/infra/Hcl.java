package dev.trustcenter.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A small reader of the Terraform files in {@code infra/}: the block structure (type, labels,
 * attributes, nested blocks) with each attribute's expression kept as its source text, plus readers
 * for the literal forms the tests need (strings, lists, objects, references). It understands what
 * HCL's native syntax allows around those: line and block comments, quoted strings with escapes and
 * nested {@code ${...}} templates, heredocs, and expressions that span lines inside brackets. It
 * evaluates nothing: a test that needs a value reads it from the text.
 *
 * <p>hcl4j (the one HCL library on Maven Central) cannot read {@code infra/functions.tf}: its lexer
 * rejects a string template inside a {@code for} expression, so this reader is kept instead, with
 * its own tests.
 */
public final class Hcl {
  private Hcl() {}

  /** A block: {@code resource "type" "name" { ... }}; the file itself is a block with type "". */
  public record Block(
      String type, List<String> labels, Map<String, String> attributes, List<Block> blocks) {
    /** The one nested block of this type. */
    public Block block(String type) {
      List<Block> found = blocks(type);
      if (found.size() != 1) {
        throw new IllegalStateException(
            "expected one "
                + type
                + " block in "
                + this.type
                + " "
                + labels
                + ", found "
                + found.size());
      }
      return found.get(0);
    }

    public List<Block> blocks(String type) {
      return blocks.stream().filter(b -> b.type.equals(type)).toList();
    }

    /** The expression text of an attribute, or null. */
    public String attr(String name) {
      return attributes.get(name);
    }

    /**
     * A resource or data block of the given type and name, or of the given block type and labels.
     */
    public Block find(String type, String... labels) {
      return blocks.stream()
          .filter(b -> b.type.equals(type) && b.labels.equals(List.of(labels)))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no " + type + " " + List.of(labels)));
    }
  }

  /** Every {@code .tf} file directly in {@code dir}, as one body. */
  public static Block readDir(Path dir) {
    List<Block> blocks = new ArrayList<>();
    Map<String, String> attributes = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".tf")).sorted().toList()) {
        Block b = parse(Files.readString(f));
        blocks.addAll(b.blocks());
        attributes.putAll(b.attributes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Block("", List.of(), attributes, blocks);
  }

  /** Parses a file's body. */
  public static Block parse(String text) {
    return new Parser(text).body("", List.of(), false);
  }

  /** All {@code locals} blocks' attributes merged. */
  public static Map<String, String> locals(Block root) {
    Map<String, String> out = new LinkedHashMap<>();
    root.blocks("locals").forEach(b -> out.putAll(b.attributes()));
    return out;
  }

  /**
   * The entries of an object expression {@code { key = value, "key" = value ... }} as key to
   * expression text.
   *
   * @throws IllegalArgumentException if the text is not an object literal
   */
  public static Map<String, String> object(String expr) {
    String t = expr.strip();
    if (!t.startsWith("{") || !t.endsWith("}")) {
      throw new IllegalArgumentException("not an object: " + expr);
    }
    Parser p = new Parser(t.substring(1, t.length() - 1));
    return p.body("{}", List.of(), true).attributes();
  }

  /**
   * The value of one quoted string literal (a template such as {@code ${var.x}} stays as text);
   * fails on anything else.
   */
  public static String string(String expr) {
    String t = expr.strip();
    if (t.length() < 2 || t.charAt(0) != '"' || t.charAt(t.length() - 1) != '"') {
      throw new IllegalArgumentException("not a string literal: " + expr);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < t.length() - 1; i++) {
      char c = t.charAt(i);
      if (c == '\\') {
        char n = t.charAt(++i);
        switch (n) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case '"', '\\' -> out.append(n);
          default ->
              throw new IllegalArgumentException("unsupported escape \\" + n + " in " + expr);
        }
      } else if (c == '"') {
        throw new IllegalArgumentException("not one string literal: " + expr);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The elements of a list literal {@code [a, b, ...]} as expression texts. */
  public static List<String> list(String expr) {
    String t = expr.strip();
    if (!t.startsWith("[") || !t.endsWith("]")) {
      throw new IllegalArgumentException("not a list: " + expr);
    }
    Parser p = new Parser(t.substring(1, t.length() - 1));
    List<String> out = new ArrayList<>();
    while (true) {
      p.skipSpace(true);
      if (p.atEnd()) {
        return out;
      }
      String e = p.expression(true);
      if (!e.isEmpty()) {
        out.add(e);
      }
      p.skipSpace(true);
      if (!p.atEnd() && p.peek() == ',') {
        p.pos++;
      }
    }
  }

  /** A list of string literals. */
  public static List<String> strings(String expr) {
    return list(expr).stream().map(Hcl::string).toList();
  }

  /**
   * Whether the expression is exactly a reference such as {@code google_project_service.enabled}.
   */
  public static boolean isReference(String expr) {
    return expr.strip()
        .matches("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*|\\[\"[^\"]*\"\\])*");
  }

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    boolean atEnd() {
      return pos >= s.length();
    }

    char peek() {
      return s.charAt(pos);
    }

    /** Reads attributes and blocks until the end of input or a closing brace (consumed). */
    Block body(String type, List<String> labels, boolean objectSyntax) {
      Map<String, String> attributes = new LinkedHashMap<>();
      List<Block> blocks = new ArrayList<>();
      while (true) {
        skipSpace(true);
        if (atEnd()) {
          return new Block(type, List.copyOf(labels), attributes, blocks);
        }
        char c = peek();
        if (c == '}') {
          pos++;
          return new Block(type, List.copyOf(labels), attributes, blocks);
        }
        if (objectSyntax && c == ',') {
          pos++;
          continue;
        }
        String name = c == '"' ? string() : identifier();
        skipSpace(false);
        if (!atEnd() && (peek() == '=' || peek() == ':') && !s.startsWith("==", pos)) {
          pos++;
          skipSpace(false);
          String value = expression(objectSyntax);
          if (attributes.put(name, value) != null) {
            throw error("duplicate attribute " + name);
          }
          continue;
        }
        List<String> blockLabels = new ArrayList<>();
        while (!atEnd() && peek() != '{') {
          if (peek() == '"') {
            blockLabels.add(Hcl.string(stringToken()));
          } else {
            blockLabels.add(identifier());
          }
          skipSpace(false);
        }
        if (atEnd()) {
          throw error("expected { after " + name);
        }
        pos++;
        blocks.add(body(name, blockLabels, false));
      }
    }

    String identifier() {
      int start = pos;
      while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '-')) {
        pos++;
      }
      if (start == pos) {
        throw error("expected a name");
      }
      return s.substring(start, pos);
    }

    String string() {
      return Hcl.string(stringToken());
    }

    /** A quoted string token with its quotes, templates included. */
    String stringToken() {
      int start = pos;
      skipString();
      return s.substring(start, pos);
    }

    /**
     * An expression's text: up to a newline (or, in object syntax, a comma) outside any brackets,
     * or the closing brace of the enclosing body (not consumed).
     */
    String expression(boolean objectSyntax) {
      int start = pos;
      int depth = 0;
      while (!atEnd()) {
        char c = peek();
        if (c == '"') {
          skipString();
          continue;
        }
        if (s.startsWith("<<", pos) && depth >= 0 && heredocAhead()) {
          skipHeredoc();
          continue;
        }
        if (c == '#' || s.startsWith("//", pos)) {
          if (depth == 0) {
            break;
          }
          skipLine();
          continue;
        }
        if (s.startsWith("/*", pos)) {
          skipBlockComment();
          continue;
        }
        if (c == '(' || c == '[' || c == '{') {
          depth++;
        } else if (c == ')' || c == ']' || c == '}') {
          if (depth == 0) {
            break;
          }
          depth--;
        } else if (depth == 0 && (c == '\n' || (objectSyntax && c == ','))) {
          break;
        }
        pos++;
      }
      if (depth != 0) {
        throw error("unbalanced brackets in expression");
      }
      return s.substring(start, pos).strip();
    }

    private boolean heredocAhead() {
      return s.substring(pos).matches("(?s)<<-?[A-Za-z_][A-Za-z0-9_]*\\r?\\n.*");
    }

    private void skipHeredoc() {
      pos += 2;
      if (peek() == '-') {
        pos++;
      }
      String marker = identifier();
      int lineEnd = s.indexOf('\n', pos);
      pos = lineEnd + 1;
      while (!atEnd()) {
        int end = s.indexOf('\n', pos);
        String line = (end < 0 ? s.substring(pos) : s.substring(pos, end)).strip();
        pos = end < 0 ? s.length() : end + 1;
        if (line.equals(marker)) {
          pos = end < 0 ? s.length() : end;
          return;
        }
      }
      throw error("unterminated heredoc " + marker);
    }

    /** Skips a quoted string, including nested templates with their own strings. */
    private void skipString() {
      if (peek() != '"') {
        throw error("expected a string");
      }
      pos++;
      while (!atEnd()) {
        char c = peek();
        if (c == '\\') {
          pos += 2;
        } else if (c == '"') {
          pos++;
          return;
        } else if ((c == '$' || c == '%') && s.startsWith("{", pos + 1)) {
          pos += 2;
          int depth = 1;
          while (!atEnd() && depth > 0) {
            char d = peek();
            if (d == '"') {
              skipString();
              continue;
            }
            if (d == '{') {
              depth++;
            } else if (d == '}') {
              depth--;
            }
            pos++;
          }
        } else if (c == '\n') {
          throw error("newline in string");
        } else {
          pos++;
        }
      }
      throw error("unterminated string");
    }

    void skipSpace(boolean newlines) {
      while (!atEnd()) {
        char c = peek();
        if (c == ' ' || c == '\t' || c == '\r' || (newlines && c == '\n')) {
          pos++;
        } else if (newlines && (c == '#' || s.startsWith("//", pos))) {
          skipLine();
        } else if (s.startsWith("/*", pos)) {
          skipBlockComment();
        } else {
          return;
        }
      }
    }

    private void skipLine() {
      int end = s.indexOf('\n', pos);
      pos = end < 0 ? s.length() : end;
    }

    private void skipBlockComment() {
      int end = s.indexOf("*/", pos + 2);
      if (end < 0) {
        throw error("unterminated comment");
      }
      pos = end + 2;
    }

    private IllegalArgumentException error(String message) {
      int line = 1;
      for (int i = 0; i < Math.min(pos, s.length()); i++) {
        if (s.charAt(i) == '\n') {
          line++;
        }
      }
      return new IllegalArgumentException(message + " at line " + line);
    }
  }
}
