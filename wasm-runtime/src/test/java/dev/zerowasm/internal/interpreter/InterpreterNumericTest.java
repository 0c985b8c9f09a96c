package dev.zerowasm.internal.interpreter;

import static dev.zerowasm.api.ValueType.F32;
import static dev.zerowasm.api.ValueType.F64;
import static dev.zerowasm.api.ValueType.I32;
import static dev.zerowasm.api.ValueType.I64;
import static dev.zerowasm.testing.TestModule.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.testing.Asm;
import dev.zerowasm.testing.TestModule;
import org.junit.jupiter.api.Test;

class InterpreterNumericTest {
  /** Runs {@code (param a b) -> r: local.get 0; local.get 1; op}. */
  private static long bin(ValueType in, ValueType out, int op, long a, long b) {
    TestModule m = new TestModule();
    int f =
        m.function(types(in, in), types(out), types(), new Asm().localGet(0).localGet(1).op(op));
    m.instantiate(new InterpreterEngine());
    return m.call1(f, a, b);
  }

  /** Runs {@code (param a) -> r: local.get 0; op} where op may be a 0xFC sub-opcode (>= 0x100). */
  private static long un(ValueType in, ValueType out, int op, long a) {
    TestModule m = new TestModule();
    int f =
        m.function(
            types(in),
            types(out),
            types(),
            new Asm()
                .with(
                    c -> {
                      c.localGet(0);
                      if (op >= 0x100) {
                        c.fc(op - 0x100);
                      } else {
                        c.op(op);
                      }
                    }));
    m.instantiate(new InterpreterEngine());
    return m.call1(f, a);
  }

  private static long f32(float f) {
    return Float.floatToRawIntBits(f) & 0xFFFF_FFFFL;
  }

  private static long f64(double d) {
    return Double.doubleToRawLongBits(d);
  }

  private static TrapKind trapOf(Runnable r) {
    try {
      r.run();
    } catch (TrapException e) {
      return e.kind();
    }
    throw new AssertionError("expected a trap");
  }

  @Test
  void i32Arithmetic() {
    assertThat(bin(I32, I32, 0x6A, 0x7FFF_FFFF, 1)).isEqualTo(Integer.MIN_VALUE);
    assertThat(bin(I32, I32, 0x6B, 0, 1)).isEqualTo(-1);
    assertThat(bin(I32, I32, 0x6C, 0x10000, 0x10000)).isEqualTo(0);
    assertThat(bin(I32, I32, 0x6D, -7, 2)).isEqualTo(-3);
    assertThat(bin(I32, I32, 0x6E, -1, 2)).isEqualTo(0x7FFF_FFFF);
    assertThat(bin(I32, I32, 0x6F, -7, 2)).isEqualTo(-1);
    assertThat(bin(I32, I32, 0x6F, Integer.MIN_VALUE, -1)).isEqualTo(0);
    assertThat(bin(I32, I32, 0x70, -1, 10)).isEqualTo(5);
    assertThat(bin(I32, I32, 0x71, 0b1100, 0b1010)).isEqualTo(0b1000);
    assertThat(bin(I32, I32, 0x72, 0b1100, 0b1010)).isEqualTo(0b1110);
    assertThat(bin(I32, I32, 0x73, 0b1100, 0b1010)).isEqualTo(0b0110);
    assertThat(bin(I32, I32, 0x74, 1, 33)).isEqualTo(2);
    assertThat(bin(I32, I32, 0x75, -8, 1)).isEqualTo(-4);
    assertThat(bin(I32, I32, 0x76, -8, 1)).isEqualTo(0x7FFF_FFFC);
    assertThat(bin(I32, I32, 0x77, 0x8000_0001, 1)).isEqualTo(3);
    assertThat(bin(I32, I32, 0x78, 3, 1)).isEqualTo((long) 0x8000_0001);
    assertThat(un(I32, I32, 0x67, 1)).isEqualTo(31);
    assertThat(un(I32, I32, 0x67, 0)).isEqualTo(32);
    assertThat(un(I32, I32, 0x68, 0x80)).isEqualTo(7);
    assertThat(un(I32, I32, 0x69, -1)).isEqualTo(32);
    assertThat(un(I32, I32, 0x45, 0)).isEqualTo(1);
    assertThat(un(I32, I32, 0xC0, 0x80)).isEqualTo(-128);
    assertThat(un(I32, I32, 0xC1, 0x8000)).isEqualTo(-32768);
  }

  @Test
  void i32DivisionTraps() {
    assertThat(trapOf(() -> bin(I32, I32, 0x6D, 1, 0))).isEqualTo(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    assertThat(trapOf(() -> bin(I32, I32, 0x6D, Integer.MIN_VALUE, -1)))
        .isEqualTo(TrapKind.INTEGER_OVERFLOW);
    assertThat(trapOf(() -> bin(I32, I32, 0x6E, 1, 0))).isEqualTo(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    assertThat(trapOf(() -> bin(I32, I32, 0x6F, 1, 0))).isEqualTo(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    assertThat(trapOf(() -> bin(I32, I32, 0x70, 1, 0))).isEqualTo(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    assertThat(trapOf(() -> bin(I64, I64, 0x7F, Long.MIN_VALUE, -1)))
        .isEqualTo(TrapKind.INTEGER_OVERFLOW);
    assertThat(trapOf(() -> bin(I64, I64, 0x82, 1, 0))).isEqualTo(TrapKind.INTEGER_DIVIDE_BY_ZERO);
  }

  @Test
  void i32Comparisons() {
    int[] ops = {0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F};
    // -1 vs 1: eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u
    long[] expected = {0, 1, 1, 0, 0, 1, 1, 0, 0, 1};
    for (int i = 0; i < ops.length; i++) {
      assertThat(bin(I32, I32, ops[i], -1, 1)).as("op 0x%x", ops[i]).isEqualTo(expected[i]);
      assertThat(bin(I64, I32, ops[i] + 11, -1, 1))
          .as("op 0x%x", ops[i] + 11)
          .isEqualTo(expected[i]);
    }
    assertThat(un(I64, I32, 0x50, 0)).isEqualTo(1);
    assertThat(un(I64, I32, 0x50, 1L << 40)).isEqualTo(0);
  }

  @Test
  void i64Arithmetic() {
    assertThat(bin(I64, I64, 0x7C, Long.MAX_VALUE, 1)).isEqualTo(Long.MIN_VALUE);
    assertThat(bin(I64, I64, 0x7E, 1L << 32, 1L << 32)).isEqualTo(0);
    assertThat(bin(I64, I64, 0x80, -1, 2)).isEqualTo(Long.MAX_VALUE);
    assertThat(bin(I64, I64, 0x81, Long.MIN_VALUE, -1)).isEqualTo(0);
    assertThat(bin(I64, I64, 0x86, 1, 65)).isEqualTo(2);
    assertThat(bin(I64, I64, 0x88, -1, 63)).isEqualTo(1);
    assertThat(bin(I64, I64, 0x89, Long.MIN_VALUE, 1)).isEqualTo(1);
    assertThat(bin(I64, I64, 0x8A, 1, 1)).isEqualTo(Long.MIN_VALUE);
    assertThat(un(I64, I64, 0x79, 1)).isEqualTo(63);
    assertThat(un(I64, I64, 0x7A, 0)).isEqualTo(64);
    assertThat(un(I64, I64, 0x7B, -1)).isEqualTo(64);
    assertThat(un(I64, I64, 0xC4, 0x8000_0000L)).isEqualTo(Integer.MIN_VALUE);
    assertThat(un(I64, I64, 0xC2, 0xFF)).isEqualTo(-1);
    assertThat(un(I32, I64, 0xAC, -1)).isEqualTo(-1);
    assertThat(un(I32, I64, 0xAD, -1)).isEqualTo(0xFFFF_FFFFL);
    assertThat(un(I64, I32, 0xA7, 0x1_8000_0000L)).isEqualTo(Integer.MIN_VALUE);
  }

  @Test
  void floatArithmeticAndNaNs() {
    assertThat(bin(F32, F32, 0x92, f32(1.5f), f32(2.25f))).isEqualTo(f32(3.75f));
    assertThat(bin(F64, F64, 0xA3, f64(1), f64(0))).isEqualTo(f64(Double.POSITIVE_INFINITY));
    // min/max with signed zeros and NaNs
    assertThat(bin(F32, F32, 0x96, f32(0f), f32(-0f))).isEqualTo(f32(-0f));
    assertThat(bin(F32, F32, 0x97, f32(-0f), f32(0f))).isEqualTo(f32(0f));
    assertThat(bin(F64, F64, 0xA4, f64(-0d), f64(0d))).isEqualTo(f64(-0d));
    long snan32 = 0x7FA0_0000L;
    long r = bin(F32, F32, 0x96, snan32, f32(1f));
    assertThat(r & 0x7FC0_0000L).isEqualTo(0x7FC0_0000L);
    long snan64 = 0x7FF4_0000_0000_0000L;
    assertThat(bin(F64, F64, 0xA5, f64(1), snan64) & 0x7FF8_0000_0000_0000L)
        .isEqualTo(0x7FF8_0000_0000_0000L);
    // abs/neg/copysign keep NaN payloads
    assertThat(un(F32, F32, 0x8B, 0xFFA0_0001L)).isEqualTo(0x7FA0_0001L);
    assertThat(un(F32, F32, 0x8C, 0x7FA0_0001L)).isEqualTo(0xFFA0_0001L);
    assertThat(un(F64, F64, 0x9A, 0x7FF4_0000_0000_0001L)).isEqualTo(0xFFF4_0000_0000_0001L);
    assertThat(bin(F32, F32, 0x98, 0x7FA0_0001L, f32(-1f))).isEqualTo(0xFFA0_0001L);
    assertThat(bin(F64, F64, 0xA6, f64(2), f64(-0d))).isEqualTo(f64(-2));
    // rounding
    assertThat(un(F32, F32, 0x90, f32(2.5f))).isEqualTo(f32(2f));
    assertThat(un(F32, F32, 0x90, f32(-3.5f))).isEqualTo(f32(-4f));
    assertThat(un(F64, F64, 0x9E, f64(-0.5))).isEqualTo(f64(-0d));
    assertThat(un(F64, F64, 0x9D, f64(-1.7))).isEqualTo(f64(-1));
    assertThat(un(F64, F64, 0x9B, f64(-0.5))).isEqualTo(f64(-0d));
    assertThat(un(F32, F32, 0x8E, f32(-0.5f))).isEqualTo(f32(-1f));
    assertThat(un(F32, F32, 0x91, f32(4f))).isEqualTo(f32(2f));
    assertThat(un(F32, F32, 0x8D, snan32) & 0x7FC0_0000L).isEqualTo(0x7FC0_0000L);
    assertThat(un(F64, F64, 0x9F, snan64) & 0x7FF8_0000_0000_0000L)
        .isEqualTo(0x7FF8_0000_0000_0000L);
    // comparisons with NaN
    assertThat(bin(F32, I32, 0x5B, 0x7FC0_0000L, 0x7FC0_0000L)).isEqualTo(0);
    assertThat(bin(F32, I32, 0x5C, 0x7FC0_0000L, 0x7FC0_0000L)).isEqualTo(1);
    assertThat(bin(F64, I32, 0x65, f64(1), f64(1))).isEqualTo(1);
    assertThat(bin(F64, I32, 0x61, f64(0), f64(-0d))).isEqualTo(1);
  }

  @Test
  void conversions() {
    assertThat(un(F32, I32, 0xA8, f32(-2.9f))).isEqualTo(-2);
    assertThat(un(F64, I32, 0xAA, f64(-2147483648.9))).isEqualTo(Integer.MIN_VALUE);
    assertThat(un(F64, I32, 0xAB, f64(4294967295.9))).isEqualTo(-1);
    assertThat(un(F64, I32, 0xAB, f64(-0.9))).isEqualTo(0);
    assertThat(un(F32, I64, 0xAF, f32(1.8446743E19f))).isEqualTo(-1099511627776L);
    assertThat(un(F64, I64, 0xB1, f64(9223372036854775808.0))).isEqualTo(Long.MIN_VALUE);
    assertThat(un(F64, I64, 0xB0, f64(-9223372036854775808.0))).isEqualTo(Long.MIN_VALUE);
    assertThat(trapOf(() -> un(F32, I32, 0xA8, f32(2147483648f))))
        .isEqualTo(TrapKind.INTEGER_OVERFLOW);
    assertThat(trapOf(() -> un(F64, I32, 0xAA, f64(-2147483649.0))))
        .isEqualTo(TrapKind.INTEGER_OVERFLOW);
    assertThat(trapOf(() -> un(F64, I32, 0xAB, f64(-1.0)))).isEqualTo(TrapKind.INTEGER_OVERFLOW);
    assertThat(trapOf(() -> un(F32, I64, 0xAE, 0x7FC0_0000L)))
        .isEqualTo(TrapKind.INVALID_CONVERSION_TO_INTEGER);
    assertThat(trapOf(() -> un(F64, I64, 0xB1, f64(18446744073709551616.0))))
        .isEqualTo(TrapKind.INTEGER_OVERFLOW);
    assertThat(trapOf(() -> un(F64, I64, 0xB0, f64(9223372036854775808.0))))
        .isEqualTo(TrapKind.INTEGER_OVERFLOW);
    // saturating
    assertThat(un(F32, I32, 0x100, 0x7FC0_0000L)).isEqualTo(0);
    assertThat(un(F32, I32, 0x100, f32(1e10f))).isEqualTo(Integer.MAX_VALUE);
    assertThat(un(F32, I32, 0x101, f32(-5f))).isEqualTo(0);
    assertThat(un(F64, I32, 0x103, f64(1e10))).isEqualTo(-1);
    assertThat(un(F64, I64, 0x106, f64(-1e30))).isEqualTo(Long.MIN_VALUE);
    assertThat(un(F64, I64, 0x107, f64(1e30))).isEqualTo(-1);
    assertThat(un(F64, I64, 0x107, f64(-5))).isEqualTo(0);
    assertThat(un(F32, I64, 0x105, f32(1.8446743E19f))).isEqualTo(-1099511627776L);
    // int -> float
    assertThat(un(I32, F32, 0xB3, -1)).isEqualTo(f32(4294967296f));
    assertThat(un(I64, F32, 0xB5, -1)).isEqualTo(f32(1.8446744E19f));
    // round-to-nearest-even through the sticky bit: 2^63 + 2^39 + 1 is just above a tie
    assertThat(un(I64, F32, 0xB5, 0x8000_0080_0000_0001L))
        .isEqualTo(f32((float) (0x1p63 + 0x1p40)));
    assertThat(un(I64, F64, 0xBA, 0x8000_0000_0000_0401L)).isEqualTo(f64(9223372036854777856.0));
    assertThat(un(I32, F64, 0xB8, -1)).isEqualTo(f64(4294967295.0));
    assertThat(un(I64, F64, 0xB9, -3)).isEqualTo(f64(-3));
    assertThat(un(F64, F32, 0xB6, f64(1.5))).isEqualTo(f32(1.5f));
    assertThat(un(F32, F64, 0xBB, f32(1.5f))).isEqualTo(f64(1.5));
    assertThat(un(F64, F32, 0xB6, 0x7FF8_0000_0000_0000L)).isEqualTo(0x7FC0_0000L);
    // reinterpretations
    assertThat(un(F32, I32, 0xBC, 0xBF80_0000L)).isEqualTo((long) 0xBF80_0000);
    assertThat(un(I32, F32, 0xBE, -1)).isEqualTo(0xFFFF_FFFFL);
    assertThat(un(F64, I64, 0xBD, f64(-1))).isEqualTo(f64(-1));
    assertThat(un(I64, F64, 0xBF, 42)).isEqualTo(42);
  }

  @Test
  void constants() {
    TestModule m = new TestModule();
    int a =
        m.function(
            types(),
            types(I32, I64, F32, F64),
            types(),
            new Asm()
                .i32(-5)
                .i64(Long.MIN_VALUE + 7)
                .f32Bits(0xFFA0_0001)
                .f64Bits(0x7FF4_0000_0000_0001L));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call(a))
        .containsExactly(-5, Long.MIN_VALUE + 7, 0xFFA0_0001L, 0x7FF4_0000_0000_0001L);
  }

  @Test
  void fusedSequencesComputeLikeTheirParts() {
    TestModule m = new TestModule();
    // local.get 0; local.get 1; i32.add; i32.const 5; i32.add; local.set 2;
    // local.get 2; i32.const -3; i32.add; local.set 2; local.get 2; local.get 2; i32.sub
    int f =
        m.function(
            types(I32, I32),
            types(I32),
            types(I32),
            new Asm()
                .localGet(0)
                .localGet(1)
                .op(0x6A)
                .i32(5)
                .op(0x6A)
                .localSet(2)
                .localGet(2)
                .i32(-3)
                .op(0x6A)
                .localSet(2)
                .localGet(0)
                .localSet(1)
                .localGet(2)
                .localGet(1)
                .op(0x6B));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call1(f, 10, 20)).isEqualTo(22);
  }
}
