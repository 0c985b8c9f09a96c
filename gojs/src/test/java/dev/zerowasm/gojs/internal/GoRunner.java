package dev.zerowasm.gojs.internal;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.ExitException;
import dev.zerowasm.gojs.GoJs;
import dev.zerowasm.gojs.GoJsConfig;

/**
 * Runs a Go program through the public {@link GoJs#run(Runtime, CompiledModule, ModuleConfig,
 * GoJsConfig)}.
 */
final class GoRunner {
  private GoRunner() {}

  /** Runs {@code wasm} on a runtime configured by {@code runtimeConfig}; returns the exit code. */
  static int run(RuntimeConfig runtimeConfig, byte[] wasm, ModuleConfig sys, GoJsConfig config) {
    try (Runtime runtime = Runtime.create(runtimeConfig)) {
      CompiledModule compiled = runtime.compile(wasm);
      try {
        GoJs.run(runtime, compiled, sys, config);
        return 0;
      } catch (ExitException e) {
        return e.exitCode();
      } finally {
        compiled.close();
      }
    }
  }
}
