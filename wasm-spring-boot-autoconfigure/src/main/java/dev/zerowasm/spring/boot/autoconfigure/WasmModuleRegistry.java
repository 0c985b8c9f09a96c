package dev.zerowasm.spring.boot.autoconfigure;

/**
 * Where a {@link WasmModuleRegistrar} adds modules defined in code. The module is compiled (and one
 * instance created) at once, so a bad module fails registration, naming the module.
 */
public interface WasmModuleRegistry {

  /**
   * Compiles and registers a module under {@code name}.
   *
   * @throws IllegalStateException if a module of that name is already registered
   * @throws WasmModuleLoadException if the module cannot be read, compiled or instantiated
   */
  void registerModule(String name, WasmModuleSpec spec);
}
