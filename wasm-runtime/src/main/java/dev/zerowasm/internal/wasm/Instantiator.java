package dev.zerowasm.internal.wasm;

import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.LinkException;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.WasmException;
import dev.zerowasm.internal.engine.CompiledCode;
import java.util.List;
import java.util.function.Consumer;

/**
 * Instantiates a compiled module in a {@link Store}: resolves its imports, creates its memories,
 * tables, functions and globals, evaluates its segments, applies the active ones, and runs its
 * start function and the requested exported start functions.
 *
 * <p>Segments follow WebAssembly 2.0 when {@link CoreFeatures#hasV2InstantiationSemantics()}: they
 * are applied in order and an out-of-bounds one traps, leaving earlier writes in place. Otherwise
 * they follow 1.0: all bounds are checked first, and a segment that does not fit is a {@link
 * LinkException} before anything is written.
 *
 * <p>The instance is registered in the store only when everything succeeded. After a failure,
 * functions of the failed instance may still be referenced from imported tables (2.0 keeps earlier
 * writes), so their reference handles are deliberately not released.
 */
public final class Instantiator {
  private static final long[] NO_REFS = new long[0];
  private static final byte[] NO_BYTES = new byte[0];

  private final Store store;
  private final WasmModule module;
  private final CompiledCode code;
  private final CoreFeatures features;
  private final int memoryLimitPages;
  private final boolean memoryCapacityFromMax;
  private final ModuleInstance instance;
  private Consumer<ModuleInstance> configure;

  private Instantiator(
      Store store,
      WasmModule module,
      CompiledCode code,
      FunctionDefinition[] definitions,
      CoreFeatures features,
      int memoryLimitPages,
      boolean memoryCapacityFromMax,
      String name) {
    this.store = store;
    this.module = module;
    this.code = code;
    this.features = features;
    this.memoryLimitPages = memoryLimitPages;
    this.memoryCapacityFromMax = memoryCapacityFromMax;
    this.instance = new ModuleInstance(module, store, definitions, name);
  }

  /**
   * Instantiates {@code module} and registers the result in {@code store} under {@code name} (""
   * for anonymous).
   *
   * @param code the engine's compiled code of {@code module}
   * @param definitions the module's function definitions ({@link FunctionDefinitionImpl#forModule})
   * @param features the features the module was validated with; they select the segment semantics
   * @param memoryLimitPages the most pages any memory of the instance may have
   * @param memoryCapacityFromMax whether the module's memories get arrays of their maximum up front
   *     ({@link MemoryInstance#capacityPages}); {@code code} must then be the size-checked variant
   *     ({@code CodeOptions.sizeChecked}) if a memory has spare capacity
   * @param startFunctions exported functions to call after the start section, if exported. A start
   *     function exiting with code 0 ends instantiation successfully, but leaves the module closed.
   * @param configure called (if not null) once the instance's functions exist and before segments
   *     are applied or anything runs: the runtime wraps functions for listeners and sets the call
   *     timeout there
   * @throws LinkException if an import is missing or incompatible, or (1.0) a segment does not fit
   * @throws TrapException if (2.0) a segment is out of bounds or a start function traps
   * @throws ExitException if a start function exits with a non-zero code
   * @throws WasmException if the name is taken, or the JVM heap cannot hold a memory's array;
   *     nothing is registered then
   */
  public static ModuleInstance instantiate(
      Store store,
      WasmModule module,
      CompiledCode code,
      FunctionDefinition[] definitions,
      CoreFeatures features,
      int memoryLimitPages,
      boolean memoryCapacityFromMax,
      String name,
      List<String> startFunctions,
      Consumer<ModuleInstance> configure) {
    store.reserve(name);
    Instantiator instantiator =
        new Instantiator(
            store,
            module,
            code,
            definitions,
            features,
            memoryLimitPages,
            memoryCapacityFromMax,
            name);
    instantiator.configure = configure;
    ModuleInstance instance = instantiator.instance;
    try {
      instantiator.run();
      for (String start : startFunctions) {
        if (instance.export(start) == null
            || instance.export(start).kind() != ExternKind.FUNCTION) {
          continue;
        }
        try {
          instance.exportedFunction(start).call();
        } catch (ExitException e) {
          if (e.exitCode() != 0) {
            throw e;
          }
          // Exit code 0 is success: the module is returned, but closed, as in wazero.
          store.unreserve(name);
          instance.closeWithExitCode(0);
          return instance;
        }
      }
      store.add(instance);
      return instance;
    } catch (RuntimeException | Error e) {
      store.unreserve(name);
      // The instance is dropped, not closed: its functions may live on in imported tables (2.0
      // keeps earlier segment writes) and must stay callable there (see the class comment).
      throw e;
    }
  }

  private void run() {
    resolveImports();
    createMemoriesAndTables();
    FunctionInstance[] own = code.instantiate(instance);
    if (own.length != module.functionCount() - module.importedFunctionCount) {
      throw new IllegalStateException(
          "engine created "
              + own.length
              + " functions for a module defining "
              + (module.functionCount() - module.importedFunctionCount));
    }
    System.arraycopy(own, 0, instance.functions, module.importedFunctionCount, own.length);
    if (configure != null) {
      configure.accept(instance);
    }
    initializeGlobals();
    evaluateSegments();
    if (features.hasV2InstantiationSemantics()) {
      applySegmentsV2();
    } else {
      applySegmentsV1();
    }
    if (module.startFunction >= 0) {
      FunctionInstance start = instance.functions[module.startFunction];
      // The start section is a call from the host too: it gets the call timeout.
      java.util.concurrent.ScheduledFuture<?> deadline =
          instance.callTimeoutNanos > 0 && instance.hostCallDepth++ == 0
              ? Deadlines.schedule(instance)
              : null;
      try {
        start.call(new long[Math.max(start.type().paramCount(), start.type().resultCount())]);
      } catch (HostFunctionInstance.HostFailure e) {
        throw e.unwrap();
      } catch (StackOverflowError e) {
        throw new TrapException(
            TrapKind.CALL_STACK_EXHAUSTED,
            TrapKind.CALL_STACK_EXHAUSTED.message()
                + " in start function "
                + start.definition().debugName(),
            e);
      } finally {
        if (instance.callTimeoutNanos > 0) {
          instance.hostCallDepth--;
          if (deadline != null) {
            deadline.cancel(false);
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------- imports

  private void resolveImports() {
    instance.functions = new FunctionInstance[module.functionCount()];
    instance.tables = new TableInstance[module.tables.length];
    instance.memories = new MemoryInstance[module.memories.length];
    instance.globals = new GlobalInstance[module.globalTypes.length];
    int f = 0;
    int t = 0;
    int m = 0;
    int g = 0;
    for (Import imp : module.imports) {
      ModuleInstance exporter = store.lookup(imp.module());
      if (exporter == null) {
        throw new LinkException(
            "unknown import: " + quoted(imp) + " (no module named \"" + imp.module() + "\")");
      }
      Export export = exporter.export(imp.name());
      if (export == null) {
        throw new LinkException(
            "unknown import: "
                + quoted(imp)
                + " (module \""
                + imp.module()
                + "\" exports nothing named \""
                + imp.name()
                + "\")");
      }
      switch (imp.kind()) {
        case FUNCTION:
          {
            FuncType expected = module.types[imp.funcTypeIndex()];
            if (export.kind() != ExternKind.FUNCTION) {
              throw incompatible(imp, "func " + expected, describe(exporter, export));
            }
            FunctionInstance actual = exporter.functions[export.index()];
            if (!actual.type().equals(expected)) {
              throw incompatible(imp, "func " + expected, "func " + actual.type());
            }
            instance.functions[f++] = bindHostFunction(actual);
            break;
          }
        case TABLE:
          {
            TableType expected = imp.tableType();
            if (export.kind() != ExternKind.TABLE) {
              throw incompatible(imp, expected.toString(), describe(exporter, export));
            }
            TableInstance actual = exporter.tables[export.index()];
            if (actual.elementType() != expected.elementType()
                || !limitsMatch(actual.size(), actual.max(), expected.limits())) {
              throw incompatible(imp, expected.toString(), describe(actual));
            }
            instance.tables[t++] = actual;
            break;
          }
        case MEMORY:
          {
            MemoryType expected = imp.memoryType();
            if (export.kind() != ExternKind.MEMORY) {
              throw incompatible(imp, expected.toString(), describe(exporter, export));
            }
            MemoryInstance actual = exporter.memories[export.index()];
            if (!limitsMatch(actual.pages(), actual.maxPages(), expected.limits())) {
              throw incompatible(imp, expected.toString(), describe(actual));
            }
            instance.memories[m++] = actual;
            break;
          }
        case GLOBAL:
          {
            GlobalType expected = imp.globalType();
            if (export.kind() != ExternKind.GLOBAL) {
              throw incompatible(imp, expected.toString(), describe(exporter, export));
            }
            GlobalInstance actual = exporter.globals[export.index()];
            if (!actual.globalType().equals(expected)) {
              throw incompatible(imp, expected.toString(), actual.globalType().toString());
            }
            instance.globals[g++] = actual;
            break;
          }
        default:
          throw new IllegalStateException("unknown import kind " + imp.kind());
      }
    }
  }

  /**
   * A host function of the public API is bound to the importing instance so that it receives it as
   * its caller (see {@link HostFunctionInstance}); a bound one re-exported by another module is
   * re-bound to this importer. Other functions are shared as they are.
   */
  private FunctionInstance bindHostFunction(FunctionInstance f) {
    if (f instanceof HostFunctionInstance) {
      return ((HostFunctionInstance) f).bindTo(instance);
    }
    if (f instanceof HostFunctionInstance.Bound) {
      return ((HostFunctionInstance.Bound) f).host.bindTo(instance);
    }
    return f;
  }

  /**
   * Limits subtyping against the current size: the actual size must be at least the import's
   * minimum and, if the import has a maximum, the actual maximum ({@code actualMax}, -1 if none)
   * must exist and not exceed it.
   */
  private static boolean limitsMatch(long actualSize, long actualMax, Limits expected) {
    if (actualSize < expected.min()) {
      return false;
    }
    if (!expected.hasMax()) {
      return true;
    }
    return actualMax >= 0 && actualMax <= expected.max();
  }

  private static String quoted(Import imp) {
    return "\"" + imp.module() + "\".\"" + imp.name() + "\"";
  }

  private static LinkException incompatible(Import imp, String expected, String actual) {
    return new LinkException(
        "incompatible import type for "
            + quoted(imp)
            + ": expected "
            + expected
            + ", got "
            + actual);
  }

  private static String describe(ModuleInstance exporter, Export export) {
    switch (export.kind()) {
      case FUNCTION:
        return "func " + exporter.functions[export.index()].type();
      case TABLE:
        return describe(exporter.tables[export.index()]);
      case MEMORY:
        return describe(exporter.memories[export.index()]);
      case GLOBAL:
        return exporter.globals[export.index()].globalType().toString();
      default:
        return export.kind().toString();
    }
  }

  private static String describe(TableInstance table) {
    Limits limits =
        table.max() >= 0 ? Limits.of(table.size(), table.max()) : Limits.of(table.size());
    return new TableType(table.elementType(), limits).toString();
  }

  private static String describe(MemoryInstance memory) {
    Limits limits =
        memory.maxPages() >= 0
            ? Limits.of(memory.pages(), memory.maxPages())
            : Limits.of(memory.pages());
    return new MemoryType(limits).toString();
  }

  // ------------------------------------------------------------------ memories, tables, globals

  private void createMemoriesAndTables() {
    for (int i = module.importedMemoryCount; i < module.memories.length; i++) {
      try {
        instance.memories[i] =
            new MemoryInstance(module.memories[i], memoryLimitPages, memoryCapacityFromMax);
      } catch (IllegalArgumentException e) {
        throw new WasmException("cannot create memory " + i + ": " + e.getMessage(), e);
      } catch (OutOfMemoryError e) {
        int capacity =
            MemoryInstance.capacityPages(
                module.memories[i], memoryLimitPages, memoryCapacityFromMax);
        if (capacity > module.memories[i].limits().min()) {
          // Capacity from max: fail rather than silently fall back to growing by copies.
          throw new WasmException(
              "cannot create memory "
                  + i
                  + " ("
                  + module.memories[i]
                  + ") with its maximum of "
                  + capacity
                  + " pages ("
                  + capacity * (long) MemoryInstance.PAGE_SIZE
                  + " bytes) allocated up front (RuntimeConfig.withMemoryCapacityFromMax): the JVM"
                  + " heap is too small; lower the maximum with withMemoryLimitPages, give the"
                  + " JVM more heap, or turn the option off",
              e);
        }
        throw new WasmException(
            "cannot create memory "
                + i
                + " ("
                + module.memories[i]
                + "): the JVM heap is too small",
            e);
      }
    }
    for (int i = module.importedTableCount; i < module.tables.length; i++) {
      try {
        instance.tables[i] = new TableInstance(module.tables[i]);
      } catch (IllegalArgumentException e) {
        throw new WasmException("cannot create table " + i + ": " + e.getMessage(), e);
      }
    }
    // Globals exist before functions so that engines may keep references to them; their values
    // are set once the functions exist, because an initialiser may be ref.func.
    for (int i = module.importedGlobalCount; i < module.globalTypes.length; i++) {
      instance.globals[i] = new GlobalInstance(module.globalTypes[i], 0);
    }
  }

  private void initializeGlobals() {
    long[] value = new long[2];
    for (int i = 0; i < module.globals.length; i++) {
      int index = module.importedGlobalCount + i;
      evaluate(module.globals[i].init(), value);
      instance.globals[index].value = value[0];
      instance.globals[index].valueHigh = value[1];
    }
  }

  // ---------------------------------------------------------------------------------- segments

  private void evaluateSegments() {
    long[] value = new long[2];
    instance.elementSegments = new long[module.elements.length][];
    for (int i = 0; i < module.elements.length; i++) {
      List<ConstExpr> items = module.elements[i].items();
      long[] refs = new long[items.size()];
      for (int j = 0; j < refs.length; j++) {
        evaluate(items.get(j), value);
        refs[j] = value[0];
      }
      instance.elementSegments[i] = refs;
    }
    instance.dataSegments = new byte[module.data.length][];
    for (int i = 0; i < module.data.length; i++) {
      instance.dataSegments[i] = module.data[i].data();
    }
  }

  private long offset(ConstExpr expr) {
    long[] value = new long[2];
    evaluate(expr, value);
    return Integer.toUnsignedLong((int) value[0]);
  }

  /** 2.0: apply element then data segments in order; trap at the first that does not fit. */
  private void applySegmentsV2() {
    for (int i = 0; i < module.elements.length; i++) {
      ElementSegment segment = module.elements[i];
      if (segment.mode() == SegmentMode.ACTIVE) {
        long offset = offset(segment.offset());
        long[] refs = instance.elementSegments[i];
        TableInstance table = instance.tables[segment.tableIndex()];
        if (offset + refs.length > table.size) {
          throw new TrapException(
              TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS,
              "out of bounds table access: element segment "
                  + i
                  + " of "
                  + refs.length
                  + " elements at offset "
                  + offset
                  + " does not fit table "
                  + segment.tableIndex()
                  + " of size "
                  + table.size);
        }
        System.arraycopy(refs, 0, table.elements, (int) offset, refs.length);
      }
      if (segment.mode() != SegmentMode.PASSIVE) {
        instance.elementSegments[i] = NO_REFS;
      }
    }
    for (int i = 0; i < module.data.length; i++) {
      DataSegment segment = module.data[i];
      if (segment.mode() == SegmentMode.ACTIVE) {
        long offset = offset(segment.offset());
        byte[] bytes = segment.data();
        MemoryInstance memory = instance.memories[segment.memoryIndex()];
        if (offset + bytes.length > memory.byteSize) {
          throw new TrapException(
              TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS,
              "out of bounds memory access: data segment "
                  + i
                  + " of "
                  + bytes.length
                  + " bytes at offset "
                  + offset
                  + " does not fit memory "
                  + segment.memoryIndex()
                  + " of "
                  + memory.byteSize
                  + " bytes");
        }
        System.arraycopy(bytes, 0, memory.buffer, (int) offset, bytes.length);
        instance.dataSegments[i] = NO_BYTES;
      }
    }
  }

  /** 1.0: check every active segment first, then write them all. */
  private void applySegmentsV1() {
    long[] elemOffsets = new long[module.elements.length];
    for (int i = 0; i < module.elements.length; i++) {
      ElementSegment segment = module.elements[i];
      if (segment.mode() != SegmentMode.ACTIVE) {
        continue;
      }
      elemOffsets[i] = offset(segment.offset());
      TableInstance table = instance.tables[segment.tableIndex()];
      if (elemOffsets[i] + instance.elementSegments[i].length > table.size) {
        throw new LinkException(
            "elements segment does not fit: segment "
                + i
                + " of "
                + instance.elementSegments[i].length
                + " elements at offset "
                + elemOffsets[i]
                + ", table "
                + segment.tableIndex()
                + " of size "
                + table.size);
      }
    }
    long[] dataOffsets = new long[module.data.length];
    for (int i = 0; i < module.data.length; i++) {
      DataSegment segment = module.data[i];
      if (segment.mode() != SegmentMode.ACTIVE) {
        continue;
      }
      dataOffsets[i] = offset(segment.offset());
      MemoryInstance memory = instance.memories[segment.memoryIndex()];
      if (dataOffsets[i] + segment.data().length > memory.byteSize) {
        throw new LinkException(
            "data segment does not fit: segment "
                + i
                + " of "
                + segment.data().length
                + " bytes at offset "
                + dataOffsets[i]
                + ", memory "
                + segment.memoryIndex()
                + " of "
                + memory.byteSize
                + " bytes");
      }
    }
    for (int i = 0; i < module.elements.length; i++) {
      ElementSegment segment = module.elements[i];
      if (segment.mode() == SegmentMode.ACTIVE) {
        long[] refs = instance.elementSegments[i];
        TableInstance table = instance.tables[segment.tableIndex()];
        System.arraycopy(refs, 0, table.elements, (int) elemOffsets[i], refs.length);
      }
      if (segment.mode() != SegmentMode.PASSIVE) {
        instance.elementSegments[i] = NO_REFS;
      }
    }
    for (int i = 0; i < module.data.length; i++) {
      DataSegment segment = module.data[i];
      if (segment.mode() == SegmentMode.ACTIVE) {
        MemoryInstance memory = instance.memories[segment.memoryIndex()];
        System.arraycopy(
            segment.data(), 0, memory.buffer, (int) dataOffsets[i], segment.data().length);
        instance.dataSegments[i] = NO_BYTES;
      }
    }
  }

  // ------------------------------------------------------------------------ const expressions

  /**
   * Evaluates a constant expression into {@code out[0]} (the value, or the low half of a v128) and
   * {@code out[1]} (the high half of a v128). Supports the 2.0 instructions plus the extended-const
   * arithmetic, which costs nothing extra here. Validation guarantees that only these instructions
   * appear and that one value results; the exceptions below are internal errors.
   */
  private void evaluate(ConstExpr expr, long[] out) {
    List<ConstExpr.Instruction> instructions = expr.instructions();
    long[] stack = new long[instructions.size() * 2 + 2];
    int sp = 0;
    for (ConstExpr.Instruction in : instructions) {
      switch (in.opcode()) {
        case Opcodes.I32_CONST:
          stack[sp++] = (int) in.immediate();
          stack[sp++] = 0;
          break;
        case Opcodes.I64_CONST:
        case Opcodes.F32_CONST:
        case Opcodes.F64_CONST:
          stack[sp++] = in.immediate();
          stack[sp++] = 0;
          break;
        case Opcodes.V128_CONST:
          stack[sp++] = in.immediate();
          stack[sp++] = in.immediateHigh();
          break;
        case Opcodes.REF_NULL:
          stack[sp++] = 0;
          stack[sp++] = 0;
          break;
        case Opcodes.REF_FUNC:
          stack[sp++] = store.references.referenceOf(instance.functions[(int) in.immediate()]);
          stack[sp++] = 0;
          break;
        case Opcodes.GLOBAL_GET:
          {
            GlobalInstance g = instance.globals[(int) in.immediate()];
            stack[sp++] = g.value;
            stack[sp++] = g.valueHigh;
            break;
          }
        case Opcodes.I32_ADD:
        case Opcodes.I32_SUB:
        case Opcodes.I32_MUL:
        case Opcodes.I64_ADD:
        case Opcodes.I64_SUB:
        case Opcodes.I64_MUL:
          {
            long b = stack[sp - 2];
            long a = stack[sp - 4];
            sp -= 4;
            long r = arithmetic(in.opcode(), a, b);
            stack[sp++] = r;
            stack[sp++] = 0;
            break;
          }
        default:
          throw new IllegalStateException(
              "unsupported instruction " + Opcodes.name(in.opcode()) + " in a constant expression");
      }
    }
    if (sp != 2) {
      throw new IllegalStateException("a constant expression left " + sp / 2 + " values");
    }
    out[0] = stack[0];
    out[1] = stack[1];
  }

  private static long arithmetic(int opcode, long a, long b) {
    switch (opcode) {
      case Opcodes.I32_ADD:
        return (int) a + (int) b;
      case Opcodes.I32_SUB:
        return (int) a - (int) b;
      case Opcodes.I32_MUL:
        return (int) a * (int) b;
      case Opcodes.I64_ADD:
        return a + b;
      case Opcodes.I64_SUB:
        return a - b;
      default:
        return a * b;
    }
  }
}
