package dev.zerowasm;

import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.internal.engine.CompiledCode;
import dev.zerowasm.internal.wasm.Export;
import dev.zerowasm.internal.wasm.ExternKind;
import dev.zerowasm.internal.wasm.WasmModule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A module compiled by a {@link RuntimeImpl}: the decoded module plus the engine's code. */
final class CompiledModuleImpl implements CompiledModule {
  final RuntimeImpl runtime;
  final WasmModule module;
  final CompiledCode code;
  final FunctionDefinition[] definitions;
  private final String name;
  private final List<FunctionDefinition> imported;
  private final Map<String, FunctionDefinition> exported;
  private volatile boolean closed;

  CompiledModuleImpl(
      RuntimeImpl runtime, WasmModule module, CompiledCode code, FunctionDefinition[] definitions) {
    this.runtime = runtime;
    this.module = module;
    this.code = code;
    this.definitions = definitions;
    this.name =
        module.names == null || module.names.moduleName() == null ? "" : module.names.moduleName();
    List<FunctionDefinition> imports = new ArrayList<>(module.importedFunctionCount);
    for (int i = 0; i < module.importedFunctionCount; i++) {
      imports.add(definitions[i]);
    }
    this.imported = Collections.unmodifiableList(imports);
    Map<String, FunctionDefinition> exports = new LinkedHashMap<>();
    for (Export export : module.exports) {
      if (export.kind() == ExternKind.FUNCTION) {
        exports.put(export.name(), definitions[export.index()]);
      }
    }
    this.exported = Collections.unmodifiableMap(exports);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<FunctionDefinition> importedFunctions() {
    return imported;
  }

  @Override
  public Map<String, FunctionDefinition> exportedFunctions() {
    return exported;
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "CompiledModule{name=\""
        + name
        + "\", functions="
        + module.functionCount()
        + ", exports="
        + module.exports.length
        + "}";
  }
}
