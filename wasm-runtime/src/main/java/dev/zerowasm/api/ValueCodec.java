package dev.zerowasm.api;

/**
 * Encodes Java values into the {@code long} representation used by {@link Function#call} and host
 * functions, and decodes them back.
 *
 * <p>Floats travel as raw bits so that NaN payloads survive the trip unchanged.
 */
public final class ValueCodec {
  private ValueCodec() {}

  /** Encodes an {@code i32}. */
  public static long encodeI32(int value) {
    return value;
  }

  /** Decodes an {@code i32}: the low 32 bits. */
  public static int decodeI32(long encoded) {
    return (int) encoded;
  }

  /** Encodes an {@code f32} as its raw bits. */
  public static long encodeF32(float value) {
    return Float.floatToRawIntBits(value) & 0xFFFF_FFFFL;
  }

  /** Decodes an {@code f32} from its raw bits in the low 32 bits. */
  public static float decodeF32(long encoded) {
    return Float.intBitsToFloat((int) encoded);
  }

  /** Encodes an {@code f64} as its raw bits. */
  public static long encodeF64(double value) {
    return Double.doubleToRawLongBits(value);
  }

  /** Decodes an {@code f64} from its raw bits. */
  public static double decodeF64(long encoded) {
    return Double.longBitsToDouble(encoded);
  }
}
