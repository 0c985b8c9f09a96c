package dev.zerowasm.internal.compiler;

import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.engine.Engine;
import dev.zerowasm.internal.validation.Validator;
import dev.zerowasm.internal.wasm.Code;
import dev.zerowasm.internal.wasm.ConstExpr;
import dev.zerowasm.internal.wasm.DataSegment;
import dev.zerowasm.internal.wasm.ElementSegment;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.GlobalInstance;
import dev.zerowasm.internal.wasm.GlobalType;
import dev.zerowasm.internal.wasm.Limits;
import dev.zerowasm.internal.wasm.MemoryInstance;
import dev.zerowasm.internal.wasm.MemoryType;
import dev.zerowasm.internal.wasm.ModuleInstance;
import dev.zerowasm.internal.wasm.Opcodes;
import dev.zerowasm.internal.wasm.SegmentMode;
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
 * A test-only module assembler: builds a {@link WasmModule} from hand-written instruction bytes and
 * a hand-made {@link ModuleInstance}, without the decoder or the runtime.
 */
final class TestModule {
  private final List<FuncType> types = new ArrayList<>();
  private final List<Integer> funcTypes = new ArrayList<>();
  private final List<ValueType[]> locals = new ArrayList<>();
  private final List<byte[]> bodies = new ArrayList<>();
  private final List<FunctionInstance> imports = new ArrayList<>();
  private final List<TableType> tables = new ArrayList<>();
  private final List<GlobalType> globals = new ArrayList<>();
  private final List<Long> globalValues = new ArrayList<>();
  private final List<byte[]> data = new ArrayList<>();
  private final List<long[]> elems = new ArrayList<>();

  /** The store all instances of this module share. */
  private final Store store = new Store();

  private int memoryPages = -1;
  private int memoryMax = 65536;

  /** Adds a type and returns its index. */
  int type(ValueType[] params, ValueType... results) {
    FuncType t = new FuncType(params, results);
    int i = types.indexOf(t);
    if (i >= 0) {
      return i;
    }
    types.add(t);
    return types.size() - 1;
  }

  static ValueType[] params(ValueType... p) {
    return p;
  }

  /** Adds an imported host function (must come before defined functions) and returns its index. */
  int importFunc(ValueType[] params, ValueType[] results, Consumer<long[]> body) {
    int t = type(params, results);
    funcTypes.add(t);
    FuncType ft = types.get(t);
    int index = funcTypes.size() - 1;
    imports.add(
        new FunctionInstance(ft, null, definition("host" + index)) {
          @Override
          public void call(long[] stack) {
            body.accept(stack);
          }
        });
    return index;
  }

  /** Adds a defined function and returns its index. */
  int func(ValueType[] params, ValueType[] results, ValueType[] localTypes, Asm body) {
    funcTypes.add(type(params, results));
    locals.add(localTypes);
    bodies.add(body.end().bytes());
    return funcTypes.size() - 1;
  }

  TestModule memory(int pages, int max) {
    memoryPages = pages;
    memoryMax = max;
    return this;
  }

  int table(int size) {
    tables.add(new TableType(ValueType.FUNCREF, Limits.of(size, 1000)));
    return tables.size() - 1;
  }

  int global(ValueType t, boolean mutable, long value) {
    globals.add(new GlobalType(t, mutable));
    globalValues.add(value);
    return globals.size() - 1;
  }

  int data(byte[] bytes) {
    data.add(bytes);
    return data.size() - 1;
  }

  int elem(long... refs) {
    elems.add(refs);
    return elems.size() - 1;
  }

  /** Builds the module. */
  WasmModule module() {
    WasmModule m = new WasmModule();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0); // so no body starts at offset 0
    m.types = types.toArray(new FuncType[0]);
    m.importedFunctionCount = imports.size();
    m.functionTypeIndices = funcTypes.stream().mapToInt(Integer::intValue).toArray();
    m.codes = new Code[bodies.size()];
    for (int i = 0; i < bodies.size(); i++) {
      int start = out.size();
      out.writeBytes(bodies.get(i));
      m.codes[i] = new Code(locals.get(i), start, out.size());
    }
    m.bytes = out.toByteArray();
    m.tables = tables.toArray(new TableType[0]);
    m.memories =
        memoryPages < 0
            ? new MemoryType[0]
            : new MemoryType[] {new MemoryType(Limits.of(memoryPages, memoryMax))};
    m.globalTypes = globals.toArray(new GlobalType[0]);
    m.dataCount = data.size();
    m.data = new DataSegment[data.size()];
    for (int i = 0; i < data.size(); i++) {
      m.data[i] = new DataSegment(SegmentMode.PASSIVE, 0, null, data.get(i));
    }
    m.elements = new ElementSegment[elems.size()];
    for (int i = 0; i < elems.size(); i++) {
      List<ConstExpr> items = new ArrayList<>();
      for (long ref : elems.get(i)) {
        items.add(
            ref == 0
                ? new ConstExpr(
                    List.of(
                        new ConstExpr.Instruction(Opcodes.REF_NULL, ValueType.FUNCREF.code(), 0)))
                : ConstExpr.refFunc((int) ref - 1));
      }
      m.elements[i] = new ElementSegment(SegmentMode.PASSIVE, 0, null, ValueType.FUNCREF, items);
    }
    return m;
  }

  /** Compiles with {@code engine} and instantiates; returns the instance. */
  ModuleInstance instantiate(Engine engine) {
    WasmModule m = module();
    // Hand-assembled code must be valid, as the engines assume.
    Validator.validate(m, CoreFeatures.V2);
    FunctionDefinition[] defs = new FunctionDefinition[m.functionCount()];
    for (int i = 0; i < defs.length; i++) {
      defs[i] = definition("test.f" + i);
    }
    var code = engine.compile(m);
    ModuleInstance inst = new ModuleInstance(m, store, defs);
    inst.functions = new FunctionInstance[m.functionCount()];
    for (int i = 0; i < imports.size(); i++) {
      inst.functions[i] = imports.get(i);
    }
    inst.memories =
        m.memories.length == 0
            ? new MemoryInstance[0]
            : new MemoryInstance[] {new MemoryInstance(m.memories[0], MemoryInstance.MAX_PAGES)};
    inst.tables = new TableInstance[m.tables.length];
    for (int i = 0; i < m.tables.length; i++) {
      inst.tables[i] = new TableInstance(m.tables[i]);
    }
    inst.globals = new GlobalInstance[m.globalTypes.length];
    for (int i = 0; i < inst.globals.length; i++) {
      inst.globals[i] = new GlobalInstance(m.globalTypes[i], globalValues.get(i));
    }
    inst.dataSegments = data.stream().map(byte[]::clone).toArray(byte[][]::new);
    inst.elementSegments = new long[elems.size()][];
    FunctionInstance[] own = code.instantiate(inst);
    System.arraycopy(own, 0, inst.functions, imports.size(), own.length);
    for (int i = 0; i < elems.size(); i++) {
      long[] refs = elems.get(i).clone();
      for (int j = 0; j < refs.length; j++) {
        // Element entries are given as function indices + 1 (0 = null).
        refs[j] =
            refs[j] == 0 ? 0 : inst.store.references.referenceOf(inst.functions[(int) refs[j] - 1]);
      }
      inst.elementSegments[i] = refs;
    }
    return inst;
  }

  static FunctionDefinition definition(String debugName) {
    return new FunctionDefinition() {
      @Override
      public String moduleName() {
        return "test";
      }

      @Override
      public int index() {
        return 0;
      }

      @Override
      public String name() {
        return debugName;
      }

      @Override
      public String debugName() {
        return debugName;
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
        return List.of();
      }

      @Override
      public List<ValueType> resultTypes() {
        return List.of();
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

  /** An instruction byte assembler. */
  static final class Asm {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /**
     * Raw opcode bytes (0xFC-prefixed opcodes given as 0xFCxx, SIMD ones as {@code
     * Opcodes.PREFIX_SIMD | sub}).
     */
    Asm op(int... ops) {
      for (int op : ops) {
        if (op >= Opcodes.PREFIX_SIMD) {
          out.write(0xFD);
          u(op - Opcodes.PREFIX_SIMD);
        } else if (op >= 0xFC00) {
          out.write(0xFC);
          u(op & 0xFF);
        } else {
          out.write(op);
        }
      }
      return this;
    }

    /** An unsigned LEB128 immediate. */
    Asm u(long v) {
      do {
        int b = (int) (v & 0x7F);
        v >>>= 7;
        out.write(v != 0 ? b | 0x80 : b);
      } while (v != 0);
      return this;
    }

    /** A signed LEB128 immediate. */
    Asm s(long v) {
      while (true) {
        int b = (int) (v & 0x7F);
        v >>= 7;
        boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
        out.write(done ? b : b | 0x80);
        if (done) {
          return this;
        }
      }
    }

    /** A raw byte. */
    Asm b(int v) {
      out.write(v);
      return this;
    }

    Asm i32(int v) {
      return op(0x41).s(v);
    }

    Asm i64(long v) {
      return op(0x42).s(v);
    }

    Asm f32(float v) {
      int bits = Float.floatToRawIntBits(v);
      op(0x43);
      for (int i = 0; i < 4; i++) {
        out.write(bits >>> (8 * i));
      }
      return this;
    }

    Asm f64(double v) {
      long bits = Double.doubleToRawLongBits(v);
      op(0x44);
      for (int i = 0; i < 8; i++) {
        out.write((int) (bits >>> (8 * i)));
      }
      return this;
    }

    /** {@code v128.const} with halves {@code lo} (bytes 0..7) and {@code hi}. */
    Asm v128(long lo, long hi) {
      op(Opcodes.V128_CONST);
      for (long half : new long[] {lo, hi}) {
        for (int i = 0; i < 8; i++) {
          out.write((int) (half >>> (8 * i)));
        }
      }
      return this;
    }

    /** Raw bytes, e.g. the 16 lane indices of {@code i8x16.shuffle}. */
    Asm bytes(int... bs) {
      for (int v : bs) {
        out.write(v);
      }
      return this;
    }

    Asm get(int local) {
      return op(0x20).u(local);
    }

    Asm set(int local) {
      return op(0x21).u(local);
    }

    Asm end() {
      return op(0x0B);
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
