package dev.zerowasm.internal.interpreter;

import dev.zerowasm.internal.engine.CodeOptions;
import dev.zerowasm.internal.engine.CompiledCode;
import dev.zerowasm.internal.engine.Engine;
import dev.zerowasm.internal.wasm.WasmModule;

/**
 * The interpreter engine: translates each function once (lazily, on first call) into compact
 * internal code with resolved branches and runs it in one loop over a {@code long[]} value stack.
 * Calls among a module's own functions stay in that loop, so deep recursion needs no Java stack.
 */
public final class InterpreterEngine implements Engine {
  /** Creates the engine; it is stateless and may be shared. */
  public InterpreterEngine() {}

  @Override
  public CompiledCode compile(WasmModule module) {
    return compile(module, CodeOptions.NONE);
  }

  @Override
  public CompiledCode compile(WasmModule module, CodeOptions options) {
    return new InterpretedCode(module, options);
  }
}
