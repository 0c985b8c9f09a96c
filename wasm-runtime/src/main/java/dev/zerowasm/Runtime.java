package dev.zerowasm;

import dev.zerowasm.api.CompileException;
import dev.zerowasm.api.LinkException;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.TrapException;

/**
 * The entry point of zerowasm: compiles WebAssembly binaries and instantiates them. A runtime holds
 * the namespace of named module instances that imports resolve against, so modules that import each
 * other must share a runtime.
 *
 * <p>Thread-safe: compile and instantiate from any thread, and share one runtime (and its {@link
 * CompiledModule}s) across an application. A {@link Module} instance, by contrast, is used by one
 * thread at a time; instantiate a compiled module once per thread to run it concurrently. Closing
 * the runtime closes every module instantiated by it.
 *
 * <pre>{@code
 * try (Runtime runtime = Runtime.create()) {
 *   Module module = runtime.instantiate(Files.readAllBytes(path));
 *   long[] results = module.exportedFunction("add").call(1, 2);
 * }
 * }</pre>
 */
public interface Runtime extends AutoCloseable {
  /** A runtime with {@link RuntimeConfig#defaults()}. */
  static Runtime create() {
    return create(RuntimeConfig.defaults());
  }

  /**
   * A runtime with the given configuration.
   *
   * @throws NullPointerException if {@code config} is null
   */
  static Runtime create(RuntimeConfig config) {
    return new RuntimeImpl(config);
  }

  /** The configuration this runtime was created with. */
  RuntimeConfig config();

  /**
   * Decodes, validates and compiles {@code wasm} for this runtime's engine.
   *
   * @throws CompileException if the binary is malformed, invalid, or exceeds a limit
   * @throws IllegalStateException if the runtime is closed
   */
  CompiledModule compile(byte[] wasm);

  /**
   * Instantiates {@code compiled} with {@link ModuleConfig#create()}.
   *
   * @see #instantiate(CompiledModule, ModuleConfig)
   */
  Module instantiate(CompiledModule compiled);

  /**
   * Instantiates {@code compiled}: links its imports against the modules of this runtime, creates
   * its memories, tables and globals, applies its segments, runs its start section and then the
   * start functions of {@code config}. On success the module is registered under its name (if any);
   * on failure nothing is left registered.
   *
   * @throws LinkException if an import is missing or has the wrong type
   * @throws TrapException if a segment is out of bounds (WebAssembly 2.0) or a start function traps
   * @throws dev.zerowasm.api.ExitException if a start function exits with a non-zero code
   * @throws dev.zerowasm.api.WasmException if a module of the same name exists already
   * @throws IllegalArgumentException if {@code compiled} belongs to another runtime
   * @throws IllegalStateException if the runtime or the compiled module is closed
   */
  Module instantiate(CompiledModule compiled, ModuleConfig config);

  /**
   * Compiles and instantiates {@code wasm} with {@link ModuleConfig#create()}; the compiled form is
   * not kept.
   */
  Module instantiate(byte[] wasm);

  /**
   * Starts a module of functions implemented in Java, to be registered under {@code moduleName}
   * when instantiated; WebAssembly modules then import its functions with that module name.
   *
   * @throws NullPointerException if {@code moduleName} is null
   * @throws IllegalArgumentException if {@code moduleName} is empty
   */
  HostModuleBuilder newHostModuleBuilder(String moduleName);

  /** The module instantiated under {@code name}, or {@code null} if none. */
  Module module(String name);

  /** Closes every module of this runtime; later calls to compile or instantiate fail. */
  @Override
  void close();
}
