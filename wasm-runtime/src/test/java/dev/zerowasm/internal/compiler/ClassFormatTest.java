package dev.zerowasm.internal.compiler;

import static dev.zerowasm.api.ValueType.F64;
import static dev.zerowasm.api.ValueType.I32;
import static dev.zerowasm.api.ValueType.I64;
import static dev.zerowasm.internal.wasm.Opcodes.*;
import static dev.zerowasm.testing.TestModule.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.engine.CodeOptions;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.ModuleInstance;
import dev.zerowasm.internal.wasm.WasmModule;
import dev.zerowasm.testing.Asm;
import dev.zerowasm.testing.TestModule;
import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/**
 * Generated classes come in two class file formats (see {@code
 * ClassGenerator.needsStackMapFrames}): Java 5 without stack map frames, checked by the JVM's
 * inference verifier, and Java 17 with frames for functions with many locals. Both must pass the
 * JVM's verifier: a class it rejected would quietly send its functions to the interpreter, so this
 * test checks that every function ends up compiled, and which format each class got.
 */
class ClassFormatTest {
  private static final ValueType[] NONE = new ValueType[0];

  /** Stores n..1 at 4n..4 and sums them back: branches, loads, stores, locals. */
  private static Asm loopBody() {
    return new Asm()
        .op(BLOCK).b(0x40)
        .op(LOOP).b(0x40)
        .localGet(0).op(I32_EQZ).op(BR_IF).u32(1)
        .localGet(0).i32(4).op(I32_MUL).localGet(0).op(I32_STORE).u32(2).u32(0)
        .localGet(1).localGet(0).i32(4).op(I32_MUL).op(I32_LOAD).u32(2).u32(0)
        .op(I32_ADD).localSet(1)
        .localGet(0).i32(1).op(I32_SUB).localSet(0)
        .op(BR).u32(0)
        .end()
        .end()
        .localGet(1);
  }

  /** Uses the last of 300 i64 locals. */
  private static Asm manyLocalsBody() {
    return new Asm().i64(5).localSet(300).localGet(300).localGet(0).op(I64_ADD);
  }

  @Test
  void bothFormatsVerifyAndRun() {
    TestModule t = new TestModule();
    t.memory(1, 1);
    int loop = t.function(types(I32, I32), types(I32), NONE, loopBody());
    int floats =
        t.function(
            types(F64, F64),
            types(F64),
            NONE,
            new Asm()
                .localGet(0)
                .localGet(1)
                .op(F64_MUL)
                .localGet(1)
                .op(F64_ADD)
                .op(F64_SQRT)
                .op(F64_NEG));
    ValueType[] many = new ValueType[300];
    Arrays.fill(many, I64);
    int wide = t.function(types(I64), types(I64), many, manyLocalsBody());
    int caller =
        t.function(types(I32), types(I32), NONE, new Asm().localGet(0).i32(0).op(CALL).u32(loop));

    WasmModule module = t.build();
    assertThat(majorVersion(module, loop)).isEqualTo(49);
    assertThat(majorVersion(module, wide)).isEqualTo(61);

    ModuleInstance inst = t.instantiate(new CompilerEngine());
    for (FunctionInstance f : inst.functions) {
      assertThat(f).isInstanceOf(CompiledFunction.class);
    }
    long[] stack = new long[2];
    stack[0] = 10;
    inst.functions[caller].call(stack);
    assertThat(stack[0]).isEqualTo(55);
    stack[0] = Double.doubleToRawLongBits(3.0);
    stack[1] = Double.doubleToRawLongBits(7.0);
    inst.functions[floats].call(stack);
    assertThat(Double.longBitsToDouble(stack[0])).isEqualTo(-Math.sqrt(28.0));
    stack[0] = 37;
    inst.functions[wide].call(stack);
    assertThat(stack[0]).isEqualTo(42);
  }

  /** The class file major version of the class generated for function {@code f} alone. */
  private static int majorVersion(WasmModule module, int f) {
    byte[] bytes =
        ClassGenerator.generate(
                module,
                new int[] {f},
                new BitSet(),
                CoreFeatures.V2,
                8000,
                1500,
                g -> false,
                CodeOptions.NONE)
            .bytes();
    return ((bytes[6] & 0xFF) << 8) | (bytes[7] & 0xFF);
  }
}
