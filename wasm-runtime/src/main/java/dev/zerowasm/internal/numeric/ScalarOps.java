package dev.zerowasm.internal.numeric;

import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;

/**
 * Integer division and remainder (which trap on a zero divisor and on signed overflow),
 * float-to-integer truncation (trapping and saturating, unsigned) and unsigned 64-bit integer to
 * float conversion. A {@code float} operand is passed widened to {@code double}, which is exact, so
 * one method serves both source types.
 */
public final class ScalarOps {
  private static final double TWO_63 = 0x1p63;
  private static final double TWO_64 = 0x1p64;

  private ScalarOps() {}

  private static TrapException divideByZero() {
    return new TrapException(TrapKind.INTEGER_DIVIDE_BY_ZERO);
  }

  private static TrapException overflow() {
    return new TrapException(TrapKind.INTEGER_OVERFLOW);
  }

  private static TrapException invalidConversion() {
    return new TrapException(TrapKind.INVALID_CONVERSION_TO_INTEGER);
  }

  // ---------------------------------------------------------------- integer division

  /** i32.div_s. */
  public static int i32DivS(int a, int b) {
    if (b == 0) {
      throw divideByZero();
    }
    if (a == Integer.MIN_VALUE && b == -1) {
      throw overflow();
    }
    return a / b;
  }

  /** i32.div_u. */
  public static int i32DivU(int a, int b) {
    if (b == 0) {
      throw divideByZero();
    }
    return Integer.divideUnsigned(a, b);
  }

  /** i32.rem_s; Java's {@code MIN_VALUE % -1} is already 0, as WebAssembly wants. */
  public static int i32RemS(int a, int b) {
    if (b == 0) {
      throw divideByZero();
    }
    return a % b;
  }

  /** i32.rem_u. */
  public static int i32RemU(int a, int b) {
    if (b == 0) {
      throw divideByZero();
    }
    return Integer.remainderUnsigned(a, b);
  }

  /** i64.div_s. */
  public static long i64DivS(long a, long b) {
    if (b == 0) {
      throw divideByZero();
    }
    if (a == Long.MIN_VALUE && b == -1) {
      throw overflow();
    }
    return a / b;
  }

  /** i64.div_u. */
  public static long i64DivU(long a, long b) {
    if (b == 0) {
      throw divideByZero();
    }
    return Long.divideUnsigned(a, b);
  }

  /** i64.rem_s; Java's {@code MIN_VALUE % -1} is already 0. */
  public static long i64RemS(long a, long b) {
    if (b == 0) {
      throw divideByZero();
    }
    return a % b;
  }

  /** i64.rem_u. */
  public static long i64RemU(long a, long b) {
    if (b == 0) {
      throw divideByZero();
    }
    return Long.remainderUnsigned(a, b);
  }

  // ---------------------------------------------------------------- trapping truncation

  /** i32.trunc_f32_s and i32.trunc_f64_s. */
  public static int i32TruncS(double x) {
    if (x != x) {
      throw invalidConversion();
    }
    if (!(x > -2147483649.0 && x < 2147483648.0)) {
      throw overflow();
    }
    return (int) x;
  }

  /** i32.trunc_f32_u and i32.trunc_f64_u. */
  public static int i32TruncU(double x) {
    if (x != x) {
      throw invalidConversion();
    }
    if (!(x > -1.0 && x < 4294967296.0)) {
      throw overflow();
    }
    return (int) (long) x;
  }

  /** i64.trunc_f32_s and i64.trunc_f64_s. */
  public static long i64TruncS(double x) {
    if (x != x) {
      throw invalidConversion();
    }
    if (!(x >= -TWO_63 && x < TWO_63)) {
      throw overflow();
    }
    return (long) x;
  }

  /** i64.trunc_f32_u and i64.trunc_f64_u. */
  public static long i64TruncU(double x) {
    if (x != x) {
      throw invalidConversion();
    }
    if (!(x > -1.0 && x < TWO_64)) {
      throw overflow();
    }
    return toUnsignedLong(x);
  }

  /** {@code x} in [0, 2^64) truncated to an unsigned long; values below 1 give 0. */
  private static long toUnsignedLong(double x) {
    if (x < TWO_63) {
      return (long) x;
    }
    // Above 2^63 a double is an integer: subtract 2^63 exactly and set the top bit.
    return (long) (x - TWO_63) | Long.MIN_VALUE;
  }

  // ---------------------------------------------------------------- saturating truncation
  // Java's casts already saturate the signed ones and map NaN to 0; only unsigned needs help.

  /** i32.trunc_sat_f32_u and i32.trunc_sat_f64_u. */
  public static int i32TruncSatU(double x) {
    if (!(x >= 1.0)) {
      return 0; // NaN, negatives and (-1, 1) all give 0
    }
    if (x >= 4294967296.0) {
      return -1;
    }
    return (int) (long) x;
  }

  /** i64.trunc_sat_f32_u and i64.trunc_sat_f64_u. */
  public static long i64TruncSatU(double x) {
    if (!(x >= 1.0)) {
      return 0;
    }
    if (x >= TWO_64) {
      return -1;
    }
    return toUnsignedLong(x);
  }

  // ---------------------------------------------------------------- unsigned long to float

  /**
   * f32.convert_i64_u with a single rounding: halve (keeping the lost bit as a sticky bit so the
   * rounding stays correct), convert, double.
   */
  public static float f32ConvertI64U(long v) {
    if (v >= 0) {
      return (float) v;
    }
    return (float) ((v >>> 1) | (v & 1)) * 2.0f;
  }

  /** f64.convert_i64_u, as {@link #f32ConvertI64U}. */
  public static double f64ConvertI64U(long v) {
    if (v >= 0) {
      return (double) v;
    }
    return (double) ((v >>> 1) | (v & 1)) * 2.0;
  }
}
