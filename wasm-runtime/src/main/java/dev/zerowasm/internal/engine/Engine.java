package dev.zerowasm.internal.engine;

import java.util.function.Consumer;

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

  /**
   * Prepares the code of a validated module with the hooks {@code options} asks for. Engines that
   * support hooks override this; the default only handles {@link CodeOptions#NONE}.
   *
   * @throws UnsupportedOperationException if this engine cannot compile the hooks
   */
  default CompiledCode compile(WasmModule module, CodeOptions options) {
    if (options.equals(CodeOptions.NONE)) {
      return compile(module);
    }
    throw new UnsupportedOperationException(
        "engine " + getClass().getName() + " cannot compile listener or interruption hooks");
  }

  /**
   * The bytes a {@link dev.zerowasm.CompilationCache#directory directory cache} stores so that a
   * later process can skip code generation, or {@code null} if this engine stores nothing (the
   * decoded module is then rebuilt from the binary).
   */
  default byte[] serialize(CompiledCode code) {
    return null;
  }

  /**
   * Hands the {@link #serialize} bytes of {@code code} to {@code store} once the code is complete:
   * at once for code that is complete when compiled; for code still being compiled in the
   * background (a large module that starts on the interpreter), when that compilation finishes, on
   * its thread. So a directory cache never makes a start wait for a whole compilation. Nothing is
   * stored if the engine stores nothing or the compilation never finishes.
   */
  default void serializeWhenComplete(CompiledCode code, Consumer<byte[]> store) {
    byte[] bytes = serialize(code);
    if (bytes != null) {
      store.accept(bytes);
    }
  }

  /**
   * Rebuilds code from {@link #serialize} bytes for {@code module}, or returns {@code null} if the
   * bytes do not fit (the caller then compiles afresh).
   */
  default CompiledCode deserialize(WasmModule module, CodeOptions options, byte[] bytes) {
    return null;
  }

  /**
   * The code of {@code module} for a directory cache: rebuilt from the bytes {@code store} holds,
   * or, when there are none or they do not fit, compiled and handed to {@code store} once complete
   * (see {@link #serializeWhenComplete}). This default does it all now; the compiler reads and
   * rebuilds a large module's code in the background while the module starts on its interpreter,
   * so that not even reading the stored classes delays the first call.
   */
  default CompiledCode load(WasmModule module, CodeOptions options, CodeStore store) {
    byte[] bytes = store.read();
    if (bytes != null) {
      try {
        CompiledCode code = deserialize(module, options, bytes);
        if (code != null) {
          return code;
        }
      } catch (RuntimeException | LinkageError e) {
        store.unusable(e);
      }
    }
    CompiledCode code = compile(module, options);
    serializeWhenComplete(code, store::write);
    return code;
  }
}
