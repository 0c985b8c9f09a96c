package dev.zerowasm.gojs.internal;

import dev.zerowasm.api.CoreFeatures;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.Memory;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.gojs.GoGuest;
import dev.zerowasm.internal.binary.Decoder;
import dev.zerowasm.internal.interpreter.InterpreterEngine;
import dev.zerowasm.internal.validation.Validator;
import dev.zerowasm.internal.wasm.ConstExpr;
import dev.zerowasm.internal.wasm.DataSegment;
import dev.zerowasm.internal.wasm.ElementSegment;
import dev.zerowasm.internal.wasm.Export;
import dev.zerowasm.internal.wasm.ExternKind;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.GlobalInstance;
import dev.zerowasm.internal.wasm.Import;
import dev.zerowasm.internal.wasm.MemoryInstance;
import dev.zerowasm.internal.wasm.ModuleInstance;
import dev.zerowasm.internal.wasm.Opcodes;
import dev.zerowasm.internal.wasm.SegmentMode;
import dev.zerowasm.internal.wasm.Store;
import dev.zerowasm.internal.wasm.TableInstance;
import dev.zerowasm.internal.wasm.WasmModule;
import java.util.List;
import java.util.Optional;

/**
 * A test-only instantiation of a Go program on the runtime's internals (decoder, validator,
 * interpreter), with its {@code go}/{@code gojs} imports bound to a {@link GoJsHost}. It stands in
 * for {@code Runtime.instantiate} until the runtime's public API exists; it handles only what Go's
 * binaries use (own memory, globals with constant initialisers, one table, active segments).
 */
final class MiniInstance implements GoGuest {
  private final ModuleInstance instance;
  private final FunctionInstance run;
  private final FunctionInstance resume;
  private final FunctionInstance getsp;

  MiniInstance(byte[] wasm, GoJsHost host) {
    WasmModule m = Decoder.decode(wasm, CoreFeatures.V2);
    Validator.validate(m, CoreFeatures.V2);
    Store store = new Store();
    FunctionDefinition[] defs = new FunctionDefinition[m.functionTypeIndices.length];
    for (int i = 0; i < defs.length; i++) {
      defs[i] = definition(i, m.functionType(i));
    }
    ModuleInstance inst = new ModuleInstance(m, store, defs);
    inst.memories = new MemoryInstance[m.memories.length];
    for (int i = 0; i < m.memories.length; i++) {
      inst.memories[i] = new MemoryInstance(m.memories[i], MemoryInstance.MAX_PAGES);
    }
    inst.globals = new GlobalInstance[m.globalTypes.length];
    for (int i = 0; i < m.globals.length; i++) {
      inst.globals[i] = new GlobalInstance(m.globals[i].type(), eval(m.globals[i].init(), inst));
    }
    inst.tables = new TableInstance[m.tables.length];
    for (int i = 0; i < m.tables.length; i++) {
      inst.tables[i] = new TableInstance(m.tables[i]);
    }
    FunctionInstance[] own = new InterpreterEngine().compile(m).instantiate(inst);
    FunctionInstance[] fs = new FunctionInstance[m.importedFunctionCount + own.length];
    int fi = 0;
    for (Import imp : m.imports) {
      if (imp.kind() != ExternKind.FUNCTION || !GoJsFunctions.isGoModule(imp.module())) {
        throw new IllegalArgumentException("unexpected import " + imp);
      }
      String module = imp.module();
      String name = imp.name();
      fs[fi] =
          new FunctionInstance(m.types[imp.funcTypeIndex()], null, defs[fi]) {
            @Override
            public void call(long[] stack) {
              host.call(module, name, (int) stack[0]);
            }
          };
      fi++;
    }
    System.arraycopy(own, 0, fs, fi, own.length);
    inst.functions = fs;
    inst.dataSegments = new byte[m.data.length][];
    for (int i = 0; i < m.data.length; i++) {
      DataSegment d = m.data[i];
      if (d.mode() == SegmentMode.ACTIVE) {
        inst.memories[d.memoryIndex()].write(eval(d.offset(), inst) & 0xFFFFFFFFL, d.data());
        inst.dataSegments[i] = new byte[0];
      } else {
        inst.dataSegments[i] = d.data();
      }
    }
    inst.elementSegments = new long[m.elements.length][];
    for (int i = 0; i < m.elements.length; i++) {
      ElementSegment e = m.elements[i];
      List<ConstExpr> items = e.items();
      long[] refs = new long[items.size()];
      for (int j = 0; j < refs.length; j++) {
        ConstExpr.Instruction in = items.get(j).instructions().get(0);
        refs[j] =
            in.opcode() == Opcodes.REF_FUNC
                ? store.references.referenceOf(fs[(int) in.immediate()])
                : 0;
      }
      if (e.mode() == SegmentMode.ACTIVE) {
        int offset = (int) eval(e.offset(), inst);
        for (int j = 0; j < refs.length; j++) {
          inst.tables[e.tableIndex()].set(offset + j, refs[j]);
        }
        inst.elementSegments[i] = new long[0];
      } else {
        inst.elementSegments[i] = refs;
      }
    }
    this.instance = inst;
    this.run = export(m, "run");
    this.resume = export(m, "resume");
    this.getsp = export(m, "getsp");
  }

  /**
   * Returns {@code wasm} with every import from module {@code from} renamed to {@code to} (to turn
   * a Go 1.19 binary into one with Go 1.21's import module {@code gojs}).
   */
  static byte[] renameImportModule(byte[] wasm, String from, String to) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(wasm, 0, 8);
    int[] pos = {8};
    while (pos[0] < wasm.length) {
      int id = wasm[pos[0]++];
      int size = (int) leb(wasm, pos);
      int start = pos[0];
      byte[] body = java.util.Arrays.copyOfRange(wasm, start, start + size);
      if (id == 2) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        int[] p = {0};
        long n = leb(body, p);
        writeLeb(b, n);
        for (long i = 0; i < n; i++) {
          String module = name(body, p);
          String field = name(body, p);
          writeName(b, module.equals(from) ? to : module);
          writeName(b, field);
          int kind = body[p[0]++];
          b.write(kind);
          if (kind != 0) {
            throw new IllegalArgumentException("only function imports are supported");
          }
          writeLeb(b, leb(body, p));
        }
        body = b.toByteArray();
      }
      out.write(id);
      writeLeb(out, body.length);
      out.writeBytes(body);
      pos[0] = start + size;
    }
    return out.toByteArray();
  }

  private static long leb(byte[] b, int[] p) {
    long r = 0;
    int shift = 0;
    while (true) {
      int x = b[p[0]++] & 0xFF;
      r |= (long) (x & 0x7F) << shift;
      shift += 7;
      if (x < 0x80) {
        return r;
      }
    }
  }

  private static void writeLeb(java.io.ByteArrayOutputStream o, long v) {
    do {
      int x = (int) (v & 0x7F);
      v >>>= 7;
      o.write(v != 0 ? x | 0x80 : x);
    } while (v != 0);
  }

  private static String name(byte[] b, int[] p) {
    int len = (int) leb(b, p);
    String s = new String(b, p[0], len, java.nio.charset.StandardCharsets.UTF_8);
    p[0] += len;
    return s;
  }

  private static void writeName(java.io.ByteArrayOutputStream o, String s) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    writeLeb(o, b.length);
    o.writeBytes(b);
  }

  private FunctionInstance export(WasmModule m, String name) {
    for (Export e : m.exports) {
      if (e.kind() == ExternKind.FUNCTION && e.name().equals(name)) {
        return instance.functions[e.index()];
      }
    }
    throw new IllegalArgumentException("no export " + name);
  }

  private static long eval(ConstExpr expr, ModuleInstance inst) {
    ConstExpr.Instruction in = expr.instructions().get(0);
    switch (in.opcode()) {
      case Opcodes.I32_CONST:
      case Opcodes.I64_CONST:
        return in.immediate();
      case Opcodes.GLOBAL_GET:
        return inst.globals[(int) in.immediate()].value;
      default:
        throw new IllegalArgumentException("unsupported constant expression " + expr);
    }
  }

  @Override
  public Memory memory() {
    return instance.memories[0];
  }

  @Override
  public void run(int argc, int argv) {
    run.call(new long[] {argc, argv});
  }

  @Override
  public void resume() {
    resume.call(new long[1]);
  }

  @Override
  public int getsp() {
    long[] s = new long[1];
    getsp.call(s);
    return (int) s[0];
  }

  private static FunctionDefinition definition(int index, FuncType type) {
    return new FunctionDefinition() {
      @Override
      public String moduleName() {
        return "go";
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
        return "go.f" + index;
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
}
