package dev.zerowasm.internal.compiler;

import dev.zerowasm.internal.engine.Engine;
import dev.zerowasm.internal.interpreter.InterpreterEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every {@link CompilerEngineTest} on the interpreter tier of tiered code whose background
 * compilation never runs: every call among the module's own functions and through tables goes
 * through {@link TieredFunction}s to the interpreter.
 */
class TieredInterpreterTierTest extends CompilerEngineTest {
  @Override
  Engine newEngine() {
    // Holds the background tasks without running them.
    List<Runnable> held = new ArrayList<>();
    return new CompilerEngine(new InterpreterEngine(), 8000, 1500, 1, 0, held::add);
  }

  // These inspect the compiled function classes, which this tier does not use.

  @Override
  void modulesLargerThanOneClassAreSplitAndCallAcrossClasses() {}

  @Override
  void v128ParamsResultsLocalsAndCallsAreCompiled() {}

  @Override
  void v128CrossesHostFunctionsAndClassBoundaries() {}

  @Override
  void functionsTooLargeForTheJvmRunOnTheInterpreter() {}
}
