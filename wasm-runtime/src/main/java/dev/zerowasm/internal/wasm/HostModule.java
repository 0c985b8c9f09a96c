package dev.zerowasm.internal.wasm;

import dev.zerowasm.api.FunctionDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a module instance whose exports are implemented in Java: functions given as {@link
 * FunctionInstance}s, plus existing globals, tables and memories. Internal: the spec test runner
 * uses it for the {@code spectest} module, and {@code dev.zerowasm.HostModuleBuilder} builds on it.
 *
 * <p>The instance looks like any other to importers: it has a synthetic {@link WasmModule} with
 * only types and exports, and its index spaces hold exactly the exported items in the order added.
 */
public final class HostModule {
  /** Creates a function of the host module once the module instance exists. */
  @FunctionalInterface
  public interface FunctionFactory {
    /** The function for {@code owner}, described by {@code definition}. */
    FunctionInstance create(FuncType type, ModuleInstance owner, FunctionDefinition definition);
  }

  /** The body of a simple host function, with the {@link FunctionInstance} calling convention. */
  @FunctionalInterface
  public interface Body {
    /** Reads parameters from {@code stack[0..)} and leaves results in {@code stack[0..)}. */
    void call(long[] stack);
  }

  private record FunctionEntry(
      String exportName,
      String name,
      FuncType type,
      List<String> paramNames,
      List<String> resultNames,
      FunctionFactory factory) {}

  private final String name;
  private final List<FunctionEntry> functions = new ArrayList<>();
  private final List<String> globalNames = new ArrayList<>();
  private final List<GlobalInstance> globals = new ArrayList<>();
  private final List<String> tableNames = new ArrayList<>();
  private final List<TableInstance> tables = new ArrayList<>();
  private final List<String> memoryNames = new ArrayList<>();
  private final List<MemoryInstance> memories = new ArrayList<>();

  private HostModule(String name) {
    this.name = name;
  }

  /** Starts a host module named {@code name}. */
  public static HostModule builder(String name) {
    return new HostModule(Objects.requireNonNull(name, "name"));
  }

  /** Exports a function created by {@code factory}. */
  public HostModule function(
      String exportName, FuncType type, List<String> paramNames, FunctionFactory factory) {
    return function(exportName, exportName, type, paramNames, List.of(), factory);
  }

  /**
   * Exports, as {@code exportName}, a function named {@code name} (in its definition) created by
   * {@code factory}; the name lists are empty or have one name per parameter/result.
   */
  public HostModule function(
      String exportName,
      String name,
      FuncType type,
      List<String> paramNames,
      List<String> resultNames,
      FunctionFactory factory) {
    functions.add(new FunctionEntry(exportName, name, type, paramNames, resultNames, factory));
    return this;
  }

  /** Exports a function running {@code body}. */
  public HostModule function(String exportName, FuncType type, Body body) {
    return function(
        exportName,
        type,
        List.of(),
        (t, owner, definition) ->
            new FunctionInstance(t, owner, definition) {
              @Override
              public void call(long[] stack) {
                body.call(stack);
              }
            });
  }

  /** Exports {@code global}. */
  public HostModule global(String exportName, GlobalInstance global) {
    globalNames.add(exportName);
    globals.add(global);
    return this;
  }

  /** Exports {@code table}. */
  public HostModule table(String exportName, TableInstance table) {
    tableNames.add(exportName);
    tables.add(table);
    return this;
  }

  /** Exports {@code memory}. */
  public HostModule memory(String exportName, MemoryInstance memory) {
    memoryNames.add(exportName);
    memories.add(memory);
    return this;
  }

  /**
   * Creates the instance and registers it in {@code store} under the module's name.
   *
   * @throws dev.zerowasm.api.WasmException if the name is taken
   */
  public ModuleInstance instantiate(Store store) {
    WasmModule module = new WasmModule();
    module.bytes = new byte[0];
    int n = functions.size();
    module.types = new FuncType[n];
    module.functionTypeIndices = new int[n];
    List<Export> exports = new ArrayList<>();
    FunctionDefinition[] definitions = new FunctionDefinition[n];
    for (int i = 0; i < n; i++) {
      FunctionEntry entry = functions.get(i);
      module.types[i] = entry.type();
      module.functionTypeIndices[i] = i;
      exports.add(new Export(entry.exportName(), ExternKind.FUNCTION, i));
      definitions[i] =
          FunctionDefinitionImpl.host(
              name,
              i,
              entry.name(),
              entry.exportName(),
              entry.type(),
              entry.paramNames(),
              entry.resultNames());
    }
    module.globalTypes = new GlobalType[globals.size()];
    for (int i = 0; i < globals.size(); i++) {
      module.globalTypes[i] = globals.get(i).globalType();
      exports.add(new Export(globalNames.get(i), ExternKind.GLOBAL, i));
    }
    module.tables = new TableType[tables.size()];
    for (int i = 0; i < tables.size(); i++) {
      TableInstance t = tables.get(i);
      module.tables[i] =
          new TableType(
              t.elementType(), t.max() >= 0 ? Limits.of(t.size(), t.max()) : Limits.of(t.size()));
      exports.add(new Export(tableNames.get(i), ExternKind.TABLE, i));
    }
    module.memories = new MemoryType[memories.size()];
    for (int i = 0; i < memories.size(); i++) {
      module.memories[i] = memories.get(i).memoryType();
      exports.add(new Export(memoryNames.get(i), ExternKind.MEMORY, i));
    }
    module.exports = exports.toArray(new Export[0]);

    store.reserve(name);
    try {
      ModuleInstance instance = new ModuleInstance(module, store, definitions, name);
      instance.functions = new FunctionInstance[n];
      for (int i = 0; i < n; i++) {
        FunctionEntry entry = functions.get(i);
        instance.functions[i] = entry.factory().create(entry.type(), instance, definitions[i]);
      }
      instance.globals = globals.toArray(new GlobalInstance[0]);
      instance.tables = tables.toArray(new TableInstance[0]);
      instance.memories = memories.toArray(new MemoryInstance[0]);
      instance.dataSegments = new byte[0][];
      instance.elementSegments = new long[0][];
      store.add(instance);
      return instance;
    } catch (RuntimeException e) {
      store.unreserve(name);
      throw e;
    }
  }
}
