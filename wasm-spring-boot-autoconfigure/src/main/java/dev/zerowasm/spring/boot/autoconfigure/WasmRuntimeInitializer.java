package dev.zerowasm.spring.boot.autoconfigure;

import dev.zerowasm.Runtime;

/**
 * Callback beans run on the {@link Runtime} before any guest module is compiled or instantiated:
 * the place to instantiate the modules guests import (host modules, WASI, helper wasm modules).
 * {@code @WasmHostModule} beans are installed by one of these, which runs first.
 */
@FunctionalInterface
public interface WasmRuntimeInitializer {

  /** Instantiates whatever guests will import into {@code runtime}. */
  void initialize(Runtime runtime);
}
