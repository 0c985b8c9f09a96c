package dev.zerowasm.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of a Java source file's string literals, for checking that an output block of the docs
 * is what a test expects. Literals joined by {@code +} are concatenated ({@code "a\n" + "b\n"} is
 * {@code a\nb\n}); any other code between two literals starts a new line, so unrelated literals
 * never run together. Escapes are decoded; text blocks are taken as written (minus the common
 * indentation, which does not matter because lines are compared stripped).
 */
final class JavaLiterals {
  private JavaLiterals() {}

  /** The lines of the concatenated literals of {@code source}. */
  static List<String> lines(String source) {
    StringBuilder text = new StringBuilder();
    int i = 0;
    int lastEnd = -1;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '/') {
        i = skipTo(source, i, "\n");
      } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '*') {
        i = skipTo(source, i + 2, "*/") + 1;
      } else if (c == '\'') {
        // A char literal: skip it so a '"' inside is not taken for a string.
        i = source.charAt(i + 1) == '\\' ? source.indexOf('\'', i + 3) + 1 : i + 3;
      } else if (c == '"') {
        boolean joined = lastEnd >= 0 && source.substring(lastEnd, i).strip().equals("+");
        if (!joined) {
          text.append('\n');
        }
        StringBuilder literal = new StringBuilder();
        if (source.startsWith("\"\"\"", i)) {
          int end = source.indexOf("\"\"\"", i + 3);
          literal.append(source, source.indexOf('\n', i) + 1, end);
          i = end + 3;
        } else {
          for (i++; source.charAt(i) != '"'; i++) {
            char d = source.charAt(i);
            if (d == '\\') {
              i++;
              d = unescape(source.charAt(i));
            }
            literal.append(d);
          }
          i++;
        }
        text.append(literal);
        lastEnd = i;
      } else {
        i++;
      }
    }
    List<String> lines = new ArrayList<>();
    for (String line : text.toString().split("\n", -1)) {
      lines.add(line);
    }
    return lines;
  }

  private static int skipTo(String source, int from, String end) {
    int at = source.indexOf(end, from);
    return at < 0 ? source.length() : at + 1;
  }

  private static char unescape(char c) {
    switch (c) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case '0':
        return '\0';
      default:
        return c; // \" \\ \'
    }
  }
}
