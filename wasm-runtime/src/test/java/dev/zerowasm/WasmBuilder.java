package dev.zerowasm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small WebAssembly binaries for tests, section by section, so tests need no {@code
 * wat2wasm}. Each method appends one entry of its section; {@link #build()} emits the sections in
 * order.
 */
final class WasmBuilder {
  static final int I32 = 0x7F;
  static final int I64 = 0x7E;
  static final int FUNCREF = 0x70;

  private final List<byte[]> types = new ArrayList<>();
  private final List<byte[]> imports = new ArrayList<>();
  private final List<byte[]> functions = new ArrayList<>();
  private final List<byte[]> memories = new ArrayList<>();
  private final List<byte[]> globals = new ArrayList<>();
  private final List<byte[]> exports = new ArrayList<>();
  private final List<byte[]> codes = new ArrayList<>();
  private final List<byte[]> data = new ArrayList<>();
  private int start = -1;
  private byte[] names;

  /** Adds a function type; returns its index. */
  int type(int[] params, int... results) {
    Out o = new Out().b(0x60).u(params.length);
    for (int p : params) {
      o.b(p);
    }
    o.u(results.length);
    for (int r : results) {
      o.b(r);
    }
    types.add(o.bytes());
    return types.size() - 1;
  }

  WasmBuilder importFunction(String module, String name, int typeIndex) {
    imports.add(new Out().name(module).name(name).b(0).u(typeIndex).bytes());
    return this;
  }

  WasmBuilder importMemory(String module, String name, int min, int max) {
    Out o = new Out().name(module).name(name).b(2);
    limits(o, min, max);
    imports.add(o.bytes());
    return this;
  }

  WasmBuilder importGlobal(String module, String name, int valueType, boolean mutable) {
    imports.add(new Out().name(module).name(name).b(3).b(valueType).b(mutable ? 1 : 0).bytes());
    return this;
  }

  /** Defines a function of {@code typeIndex} with no locals and the given body (without end). */
  WasmBuilder function(int typeIndex, int... body) {
    functions.add(new Out().u(typeIndex).bytes());
    Out b = new Out().u(0);
    for (int x : body) {
      b.b(x);
    }
    b.b(0x0B);
    byte[] bytes = b.bytes();
    codes.add(new Out().u(bytes.length).raw(bytes).bytes());
    return this;
  }

  /** A memory; {@code max} < 0 means none. */
  WasmBuilder memory(int min, int max) {
    Out o = new Out();
    limits(o, min, max);
    memories.add(o.bytes());
    return this;
  }

  WasmBuilder globalI32(boolean mutable, int value) {
    globals.add(new Out().b(I32).b(mutable ? 1 : 0).b(0x41).s(value).b(0x0B).bytes());
    return this;
  }

  /** A global initialised by the constant expression {@code init} (raw bytes, without the end). */
  WasmBuilder global(int valueType, boolean mutable, int... init) {
    Out o = new Out().b(valueType).b(mutable ? 1 : 0);
    for (int b : init) {
      o.b(b);
    }
    globals.add(o.b(0x0B).bytes());
    return this;
  }

  /** kind: 0 func, 1 table, 2 memory, 3 global. */
  WasmBuilder export(String name, int kind, int index) {
    exports.add(new Out().name(name).b(kind).u(index).bytes());
    return this;
  }

  WasmBuilder start(int function) {
    this.start = function;
    return this;
  }

  /** An active data segment for memory 0 at {@code offset}. */
  WasmBuilder data(int offset, byte... bytes) {
    data.add(new Out().u(0).b(0x41).s(offset).b(0x0B).u(bytes.length).raw(bytes).bytes());
    return this;
  }

  /** A name section with the module name and names of functions {@code 0..}. */
  WasmBuilder names(String module, String... functionNames) {
    Out o = new Out().name("name");
    byte[] m = new Out().name(module).bytes();
    o.b(0).u(m.length).raw(m);
    Out f = new Out().u(functionNames.length);
    for (int i = 0; i < functionNames.length; i++) {
      f.u(i).name(functionNames[i]);
    }
    byte[] fb = f.bytes();
    o.b(1).u(fb.length).raw(fb);
    names = o.bytes();
    return this;
  }

  byte[] build() {
    Out o = new Out().raw(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    section(o, 1, types);
    section(o, 2, imports);
    section(o, 3, functions);
    section(o, 5, memories);
    section(o, 6, globals);
    section(o, 7, exports);
    if (start >= 0) {
      byte[] s = new Out().u(start).bytes();
      o.b(8).u(s.length).raw(s);
    }
    section(o, 10, codes);
    section(o, 11, data);
    if (names != null) {
      o.b(0).u(names.length).raw(names);
    }
    return o.bytes();
  }

  private static void limits(Out o, int min, int max) {
    if (max < 0) {
      o.b(0).u(min);
    } else {
      o.b(1).u(min).u(max);
    }
  }

  private static void section(Out o, int id, List<byte[]> entries) {
    if (entries.isEmpty()) {
      return;
    }
    Out body = new Out().u(entries.size());
    for (byte[] e : entries) {
      body.raw(e);
    }
    byte[] b = body.bytes();
    o.b(id).u(b.length).raw(b);
  }

  /** A byte sink with LEB128 helpers. */
  private static final class Out {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Out b(int b) {
      out.write(b);
      return this;
    }

    Out raw(byte[] bytes) {
      out.write(bytes, 0, bytes.length);
      return this;
    }

    Out u(long v) {
      do {
        int b = (int) (v & 0x7F);
        v >>>= 7;
        out.write(v != 0 ? b | 0x80 : b);
      } while (v != 0);
      return this;
    }

    Out s(long v) {
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

    Out name(String s) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      return u(bytes.length).raw(bytes);
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
