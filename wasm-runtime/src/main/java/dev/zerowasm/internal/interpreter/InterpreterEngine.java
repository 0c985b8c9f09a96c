package dev.zerowasm.internal.interpreter;

import dev.zerowasm.internal.engine.CompiledCode;
import dev.zerowasm.internal.engine.Engine;
import dev.zerowasm.internal.wasm.WasmModule;

/** The interpreter engine. (Being built.) */
public final class InterpreterEngine implements Engine {
  @Override
  public CompiledCode compile(WasmModule module) {
    throw new UnsupportedOperationException("interpreter not built yet");
  }
}
