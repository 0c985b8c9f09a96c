package dev.zerowasm.internal.engine;

import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.ModuleInstance;

/** The executable form of one module's functions, produced by an {@link Engine}. */
public interface CompiledCode {
  /**
   * Creates the module's own (non-imported) functions bound to {@code instance}, in function index
   * order starting after the imports. The instance's imports are already resolved; its tables,
   * memories and globals may not be filled yet, so implementations read them only when called.
   */
  FunctionInstance[] instantiate(ModuleInstance instance);
}
