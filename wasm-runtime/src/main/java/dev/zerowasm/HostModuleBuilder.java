package dev.zerowasm;

import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.HostFunction;
import dev.zerowasm.api.Module;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.FunctionDefinitionImpl;
import dev.zerowasm.internal.wasm.HostFunctionInstance;
import dev.zerowasm.internal.wasm.HostModule;
import dev.zerowasm.internal.wasm.Store;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Defines a module whose functions are implemented in Java, for WebAssembly modules to import. Get
 * one from {@link Runtime#newHostModuleBuilder(String)}, add functions with {@link
 * #newFunctionBuilder()}, then {@link #instantiate()} it: the module is registered in the runtime
 * under its name, so guests instantiated afterwards import from it.
 *
 * <pre>{@code
 * runtime.newHostModuleBuilder("env")
 *     .newFunctionBuilder()
 *     .withFunc(logger, "log")
 *     .withParameterNames("offset", "length")
 *     .export("log")
 *     .instantiate();
 * }</pre>
 *
 * <p>Host modules export functions only. A builder is a mutable, single-threaded object; the module
 * it instantiates may be imported by modules on any thread (a host function must then be
 * thread-safe if guests on several threads call it).
 */
public final class HostModuleBuilder {
  /** One exported function, ready to instantiate. */
  record Entry(
      String exportName,
      String name,
      FuncType type,
      List<String> paramNames,
      List<String> resultNames,
      HostFunction function) {}

  private final Store store;
  private final String moduleName;
  private final List<Entry> entries = new ArrayList<>();
  private final Set<String> exportNames = new HashSet<>();

  HostModuleBuilder(Store store, String moduleName) {
    this.store = store;
    this.moduleName = moduleName;
  }

  /** The name the module will be instantiated (and imported) under. */
  public String moduleName() {
    return moduleName;
  }

  /** Starts the definition of a function; its {@link HostFunctionBuilder#export} adds it here. */
  public HostFunctionBuilder newFunctionBuilder() {
    return new HostFunctionBuilder(this);
  }

  /** The definitions of the functions exported so far, in export order. */
  public List<FunctionDefinition> exportedFunctions() {
    List<FunctionDefinition> result = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      result.add(definition(i));
    }
    return List.copyOf(result);
  }

  private FunctionDefinition definition(int index) {
    Entry e = entries.get(index);
    return FunctionDefinitionImpl.host(
        moduleName, index, e.name(), e.exportName(), e.type(), e.paramNames(), e.resultNames());
  }

  /** Called by {@link HostFunctionBuilder#export}. */
  void add(Entry entry) {
    if (!exportNames.add(entry.exportName())) {
      throw new IllegalArgumentException(
          "host module \""
              + moduleName
              + "\" already exports a function named \""
              + entry.exportName()
              + "\"");
    }
    entries.add(entry);
  }

  /**
   * Creates the module and registers it in the runtime under {@link #moduleName()}.
   *
   * @return the host module; closing it unregisters it (modules that imported its functions keep
   *     them)
   * @throws dev.zerowasm.api.WasmException if a module of that name exists already
   * @throws IllegalStateException if the runtime is closed
   */
  public Module instantiate() {
    HostModule module = HostModule.builder(moduleName);
    for (Entry e : entries) {
      module.function(
          e.exportName(),
          e.name(),
          e.type(),
          e.paramNames(),
          e.resultNames(),
          (type, owner, definition) ->
              new HostFunctionInstance(type, owner, definition, e.function()));
    }
    return module.instantiate(store);
  }

  @Override
  public String toString() {
    return "HostModuleBuilder{name=\"" + moduleName + "\", functions=" + entries.size() + "}";
  }
}
