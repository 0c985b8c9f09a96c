package dev.zerowasm.internal.wasm;

import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.engine.CompiledCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link WasmModule}s by hand, with functions implemented in Java, for instantiation tests.
 */
final class TestModules {
  /** A Java body for a defined function, given its instance. */
  interface Body {
    void call(ModuleInstance instance, long[] stack);
  }

  final WasmModule module = new WasmModule();
  private final List<FuncType> types = new ArrayList<>();
  private final List<Import> imports = new ArrayList<>();
  private final List<Integer> functionTypes = new ArrayList<>();
  private final List<Body> bodies = new ArrayList<>();
  private final List<TableType> tables = new ArrayList<>();
  private final List<MemoryType> memories = new ArrayList<>();
  private final List<GlobalType> globalTypes = new ArrayList<>();
  private final List<GlobalDefinition> globals = new ArrayList<>();
  private final List<Export> exports = new ArrayList<>();
  private final List<ElementSegment> elements = new ArrayList<>();
  private final List<DataSegment> data = new ArrayList<>();

  static FuncType type(ValueType[] params, ValueType... results) {
    return new FuncType(params, results);
  }

  static ValueType[] params(ValueType... params) {
    return params;
  }

  static ConstExpr i32(int value) {
    return new ConstExpr(List.of(new ConstExpr.Instruction(Opcodes.I32_CONST, value, 0)));
  }

  static ConstExpr globalGet(int index) {
    return new ConstExpr(List.of(new ConstExpr.Instruction(Opcodes.GLOBAL_GET, index, 0)));
  }

  private int typeIndex(FuncType type) {
    int i = types.indexOf(type);
    if (i < 0) {
      types.add(type);
      i = types.size() - 1;
    }
    return i;
  }

  TestModules importFunction(String module, String name, FuncType type) {
    imports.add(Import.function(module, name, typeIndex(type)));
    functionTypes.add(typeIndex(type));
    module().importedFunctionCount++;
    return this;
  }

  TestModules importMemory(String module, String name, Limits limits) {
    imports.add(Import.memory(module, name, new MemoryType(limits)));
    memories.add(new MemoryType(limits));
    module().importedMemoryCount++;
    return this;
  }

  TestModules importTable(String module, String name, TableType type) {
    imports.add(Import.table(module, name, type));
    tables.add(type);
    module().importedTableCount++;
    return this;
  }

  TestModules importGlobal(String module, String name, GlobalType type) {
    imports.add(Import.global(module, name, type));
    globalTypes.add(type);
    module().importedGlobalCount++;
    return this;
  }

  /** Defines a function; its index is imports + number of earlier definitions. */
  TestModules function(FuncType type, Body body) {
    functionTypes.add(typeIndex(type));
    bodies.add(body);
    return this;
  }

  TestModules memory(Limits limits) {
    memories.add(new MemoryType(limits));
    return this;
  }

  TestModules table(TableType type) {
    tables.add(type);
    return this;
  }

  TestModules global(GlobalType type, ConstExpr init) {
    globalTypes.add(type);
    globals.add(new GlobalDefinition(type, init));
    return this;
  }

  TestModules export(String name, ExternKind kind, int index) {
    exports.add(new Export(name, kind, index));
    return this;
  }

  TestModules elements(ElementSegment segment) {
    elements.add(segment);
    return this;
  }

  TestModules data(DataSegment segment) {
    data.add(segment);
    return this;
  }

  TestModules start(int index) {
    module.startFunction = index;
    return this;
  }

  TestModules names(NameSection names) {
    module.names = names;
    return this;
  }

  private WasmModule module() {
    return module;
  }

  WasmModule build() {
    module.bytes = new byte[0];
    module.types = types.toArray(new FuncType[0]);
    module.imports = imports.toArray(new Import[0]);
    module.functionTypeIndices = functionTypes.stream().mapToInt(Integer::intValue).toArray();
    module.tables = tables.toArray(new TableType[0]);
    module.memories = memories.toArray(new MemoryType[0]);
    module.globalTypes = globalTypes.toArray(new GlobalType[0]);
    module.globals = globals.toArray(new GlobalDefinition[0]);
    module.exports = exports.toArray(new Export[0]);
    module.elements = elements.toArray(new ElementSegment[0]);
    module.data = data.toArray(new DataSegment[0]);
    return module;
  }

  /** The "engine" output: one Java function per body. */
  CompiledCode code() {
    List<Body> own = List.copyOf(bodies);
    return instance -> {
      FunctionInstance[] result = new FunctionInstance[own.size()];
      for (int i = 0; i < result.length; i++) {
        int index = instance.module.importedFunctionCount + i;
        Body body = own.get(i);
        result[i] =
            new FunctionInstance(
                instance.module.functionType(index), instance, instance.definitions[index]) {
              @Override
              public void call(long[] stack) {
                body.call(instance, stack);
              }
            };
      }
      return result;
    };
  }
}
