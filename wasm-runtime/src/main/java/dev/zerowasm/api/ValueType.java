package dev.zerowasm.api;

/**
 * The type of a WebAssembly value, as it appears in function signatures, locals, globals and tables.
 *
 * <p>Every value crosses the Java boundary as a {@code long}: {@code i32} in the low 32 bits (sign
 * extended), {@code i64} as is, {@code f32}/{@code f64} as their raw IEEE-754 bits (see {@link
 * ValueCodec}), and references as opaque handles where {@code 0} is {@code null}.
 */
public enum ValueType {
  /** 32-bit integer. */
  I32(0x7F, "i32"),
  /** 64-bit integer. */
  I64(0x7E, "i64"),
  /** 32-bit IEEE-754 float. */
  F32(0x7D, "f32"),
  /** 64-bit IEEE-754 float. */
  F64(0x7C, "f64"),
  /** 128-bit vector (SIMD); crosses the Java boundary as two longs, low then high. */
  V128(0x7B, "v128"),
  /** A reference to a function, or null. */
  FUNCREF(0x70, "funcref"),
  /** An opaque reference owned by the host, or null. */
  EXTERNREF(0x6F, "externref");

  private final int code;
  private final String text;

  ValueType(int code, String text) {
    this.code = code;
    this.text = text;
  }

  /** The byte that encodes this type in the binary format. */
  public int code() {
    return code;
  }

  /** Whether this is a reference type ({@code funcref} or {@code externref}). */
  public boolean isReference() {
    return this == FUNCREF || this == EXTERNREF;
  }

  /**
   * The type encoded by {@code code} in the binary format, or {@code null} if the byte encodes no
   * value type.
   */
  public static ValueType fromCode(int code) {
    switch (code) {
      case 0x7F:
        return I32;
      case 0x7E:
        return I64;
      case 0x7D:
        return F32;
      case 0x7C:
        return F64;
      case 0x7B:
        return V128;
      case 0x70:
        return FUNCREF;
      case 0x6F:
        return EXTERNREF;
      default:
        return null;
    }
  }

  /** The name used in the text format, e.g. {@code i32}. */
  @Override
  public String toString() {
    return text;
  }
}
