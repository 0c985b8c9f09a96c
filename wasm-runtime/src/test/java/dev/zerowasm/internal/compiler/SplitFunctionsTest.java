package dev.zerowasm.internal.compiler;

import static dev.zerowasm.api.ValueType.I32;
import static dev.zerowasm.internal.wasm.Opcodes.*;
import static dev.zerowasm.testing.TestModule.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.wasm.ModuleInstance;
import dev.zerowasm.testing.Asm;
import dev.zerowasm.testing.TestModule;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Runs every {@link CompilerEngineTest} with each function split into outlined regions as far as
 * possible (as functions too large for the JIT are), and checks that splitting happens.
 */
class SplitFunctionsTest extends CompilerEngineTest {
  private static final ValueType[] NONE = new ValueType[0];

  @Override
  CompilerEngine newEngine() {
    return splitting();
  }

  private static CompilerEngine splitting() {
    return new CompilerEngine(
        module -> {
          throw new AssertionError("no function should need the fallback engine");
        },
        0,
        8);
  }

  @Test
  void regionsBecomeMethodsAndExitsReachOuterLabels() {
    TestModule t = new TestModule();
    // block A (result i32) { loop L { block B { local0 > 10 -> br A (local0 * 2);
    //   local0 += 3; br_if L (local0 < 100) } } ; -1 }
    int f =
        t.function(
            types(I32),
            types(I32),
            NONE,
            new Asm()
                .op(BLOCK)
                .b(0x7F)
                .op(LOOP)
                .b(0x40)
                .op(BLOCK)
                .b(0x40)
                .localGet(0)
                .i32(10)
                .op(I32_GT_S)
                .op(IF)
                .b(0x40)
                .localGet(0)
                .i32(2)
                .op(I32_MUL)
                .op(BR)
                .u32(3)
                .end()
                .localGet(0)
                .i32(3)
                .op(I32_ADD)
                .localSet(0)
                .end()
                .localGet(0)
                .i32(100)
                .op(I32_LT_S)
                .op(BR_IF)
                .u32(0)
                .end()
                .i32(-1)
                .end());
    ModuleInstance inst = t.instantiate(splitting());
    Method[] methods = ((CompiledFunction) inst.functions[f]).owner.getDeclaredMethods();
    assertThat(Arrays.stream(methods).filter(m -> m.getName().contains("$")).count())
        .isGreaterThanOrEqualTo(3);
    long[] s = {1};
    inst.functions[f].call(s);
    assertThat(s[0]).isEqualTo(26); // 1, 4, 7, 10, 13 -> 26
  }

  @Test
  void trapsInRegionsCarryOneFrameForTheFunction() {
    TestModule t = new TestModule();
    int f =
        t.function(
            types(I32),
            types(I32),
            NONE,
            new Asm()
                .op(BLOCK)
                .b(0x7F)
                .op(BLOCK)
                .b(0x7F)
                .i32(1)
                .localGet(0)
                .op(I32_DIV_U)
                .end()
                .end());
    ModuleInstance inst = t.instantiate(splitting());
    try {
      inst.functions[f].call(new long[] {0});
      throw new AssertionError("no trap");
    } catch (TrapException e) {
      assertThat(e.wasmStackTrace()).containsExactly("test.f0");
    }
  }
}
