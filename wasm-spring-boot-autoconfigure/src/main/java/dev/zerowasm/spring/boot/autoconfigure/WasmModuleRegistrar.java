package dev.zerowasm.spring.boot.autoconfigure;

/**
 * Callback beans that register guest modules defined in code (for example bytes generated at
 * startup) beside those of {@code wasm.modules.*}, in the way {@code SslBundleRegistrar} does for
 * SSL bundles.
 */
@FunctionalInterface
public interface WasmModuleRegistrar {

  /** Registers this bean's modules. */
  void registerModules(WasmModuleRegistry registry);
}
