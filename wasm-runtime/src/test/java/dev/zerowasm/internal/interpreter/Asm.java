package dev.zerowasm.internal.interpreter;

import java.io.ByteArrayOutputStream;

/** A tiny test-only assembler for function bodies: opcodes and LEB128 immediates. */
final class Asm {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Appends raw opcode bytes (e.g. {@code 0x20}). */
  Asm op(int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
    return this;
  }

  /** Appends an unsigned LEB128. */
  Asm u32(long v) {
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
    return this;
  }

  /** Appends a signed LEB128. */
  Asm s64(long v) {
    while (true) {
      int b = (int) (v & 0x7F);
      v >>= 7;
      boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
      out.write(done ? b : b | 0x80);
      if (done) {
        return this;
      }
    }
  }

  Asm localGet(int i) {
    return op(0x20).u32(i);
  }

  Asm localSet(int i) {
    return op(0x21).u32(i);
  }

  Asm localTee(int i) {
    return op(0x22).u32(i);
  }

  Asm i32(int v) {
    return op(0x41).s64(v);
  }

  Asm i64(long v) {
    return op(0x42).s64(v);
  }

  Asm f32(float v) {
    int bits = Float.floatToRawIntBits(v);
    return f32Bits(bits);
  }

  Asm f32Bits(int bits) {
    return op(0x43, bits & 0xFF, (bits >>> 8) & 0xFF, (bits >>> 16) & 0xFF, bits >>> 24);
  }

  Asm f64(double v) {
    return f64Bits(Double.doubleToRawLongBits(v));
  }

  Asm f64Bits(long bits) {
    op(0x44);
    for (int i = 0; i < 8; i++) {
      out.write((int) (bits >>> (8 * i)) & 0xFF);
    }
    return this;
  }

  Asm call(int f) {
    return op(0x10).u32(f);
  }

  Asm br(int d) {
    return op(0x0C).u32(d);
  }

  Asm brIf(int d) {
    return op(0x0D).u32(d);
  }

  /** block with an empty type (0x40), a value type byte, or a type index (>= 0 as s33). */
  Asm block(int blockType) {
    return op(0x02).blockType(blockType);
  }

  Asm loop(int blockType) {
    return op(0x03).blockType(blockType);
  }

  Asm ifOp(int blockType) {
    return op(0x04).blockType(blockType);
  }

  Asm elseOp() {
    return op(0x05);
  }

  Asm end() {
    return op(0x0B);
  }

  /** Memory instruction with alignment 0 and the given offset. */
  Asm mem(int opcode, long offset) {
    return op(opcode).u32(0).u32(offset);
  }

  /** A 0xFC-prefixed instruction. */
  Asm fc(int sub) {
    return op(0xFC).u32(sub);
  }

  /** A 0xFD-prefixed (SIMD) instruction. */
  Asm simd(int sub) {
    return op(0xFD).u32(sub);
  }

  /** {@code v128.const} with bytes 0..7 from {@code lo} and 8..15 from {@code hi}. */
  Asm v128(long lo, long hi) {
    simd(0x0C);
    for (int i = 0; i < 16; i++) {
      out.write((int) ((i < 8 ? lo : hi) >>> (8 * (i % 8))) & 0xFF);
    }
    return this;
  }

  private Asm blockType(int t) {
    if (t == EMPTY || t >= 0x40) {
      return op(t);
    }
    return s64(t);
  }

  static final int EMPTY = 0x40;
  static final int I32 = 0x7F;
  static final int I64 = 0x7E;
  static final int F32 = 0x7D;
  static final int F64 = 0x7C;
  static final int V128 = 0x7B;

  byte[] bytes() {
    return out.toByteArray();
  }
}
