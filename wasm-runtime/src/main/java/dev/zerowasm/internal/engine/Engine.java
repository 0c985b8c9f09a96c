package dev.zerowasm.internal.engine;

import dev.zerowasm.internal.wasm.WasmModule;

/**
 * Turns validated modules into executable code. One engine per runtime; the interpreter and the
 * compiler are the two implementations.
 */
public interface Engine {
  /**
   * Prepares the code of a validated module for execution. The result is shared by every instance
   * of the module and may be cached.
   */
  CompiledCode compile(WasmModule module);
}
