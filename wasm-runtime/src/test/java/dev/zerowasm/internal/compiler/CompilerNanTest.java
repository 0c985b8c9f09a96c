package dev.zerowasm.internal.compiler;

import static dev.zerowasm.api.ValueType.F32;
import static dev.zerowasm.api.ValueType.F64;
import static dev.zerowasm.api.ValueType.I32;
import static dev.zerowasm.api.ValueType.I64;
import static dev.zerowasm.internal.wasm.Opcodes.*;
import static dev.zerowasm.testing.TestModule.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.ModuleInstance;
import dev.zerowasm.testing.Asm;
import dev.zerowasm.testing.TestModule;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signalling NaNs through float arithmetic after C2 has compiled the code: C2 folds {@code x *
 * 1.0}, {@code 1.0 * x}, {@code x / 1.0} and {@code x - 0.0} to {@code x}, which would hand a
 * signalling NaN on unquieted, while WebAssembly requires an arithmetic (quiet) NaN. Each function
 * is called with ordinary values until the JIT has compiled it (with the identity constant inlined,
 * also from a caller into a callee), then with a signalling NaN, and the result (returned, stored,
 * or after a payload-keeping neg) must have the quiet bit. The functions cover the checked paths
 * (the result leaves the expression) and the unchecked ones the compiler relies on: an add (C2
 * never folds it) and a sub, mul or div whose result goes straight into another arithmetic
 * operation.
 */
class CompilerNanTest {
  private static final ValueType[] NONE = new ValueType[0];

  /** Calls per warm-up round: well past C2's compile thresholds (about 15,000 invocations). */
  private static final int WARM_CALLS = 40_000;

  /**
   * Warm-up rounds, each followed by a signalling NaN call: C2 compiles in the background, so early
   * rounds may still run C1's code; later ones run C2's. With the compiler's checks switched off,
   * every function below whose name has no add failed in 18 or more of the 20 rounds (OpenJDK 17,
   * x86-64), so the test does see the folds; the add ones never did.
   */
  private static final int ROUNDS = 20;

  private static final long F64_SNAN = 0x7FF0_0000_0000_0001L;
  private static final long F64_QUIET_BIT = 0x0008_0000_0000_0000L;
  private static final int F32_SNAN = 0x7F80_0001;
  private static final int F32_QUIET_BIT = 0x0040_0000;

  private static Asm asm() {
    return new Asm();
  }

  /** The functions of one float kind: name to function index. */
  private static Map<String, Integer> functions(TestModule t, boolean f64) {
    ValueType k = f64 ? F64 : F32;
    int mul = f64 ? F64_MUL : F32_MUL;
    int div = f64 ? F64_DIV : F32_DIV;
    int sub = f64 ? F64_SUB : F32_SUB;
    int add = f64 ? F64_ADD : F32_ADD;
    int store = f64 ? F64_STORE : F32_STORE;
    int align = f64 ? 3 : 2;
    java.util.function.BiFunction<Asm, Double, Asm> c =
        (a, v) -> f64 ? a.f64(v) : a.f32(v.floatValue());
    Map<String, Integer> fs = new LinkedHashMap<>();
    ValueType[] x = types(k);
    ValueType[] r = types(k);
    fs.put("x*1", t.function(x, r, NONE, c.apply(asm().localGet(0), 1.0).op(mul)));
    fs.put("1*x", t.function(x, r, NONE, c.apply(asm(), 1.0).localGet(0).op(mul)));
    fs.put("x/1", t.function(x, r, NONE, c.apply(asm().localGet(0), 1.0).op(div)));
    fs.put("x-0", t.function(x, r, NONE, c.apply(asm().localGet(0), 0.0).op(sub)));
    fs.put("x+-0", t.function(x, r, NONE, c.apply(asm().localGet(0), -0.0).op(add)));
    fs.put("x+0", t.function(x, r, NONE, c.apply(asm().localGet(0), 0.0).op(add)));
    fs.put("-0+x", t.function(x, r, NONE, c.apply(asm(), -0.0).localGet(0).op(add)));
    // The mul's result goes unchecked into the add, which must quiet it.
    fs.put(
        "x*1+-0",
        t.function(x, r, NONE, c.apply(c.apply(asm().localGet(0), 1.0).op(mul), -0.0).op(add)));
    // x*1 unchecked into x/1, checked when returned.
    fs.put(
        "x*1/1",
        t.function(x, r, NONE, c.apply(c.apply(asm().localGet(0), 1.0).op(mul), 1.0).op(div)));
    // x-0 unchecked into (x-0)*1, then into an add.
    fs.put(
        "(x-0)*1+-0",
        t.function(
            x,
            r,
            NONE,
            c.apply(c.apply(c.apply(asm().localGet(0), 0.0).op(sub), 1.0).op(mul), -0.0).op(add)));
    // Neg keeps the payload: its operand must be checked first.
    int neg = f64 ? F64_NEG : F32_NEG;
    fs.put("-(x*1)", t.function(x, r, NONE, c.apply(asm().localGet(0), 1.0).op(mul).op(neg)));
    // Stored to memory, read back as bits.
    int bits = f64 ? I64_LOAD : I32_LOAD;
    fs.put(
        "store(x*1)",
        t.function(
            x,
            types(f64 ? I64 : I32),
            NONE,
            c.apply(asm().i32(8).localGet(0), 1.0)
                .op(mul)
                .op(store)
                .u32(align)
                .u32(0)
                .i32(8)
                .op(bits)
                .u32(align)
                .u32(0)));
    // Through a local.
    fs.put(
        "local(x*1)",
        t.function(
            x, r, types(k), c.apply(asm().localGet(0), 1.0).op(mul).localSet(1).localGet(1)));
    // A callee multiplying by its parameter, inlined into a caller passing 1.0.
    int scale = t.function(types(k, k), r, NONE, asm().localGet(0).localGet(1).op(mul));
    fs.put(
        "call(x,1)", t.function(x, r, NONE, c.apply(asm().localGet(0), 1.0).op(CALL).u32(scale)));
    int minus = t.function(types(k, k), r, NONE, asm().localGet(0).localGet(1).op(sub));
    fs.put(
        "call(x,0)", t.function(x, r, NONE, c.apply(asm().localGet(0), 0.0).op(CALL).u32(minus)));
    if (!f64) {
      fs.put(
          "demote(promote(x))",
          t.function(x, r, NONE, asm().localGet(0).op(F64_PROMOTE_F32).op(F32_DEMOTE_F64)));
    }
    return fs;
  }

  @Test
  void signallingNanIsQuietedAfterJitWarmUp() {
    TestModule t = new TestModule();
    t.memory(1, 1);
    Map<String, Integer> f64 = functions(t, true);
    Map<String, Integer> f32 = functions(t, false);
    ModuleInstance inst = t.instantiate(new CompilerEngine());
    java.util.List<String> unquieted = new java.util.ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      for (Map.Entry<String, Integer> e : f64.entrySet()) {
        FunctionInstance f = inst.functions[e.getValue()];
        long[] stack = new long[2];
        for (int i = 0; i < WARM_CALLS; i++) {
          stack[0] = Double.doubleToRawLongBits(i + 0.5);
          f.call(stack);
        }
        stack[0] = F64_SNAN;
        f.call(stack);
        long v = stack[0];
        if (!Double.isNaN(Double.longBitsToDouble(v)) || (v & F64_QUIET_BIT) == 0) {
          unquieted.add(round + ": f64 " + e.getKey() + " = " + Long.toHexString(v));
        }
      }
      for (Map.Entry<String, Integer> e : f32.entrySet()) {
        FunctionInstance f = inst.functions[e.getValue()];
        long[] stack = new long[2];
        for (int i = 0; i < WARM_CALLS; i++) {
          stack[0] = Float.floatToRawIntBits(i + 0.5f) & 0xFFFF_FFFFL;
          f.call(stack);
        }
        stack[0] = F32_SNAN;
        f.call(stack);
        int v = (int) stack[0];
        if (!Float.isNaN(Float.intBitsToFloat(v)) || (v & F32_QUIET_BIT) == 0) {
          unquieted.add(round + ": f32 " + e.getKey() + " = " + Integer.toHexString(v));
        }
      }
    }
    assertThat(unquieted).as("results that are not quiet NaNs").isEmpty();
  }

  @Test
  void payloadKeepingOperationsStillKeepSignallingNans() {
    // The other half of the rule: no arithmetic, no quieting.
    TestModule t = new TestModule();
    t.memory(1, 1);
    int neg = t.function(types(F64), types(F64), NONE, asm().localGet(0).op(F64_NEG));
    int copy =
        t.function(
            types(F64),
            types(I64),
            NONE,
            asm().i32(0).localGet(0).op(F64_STORE).u32(3).u32(0).i32(0).op(I64_LOAD).u32(3).u32(0));
    ModuleInstance inst = t.instantiate(new CompilerEngine());
    long[] stack = new long[2];
    for (int i = 0; i < WARM_CALLS; i++) {
      stack[0] = Double.doubleToRawLongBits(i);
      inst.functions[neg].call(stack);
      stack[0] = Double.doubleToRawLongBits(i);
      inst.functions[copy].call(stack);
    }
    stack[0] = F64_SNAN;
    inst.functions[neg].call(stack);
    assertThat(stack[0]).isEqualTo(F64_SNAN | Long.MIN_VALUE);
    stack[0] = F64_SNAN;
    inst.functions[copy].call(stack);
    assertThat(stack[0]).isEqualTo(F64_SNAN);
  }
}
