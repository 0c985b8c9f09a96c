package dev.zerowasm.internal.interpreter;

import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.wasm.Code;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.GlobalInstance;
import dev.zerowasm.internal.wasm.GlobalType;
import dev.zerowasm.internal.wasm.Limits;
import dev.zerowasm.internal.wasm.MemoryInstance;
import dev.zerowasm.internal.wasm.MemoryType;
import dev.zerowasm.internal.wasm.ModuleInstance;
import dev.zerowasm.internal.wasm.Store;
import dev.zerowasm.internal.wasm.TableInstance;
import dev.zerowasm.internal.wasm.TableType;
import dev.zerowasm.internal.wasm.WasmModule;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds a {@link WasmModule} and a hand-made {@link ModuleInstance} for interpreter tests, without
 * the decoder or the runtime: types, imported host functions, defined functions (bodies from {@link
 * Asm}), one memory, tables, globals, data and element segments.
 */
final class TestModule {
  final Store store;
  private final List<FuncType> types = new ArrayList<>();
  private final List<Integer> funcTypes = new ArrayList<>();
  private final List<FunctionInstance> imports = new ArrayList<>();
  private final List<ValueType[]> locals = new ArrayList<>();
  private final List<byte[]> bodies = new ArrayList<>();
  private final List<TableType> tables = new ArrayList<>();
  private final List<GlobalType> globalTypes = new ArrayList<>();
  private final List<Long> globalValues = new ArrayList<>();
  private final List<byte[]> data = new ArrayList<>();
  private final List<long[]> elements = new ArrayList<>();
  private MemoryType memory;
  private int importCount;
  WasmModule module;
  ModuleInstance instance;

  TestModule() {
    this(new Store());
  }

  TestModule(Store store) {
    this.store = store;
  }

  static ValueType[] types(ValueType... ts) {
    return ts;
  }

  /** Adds a type and returns its index. */
  int type(ValueType[] params, ValueType[] results) {
    types.add(new FuncType(params, results));
    return types.size() - 1;
  }

  /** Imports a function (must come before defined functions); returns its index. */
  int importFunction(FunctionInstance f) {
    types.add(f.type());
    funcTypes.add(types.size() - 1);
    imports.add(f);
    importCount++;
    return funcTypes.size() - 1;
  }

  /** The index the next defined function will get. */
  int nextFunctionIndex() {
    return funcTypes.size();
  }

  /** Defines a function of type index {@code type}; returns its function index. */
  int function(int type, ValueType[] localTypes, Consumer<Asm> body) {
    Asm a = new Asm();
    body.accept(a);
    a.end();
    funcTypes.add(type);
    locals.add(localTypes);
    bodies.add(a.bytes());
    return funcTypes.size() - 1;
  }

  /** Defines a function with a new type; returns its function index. */
  int function(
      ValueType[] params, ValueType[] results, ValueType[] localTypes, Consumer<Asm> body) {
    return function(type(params, results), localTypes, body);
  }

  TestModule memory(int min, int max) {
    memory = new MemoryType(max < 0 ? Limits.of(min) : Limits.of(min, max));
    return this;
  }

  int table(int min, int max) {
    tables.add(new TableType(ValueType.FUNCREF, max < 0 ? Limits.of(min) : Limits.of(min, max)));
    return tables.size() - 1;
  }

  int global(ValueType t, boolean mutable, long value) {
    globalTypes.add(new GlobalType(t, mutable));
    globalValues.add(value);
    return globalTypes.size() - 1;
  }

  int data(byte[] bytes) {
    data.add(bytes);
    return data.size() - 1;
  }

  /** An element segment of function indices (resolved to references at instantiation). */
  int elements(long... functionIndices) {
    elements.add(functionIndices);
    return elements.size() - 1;
  }

  /** Builds the module and instantiates it with the interpreter. */
  TestModule build() {
    WasmModule m = new WasmModule();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    Code[] codes = new Code[bodies.size()];
    for (int i = 0; i < codes.length; i++) {
      int start = all.size();
      all.writeBytes(bodies.get(i));
      codes[i] = new Code(locals.get(i), start, all.size());
    }
    m.bytes = all.toByteArray();
    m.types = types.toArray(new FuncType[0]);
    m.importedFunctionCount = importCount;
    m.functionTypeIndices = funcTypes.stream().mapToInt(Integer::intValue).toArray();
    m.codes = codes;
    m.tables = tables.toArray(new TableType[0]);
    m.memories = memory == null ? new MemoryType[0] : new MemoryType[] {memory};
    m.globalTypes = globalTypes.toArray(new GlobalType[0]);
    m.dataCount = data.size();
    module = m;

    FunctionDefinition[] defs = new FunctionDefinition[funcTypes.size()];
    for (int i = 0; i < defs.length; i++) {
      defs[i] = definition(i, m.functionType(i));
    }
    ModuleInstance inst = new ModuleInstance(m, store, defs);
    inst.memories =
        memory == null
            ? new MemoryInstance[0]
            : new MemoryInstance[] {new MemoryInstance(memory, MemoryInstance.MAX_PAGES)};
    inst.tables = tables.stream().map(TableInstance::new).toArray(TableInstance[]::new);
    GlobalInstance[] gs = new GlobalInstance[globalTypes.size()];
    for (int i = 0; i < gs.length; i++) {
      gs[i] = new GlobalInstance(globalTypes.get(i), globalValues.get(i));
    }
    inst.globals = gs;
    inst.dataSegments = data.toArray(new byte[0][]);
    FunctionInstance[] own = new InterpreterEngine().compile(m).instantiate(inst);
    FunctionInstance[] fs = new FunctionInstance[importCount + own.length];
    for (int i = 0; i < importCount; i++) {
      fs[i] = imports.get(i);
    }
    System.arraycopy(own, 0, fs, importCount, own.length);
    inst.functions = fs;
    long[][] segs = new long[elements.size()][];
    for (int i = 0; i < segs.length; i++) {
      long[] idx = elements.get(i);
      segs[i] = new long[idx.length];
      for (int j = 0; j < idx.length; j++) {
        segs[i][j] = idx[j] < 0 ? 0 : store.references.referenceOf(fs[(int) idx[j]]);
      }
    }
    inst.elementSegments = segs;
    instance = inst;
    return this;
  }

  /** Calls function {@code index} and returns its results. */
  long[] call(int index, long... args) {
    FunctionInstance f = instance.functions[index];
    long[] stack = new long[Math.max(Math.max(args.length, f.type().resultCount()), 1)];
    System.arraycopy(args, 0, stack, 0, args.length);
    f.call(stack);
    return java.util.Arrays.copyOf(stack, f.type().resultCount());
  }

  /** Calls a function with one result and returns it. */
  long call1(int index, long... args) {
    return call(index, args)[0];
  }

  MemoryInstance mem() {
    return instance.memories[0];
  }

  static FunctionDefinition definition(int index, FuncType type) {
    return new FunctionDefinition() {
      @Override
      public String moduleName() {
        return "test";
      }

      @Override
      public int index() {
        return index;
      }

      @Override
      public String name() {
        return "f" + index;
      }

      @Override
      public String debugName() {
        return "test.f" + index;
      }

      @Override
      public List<String> exportNames() {
        return List.of();
      }

      @Override
      public Optional<ImportName> importedAs() {
        return Optional.empty();
      }

      @Override
      public List<ValueType> paramTypes() {
        return List.of(type.params());
      }

      @Override
      public List<ValueType> resultTypes() {
        return List.of(type.results());
      }

      @Override
      public List<String> paramNames() {
        return List.of();
      }

      @Override
      public List<String> resultNames() {
        return List.of();
      }

      @Override
      public boolean isHostFunction() {
        return false;
      }
    };
  }

  /** A host function for tests. */
  static FunctionInstance host(FuncType type, Consumer<long[]> body) {
    return new FunctionInstance(type, null, definition(-1, type)) {
      @Override
      public void call(long[] stack) {
        body.accept(stack);
      }
    };
  }
}
