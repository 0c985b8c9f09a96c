package dev.zerowasm.internal.validation;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.internal.wasm.WasmModule;

/** Validates a decoded module against the WebAssembly specification. (Being built.) */
public final class Validator {
  private Validator() {}

  /**
   * Validates {@code module} under {@code features}.
   *
   * @throws CompileException of phase VALIDATE naming the rule broken and where
   */
  public static void validate(WasmModule module, CoreFeatures features) {
    throw new UnsupportedOperationException("validator not built yet");
  }
}
