package dev.zerowasm.internal.interpreter;

import static dev.zerowasm.api.ValueType.F32;
import static dev.zerowasm.api.ValueType.F64;
import static dev.zerowasm.api.ValueType.I32;
import static dev.zerowasm.api.ValueType.I64;
import static dev.zerowasm.testing.Asm.EMPTY;
import static dev.zerowasm.testing.TestModule.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.testing.Asm;
import dev.zerowasm.testing.TestModule;
import org.junit.jupiter.api.Test;

/**
 * The translator's register allocation: values left in locals by local.get, constants, results
 * redirected into locals, and where pending values must be written out.
 */
class TranslatorTest {
  @Test
  void localSetDoesNotClobberAPendingLocalGet() {
    TestModule m = new TestModule();
    // local.get 0 (pending); local.get 1; local.set 0; -> the pending value is the old local 0
    int f =
        m.function(
            types(I32, I32),
            types(I32, I32),
            types(),
            new Asm().localGet(0).localGet(1).localSet(0).localGet(0));
    // the same through a redirected result: local.get 0; (local.get 1 + 1) -> local.set 0
    int g =
        m.function(
            types(I32, I32),
            types(I32, I32),
            types(),
            new Asm().localGet(0).localGet(1).i32(1).op(0x6A).localSet(0).localGet(0));
    // tee: local.get 0; local.get 1; local.tee 0; i32.sub
    int h =
        m.function(
            types(I32, I32),
            types(I32),
            types(),
            new Asm().localGet(0).localGet(1).localTee(0).op(0x6B));
    // a constant set into a local while a pending copy of it is on the stack
    int k =
        m.function(
            types(I32),
            types(I32, I32),
            types(),
            new Asm().localGet(0).i32(77).localSet(0).localGet(0));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call(f, 1, 2)).containsExactly(1, 2);
    assertThat(m.call(g, 1, 2)).containsExactly(1, 3);
    assertThat(m.call1(h, 10, 3)).isEqualTo(7);
    assertThat(m.call(k, 5)).containsExactly(5, 77);
  }

  @Test
  void redirectedResultsAndTeeChains() {
    TestModule m = new TestModule();
    // a = b = c = p0 * 3 via tees; return a + b + c
    int f =
        m.function(
            types(I32),
            types(I32),
            types(I32, I32, I32),
            new Asm()
                .localGet(0)
                .i32(3)
                .op(0x6C)
                .localTee(1)
                .localTee(2)
                .localSet(3)
                .localGet(1)
                .localGet(2)
                .op(0x6A)
                .localGet(3)
                .op(0x6A));
    // swap through the stack: local.get 0; local.get 1; local.set 0; local.set 1
    int swap =
        m.function(
            types(I64, I64),
            types(I64, I64),
            types(),
            new Asm().localGet(0).localGet(1).localSet(0).localSet(1).localGet(0).localGet(1));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call1(f, 5)).isEqualTo(45);
    assertThat(m.call(swap, 1, 2)).containsExactly(2, 1);
  }

  @Test
  void pendingValuesSurviveBlocksBranchesAndCalls() {
    TestModule m = new TestModule();
    int id = m.function(types(I32), types(I32), types(), new Asm().localGet(0));
    // local.get 0 stays pending across a block that overwrites local 0
    int f =
        m.function(
            types(I32),
            types(I32),
            types(),
            new Asm().localGet(0).block(EMPTY).i32(100).localSet(0).end().localGet(0).op(0x6B));
    // ...across an if whose arms write the local differently
    int g =
        m.function(
            types(I32),
            types(I32),
            types(),
            new Asm()
                .localGet(0)
                .i32(7)
                .localGet(0)
                .ifOp(EMPTY)
                .i32(1)
                .localSet(0)
                .elseOp()
                .i32(2)
                .localSet(0)
                .end()
                .op(0x6C)
                .localGet(0)
                .op(0x6A));
    // ...across a call, and a constant as a call argument
    int h =
        m.function(
            types(I32),
            types(I32),
            types(),
            new Asm().localGet(0).i32(40).call(id).op(0x6A).i32(2).call(id).op(0x6A));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call1(f, 1)).isEqualTo(1 - 100);
    assertThat(m.call1(g, 3)).isEqualTo(3 * 7 + 1);
    assertThat(m.call1(g, 0)).isEqualTo(2);
    assertThat(m.call1(h, 1)).isEqualTo(43);
  }

  @Test
  void branchesCarryPendingValuesAndConstants() {
    TestModule m = new TestModule();
    int two = m.type(types(), types(I32, I64));
    // br_if carrying a local and a constant out of a block with extra values below
    int f =
        m.function(
            types(I32),
            types(I32, I64),
            types(),
            new Asm()
                .block(two)
                .i32(9)
                .localGet(0)
                .i64(-5)
                .localGet(0)
                .brIf(0)
                .op(0x1A)
                .op(0x1A)
                .op(0x1A)
                .i32(1)
                .i64(2)
                .end());
    // br carrying values to a block whose base is below extra values
    int g =
        m.function(
            types(I32),
            types(I32),
            types(),
            new Asm().block(Asm.I32).i32(1).i32(2).localGet(0).br(0).end());
    // br_table carrying a constant
    int h =
        m.function(
            types(I32),
            types(I64),
            types(),
            new Asm()
                .block(Asm.I64)
                .block(Asm.I64)
                .i64(33)
                .localGet(0)
                .op(0x0E)
                .u32(1)
                .u32(0)
                .u32(1)
                .end()
                .i64(1)
                .op(0x7C)
                .end());
    // loop with params carried around by br_if
    int loopType = m.type(types(I32, I32), types(I32, I32));
    int sum =
        m.function(
            types(I32),
            types(I32),
            types(),
            new Asm()
                .i32(0)
                .localGet(0)
                .loop(loopType) // [acc, n]
                .localSet(0)
                .localGet(0)
                .op(0x6A) // acc += n (n kept in local 0)
                .localGet(0)
                .i32(-1)
                .op(0x6A) // n - 1
                .localGet(0)
                .i32(1)
                .op(0x4A)
                .brIf(0) // continue while n > 1
                .end()
                .op(0x1A));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call(f, 4)).containsExactly(4, -5);
    assertThat(m.call(f, 0)).containsExactly(1, 2);
    assertThat(m.call1(g, 6)).isEqualTo(6);
    assertThat(m.call1(h, 0)).isEqualTo(34);
    assertThat(m.call1(h, 1)).isEqualTo(33);
    assertThat(m.call1(sum, 10)).isEqualTo(55);
  }

  @Test
  void moreConstantsThanThePoolHolds() {
    TestModule m = new TestModule();
    // sums 40 distinct constants of all types through conversions
    int f =
        m.function(
            types(),
            types(I64),
            types(),
            new Asm()
                .with(
                    c -> {
                      c.i64(0);
                      for (int i = 1; i <= 10; i++) {
                        c.i32(i * 1000).op(0xAC).op(0x7C);
                        c.i64(i * 100_000L).op(0x7C);
                        c.f32(i).op(0xAE).op(0x7C);
                        c.f64(i * 0.5 + 0.5).op(0xB0).op(0x7C);
                      }
                    }));
    m.instantiate(new InterpreterEngine());
    long want = 0;
    for (int i = 1; i <= 10; i++) {
      want += i * 1000 + i * 100_000L + i + (long) (i * 0.5 + 0.5);
    }
    assertThat(m.call1(f)).isEqualTo(want);
  }

  @Test
  void selectWithPendingOperandsAndFloatConstants() {
    TestModule m = new TestModule();
    int f =
        m.function(
            types(F32, I32),
            types(F32),
            types(),
            new Asm().localGet(0).f32(-1.5f).localGet(1).op(0x1B));
    int g =
        m.function(
            types(F64),
            types(F64),
            types(),
            new Asm().localGet(0).f64(0.25).op(0xA0).localGet(0).op(0xA2));
    m.instantiate(new InterpreterEngine());
    long a = Float.floatToRawIntBits(2.5f) & 0xFFFF_FFFFL;
    assertThat(m.call1(f, a, 1)).isEqualTo(a);
    assertThat(m.call1(f, a, 0)).isEqualTo(Float.floatToRawIntBits(-1.5f) & 0xFFFF_FFFFL);
    assertThat(Double.longBitsToDouble(m.call1(g, Double.doubleToRawLongBits(2)))).isEqualTo(4.5);
  }

  @Test
  void translatedCodeIsCompact() {
    TestModule m = new TestModule();
    // for (i = 0; i < n; i++) acc += i
    int f =
        m.function(
            types(I32),
            types(I32),
            types(I32, I32),
            new Asm()
                .block(EMPTY)
                .loop(EMPTY)
                .localGet(1)
                .localGet(0)
                .op(0x4E)
                .brIf(1)
                .localGet(2)
                .localGet(1)
                .op(0x6A)
                .localSet(2)
                .localGet(1)
                .i32(1)
                .op(0x6A)
                .localSet(1)
                .br(0)
                .end()
                .end()
                .localGet(2));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call1(f, 10)).isEqualTo(45);
    InterpreterFunction fn = (InterpreterFunction) m.instance().functions[f];
    int[] code = fn.compiled.body(fn.definedIndex).code;
    // check at the head; add; add-constant; the rotated check (opposite condition) jumping back
    // to the body; the exit jump; return
    assertThat(code)
        .containsExactly(
            Op.BR_IF_I32_GE_S,
            1,
            0,
            18,
            0x6A,
            2,
            2,
            1,
            Op.I32_ADD_C,
            1,
            1,
            1,
            Op.BR_IF_I32_LT_S,
            1,
            0,
            4,
            Op.JMP,
            18,
            Op.RETURN1,
            2);
  }
}
