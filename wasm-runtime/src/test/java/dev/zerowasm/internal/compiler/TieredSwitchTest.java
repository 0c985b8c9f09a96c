package dev.zerowasm.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.internal.engine.CodeOptions;
import dev.zerowasm.internal.engine.CompiledCode;
import dev.zerowasm.internal.engine.Engine;
import dev.zerowasm.internal.interpreter.InterpreterEngine;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.ModuleInstance;
import dev.zerowasm.internal.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every {@link CompilerEngineTest} on tiered code whose background compilation finishes right
 * after instantiation (one class per function, so calls cross classes): every function switches to
 * its compiled code on its first call, also through tables. Also checks that the switched code
 * serialises like eagerly compiled code, and that a directory cache is handed those bytes when the
 * background compilation finishes, not before.
 */
class TieredSwitchTest extends CompilerEngineTest {
  @Override
  Engine newEngine() {
    List<Runnable> pending = new ArrayList<>();
    CompilerEngine compiler =
        new CompilerEngine(new InterpreterEngine(), 8000, 1500, 1, 0, pending::add);
    return new Engine() {
      @Override
      public CompiledCode compile(WasmModule module) {
        return compile(module, CodeOptions.NONE);
      }

      @Override
      public CompiledCode compile(WasmModule module, CodeOptions options) {
        CompiledCode code = compiler.compile(module, options);
        assertThat(code).isInstanceOf(TieredCode.class);
        List<byte[]> stored = new ArrayList<>();
        compiler.serializeWhenComplete(code, stored::add);
        assertThat(stored).as("stored before the background compilation").isEmpty();
        return instance -> {
          FunctionInstance[] fs = code.instantiate(instance);
          for (FunctionInstance f : fs) {
            assertThat(f).isInstanceOf(TieredFunction.class);
          }
          // The background compilation finishes now, before the first call.
          for (Runnable r : pending) {
            r.run();
          }
          pending.clear();
          byte[] bytes = compiler.serialize(code);
          assertThat(bytes).isNotNull();
          assertThat(stored).hasSize(1);
          assertThat(stored.get(0)).isEqualTo(bytes);
          return fs;
        };
      }
    };
  }

  /** Whether {@code inst}'s function {@code index} has switched to compiled code. */
  static boolean switched(ModuleInstance inst, int index) {
    return ((TieredFunction) inst.functions[index]).compiled instanceof CompiledFunction;
  }

  // These inspect the function classes, which stay TieredFunction here.

  @Override
  void modulesLargerThanOneClassAreSplitAndCallAcrossClasses() {}

  @Override
  void v128ParamsResultsLocalsAndCallsAreCompiled() {}

  @Override
  void v128CrossesHostFunctionsAndClassBoundaries() {}

  @Override
  void functionsTooLargeForTheJvmRunOnTheInterpreter() {}
}
