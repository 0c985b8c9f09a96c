package dev.zerowasm.internal.interpreter;

import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;

/**
 * The WebAssembly numeric operations whose semantics differ from plain Java operators: float
 * rounding with NaN quieting, min/max, float-to-int truncation (trapping and saturating), unsigned
 * int-to-float conversion, and integer division with its traps. Values are in the interpreter's
 * slot encoding: f32 as raw bits in the low 32 bits (upper bits zero), f64 as raw bits.
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

  // ---- integer division ----

  static int i32DivS(int a, int b) {
    if (b == 0) {
      throw new TrapException(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    }
    if (a == Integer.MIN_VALUE && b == -1) {
      throw new TrapException(TrapKind.INTEGER_OVERFLOW);
    }
    return a / b;
  }

  static int i32DivU(int a, int b) {
    if (b == 0) {
      throw new TrapException(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    }
    return Integer.divideUnsigned(a, b);
  }

  /** i32.rem_s; Java's {@code MIN_VALUE % -1} is already 0, as WebAssembly wants. */
  static int i32RemS(int a, int b) {
    if (b == 0) {
      throw new TrapException(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    }
    return a % b;
  }

  static int i32RemU(int a, int b) {
    if (b == 0) {
      throw new TrapException(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    }
    return Integer.remainderUnsigned(a, b);
  }

  static long i64DivS(long a, long b) {
    if (b == 0) {
      throw new TrapException(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    }
    if (a == Long.MIN_VALUE && b == -1) {
      throw new TrapException(TrapKind.INTEGER_OVERFLOW);
    }
    return a / b;
  }

  static long i64DivU(long a, long b) {
    if (b == 0) {
      throw new TrapException(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    }
    return Long.divideUnsigned(a, b);
  }

  static long i64RemS(long a, long b) {
    if (b == 0) {
      throw new TrapException(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    }
    return a % b;
  }

  static long i64RemU(long a, long b) {
    if (b == 0) {
      throw new TrapException(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    }
    return Long.remainderUnsigned(a, b);
  }

  // ---- trapping float -> int truncation ----

  private static TrapException invalidConversion() {
    return new TrapException(TrapKind.INVALID_CONVERSION_TO_INTEGER);
  }

  private static TrapException overflow() {
    return new TrapException(TrapKind.INTEGER_OVERFLOW);
  }

  /** i32.trunc_f32_s and i32.trunc_f64_s (a float widens exactly to double). */
  static int i32TruncS(double x) {
    if (x != x) {
      throw invalidConversion();
    }
    if (!(x > -2147483649.0 && x < 2147483648.0)) {
      throw overflow();
    }
    return (int) x;
  }

  /** i32.trunc_f32_u and i32.trunc_f64_u. */
  static int i32TruncU(double x) {
    if (x != x) {
      throw invalidConversion();
    }
    if (!(x > -1.0 && x < 4294967296.0)) {
      throw overflow();
    }
    return (int) (long) x;
  }

  /** i64.trunc_f32_s and i64.trunc_f64_s. */
  static long i64TruncS(double x) {
    if (x != x) {
      throw invalidConversion();
    }
    if (!(x >= -0x1p63 && x < 0x1p63)) {
      throw overflow();
    }
    return (long) x;
  }

  /** i64.trunc_f32_u and i64.trunc_f64_u. */
  static long i64TruncU(double x) {
    if (x != x) {
      throw invalidConversion();
    }
    if (!(x > -1.0 && x < 0x1p64)) {
      throw overflow();
    }
    return toUnsignedLong(x);
  }

  /** Truncates {@code x} in [0, 2^64) to an unsigned long; values below 1 give 0. */
  private static long toUnsignedLong(double x) {
    if (x < 0x1p63) {
      return (long) x;
    }
    // Above 2^63 a double is an integer; subtract 2^63 exactly and set the top bit.
    return (long) (x - 0x1p63) | Long.MIN_VALUE;
  }

  // ---- saturating truncation (Java's casts already saturate the signed ones and map NaN to 0)
  // ----

  static int i32TruncSatU(double x) {
    if (!(x > 0)) {
      return 0;
    }
    if (x >= 4294967296.0) {
      return -1;
    }
    return (int) (long) x;
  }

  static long i64TruncSatU(double x) {
    if (!(x > 0)) {
      return 0;
    }
    if (x >= 0x1p64) {
      return -1;
    }
    return toUnsignedLong(x);
  }

  // ---- unsigned long -> float ----

  /**
   * Converts an unsigned long to float with a single rounding: halve it (keeping the lost bit as a
   * sticky bit so the rounding stays correct), convert, and double.
   */
  static float u64ToF32(long v) {
    if (v >= 0) {
      return (float) v;
    }
    float f = (float) ((v >>> 1) | (v & 1));
    return f * 2;
  }

  static double u64ToF64(long v) {
    if (v >= 0) {
      return (double) v;
    }
    double d = (double) ((v >>> 1) | (v & 1));
    return d * 2;
  }
}
