package dev.zerowasm.internal.simd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader for the spec test commands (objects, arrays, strings, numbers, literals),
 * since the tests have no JSON library. Objects become {@link Map}s, arrays {@link List}s, numbers
 * and literals their source text.
 */
final class MiniJson {
  private final String s;
  private int p;

  private MiniJson(String s) {
    this.s = s;
  }

  /** Parses one JSON value from {@code text}. */
  static Object parse(String text) {
    MiniJson j = new MiniJson(text);
    Object v = j.value();
    return v;
  }

  private void skip() {
    while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
      p++;
    }
  }

  private Object value() {
    skip();
    char c = s.charAt(p);
    if (c == '{') {
      Map<String, Object> m = new LinkedHashMap<>();
      p++;
      skip();
      if (s.charAt(p) == '}') {
        p++;
        return m;
      }
      while (true) {
        skip();
        String k = string();
        skip();
        expect(':');
        m.put(k, value());
        skip();
        if (s.charAt(p) == ',') {
          p++;
        } else {
          expect('}');
          return m;
        }
      }
    }
    if (c == '[') {
      List<Object> l = new ArrayList<>();
      p++;
      skip();
      if (s.charAt(p) == ']') {
        p++;
        return l;
      }
      while (true) {
        l.add(value());
        skip();
        if (s.charAt(p) == ',') {
          p++;
        } else {
          expect(']');
          return l;
        }
      }
    }
    if (c == '"') {
      return string();
    }
    int start = p;
    while (p < s.length() && ",}] \n".indexOf(s.charAt(p)) < 0) {
      p++;
    }
    return s.substring(start, p);
  }

  private String string() {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = s.charAt(p++);
      if (c == '"') {
        return b.toString();
      }
      if (c == '\\') {
        char e = s.charAt(p++);
        switch (e) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'u' -> {
            b.append((char) Integer.parseInt(s.substring(p, p + 4), 16));
            p += 4;
          }
          default -> b.append(e);
        }
      } else {
        b.append(c);
      }
    }
  }

  private void expect(char c) {
    if (s.charAt(p) != c) {
      throw new IllegalArgumentException("expected '" + c + "' at " + p + " in " + s);
    }
    p++;
  }
}
