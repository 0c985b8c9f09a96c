package dev.zerowasm.testing;

import dev.zerowasm.internal.wasm.Opcodes;
import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * A tiny test-only assembler for function bodies (and other raw byte runs): opcodes, LEB128
 * immediates and a few common instructions. {@link TestModule} adds the body's final {@code end}.
 */
public final class Asm {
  /** The empty block type ({@code 0x40}). */
  public static final int EMPTY = 0x40;

  /** Block type / value type byte of {@code i32}. */
  public static final int I32 = 0x7F;

  /** Block type / value type byte of {@code i64}. */
  public static final int I64 = 0x7E;

  /** Block type / value type byte of {@code f32}. */
  public static final int F32 = 0x7D;

  /** Block type / value type byte of {@code f64}. */
  public static final int F64 = 0x7C;

  /** Block type / value type byte of {@code v128}. */
  public static final int V128 = 0x7B;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Creates an empty body. */
  public Asm() {}

  /**
   * Appends opcodes as {@link Opcodes} numbers them: {@code 0xFCxx} ({@link Opcodes#PREFIX_FC}) as
   * the 0xFC prefix and LEB128 sub-opcode, {@link Opcodes#PREFIX_SIMD}{@code | sub} as 0xFD and
   * LEB128 sub-opcode, anything smaller as one raw byte (its low 8 bits).
   */
  public Asm op(int... opcodes) {
    for (int op : opcodes) {
      if (op >= Opcodes.PREFIX_SIMD) {
        out.write(0xFD);
        u32(op - Opcodes.PREFIX_SIMD);
      } else if (op >= Opcodes.PREFIX_FC) {
        out.write(0xFC);
        u32(op - Opcodes.PREFIX_FC);
      } else {
        out.write(op);
      }
    }
    return this;
  }

  /** Appends raw bytes (their low 8 bits), e.g. a block type or the lanes of a shuffle. */
  public Asm b(int... bytes) {
    for (int x : bytes) {
      out.write(x);
    }
    return this;
  }

  /** Appends an unsigned LEB128 (indices, counts, memarg fields). */
  public Asm u32(long value) {
    long v = value;
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
    return this;
  }

  /** Appends a signed LEB128 (constants, block type indices). */
  public Asm s64(long value) {
    long v = value;
    while (true) {
      int b = (int) (v & 0x7F);
      v >>= 7;
      // Done when the rest is all sign bits and the sign bit of this byte agrees with them.
      boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
      out.write(done ? b : b | 0x80);
      if (done) {
        return this;
      }
    }
  }

  /** {@code i32.const value}. */
  public Asm i32(int value) {
    return op(Opcodes.I32_CONST).s64(value);
  }

  /** {@code i64.const value}. */
  public Asm i64(long value) {
    return op(Opcodes.I64_CONST).s64(value);
  }

  /** {@code f32.const value}. */
  public Asm f32(float value) {
    return f32Bits(Float.floatToRawIntBits(value));
  }

  /** {@code f32.const} with the raw bits {@code bits} (e.g. a NaN payload). */
  public Asm f32Bits(int bits) {
    op(Opcodes.F32_CONST);
    for (int i = 0; i < 4; i++) {
      out.write(bits >>> (8 * i));
    }
    return this;
  }

  /** {@code f64.const value}. */
  public Asm f64(double value) {
    return f64Bits(Double.doubleToRawLongBits(value));
  }

  /** {@code f64.const} with the raw bits {@code bits}. */
  public Asm f64Bits(long bits) {
    op(Opcodes.F64_CONST);
    for (int i = 0; i < 8; i++) {
      out.write((int) (bits >>> (8 * i)));
    }
    return this;
  }

  /** {@code v128.const} with bytes 0..7 from {@code lo} and 8..15 from {@code hi}. */
  public Asm v128(long lo, long hi) {
    op(Opcodes.V128_CONST);
    for (long half : new long[] {lo, hi}) {
      for (int i = 0; i < 8; i++) {
        out.write((int) (half >>> (8 * i)));
      }
    }
    return this;
  }

  /** {@code local.get index}. */
  public Asm localGet(int index) {
    return op(Opcodes.LOCAL_GET).u32(index);
  }

  /** {@code local.set index}. */
  public Asm localSet(int index) {
    return op(Opcodes.LOCAL_SET).u32(index);
  }

  /** {@code local.tee index}. */
  public Asm localTee(int index) {
    return op(Opcodes.LOCAL_TEE).u32(index);
  }

  /** {@code call function}. */
  public Asm call(int function) {
    return op(Opcodes.CALL).u32(function);
  }

  /** {@code br depth}. */
  public Asm br(int depth) {
    return op(Opcodes.BR).u32(depth);
  }

  /** {@code br_if depth}. */
  public Asm brIf(int depth) {
    return op(Opcodes.BR_IF).u32(depth);
  }

  /**
   * {@code block} with {@code blockType}: {@link #EMPTY}, a value type byte ({@link #I32}...) or a
   * type index (small, written as s33).
   */
  public Asm block(int blockType) {
    return op(Opcodes.BLOCK).blockType(blockType);
  }

  /** {@code loop} with {@code blockType} as in {@link #block}. */
  public Asm loop(int blockType) {
    return op(Opcodes.LOOP).blockType(blockType);
  }

  /** {@code if} with {@code blockType} as in {@link #block}. */
  public Asm ifOp(int blockType) {
    return op(Opcodes.IF).blockType(blockType);
  }

  /** {@code else}. */
  public Asm elseOp() {
    return op(Opcodes.ELSE);
  }

  /** {@code end} (of a block; the body's final one is added by {@link TestModule}). */
  public Asm end() {
    return op(Opcodes.END);
  }

  /** A memory instruction with alignment 0 and {@code offset}. */
  public Asm mem(int opcode, long offset) {
    return mem(opcode, 0, offset);
  }

  /** A memory instruction with its memarg: {@code align} (log2) and {@code offset}. */
  public Asm mem(int opcode, int align, long offset) {
    return op(opcode).u32(align).u32(offset);
  }

  /** The 0xFC-prefixed instruction with sub-opcode {@code sub}. */
  public Asm fc(int sub) {
    return op(Opcodes.PREFIX_FC + sub);
  }

  /** The 0xFD-prefixed (SIMD) instruction with sub-opcode {@code sub}. */
  public Asm simd(int sub) {
    return op(Opcodes.PREFIX_SIMD + sub);
  }

  /** Runs {@code code} on this assembler: for bodies written with loops or conditions. */
  public Asm with(Consumer<Asm> code) {
    code.accept(this);
    return this;
  }

  /** The offset (from the start of these bytes) of the next byte written. */
  public int offset() {
    return out.size();
  }

  /** The bytes written so far. */
  public byte[] bytes() {
    return out.toByteArray();
  }

  private Asm blockType(int type) {
    // 0x40 and the value type bytes are single bytes; type indices are s33 (small ones: s64).
    return type == EMPTY || type >= 0x40 ? b(type) : s64(type);
  }
}
