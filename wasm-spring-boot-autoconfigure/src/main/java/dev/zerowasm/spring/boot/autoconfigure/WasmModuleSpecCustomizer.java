package dev.zerowasm.spring.boot.autoconfigure;

/**
 * Callback beans that adjust the {@link WasmModuleSpec} built from {@code wasm.modules.<name>.*}
 * before the module is registered; the WASI support is one (it sets the {@link ModuleInstantiator}
 * of modules with {@code wasi.enabled}).
 */
@FunctionalInterface
public interface WasmModuleSpecCustomizer {

  /**
   * Returns {@code spec} or an adjusted copy for module {@code name} configured by {@code
   * properties}.
   */
  WasmModuleSpec customize(
      String name, WasmProperties.ModuleProperties properties, WasmModuleSpec spec);
}
