package dev.zerowasm.internal.interpreter;

import dev.zerowasm.internal.engine.CodeOptions;
import dev.zerowasm.internal.engine.CompiledCode;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.ModuleInstance;
import dev.zerowasm.internal.wasm.WasmModule;

/**
 * A module prepared for the interpreter. Functions are translated lazily, on their first call, so
 * that large modules start fast; the translations are shared by every instance and thread.
 */
final class InterpretedCode implements CompiledCode {
  final WasmModule module;
  final int importedFunctionCount;

  /**
   * The translated bodies by defined-function index; null until first needed. Threads may race to
   * translate a function: translation is deterministic and {@link FunctionBody} is immutable with
   * final fields, so any published body is complete and the duplicates are equivalent.
   */
  final FunctionBody[] bodies;

  /** The hooks translated into the code. */
  final CodeOptions options;

  InterpretedCode(WasmModule module) {
    this(module, CodeOptions.NONE);
  }

  InterpretedCode(WasmModule module, CodeOptions options) {
    this.module = module;
    this.options = options;
    this.importedFunctionCount = module.importedFunctionCount;
    this.bodies = new FunctionBody[module.codes.length];
  }

  /** The translated body of defined function {@code definedIndex}, translating it if needed. */
  FunctionBody body(int definedIndex) {
    FunctionBody b = bodies[definedIndex];
    if (b == null) {
      b = Translator.translate(module, definedIndex, options);
      bodies[definedIndex] = b;
    }
    return b;
  }

  @Override
  public FunctionInstance[] instantiate(ModuleInstance instance) {
    FunctionInstance[] fs = new FunctionInstance[bodies.length];
    for (int i = 0; i < fs.length; i++) {
      int index = importedFunctionCount + i;
      fs[i] =
          new InterpreterFunction(
              module.functionType(index), instance, instance.definitions[index], this, i);
    }
    return fs;
  }
}
