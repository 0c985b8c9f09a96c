package dev.zerowasm.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.internal.engine.CodeOptions;
import dev.zerowasm.internal.engine.CompiledCode;
import dev.zerowasm.internal.engine.Engine;
import dev.zerowasm.internal.interpreter.InterpreterEngine;
import dev.zerowasm.internal.wasm.WasmModule;

/**
 * Runs every {@link CompilerEngineTest} on code that was compiled (one class per function, so every
 * call crosses classes), serialised as the directory compilation cache stores it, and defined again
 * from those bytes: what a second process does.
 */
class SerializedCodeTest extends CompilerEngineTest {
  @Override
  Engine newEngine() {
    CompilerEngine compiler = new CompilerEngine(new InterpreterEngine(), 8000, 1500, 1);
    return new Engine() {
      @Override
      public CompiledCode compile(WasmModule module) {
        byte[] bytes = compiler.serialize(compiler.compile(module));
        assertThat(bytes).isNotNull();
        CompiledCode code = compiler.deserialize(module, CodeOptions.NONE, bytes);
        assertThat(code).as("deserialised code").isNotNull();
        // Serialising the deserialised code gives the same bytes: nothing was regenerated.
        assertThat(compiler.serialize(code)).isEqualTo(bytes);
        return code;
      }
    };
  }
}
