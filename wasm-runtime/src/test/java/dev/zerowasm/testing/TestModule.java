package dev.zerowasm.testing;

import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.engine.Engine;
import dev.zerowasm.internal.validation.Validator;
import dev.zerowasm.internal.wasm.Code;
import dev.zerowasm.internal.wasm.ConstExpr;
import dev.zerowasm.internal.wasm.DataSegment;
import dev.zerowasm.internal.wasm.ElementSegment;
import dev.zerowasm.internal.wasm.Export;
import dev.zerowasm.internal.wasm.ExternKind;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.FunctionDefinitionImpl;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.GlobalDefinition;
import dev.zerowasm.internal.wasm.GlobalInstance;
import dev.zerowasm.internal.wasm.GlobalType;
import dev.zerowasm.internal.wasm.Import;
import dev.zerowasm.internal.wasm.Limits;
import dev.zerowasm.internal.wasm.MemoryInstance;
import dev.zerowasm.internal.wasm.MemoryType;
import dev.zerowasm.internal.wasm.ModuleInstance;
import dev.zerowasm.internal.wasm.NameSection;
import dev.zerowasm.internal.wasm.Opcodes;
import dev.zerowasm.internal.wasm.SegmentMode;
import dev.zerowasm.internal.wasm.Store;
import dev.zerowasm.internal.wasm.TableInstance;
import dev.zerowasm.internal.wasm.TableType;
import dev.zerowasm.internal.wasm.WasmModule;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A test-only module assembler: builds a {@link WasmModule} from hand-written instruction bytes
 * ({@link Asm}) without the decoder, for the validator's tests, and instantiates it for an {@link
 * Engine} with a hand-made {@link ModuleInstance} (no linker, no instantiator), for the engines'
 * tests.
 *
 * <p>Each method that adds to an index space (types, functions, tables, memories, globals, data and
 * element segments) returns the new index; imports must come before definitions of their kind.
 * {@link #of} describes a whole module in one expression.
 */
public final class TestModule {
  /** An element segment entry for {@link #elements}: a null reference. */
  public static final int NULL = -1;

  private final Store store;
  private final List<FuncType> types = new ArrayList<>();
  private final List<Import> imports = new ArrayList<>();
  private final List<FunctionInstance> importedFunctions = new ArrayList<>();
  private final List<Integer> functionTypes = new ArrayList<>();
  private final List<ValueType[]> locals = new ArrayList<>();
  private final List<byte[]> bodies = new ArrayList<>();
  private final List<TableType> tables = new ArrayList<>();
  private final List<MemoryType> memories = new ArrayList<>();
  private final List<GlobalType> globalTypes = new ArrayList<>();
  private final List<GlobalDefinition> globals = new ArrayList<>();
  private final List<Export> exports = new ArrayList<>();
  private final List<ElementSegment> elements = new ArrayList<>();
  private final List<DataSegment> data = new ArrayList<>();
  private int importedTables, importedMemories, importedGlobals;
  private int dataCount = -1;
  private int start = -1;
  private ModuleInstance instance;

  /** An empty module whose instances get a store of their own. */
  public TestModule() {
    this(new Store());
  }

  /** An empty module whose instances live in {@code store} (to call another module's functions). */
  public TestModule(Store store) {
    this.store = store;
  }

  /** A module set up by {@code setup}, for tests that describe a module in one expression. */
  public static TestModule of(Consumer<TestModule> setup) {
    TestModule m = new TestModule();
    setup.accept(m);
    return m;
  }

  /** Its arguments as an array: parameter, result and local types. */
  public static ValueType[] types(ValueType... types) {
    return types;
  }

  // ---- types and functions ----

  /** Adds the type {@code params -> results} (always a new entry) and returns its index. */
  public int type(ValueType[] params, ValueType[] results) {
    types.add(new FuncType(params, results));
    return types.size() - 1;
  }

  /**
   * Imports a function of type {@code typeIndex} as {@code env.f<n>}, without a body: for modules
   * that are only built, not instantiated.
   */
  public int importFunction(int typeIndex) {
    return importFunction("env", "f" + imports.size(), typeIndex);
  }

  /**
   * Imports a function of type {@code typeIndex} as {@code module.name}, without a body: for
   * modules that are only built, or linked by the real instantiator.
   */
  public int importFunction(String module, String name, int typeIndex) {
    return addImportedFunction(Import.function(module, name, typeIndex), null);
  }

  /** Imports {@code function} (a host function or another instance's); returns its index. */
  public int importFunction(FunctionInstance function) {
    int typeIndex = type(function.type().params(), function.type().results());
    return addImportedFunction(Import.function("env", "f" + imports.size(), typeIndex), function);
  }

  /** Imports a host function {@code params -> results} running {@code body}; returns its index. */
  public int importFunction(ValueType[] params, ValueType[] results, Consumer<long[]> body) {
    return importFunction(host(new FuncType(params, results), body));
  }

  private int addImportedFunction(Import function, FunctionInstance body) {
    if (!bodies.isEmpty()) {
      throw new IllegalStateException("imports must come before defined functions");
    }
    imports.add(function);
    importedFunctions.add(body);
    functionTypes.add(function.funcTypeIndex());
    return functionTypes.size() - 1;
  }

  /**
   * Defines a function of type {@code typeIndex} with {@code locals} and {@code body} (its final
   * {@code end} is added); returns its function index.
   */
  public int function(int typeIndex, ValueType[] locals, Asm body) {
    functionTypes.add(typeIndex);
    this.locals.add(locals);
    bodies.add(body.bytes());
    return functionTypes.size() - 1;
  }

  /** Defines a function with a new type {@code params -> results}; returns its function index. */
  public int function(ValueType[] params, ValueType[] results, ValueType[] locals, Asm body) {
    return function(type(params, results), locals, body);
  }

  /** The function index the next function added will get. */
  public int nextFunctionIndex() {
    return functionTypes.size();
  }

  // ---- tables, memories, globals ----

  /** Imports a table as {@code env.t<n>}; returns its index. */
  public int importTable(ValueType elementType, Limits limits) {
    return importTable("env", "t" + imports.size(), elementType, limits);
  }

  /** Imports a table as {@code module.name}; returns its index. */
  public int importTable(String module, String name, ValueType elementType, Limits limits) {
    requireNoDefinitions(tables.size() - importedTables, "tables");
    TableType t = new TableType(elementType, limits);
    imports.add(Import.table(module, name, t));
    tables.add(t);
    importedTables++;
    return tables.size() - 1;
  }

  /** Defines a table; returns its index. */
  public int table(ValueType elementType, Limits limits) {
    tables.add(new TableType(elementType, limits));
    return tables.size() - 1;
  }

  /** Imports a memory as {@code env.m<n>}; returns its index. */
  public int importMemory(Limits limits) {
    return importMemory("env", "m" + imports.size(), limits);
  }

  /** Imports a memory as {@code module.name}; returns its index. */
  public int importMemory(String module, String name, Limits limits) {
    requireNoDefinitions(memories.size() - importedMemories, "memories");
    MemoryType m = new MemoryType(limits);
    imports.add(Import.memory(module, name, m));
    memories.add(m);
    importedMemories++;
    return memories.size() - 1;
  }

  /** Defines a memory; returns its index. */
  public int memory(Limits limits) {
    memories.add(new MemoryType(limits));
    return memories.size() - 1;
  }

  /** Defines a memory of {@code min} pages without a maximum; returns its index. */
  public int memory(int min) {
    return memory(Limits.of(min));
  }

  /** Defines a memory of {@code min} to {@code max} pages; returns its index. */
  public int memory(int min, int max) {
    return memory(Limits.of(min, max));
  }

  /** Imports a global as {@code env.g<n>}; returns its index. */
  public int importGlobal(ValueType type, boolean mutable) {
    return importGlobal("env", "g" + imports.size(), type, mutable);
  }

  /** Imports a global as {@code module.name}; returns its index. */
  public int importGlobal(String module, String name, ValueType type, boolean mutable) {
    requireNoDefinitions(globals.size(), "globals");
    GlobalType g = new GlobalType(type, mutable);
    imports.add(Import.global(module, name, g));
    globalTypes.add(g);
    importedGlobals++;
    return globalTypes.size() - 1;
  }

  /** Defines a global initialised by {@code init}; returns its index. */
  public int global(ValueType type, boolean mutable, ConstExpr init) {
    GlobalType g = new GlobalType(type, mutable);
    globalTypes.add(g);
    globals.add(new GlobalDefinition(g, init));
    return globalTypes.size() - 1;
  }

  /**
   * Defines a global initialised to the raw bits {@code value} (a {@code t.const}; for {@code v128}
   * the low half); returns its index.
   */
  public int global(ValueType type, boolean mutable, long value) {
    return global(type, mutable, expr(constOpcode(type), value));
  }

  private static int constOpcode(ValueType type) {
    return switch (type) {
      case I32 -> Opcodes.I32_CONST;
      case I64 -> Opcodes.I64_CONST;
      case F32 -> Opcodes.F32_CONST;
      case F64 -> Opcodes.F64_CONST;
      case V128 -> Opcodes.V128_CONST;
      default -> throw new IllegalArgumentException("no constant of type " + type);
    };
  }

  private static void requireNoDefinitions(int definitions, String kind) {
    if (definitions > 0) {
      throw new IllegalStateException("imported " + kind + " must come before defined ones");
    }
  }

  // ---- segments, exports, start ----

  /** Adds a data segment; returns its index. */
  public int data(DataSegment segment) {
    data.add(segment);
    return data.size() - 1;
  }

  /** Adds a passive data segment of {@code bytes}; returns its index. */
  public int data(byte[] bytes) {
    return data(new DataSegment(SegmentMode.PASSIVE, 0, null, bytes));
  }

  /** Sets the data count section's count ({@code -1}, the default, means none). */
  public TestModule dataCount(int count) {
    dataCount = count;
    return this;
  }

  /** Adds an element segment; returns its index. */
  public int element(ElementSegment segment) {
    elements.add(segment);
    return elements.size() - 1;
  }

  /**
   * Adds a passive {@code funcref} segment of {@code functions} (function indices, {@link #NULL}
   * for a null reference); returns its index.
   */
  public int elements(int... functions) {
    List<ConstExpr> items = new ArrayList<>();
    for (int f : functions) {
      items.add(f == NULL ? refNull(ValueType.FUNCREF) : ConstExpr.refFunc(f));
    }
    return element(new ElementSegment(SegmentMode.PASSIVE, 0, null, ValueType.FUNCREF, items));
  }

  /** Exports item {@code index} of {@code kind} as {@code name}. */
  public TestModule export(String name, ExternKind kind, int index) {
    exports.add(new Export(name, kind, index));
    return this;
  }

  /** Sets the start function. */
  public TestModule start(int function) {
    start = function;
    return this;
  }

  // ---- constant expressions ----

  /** The constant expression {@code i32.const value}. */
  public static ConstExpr i32(int value) {
    return expr(Opcodes.I32_CONST, value);
  }

  /** The constant expression {@code i64.const value}. */
  public static ConstExpr i64(long value) {
    return expr(Opcodes.I64_CONST, value);
  }

  /** The constant expression {@code global.get index}. */
  public static ConstExpr globalGet(int index) {
    return expr(Opcodes.GLOBAL_GET, index);
  }

  /** The constant expression {@code ref.null type}. */
  public static ConstExpr refNull(ValueType type) {
    return expr(Opcodes.REF_NULL, type.code());
  }

  /** A constant expression of one instruction with one immediate. */
  public static ConstExpr expr(int opcode, long immediate) {
    return expr(new ConstExpr.Instruction(opcode, immediate, 0));
  }

  /** A constant expression of {@code instructions}. */
  public static ConstExpr expr(ConstExpr.Instruction... instructions) {
    return new ConstExpr(List.of(instructions));
  }

  // ---- building and instantiating ----

  /** Builds the module (each call a new one). */
  public WasmModule build() {
    WasmModule m = new WasmModule();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // A module header first, so that no body starts at offset 0.
    out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    Code[] codes = new Code[bodies.size()];
    for (int i = 0; i < codes.length; i++) {
      int bodyStart = out.size();
      out.writeBytes(bodies.get(i));
      out.write(Opcodes.END);
      codes[i] = new Code(locals.get(i), bodyStart, out.size());
    }
    m.bytes = out.toByteArray();
    m.codes = codes;
    m.types = types.toArray(new FuncType[0]);
    m.imports = imports.toArray(new Import[0]);
    m.importedFunctionCount = importedFunctions.size();
    m.importedTableCount = importedTables;
    m.importedMemoryCount = importedMemories;
    m.importedGlobalCount = importedGlobals;
    m.functionTypeIndices = functionTypes.stream().mapToInt(Integer::intValue).toArray();
    m.tables = tables.toArray(new TableType[0]);
    m.memories = memories.toArray(new MemoryType[0]);
    m.globalTypes = globalTypes.toArray(new GlobalType[0]);
    m.globals = globals.toArray(new GlobalDefinition[0]);
    m.exports = exports.toArray(new Export[0]);
    m.startFunction = start;
    m.elements = elements.toArray(new ElementSegment[0]);
    m.data = data.toArray(new DataSegment[0]);
    m.dataCount = dataCount;
    return m;
  }

  /**
   * Builds and validates the module (hand-assembled code must be valid, as the engines assume),
   * compiles it with {@code engine} and instantiates it by hand: imported functions as given,
   * memories with the runtime's page limit, tables, globals with their constant values, passive
   * data and element segments ready for {@code memory.init} / {@code table.init}, function {@code
   * i} named {@code test.f<i>} (by a name section). The start function is not run. The instance is
   * also kept for {@link #call} and {@link #mem}.
   *
   * @throws UnsupportedOperationException for what only the real instantiator does: imported
   *     tables, memories or globals, imported functions without a body, active segments,
   *     non-constant initialisers
   */
  public ModuleInstance instantiate(Engine engine) {
    WasmModule m = build();
    Validator.validate(m, CoreFeatures.V2);
    if (importedTables + importedMemories + importedGlobals > 0
        || importedFunctions.contains(null)) {
      throw new UnsupportedOperationException("only imported functions with a body");
    }
    // Function i is named f<i> in module "test": stack traces show test.f<i>.
    Map<Integer, String> names = new HashMap<>();
    for (int i = 0; i < m.functionCount(); i++) {
      names.put(i, "f" + i);
    }
    m.names = new NameSection("test", names, Map.of());
    FunctionDefinition[] defs = FunctionDefinitionImpl.forModule(m);
    var code = engine.compile(m);
    ModuleInstance inst = new ModuleInstance(m, store, defs);
    inst.memories = new MemoryInstance[m.memories.length];
    for (int i = 0; i < m.memories.length; i++) {
      inst.memories[i] = new MemoryInstance(m.memories[i], MemoryInstance.MAX_PAGES);
    }
    inst.tables = Arrays.stream(m.tables).map(TableInstance::new).toArray(TableInstance[]::new);
    inst.globals = new GlobalInstance[m.globalTypes.length];
    for (int i = 0; i < m.globals.length; i++) {
      inst.globals[i] = new GlobalInstance(m.globals[i].type(), constant(m.globals[i].init()));
    }
    inst.dataSegments = new byte[m.data.length][];
    for (int i = 0; i < m.data.length; i++) {
      requirePassive(m.data[i].mode());
      inst.dataSegments[i] = m.data[i].data().clone();
    }
    inst.functions = new FunctionInstance[m.functionCount()];
    for (int i = 0; i < importedFunctions.size(); i++) {
      inst.functions[i] = importedFunctions.get(i);
    }
    FunctionInstance[] own = code.instantiate(inst);
    System.arraycopy(own, 0, inst.functions, importedFunctions.size(), own.length);
    // Element segments hold references, which need the function instances made above.
    inst.elementSegments = new long[m.elements.length][];
    for (int i = 0; i < m.elements.length; i++) {
      requirePassive(m.elements[i].mode());
      List<ConstExpr> items = m.elements[i].items();
      long[] refs = new long[items.size()];
      for (int j = 0; j < refs.length; j++) {
        ConstExpr.Instruction item = single(items.get(j));
        refs[j] =
            item.opcode() == Opcodes.REF_FUNC
                ? store.references.referenceOf(inst.functions[(int) item.immediate()])
                : constant(items.get(j));
      }
      inst.elementSegments[i] = refs;
    }
    instance = inst;
    return inst;
  }

  private static void requirePassive(SegmentMode mode) {
    if (mode != SegmentMode.PASSIVE) {
      throw new UnsupportedOperationException("only passive segments, not " + mode);
    }
  }

  /** The value of a constant expression of one {@code t.const} or {@code ref.null}. */
  private static long constant(ConstExpr expr) {
    ConstExpr.Instruction i = single(expr);
    return switch (i.opcode()) {
      case Opcodes.I32_CONST,
              Opcodes.I64_CONST,
              Opcodes.F32_CONST,
              Opcodes.F64_CONST,
              Opcodes.V128_CONST ->
          i.immediate();
      case Opcodes.REF_NULL -> 0;
      default -> throw new UnsupportedOperationException("initialiser " + expr);
    };
  }

  private static ConstExpr.Instruction single(ConstExpr expr) {
    if (expr.instructions().size() != 1) {
      throw new UnsupportedOperationException("initialiser " + expr);
    }
    return expr.instructions().get(0);
  }

  /** The store of this module's instances. */
  public Store store() {
    return store;
  }

  /** The instance made by the last {@link #instantiate}. */
  public ModuleInstance instance() {
    if (instance == null) {
      throw new IllegalStateException("not instantiated");
    }
    return instance;
  }

  /** Memory 0 of the last instance. */
  public MemoryInstance mem() {
    return instance().memories[0];
  }

  /** Calls function {@code index} of the last instance and returns its results. */
  public long[] call(int index, long... args) {
    FunctionInstance f = instance().functions[index];
    long[] stack = new long[Math.max(Math.max(args.length, f.type().resultCount()), 1)];
    System.arraycopy(args, 0, stack, 0, args.length);
    f.call(stack);
    return Arrays.copyOf(stack, f.type().resultCount());
  }

  /** Calls function {@code index} of the last instance and returns its one result. */
  public long call1(int index, long... args) {
    return call(index, args)[0];
  }

  /** A host function of {@code type} running {@code body} on the value stack. */
  public static FunctionInstance host(FuncType type, Consumer<long[]> body) {
    return new FunctionInstance(
        type, null, FunctionDefinitionImpl.host("env", -1, "host", type, List.of(), List.of())) {
      @Override
      public void call(long[] stack) {
        body.accept(stack);
      }
    };
  }
}
