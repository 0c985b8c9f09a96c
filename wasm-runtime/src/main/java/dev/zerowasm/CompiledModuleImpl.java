package dev.zerowasm;

import dev.zerowasm.api.CustomSection;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.internal.engine.CodeOptions;
import dev.zerowasm.api.MemoryDefinition;
import dev.zerowasm.internal.engine.CompiledCode;
import dev.zerowasm.internal.wasm.Export;
import dev.zerowasm.internal.wasm.ExternKind;
import dev.zerowasm.internal.wasm.Import;
import dev.zerowasm.internal.wasm.WasmModule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.Optional;

/** A module compiled by a {@link RuntimeImpl}: the decoded module plus the engine's code. */
final class CompiledModuleImpl implements CompiledModule {
  final RuntimeImpl runtime;
  final WasmModule module;
  final FunctionDefinition[] definitions;

  /** Compiles (or fetches from the cache) the code variant with given hooks. */
  private final Function<CodeOptions, CompiledCode> compiler;

  /** The code variants made so far: usually one, more when some instances listen or time out. */
  private final Map<CodeOptions, CompiledCode> codes = new ConcurrentHashMap<>();
  private final String name;
  private final List<FunctionDefinition> imported;
  private final Map<String, FunctionDefinition> exported;
  private final Map<String, MemoryDefinition> exportedMemories;
  private final List<CustomSection> customSections;
  private volatile boolean closed;

  CompiledModuleImpl(
      RuntimeImpl runtime,
      WasmModule module,
      Function<CodeOptions, CompiledCode> compiler,
      FunctionDefinition[] definitions,
      List<CustomSection> customSections) {
    this.runtime = runtime;
    this.module = module;
    this.compiler = compiler;
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
    this.exportedMemories = memoryDefinitions(module, name);
    this.customSections = customSections;
  }

  /** The definitions of the exported memories, by export name in export order. */
  private static Map<String, MemoryDefinition> memoryDefinitions(WasmModule module, String name) {
    int count = module.memories.length;
    List<List<String>> exportNames = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      exportNames.add(new ArrayList<>(1));
    }
    for (Export export : module.exports) {
      if (export.kind() == ExternKind.MEMORY) {
        exportNames.get(export.index()).add(export.name());
      }
    }
    List<Optional<FunctionDefinition.ImportName>> importedAs = new ArrayList<>(count);
    for (Import imp : module.imports) {
      if (imp.kind() == ExternKind.MEMORY) {
        importedAs.add(Optional.of(new FunctionDefinition.ImportName(imp.module(), imp.name())));
      }
    }
    MemoryDefinition[] definitions = new MemoryDefinition[count];
    for (int i = 0; i < count; i++) {
      definitions[i] =
          new MemoryDefinition(
              name,
              i,
              module.memories[i].limits().min(),
              module.memories[i].limits().hasMax() ? module.memories[i].limits().max() : -1,
              exportNames.get(i),
              i < importedAs.size() ? importedAs.get(i) : Optional.empty());
    }
    Map<String, MemoryDefinition> result = new LinkedHashMap<>();
    for (Export export : module.exports) {
      if (export.kind() == ExternKind.MEMORY) {
        result.put(export.name(), definitions[export.index()]);
      }
    }
    return Collections.unmodifiableMap(result);
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

  /** The code with the hooks of {@code options}, compiled on first use. */
  CompiledCode code(CodeOptions options) {
    return codes.computeIfAbsent(options, compiler);
  }

  @Override
  public Map<String, MemoryDefinition> exportedMemories() {
    return exportedMemories;
  }

  @Override
  public List<CustomSection> customSections() {
    return customSections;
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
