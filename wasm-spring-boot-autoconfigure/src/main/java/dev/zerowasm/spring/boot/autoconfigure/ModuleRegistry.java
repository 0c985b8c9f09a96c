package dev.zerowasm.spring.boot.autoconfigure;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.api.Module;
import java.util.Set;
import java.util.function.Function;

/**
 * The guest modules of the application, compiled at startup: read access to each module's {@link
 * CompiledModule} and settings, and instances from its {@link ModulePool}. Modules come from {@code
 * wasm.modules.<name>.*} and from {@link WasmModuleRegistrar} beans, in the way Spring Boot's SSL
 * bundles do.
 */
public interface ModuleRegistry {

  /** The names of all registered modules, in registration order. */
  Set<String> getModuleNames();

  /**
   * The settings a module was registered with.
   *
   * @throws NoSuchWasmModuleException if no module has that name
   */
  WasmModuleSpec getModuleSpec(String name);

  /**
   * The compiled form of a module: its imports and exports with their types.
   *
   * @throws NoSuchWasmModuleException if no module has that name
   */
  CompiledModule getCompiledModule(String name);

  /**
   * The pool that hands out instances of a module, one caller per instance at a time.
   *
   * @throws NoSuchWasmModuleException if no module has that name
   */
  ModulePool getPool(String name);

  /**
   * Runs {@code action} on an instance of the module borrowed from its pool and gives the instance
   * back afterwards; an instance whose action threw (a trap, an exit, anything) may be broken and
   * is discarded instead. Exceptions reach the caller unchanged.
   *
   * @throws NoSuchWasmModuleException if no module has that name
   * @throws WasmCallException with outcome REJECTED if no instance became free within max-wait
   */
  default <T> T withInstance(String name, Function<Module, T> action) {
    try (ModulePool.Lease lease = getPool(name).borrow()) {
      try {
        return action.apply(lease.module());
      } catch (RuntimeException | Error e) {
        lease.discard();
        throw e;
      }
    }
  }
}
