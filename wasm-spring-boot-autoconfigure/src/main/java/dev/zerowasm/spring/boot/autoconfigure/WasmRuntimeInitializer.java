package dev.zerowasm.spring.boot.autoconfigure;

import dev.zerowasm.Runtime;

/**
 * Callback beans run on the {@link Runtime} before any guest module is compiled or instantiated:
 * the place to instantiate the modules guests import (host modules, WASI, helper wasm modules).
 *
 * <p>This is the seam for host modules: once the runtime's public {@code HostModuleBuilder} is
 * available, {@code @WasmHostModule} beans are installed through an initializer of this type.
 */
@FunctionalInterface
public interface WasmRuntimeInitializer {

  /** Instantiates whatever guests will import into {@code runtime}. */
  void initialize(Runtime runtime);
}
