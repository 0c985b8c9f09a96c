package dev.zerowasm.gojs.internal;

import java.math.BigDecimal;

/** JavaScript's conversions ({@code String(v)}, {@code Number(v)}) over the Java value model. */
public final class JsTypes {
  private JsTypes() {}

  /** JavaScript's {@code String(v)}. */
  public static String toJsString(Object v) {
    if (v == null) {
      return "null";
    } else if (v instanceof String) {
      return (String) v;
    } else if (v instanceof Double) {
      return numberToString((Double) v);
    } else if (v instanceof Number) {
      return numberToString(((Number) v).doubleValue());
    }
    // Boolean, Undefined and objects print through toString(), which each type gives JS's form.
    return v.toString();
  }

  /**
   * Formats a number as JavaScript does: integers without a fraction, {@code NaN}, {@code
   * Infinity}, and otherwise the shortest decimal that reads back to the same double.
   */
  public static String numberToString(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    } else if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    } else if (d == 0) {
      return "0";
    } else if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      return new BigDecimal(d).toPlainString();
    }
    // Double.toString gives the shortest round-tripping digits but Java's exponent style.
    String s = Double.toString(d);
    int e = s.indexOf('E');
    if (e < 0) {
      return s;
    }
    BigDecimal bd = new BigDecimal(s).stripTrailingZeros();
    int exponent = bd.precision() - bd.scale() - 1;
    if (exponent >= -6 && exponent < 21) {
      return bd.toPlainString();
    }
    String mantissa = s.substring(0, e);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    int exp = Integer.parseInt(s.substring(e + 1));
    return mantissa + "e" + (exp >= 0 ? "+" : "") + exp;
  }

  /** JavaScript's {@code Number(v)} for the values Go passes around. */
  public static double toNumber(Object v) {
    if (v instanceof Number) {
      return ((Number) v).doubleValue();
    } else if (v == null) {
      return 0;
    } else if (v instanceof Boolean) {
      return (Boolean) v ? 1 : 0;
    } else if (v instanceof String) {
      String s = ((String) v).trim();
      if (s.isEmpty()) {
        return 0;
      }
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  /** JavaScript truthiness. */
  public static boolean truthy(Object v) {
    if (v == null || v == Undefined.INSTANCE) {
      return false;
    } else if (v instanceof Boolean) {
      return (Boolean) v;
    } else if (v instanceof Number) {
      double d = ((Number) v).doubleValue();
      return d != 0 && !Double.isNaN(d);
    } else if (v instanceof String) {
      return !((String) v).isEmpty();
    }
    return true;
  }

  /** The array index a property key names ({@code "0"}, {@code "12"}), or -1 if it names none. */
  public static int arrayIndex(String key) {
    int n = key.length();
    if (n == 0 || n > 9 || (n > 1 && key.charAt(0) == '0')) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** A Java int or long as a JavaScript number. */
  public static Double num(long v) {
    return (double) v;
  }
}
