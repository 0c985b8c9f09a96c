package dev.zerowasm.internal.wasm;

import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.engine.CompiledCode;
import dev.zerowasm.testing.Asm;
import dev.zerowasm.testing.TestModule;
import java.util.ArrayList;
import java.util.List;

/**
 * Modules whose functions are Java code, for tests of the real {@link Instantiator} (linking by
 * name, segments, start functions, names): {@link TestModule} assembles the module (each function
 * with an empty body) and {@link #code()} stands in for an engine. Kept apart from {@link
 * TestModule} because it describes imports and globals by their {@code FuncType}, {@code TableType}
 * and {@code GlobalType} and gives the functions Java bodies.
 */
final class TestModules {
  /** A Java body for a defined function, given its instance. */
  interface Body {
    void call(ModuleInstance instance, long[] stack);
  }

  private final TestModule module = new TestModule();

  /** The types added to {@link #module}, so that equal types share one index. */
  private final List<FuncType> types = new ArrayList<>();

  private final List<Body> bodies = new ArrayList<>();
  private NameSection names = NameSection.EMPTY;

  static FuncType type(ValueType[] params, ValueType... results) {
    return new FuncType(params, results);
  }

  static ValueType[] params(ValueType... params) {
    return params;
  }

  static ConstExpr i32(int value) {
    return TestModule.i32(value);
  }

  static ConstExpr globalGet(int index) {
    return TestModule.globalGet(index);
  }

  private int typeIndex(FuncType type) {
    int i = types.indexOf(type);
    if (i < 0) {
      types.add(type);
      i = module.type(type.params(), type.results());
    }
    return i;
  }

  TestModules importFunction(String module, String name, FuncType type) {
    this.module.importFunction(module, name, typeIndex(type));
    return this;
  }

  TestModules importMemory(String module, String name, Limits limits) {
    this.module.importMemory(module, name, limits);
    return this;
  }

  TestModules importTable(String module, String name, TableType type) {
    this.module.importTable(module, name, type.elementType(), type.limits());
    return this;
  }

  TestModules importGlobal(String module, String name, GlobalType type) {
    this.module.importGlobal(module, name, type.valueType(), type.mutable());
    return this;
  }

  /** Defines a function; its index is imports + number of earlier definitions. */
  TestModules function(FuncType type, Body body) {
    module.function(typeIndex(type), new ValueType[0], new Asm());
    bodies.add(body);
    return this;
  }

  TestModules memory(Limits limits) {
    module.memory(limits);
    return this;
  }

  TestModules table(TableType type) {
    module.table(type.elementType(), type.limits());
    return this;
  }

  TestModules global(GlobalType type, ConstExpr init) {
    module.global(type.valueType(), type.mutable(), init);
    return this;
  }

  TestModules export(String name, ExternKind kind, int index) {
    module.export(name, kind, index);
    return this;
  }

  TestModules elements(ElementSegment segment) {
    module.element(segment);
    return this;
  }

  TestModules data(DataSegment segment) {
    module.data(segment);
    return this;
  }

  TestModules start(int index) {
    module.start(index);
    return this;
  }

  TestModules names(NameSection names) {
    this.names = names;
    return this;
  }

  WasmModule build() {
    WasmModule m = module.build();
    m.names = names;
    return m;
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
