package dev.zerowasm.gojs.internal;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.gojs.GoGuest;
import dev.zerowasm.gojs.GoJsConfig;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.HostModule;
import dev.zerowasm.internal.wasm.StoreOwner;
import java.util.List;

/**
 * Runs a Go program through the real {@link Runtime}: registers the Go imports as a host module,
 * compiles, instantiates without a start function, and runs it with {@link GoGuest#of(Module)}. The
 * host module is built with the runtime's internal {@link HostModule} because the public
 * host-module API does not exist yet; this is the thin layer {@code GoJs.run(runtime, compiled,
 * config)} will be.
 */
final class GoRunner {
  private GoRunner() {}

  /** Runs {@code wasm} on a runtime configured by {@code runtimeConfig}; returns the exit code. */
  static int run(RuntimeConfig runtimeConfig, byte[] wasm, GoJsConfig config) {
    try (Runtime runtime = Runtime.create(runtimeConfig)) {
      CompiledModule compiled = runtime.compile(wasm);
      String importModule = GoJsFunctions.MODULE_GO;
      for (FunctionDefinition d : compiled.importedFunctions()) {
        importModule = d.importedAs().orElseThrow().moduleName();
      }
      GoJsHost host = new GoJsHost(config);
      register(runtime, importModule, host);
      Module module = runtime.instantiate(compiled, ModuleConfig.create().withStartFunctions());
      return host.run(GoGuest.of(module));
    }
  }

  private static void register(Runtime runtime, String importModule, GoJsHost host) {
    FuncType type = new FuncType(new ValueType[] {ValueType.I32}, new ValueType[0]);
    HostModule builder = HostModule.builder(importModule);
    for (GoJsFunctions.Function f : GoJsFunctions.all()) {
      String name = f.name();
      builder.function(
          name,
          type,
          List.of(f.wasmParamName()),
          (t, owner, definition) ->
              new FunctionInstance(t, owner, definition) {
                @Override
                public void call(long[] stack) {
                  host.call(importModule, name, (int) stack[0]);
                }
              });
    }
    builder.instantiate(((StoreOwner) runtime).store());
  }
}
