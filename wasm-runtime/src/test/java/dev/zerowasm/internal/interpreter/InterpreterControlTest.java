package dev.zerowasm.internal.interpreter;

import static dev.zerowasm.api.ValueType.I32;
import static dev.zerowasm.api.ValueType.I64;
import static dev.zerowasm.testing.Asm.EMPTY;
import static dev.zerowasm.testing.TestModule.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.testing.Asm;
import dev.zerowasm.testing.TestModule;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class InterpreterControlTest {
  @Test
  void loopSumsWithFusedCompareAndBranch() {
    TestModule m = new TestModule();
    // sum = 0; i = 0; loop { sum += i; i++; br_if (i < n) }; sum
    int f =
        m.function(
            types(I32),
            types(I64),
            types(I32, I64),
            new Asm()
                .loop(EMPTY)
                .localGet(2)
                .localGet(1)
                .op(0xAD)
                .op(0x7C)
                .localSet(2)
                .localGet(1)
                .i32(1)
                .op(0x6A)
                .localSet(1)
                .localGet(1)
                .localGet(0)
                .op(0x48)
                .brIf(0)
                .end()
                .localGet(2));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call1(f, 100_000)).isEqualTo(100_000L * 99_999 / 2);
    assertThat(m.call1(f, 0)).isEqualTo(0);
  }

  @Test
  void ifBrIfAndRotatedLoopsAgreeWithEveryFusedCondition() {
    int[] cmps = {
      0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F, // i32.eqz .. i32.ge_u
      0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A // i64.eqz .. i64.ge_u
    };
    for (int cmp : cmps) {
      ValueType t = cmp < 0x50 ? I32 : I64;
      boolean unary = cmp == 0x45 || cmp == 0x50;
      ValueType[] params = unary ? types(t) : types(t, t);
      Consumer<Asm> operands =
          c -> {
            c.localGet(0);
            if (!unary) {
              c.localGet(1);
            }
          };
      TestModule m = new TestModule();
      int viaIf =
          m.function(
              params,
              types(I32),
              types(),
              new Asm()
                  .with(
                      c -> {
                        operands.accept(c);
                        c.op(cmp).ifOp(Asm.I32).i32(1).elseOp().i32(0).end();
                      }));
      int viaBrIf =
          m.function(
              params,
              types(I32),
              types(),
              new Asm()
                  .with(
                      c -> {
                        c.block(Asm.I32).i32(1);
                        operands.accept(c);
                        c.op(cmp).brIf(0).op(0x1A).i32(0).end();
                      }));
      // counts how often local 0 must be incremented (at most 5 times) until the condition holds:
      // block loop (cond) br_if 1; ...; br 0 end end, which the translator rotates
      int iterations =
          m.function(
              params,
              types(I32),
              types(I32),
              new Asm()
                  .with(
                      c -> {
                        int count = unary ? 1 : 2;
                        c.block(EMPTY).loop(EMPTY);
                        operands.accept(c);
                        c.op(cmp).brIf(1);
                        c.localGet(count).i32(1).op(0x6A).localTee(count).i32(5).op(0x4E).brIf(1);
                        c.localGet(0);
                        if (t == I32) {
                          c.i32(1).op(0x6A);
                        } else {
                          c.i64(1).op(0x7C);
                        }
                        c.localSet(0).br(0).end().end().localGet(count);
                      }));
      int plain =
          m.function(
              params,
              types(I32),
              types(),
              new Asm()
                  .with(
                      c -> {
                        operands.accept(c);
                        c.op(cmp);
                      }));
      m.instantiate(new InterpreterEngine());
      long[][] pairs = {{-1, 1}, {1, -1}, {3, 3}, {0, 7}, {-3, 0}, {Long.MIN_VALUE, 2}};
      for (long[] p : pairs) {
        long a = t == I32 ? (int) p[0] : p[0];
        long b = t == I32 ? (int) p[1] : p[1];
        long want = m.call1(plain, a, b);
        assertThat(m.call1(viaIf, a, b)).as("if 0x%x %s %s", cmp, a, b).isEqualTo(want);
        assertThat(m.call1(viaBrIf, a, b)).as("br_if 0x%x %s %s", cmp, a, b).isEqualTo(want);
        long count = 0;
        long x = a;
        while (m.call1(plain, x, b) == 0 && count < 5) {
          count++;
          x = t == I32 ? (int) (x + 1) : x + 1;
        }
        assertThat(m.call1(iterations, a, b)).as("loop 0x%x %s %s", cmp, a, b).isEqualTo(count);
      }
    }
  }

  @Test
  void eqzConditionsAndIfWithoutElse() {
    TestModule m = new TestModule();
    int f =
        m.function(
            types(I32),
            types(I32),
            types(I32),
            new Asm()
                .i32(10)
                .localSet(1)
                .localGet(0)
                .op(0x45)
                .ifOp(EMPTY)
                .i32(20)
                .localSet(1)
                .end()
                .block(EMPTY)
                .localGet(0)
                .op(0x45)
                .brIf(0)
                .localGet(1)
                .i32(1)
                .op(0x6A)
                .localSet(1)
                .end()
                .localGet(1));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call1(f, 0)).isEqualTo(20);
    assertThat(m.call1(f, 5)).isEqualTo(11);
  }

  @Test
  void branchesCarryValuesOverExtraOperands() {
    TestModule m = new TestModule();
    // block (result i32): push 1 2 3, then br 0 with 3 on top -> 3; the 1 and 2 are dropped.
    int f =
        m.function(
            types(I32),
            types(I32),
            types(),
            new Asm()
                .i32(100)
                .block(Asm.I32)
                .i32(1)
                .i32(2)
                .i32(3)
                .localGet(0)
                .brIf(0)
                .op(0x1A)
                .op(0x1A)
                .end()
                .op(0x6A));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call1(f, 1)).isEqualTo(103);
    assertThat(m.call1(f, 0)).isEqualTo(101);
  }

  @Test
  void multiValueBlocksWithParamsAndLoopParams() {
    TestModule m = new TestModule();
    int pair = m.type(types(I32, I32), types(I32, I32));
    int oneToOne = m.type(types(I32), types(I32));
    // (a, b) -> block (param i32 i32) (result i32 i32): swap via locals
    int swap =
        m.function(
            types(I32, I32),
            types(I32, I32),
            types(),
            new Asm()
                .localGet(0)
                .localGet(1)
                .block(pair)
                .localSet(0)
                .localSet(1)
                .localGet(0)
                .localGet(1)
                .end());
    // countdown with a loop parameter: n -> loop (param i32)(result i32) { i32.const -1 add; tee;
    // br_if }
    int countdown =
        m.function(
            types(I32),
            types(I32),
            types(),
            new Asm()
                .localGet(0)
                .loop(oneToOne)
                .i32(-1)
                .op(0x6A)
                .localTee(0)
                .localGet(0)
                .brIf(0)
                .end());
    m.instantiate(new InterpreterEngine());
    assertThat(m.call(swap, 1, 2)).containsExactly(2, 1);
    assertThat(m.call1(countdown, 5)).isEqualTo(0);
  }

  @Test
  void brTableSelectsLabelsAndDefault() {
    TestModule m = new TestModule();
    int f =
        m.function(
            types(I32),
            types(I32),
            types(),
            new Asm()
                .block(EMPTY)
                .block(EMPTY)
                .block(EMPTY)
                .localGet(0)
                .op(0x0E)
                .u32(2)
                .u32(0)
                .u32(1)
                .u32(2)
                .end()
                .i32(10)
                .op(0x0F)
                .end()
                .i32(11)
                .op(0x0F)
                .end()
                .i32(12));
    // br_table carrying a value
    int g =
        m.function(
            types(I32),
            types(I32),
            types(),
            new Asm()
                .block(Asm.I32)
                .block(Asm.I32)
                .i32(7)
                .localGet(0)
                .op(0x0E)
                .u32(1)
                .u32(0)
                .u32(1)
                .end()
                .i32(100)
                .op(0x6A)
                .end());
    m.instantiate(new InterpreterEngine());
    assertThat(m.call1(f, 0)).isEqualTo(10);
    assertThat(m.call1(f, 1)).isEqualTo(11);
    assertThat(m.call1(f, 2)).isEqualTo(12);
    assertThat(m.call1(f, -1)).isEqualTo(12);
    assertThat(m.call1(g, 0)).isEqualTo(107);
    assertThat(m.call1(g, 1)).isEqualTo(7);
    assertThat(m.call1(g, 99)).isEqualTo(7);
  }

  @Test
  void returnFromNestedBlocksAndUnreachableCodeIsSkipped() {
    TestModule m = new TestModule();
    int f =
        m.function(
            types(I32),
            types(I32, I64),
            types(),
            new Asm()
                .block(EMPTY)
                .loop(EMPTY)
                .i32(1)
                .i64(2)
                .op(0x0F)
                .op(0x00)
                .block(EMPTY)
                .op(0x00)
                .op(0x6A)
                .op(0x1A)
                .end()
                .end()
                .end()
                .i32(0)
                .i64(0));
    int brOut =
        m.function(
            types(),
            types(I32),
            types(),
            new Asm().i32(1).i32(2).block(EMPTY).i32(3).br(1).end().op(0x1A));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call(f, 0)).containsExactly(1, 2);
    assertThat(m.call1(brOut)).isEqualTo(3);
  }

  @Test
  void selectAndDrop() {
    TestModule m = new TestModule();
    int f =
        m.function(types(I32), types(I64), types(), new Asm().i64(11).i64(22).localGet(0).op(0x1B));
    int t =
        m.function(
            types(I32),
            types(I64),
            types(),
            new Asm().i64(11).i64(22).localGet(0).op(0x1C).u32(1).op(0x7E));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call1(f, 1)).isEqualTo(11);
    assertThat(m.call1(f, 0)).isEqualTo(22);
    assertThat(m.call1(t, 0)).isEqualTo(22);
  }

  @Test
  void unreachableTrapsWithStackTrace() {
    TestModule m = new TestModule();
    int inner = m.function(types(), types(), types(), new Asm().op(0x00));
    int outer = m.function(types(), types(), types(), new Asm().call(inner));
    m.instantiate(new InterpreterEngine());
    assertThatThrownBy(() -> m.call(outer))
        .isInstanceOfSatisfying(
            TrapException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(TrapKind.UNREACHABLE);
              assertThat(e.wasmStackTrace()).containsExactly("test.f0", "test.f1");
            });
  }

  @Test
  void simdRuns() {
    TestModule m = new TestModule();
    // v128.const with i32x4 lanes (0, 7, 0, 0); i32x4.extract_lane 1
    int[] bytes = new int[16];
    bytes[4] = 7;
    int f =
        m.function(
            types(),
            types(I32),
            types(),
            new Asm().op(0xFD).u32(0x0C).op(bytes).op(0xFD).u32(0x1B).op(1));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call1(f)).isEqualTo(7);
  }

  @Test
  void globals() {
    TestModule m = new TestModule();
    int g = m.global(I64, true, 5);
    int f =
        m.function(
            types(I64),
            types(I64),
            types(),
            new Asm().op(0x23).u32(g).localGet(0).op(0x7C).op(0x24).u32(g).op(0x23).u32(g));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call1(f, 10)).isEqualTo(15);
    assertThat(m.call1(f, 10)).isEqualTo(25);
    assertThat(m.instance().globals[g].value).isEqualTo(25);
  }
}
