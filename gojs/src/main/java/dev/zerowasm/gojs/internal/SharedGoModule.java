package dev.zerowasm.gojs.internal;

import dev.zerowasm.HostModuleBuilder;
import dev.zerowasm.Runtime;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.api.WasmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Go host module ({@code go} or {@code gojs}) of one runtime, shared by every Go program
 * running in it: each call goes to the {@link GoJsHost} of its calling instance, as WASI finds the
 * state of its caller. So one runtime runs any number of Go programs at once, as in wazero, where
 * the per-run state travels in the call's context.
 *
 * <p>The module is registered on the first run in a runtime and stays registered (it holds no
 * state between runs). The registry below is static because a {@link Runtime} has no place for
 * extensions to keep data; it is weak in its keys, so it holds no runtime alive.
 */
public final class SharedGoModule {
  private static final Map<Runtime, Map<String, SharedGoModule>> REGISTERED = new WeakHashMap<>();

  private final String importModule;
  private final Module module;
  private final Map<Module, GoJsHost> running = new ConcurrentHashMap<>();

  private SharedGoModule(Runtime runtime, String importModule) {
    this.importModule = importModule;
    HostModuleBuilder builder = runtime.newHostModuleBuilder(importModule);
    for (GoJsFunctions.Function f : GoJsFunctions.all()) {
      String name = f.name();
      builder
          .newFunctionBuilder()
          .withFunction(
              (caller, stack) -> hostOf(caller).call(importModule, name, (int) stack[0]),
              List.of(ValueType.I32),
              List.of())
          .withParameterNames(f.wasmParamName())
          .export(name);
    }
    this.module = builder.instantiate();
  }

  /**
   * The shared module named {@code importModule} in {@code runtime}, registered on first use.
   *
   * @throws WasmException if the runtime has another module of that name (not registered by gojs)
   */
  public static SharedGoModule of(Runtime runtime, String importModule) {
    synchronized (REGISTERED) {
      Map<String, SharedGoModule> byName = REGISTERED.computeIfAbsent(runtime, r -> new HashMap<>());
      SharedGoModule shared = byName.get(importModule);
      if (shared == null || shared.module.isClosed()) {
        if (runtime.module(importModule) != null) {
          throw new WasmException(
              "cannot run a Go program: the runtime already has a module named \""
                  + importModule
                  + "\" that gojs did not register");
        }
        shared = new SharedGoModule(runtime, importModule);
        byName.put(importModule, shared);
      }
      return shared;
    }
  }

  /** Routes the calls of {@code program} to {@code host} until {@link #unbind}. */
  public void bind(Module program, GoJsHost host) {
    running.put(program, host);
  }

  /** Stops routing the calls of {@code program}. */
  public void unbind(Module program) {
    running.remove(program);
  }

  private GoJsHost hostOf(Module caller) {
    GoJsHost host = running.get(caller);
    if (host == null) {
      throw new IllegalStateException(
          "module \""
              + caller.name()
              + "\" imports "
              + importModule
              + " but is not running through GoJs.run");
    }
    return host;
  }
}
