package dev.zerowasm.spring.boot.autoconfigure;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.api.Module;

/**
 * How a {@link ModulePool} creates an instance of its module: plain {@link
 * Runtime#instantiate(CompiledModule, ModuleConfig)} by default, through the WASI host for modules
 * with {@code wasi.enabled}, or anything a {@link WasmModuleRegistrar} supplies.
 */
@FunctionalInterface
public interface ModuleInstantiator {

  /** Instantiates the runtime's own way. */
  ModuleInstantiator DEFAULT = Runtime::instantiate;

  /** Creates one instance of {@code compiled} in {@code runtime} with {@code config}. */
  Module instantiate(Runtime runtime, CompiledModule compiled, ModuleConfig config);
}
