package dev.zerowasm.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.internal.engine.CodeOptions;
import dev.zerowasm.internal.engine.CompiledCode;
import dev.zerowasm.internal.engine.Engine;
import dev.zerowasm.internal.interpreter.InterpreterEngine;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every {@link CompilerEngineTest} on code loaded from the directory cache's serialised form
 * by a tiered engine (what a second process does with a large module): instances start on the
 * interpreter, the classes are defined in the background (here: right after instantiation) and
 * every function switches to them on its next call.
 */
class TieredSerializedCodeTest extends CompilerEngineTest {
  @Override
  Engine newEngine() {
    CompilerEngine eager = new CompilerEngine(new InterpreterEngine(), 8000, 1500, 1);
    List<Runnable> pending = new ArrayList<>();
    CompilerEngine tiered =
        new CompilerEngine(new InterpreterEngine(), 8000, 1500, 1, 0, pending::add);
    return new Engine() {
      @Override
      public CompiledCode compile(WasmModule module) {
        byte[] bytes = eager.serialize(eager.compile(module));
        CompiledCode code = tiered.deserialize(module, CodeOptions.NONE, bytes);
        assertThat(code).isInstanceOf(TieredCode.class);
        return instance -> {
          FunctionInstance[] fs = code.instantiate(instance);
          pending.forEach(Runnable::run);
          pending.clear();
          // The classes came from the bytes: serialising them again gives the same bytes.
          assertThat(tiered.serialize(code)).isEqualTo(bytes);
          return fs;
        };
      }
    };
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
