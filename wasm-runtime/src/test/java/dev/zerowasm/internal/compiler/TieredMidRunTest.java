package dev.zerowasm.internal.compiler;

import static dev.zerowasm.api.ValueType.I32;
import static dev.zerowasm.internal.wasm.Opcodes.*;
import static dev.zerowasm.testing.TestModule.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.interpreter.InterpreterEngine;
import dev.zerowasm.internal.wasm.ModuleInstance;
import dev.zerowasm.testing.Asm;
import dev.zerowasm.testing.TestModule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compilation of tiered code finishing while an interpreted function runs: its later calls
 * reach the compiled code at once, the running activation finishes on the interpreter, and the
 * results are those of either engine.
 */
class TieredMidRunTest {
  private static final ValueType[] NONE = new ValueType[0];

  @Test
  void callsSwitchToCompiledCodeWhileTheCallerKeepsInterpreting() {
    List<Runnable> pending = new ArrayList<>();
    CompilerEngine engine =
        new CompilerEngine(new InterpreterEngine(), 8000, 1500, 1, 0, pending::add);
    ModuleInstance[] holder = new ModuleInstance[1];
    List<Boolean> helperSwitched = new ArrayList<>();
    List<Boolean> mainSwitched = new ArrayList<>();
    TestModule t = new TestModule();
    int[] helperIndex = new int[1];
    int[] mainIndex = new int[1];
    int tick =
        t.importFunction(
            types(I32),
            NONE,
            stack -> {
              helperSwitched.add(TieredSwitchTest.switched(holder[0], helperIndex[0]));
              mainSwitched.add(TieredSwitchTest.switched(holder[0], mainIndex[0]));
              if (stack[0] == 5) {
                pending.forEach(Runnable::run); // the background compilation finishes
                pending.clear();
              }
            });
    int helper =
        t.function(
            types(I32),
            types(I32),
            NONE,
            new Asm().localGet(0).i32(2).op(I32_MUL).i32(1).op(I32_ADD));
    helperIndex[0] = helper;
    // main(n): for (i = 0; i < n; i++) { acc += helper(i); tick(i); } return acc
    Asm body =
        new Asm()
            .op(BLOCK)
            .b(0x40)
            .op(LOOP)
            .b(0x40)
            .localGet(1)
            .localGet(0)
            .op(I32_GE_S)
            .op(BR_IF)
            .u32(1)
            .localGet(2)
            .localGet(1)
            .op(CALL)
            .u32(helper)
            .op(I32_ADD)
            .localSet(2)
            .localGet(1)
            .op(CALL)
            .u32(tick)
            .localGet(1)
            .i32(1)
            .op(I32_ADD)
            .localSet(1)
            .op(BR)
            .u32(0)
            .op(END)
            .op(END)
            .localGet(2);
    int main = t.function(types(I32), types(I32), types(I32, I32), body);
    mainIndex[0] = main;
    ModuleInstance inst = t.instantiate(engine);
    holder[0] = inst;

    long[] stack = {10};
    inst.functions[main].call(stack);

    assertThat(stack[0]).isEqualTo(100); // the sum of 2i + 1 for i < 10
    // helper switched on its first call after the compilation (i = 6); main kept interpreting.
    assertThat(helperSwitched)
        .containsExactly(false, false, false, false, false, false, true, true, true, true);
    assertThat(mainSwitched).containsOnly(false);
    stack[0] = 3;
    inst.functions[main].call(stack);
    assertThat(stack[0]).isEqualTo(9);
    assertThat(mainSwitched.subList(10, 13)).containsOnly(true);
  }

  @Test
  void closingEveryInstanceStopsTheCompilationAndTheNextInstanceRestartsIt() {
    List<Runnable> pending = new ArrayList<>();
    CompilerEngine engine =
        new CompilerEngine(new InterpreterEngine(), 8000, 1500, 1, 0, pending::add);
    TestModule t = new TestModule();
    t.function(types(I32), types(I32), NONE, new Asm().localGet(0).i32(1).op(I32_ADD));
    dev.zerowasm.internal.wasm.WasmModule m = t.build();
    TieredCode code = (TieredCode) engine.compile(m);
    dev.zerowasm.api.FunctionDefinition[] defs =
        dev.zerowasm.internal.wasm.FunctionDefinitionImpl.forModule(m);
    ModuleInstance first = new ModuleInstance(m, new dev.zerowasm.internal.wasm.Store(), defs);
    code.instantiate(first);
    first.closed = true;
    runAll(pending);
    assertThat(code.ready()).as("compilation stopped: no open instance").isNull();

    ModuleInstance second = new ModuleInstance(m, new dev.zerowasm.internal.wasm.Store(), defs);
    dev.zerowasm.internal.wasm.FunctionInstance[] fs = code.instantiate(second);
    assertThat(pending).as("restarted").hasSize(1);
    runAll(pending);
    assertThat(code.ready()).isNotNull();
    long[] stack = {41};
    fs[0].call(stack);
    assertThat(stack[0]).isEqualTo(42);
    assertThat(((TieredFunction) fs[0]).compiled).isInstanceOf(CompiledFunction.class);
  }

  private static void runAll(List<Runnable> pending) {
    List<Runnable> now = new ArrayList<>(pending);
    pending.clear();
    now.forEach(Runnable::run);
  }
}
