package dev.zerowasm.internal.interpreter;


/**
 * The interpreter's float operations whose semantics differ from plain Java operators: rounding
 * and square root with NaN quieting, and min/max, on values in the interpreter's slot encoding (f32
 * as raw bits in the low 32 bits, upper bits zero; f64 as raw bits). Integer division and
 * conversions, shared with the compiler, are in {@link dev.zerowasm.internal.numeric.ScalarOps}.
 *
 * <p>The methods are small and static so the JIT inlines them into the interpreter loop.
 */
final class Numerics {
  private Numerics() {}

  private static final int F32_QUIET = 0x0040_0000;
  private static final long F64_QUIET = 0x0008_0000_0000_0000L;

  /** Encodes a float result as a slot value. */
  static long f32(float f) {
    return Float.floatToRawIntBits(f) & 0xFFFF_FFFFL;
  }

  /** Decodes a slot as a float. */
  static float f32(long slot) {
    return Float.intBitsToFloat((int) slot);
  }

  /** Encodes a double result as a slot value. */
  static long f64(double d) {
    return Double.doubleToRawLongBits(d);
  }

  /** Decodes a slot as a double. */
  static double f64(long slot) {
    return Double.longBitsToDouble(slot);
  }

  /**
   * The result of a unary rounding operation: {@code r} as bits, except that a NaN input gives the
   * input NaN with its quiet bit set (an "arithmetic NaN"), since Java's Math functions may return
   * a signalling NaN unchanged.
   */
  private static long quietF32(long in, float r) {
    float x = Float.intBitsToFloat((int) in);
    if (x != x) {
      return (in | F32_QUIET) & 0xFFFF_FFFFL;
    }
    return f32(r);
  }

  private static long quietF64(long in, double r) {
    double x = Double.longBitsToDouble(in);
    if (x != x) {
      return in | F64_QUIET;
    }
    return Double.doubleToRawLongBits(r);
  }

  static long f32Ceil(long a) {
    return quietF32(a, (float) Math.ceil(f32(a)));
  }

  static long f32Floor(long a) {
    return quietF32(a, (float) Math.floor(f32(a)));
  }

  static long f32Trunc(long a) {
    float x = f32(a);
    return quietF32(a, (float) (x < 0 ? Math.ceil(x) : Math.floor(x)));
  }

  static long f32Nearest(long a) {
    return quietF32(a, (float) Math.rint(f32(a)));
  }

  static long f32Sqrt(long a) {
    return quietF32(a, (float) Math.sqrt(f32(a)));
  }

  static long f64Ceil(long a) {
    return quietF64(a, Math.ceil(f64(a)));
  }

  static long f64Floor(long a) {
    return quietF64(a, Math.floor(f64(a)));
  }

  static long f64Trunc(long a) {
    double x = f64(a);
    return quietF64(a, x < 0 ? Math.ceil(x) : Math.floor(x));
  }

  static long f64Nearest(long a) {
    return quietF64(a, Math.rint(f64(a)));
  }

  static long f64Sqrt(long a) {
    return quietF64(a, Math.sqrt(f64(a)));
  }

  /** f32.min: -0 below +0; any NaN operand gives a quiet NaN (the sum propagates and quiets it). */
  static long f32Min(long a, long b) {
    float x = f32(a);
    float y = f32(b);
    if (x != x || y != y) {
      return f32(x + y);
    }
    return f32(Math.min(x, y));
  }

  static long f32Max(long a, long b) {
    float x = f32(a);
    float y = f32(b);
    if (x != x || y != y) {
      return f32(x + y);
    }
    return f32(Math.max(x, y));
  }

  static long f64Min(long a, long b) {
    double x = f64(a);
    double y = f64(b);
    if (x != x || y != y) {
      return f64(x + y);
    }
    return f64(Math.min(x, y));
  }

  static long f64Max(long a, long b) {
    double x = f64(a);
    double y = f64(b);
    if (x != x || y != y) {
      return f64(x + y);
    }
    return f64(Math.max(x, y));
  }
}
