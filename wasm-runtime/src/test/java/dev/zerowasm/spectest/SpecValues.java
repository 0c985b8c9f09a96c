package dev.zerowasm.spectest;

import java.util.List;
import java.util.Map;

/**
 * Converts the spec test values ({@code {"type": "i32", "value": "42"}}) to the {@code long}
 * encoding of {@link dev.zerowasm.api.Function#call} and compares results bit for bit, with the NaN
 * rules of the test suite's README.
 */
final class SpecValues {
  private SpecValues() {}

  /** The number of {@code long} slots a value of {@code type} takes (v128 takes two). */
  static int slots(String type) {
    return "v128".equals(type) ? 2 : 1;
  }

  /** Encodes the argument values into call slots. */
  static long[] encodeArgs(List<Object> args) {
    int n = 0;
    for (Object a : args) {
      n += slots(type(a));
    }
    long[] out = new long[n];
    int i = 0;
    for (Object a : args) {
      Map<String, Object> value = map(a);
      String type = type(a);
      if ("v128".equals(type)) {
        long[] v = v128(value);
        out[i++] = v[0];
        out[i++] = v[1];
      } else {
        out[i++] = scalar(type, (String) value.get("value"));
      }
    }
    return out;
  }

  /** Encodes one non-v128 value (never a NaN pattern). */
  static long scalar(String type, String value) {
    switch (type) {
      case "i32":
        return Integer.parseUnsignedInt(value);
      case "f32":
        return Integer.toUnsignedLong(Integer.parseUnsignedInt(value));
      case "i64":
      case "f64":
        return Long.parseUnsignedLong(value);
      case "externref":
      case "funcref":
        // Host reference N is the non-null opaque handle N + 1; 0 is null.
        return "null".equals(value) ? 0 : Long.parseLong(value) + 1;
      default:
        throw new IllegalArgumentException("unsupported value type " + type);
    }
  }

  /** The 16 bytes of a v128 value as {low, high} longs, lanes little-endian. */
  static long[] v128(Map<String, Object> value) {
    String laneType = (String) value.get("lane_type");
    @SuppressWarnings("unchecked")
    List<Object> lanes = (List<Object>) value.get("value");
    int laneBits = laneBits(laneType);
    long[] out = new long[2];
    for (int lane = 0; lane < lanes.size(); lane++) {
      long bits = Long.parseUnsignedLong((String) lanes.get(lane));
      int bit = lane * laneBits;
      long mask = laneBits == 64 ? -1L : (1L << laneBits) - 1;
      out[bit / 64] |= (bits & mask) << (bit % 64);
    }
    return out;
  }

  private static int laneBits(String laneType) {
    switch (laneType) {
      case "i8":
        return 8;
      case "i16":
        return 16;
      case "i32":
      case "f32":
        return 32;
      case "i64":
      case "f64":
        return 64;
      default:
        throw new IllegalArgumentException("unknown lane type " + laneType);
    }
  }

  /**
   * Compares {@code actual} with the expected values; returns null when they match, else a message
   * saying which result differs.
   */
  static String mismatch(List<Object> expected, long[] actual) {
    int slots = 0;
    for (Object e : expected) {
      slots += slots(type(e));
    }
    if (slots != actual.length) {
      return "expected "
          + expected.size()
          + " result(s) "
          + describe(expected)
          + " but got "
          + actual.length
          + " slot(s) "
          + java.util.Arrays.toString(actual);
    }
    int i = 0;
    for (int r = 0; r < expected.size(); r++) {
      Map<String, Object> e = map(expected.get(r));
      String type = type(e);
      boolean ok;
      String got;
      if ("v128".equals(type)) {
        ok = v128Matches(e, actual[i], actual[i + 1]);
        got = "0x" + Long.toHexString(actual[i + 1]) + ":" + Long.toHexString(actual[i]);
        i += 2;
      } else {
        ok = scalarMatches(type, (String) e.get("value"), actual[i]);
        got = show(type, actual[i]);
        i++;
      }
      if (!ok) {
        return "result "
            + r
            + ": expected "
            + type
            + " "
            + e.get("value")
            + " but got "
            + got
            + " (all: "
            + describe(expected)
            + " vs "
            + java.util.Arrays.toString(actual)
            + ")";
      }
    }
    return null;
  }

  static boolean scalarMatches(String type, String expected, long actual) {
    switch (type) {
      case "i32":
        return (int) actual == Integer.parseUnsignedInt(expected);
      case "f32":
        return f32Matches(expected, (int) actual);
      case "i64":
        return actual == Long.parseUnsignedLong(expected);
      case "f64":
        return f64Matches(expected, actual);
      case "externref":
      case "funcref":
        return actual == scalar(type, expected);
      default:
        throw new IllegalArgumentException("unsupported value type " + type);
    }
  }

  private static boolean f32Matches(String expected, int bits) {
    switch (expected) {
      case "nan:canonical":
        return (bits & 0x7fffffff) == 0x7fc00000;
      case "nan:arithmetic":
        return (bits & 0x7fc00000) == 0x7fc00000;
      default:
        return bits == Integer.parseUnsignedInt(expected);
    }
  }

  private static boolean f64Matches(String expected, long bits) {
    switch (expected) {
      case "nan:canonical":
        return (bits & 0x7fffffffffffffffL) == 0x7ff8000000000000L;
      case "nan:arithmetic":
        return (bits & 0x7ff8000000000000L) == 0x7ff8000000000000L;
      default:
        return bits == Long.parseUnsignedLong(expected);
    }
  }

  private static boolean v128Matches(Map<String, Object> expected, long low, long high) {
    String laneType = (String) expected.get("lane_type");
    @SuppressWarnings("unchecked")
    List<Object> lanes = (List<Object>) expected.get("value");
    int laneBits = laneBits(laneType);
    for (int lane = 0; lane < lanes.size(); lane++) {
      int bit = lane * laneBits;
      long word = bit < 64 ? low : high;
      long mask = laneBits == 64 ? -1L : (1L << laneBits) - 1;
      long actual = (word >>> (bit % 64)) & mask;
      String e = (String) lanes.get(lane);
      boolean ok;
      if ("f32".equals(laneType)) {
        ok = f32Matches(e, (int) actual);
      } else if ("f64".equals(laneType)) {
        ok = f64Matches(e, actual);
      } else {
        ok = actual == (Long.parseUnsignedLong(e) & mask);
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String show(String type, long v) {
    switch (type) {
      case "i32":
        return Integer.toUnsignedString((int) v) + " (" + (int) v + ")";
      case "f32":
        return Integer.toUnsignedString((int) v) + " (" + Float.intBitsToFloat((int) v) + ")";
      case "f64":
        return Long.toUnsignedString(v) + " (" + Double.longBitsToDouble(v) + ")";
      default:
        return Long.toUnsignedString(v);
    }
  }

  /** E.g. {@code [i32 1, f64 nan:canonical]}. */
  static String describe(List<Object> values) {
    StringBuilder sb = new StringBuilder("[");
    for (Object v : values) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      Map<String, Object> m = map(v);
      sb.append(m.get("type"));
      if (m.containsKey("value")) {
        sb.append(' ').append(m.get("value"));
      }
    }
    return sb.append(']').toString();
  }

  static String type(Object value) {
    return (String) map(value).get("type");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }
}
