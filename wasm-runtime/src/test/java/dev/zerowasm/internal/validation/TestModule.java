package dev.zerowasm.internal.validation;

import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.wasm.Code;
import dev.zerowasm.internal.wasm.ConstExpr;
import dev.zerowasm.internal.wasm.DataSegment;
import dev.zerowasm.internal.wasm.ElementSegment;
import dev.zerowasm.internal.wasm.Export;
import dev.zerowasm.internal.wasm.ExternKind;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.GlobalDefinition;
import dev.zerowasm.internal.wasm.GlobalType;
import dev.zerowasm.internal.wasm.Import;
import dev.zerowasm.internal.wasm.Limits;
import dev.zerowasm.internal.wasm.MemoryType;
import dev.zerowasm.internal.wasm.Opcodes;
import dev.zerowasm.internal.wasm.TableType;
import dev.zerowasm.internal.wasm.WasmModule;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link WasmModule}s directly (without the decoder) for validator unit tests: types,
 * imports, tables, memories, globals, segments, exports and function bodies written with {@link
 * Body}. Imports must be added before definitions of the same kind.
 */
final class TestModule {
  static final ValueType I32 = ValueType.I32;
  static final ValueType I64 = ValueType.I64;
  static final ValueType F32 = ValueType.F32;
  static final ValueType F64 = ValueType.F64;
  static final ValueType FUNCREF = ValueType.FUNCREF;
  static final ValueType EXTERNREF = ValueType.EXTERNREF;

  private final List<FuncType> types = new ArrayList<>();
  private final List<Import> imports = new ArrayList<>();
  private final List<Integer> functionTypes = new ArrayList<>();
  private final List<TableType> tables = new ArrayList<>();
  private final List<MemoryType> memories = new ArrayList<>();
  private final List<GlobalType> globalTypes = new ArrayList<>();
  private final List<GlobalDefinition> globals = new ArrayList<>();
  private final List<Export> exports = new ArrayList<>();
  private final List<ElementSegment> elements = new ArrayList<>();
  private final List<DataSegment> data = new ArrayList<>();
  private final List<Body> bodies = new ArrayList<>();
  private int importedFunctions, importedTables, importedMemories, importedGlobals;
  private int dataCount = -1;
  private int start = -1;

  static ValueType[] v(ValueType... types) {
    return types;
  }

  /** Adds a type and returns its index. */
  int type(ValueType[] params, ValueType[] results) {
    types.add(new FuncType(params, results));
    return types.size() - 1;
  }

  /** Adds a type without being interested in its index. */
  TestModule withType(ValueType[] params, ValueType[] results) {
    type(params, results);
    return this;
  }

  TestModule importFunction(int typeIndex) {
    imports.add(Import.function("env", "f" + imports.size(), typeIndex));
    functionTypes.add(typeIndex);
    importedFunctions++;
    return this;
  }

  TestModule importGlobal(ValueType t, boolean mutable) {
    GlobalType g = new GlobalType(t, mutable);
    imports.add(Import.global("env", "g" + imports.size(), g));
    globalTypes.add(g);
    importedGlobals++;
    return this;
  }

  TestModule importTable(ValueType elementType, Limits limits) {
    TableType t = new TableType(elementType, limits);
    imports.add(Import.table("env", "t" + imports.size(), t));
    tables.add(t);
    importedTables++;
    return this;
  }

  TestModule importMemory(Limits limits) {
    MemoryType m = new MemoryType(limits);
    imports.add(Import.memory("env", "m" + imports.size(), m));
    memories.add(m);
    importedMemories++;
    return this;
  }

  TestModule table(ValueType elementType, Limits limits) {
    tables.add(new TableType(elementType, limits));
    return this;
  }

  TestModule table(ValueType elementType) {
    return table(elementType, Limits.of(1));
  }

  TestModule memory(Limits limits) {
    memories.add(new MemoryType(limits));
    return this;
  }

  TestModule memory() {
    return memory(Limits.of(1));
  }

  TestModule global(ValueType t, boolean mutable, ConstExpr init) {
    GlobalType g = new GlobalType(t, mutable);
    globalTypes.add(g);
    globals.add(new GlobalDefinition(g, init));
    return this;
  }

  TestModule export(String name, ExternKind kind, int index) {
    exports.add(new Export(name, kind, index));
    return this;
  }

  TestModule element(ElementSegment segment) {
    elements.add(segment);
    return this;
  }

  TestModule data(DataSegment segment) {
    data.add(segment);
    return this;
  }

  TestModule dataCount(int count) {
    dataCount = count;
    return this;
  }

  TestModule start(int function) {
    start = function;
    return this;
  }

  /** Adds a function of type {@code typeIndex} with {@code body} (its final end is added). */
  TestModule function(int typeIndex, Body body) {
    functionTypes.add(typeIndex);
    bodies.add(body);
    return this;
  }

  /** Adds a function with a new type {@code params -> results}. */
  TestModule function(ValueType[] params, ValueType[] results, Body body) {
    return function(type(params, results), body);
  }

  /** The function index of the next function added. */
  int nextFunctionIndex() {
    return functionTypes.size();
  }

  WasmModule build() {
    WasmModule m = new WasmModule();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // Some filler first, so that code offsets are not trivially 0.
    out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    Code[] codes = new Code[bodies.size()];
    for (int i = 0; i < codes.length; i++) {
      Body body = bodies.get(i);
      byte[] bytes = body.bytesWithEnd();
      int startOffset = out.size();
      out.writeBytes(bytes);
      codes[i] = new Code(body.locals.toArray(new ValueType[0]), startOffset, out.size());
    }
    m.bytes = out.toByteArray();
    m.types = types.toArray(new FuncType[0]);
    m.imports = imports.toArray(new Import[0]);
    m.importedFunctionCount = importedFunctions;
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
    m.codes = codes;
    return m;
  }

  // ---- constant expressions ----

  static ConstExpr i32(int value) {
    return expr(Opcodes.I32_CONST, value);
  }

  static ConstExpr i64(long value) {
    return expr(Opcodes.I64_CONST, value);
  }

  static ConstExpr globalGet(int index) {
    return expr(Opcodes.GLOBAL_GET, index);
  }

  static ConstExpr refNull(ValueType t) {
    return expr(Opcodes.REF_NULL, t.code());
  }

  static ConstExpr expr(int opcode, long immediate) {
    return new ConstExpr(List.of(new ConstExpr.Instruction(opcode, immediate, 0)));
  }

  static ConstExpr expr(ConstExpr.Instruction... instructions) {
    return new ConstExpr(List.of(instructions));
  }

  /** A function body: declared locals and instruction bytes. */
  static final class Body {
    final List<ValueType> locals = new ArrayList<>();
    private final ByteArrayOutputStream code = new ByteArrayOutputStream();

    static Body body() {
      return new Body();
    }

    Body locals(ValueType... types) {
      locals.addAll(List.of(types));
      return this;
    }

    /** The offset (relative to the body's start) of the next instruction written. */
    int offset() {
      return code.size();
    }

    /** Writes an opcode from {@link Opcodes} (0xFC- and 0xFD-prefixed ones with their prefix). */
    Body op(int opcode) {
      if (opcode >= Opcodes.PREFIX_FC && opcode < Opcodes.PREFIX_SIMD) {
        code.write(0xFC);
        return u32(opcode - Opcodes.PREFIX_FC);
      }
      if (opcode >= Opcodes.PREFIX_SIMD) {
        code.write(0xFD);
        return u32(opcode - Opcodes.PREFIX_SIMD);
      }
      code.write(opcode);
      return this;
    }

    /** Writes an opcode followed by unsigned LEB128 immediates. */
    Body op(int opcode, long... immediates) {
      op(opcode);
      for (long imm : immediates) {
        u32(imm);
      }
      return this;
    }

    Body b(int... bytes) {
      for (int x : bytes) {
        code.write(x);
      }
      return this;
    }

    Body u32(long value) {
      long v = value;
      do {
        int b = (int) (v & 0x7F);
        v >>>= 7;
        code.write(v != 0 ? b | 0x80 : b);
      } while (v != 0);
      return this;
    }

    Body s64(long value) {
      long v = value;
      while (true) {
        int b = (int) (v & 0x7F);
        v >>= 7;
        boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
        code.write(done ? b : b | 0x80);
        if (done) {
          return this;
        }
      }
    }

    Body i32Const(int value) {
      op(Opcodes.I32_CONST);
      return s64(value);
    }

    Body i64Const(long value) {
      op(Opcodes.I64_CONST);
      return s64(value);
    }

    Body f32Const() {
      return b(Opcodes.F32_CONST, 0, 0, 0, 0);
    }

    Body f64Const() {
      return b(Opcodes.F64_CONST, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** {@code block}/{@code loop}/{@code if} with an empty block type. */
    Body block(int opcode) {
      return b(opcode, 0x40);
    }

    /** {@code block}/{@code loop}/{@code if} with a single result type. */
    Body block(int opcode, ValueType result) {
      return b(opcode, result.code());
    }

    /** {@code block}/{@code loop}/{@code if} with a type index (s33, small indices only). */
    Body blockIndexed(int opcode, int typeIndex) {
      op(opcode);
      return s64(typeIndex);
    }

    /** {@code memarg}-carrying instruction. */
    Body mem(int opcode, int align, int offset) {
      return op(opcode, align, offset);
    }

    byte[] bytesWithEnd() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(code.toByteArray());
      out.write(Opcodes.END);
      return out.toByteArray();
    }
  }
}
