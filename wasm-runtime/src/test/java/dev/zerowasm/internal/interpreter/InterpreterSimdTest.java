package dev.zerowasm.internal.interpreter;

import static dev.zerowasm.testing.Asm.I32;
import static dev.zerowasm.testing.Asm.I64;
import static dev.zerowasm.testing.Asm.V128;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.Function;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.ValueType;
import dev.zerowasm.internal.wasm.FuncType;
import dev.zerowasm.internal.wasm.FunctionInstance;
import dev.zerowasm.internal.wasm.GlobalInstance;
import dev.zerowasm.internal.wasm.ModuleInstance;
import dev.zerowasm.testing.Asm;
import dev.zerowasm.testing.TestModule;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SIMD execution in the interpreter: v128 values through {@link Function#call} (two longs each, low
 * half first), between functions, instances and host functions, in locals, blocks, {@code select},
 * {@code br_table} and globals, and the memory traps of the SIMD loads and stores. The public-API
 * tests run on both engines: the compiler hands every function that touches v128 to the
 * interpreter.
 */
class InterpreterSimdTest {
  private static final int ADD_I32X4 = 0xAE;
  private static final int MUL_I32X4 = 0xB5;
  private static final int SPLAT_I32X4 = 0x11;
  private static final int EXTRACT_I32X4 = 0x1B;

  /** Lanes of an i32x4 packed as (lo, hi). */
  private static long[] i32x4(int a, int b, int c, int d) {
    return new long[] {(a & 0xFFFF_FFFFL) | ((long) b << 32), (c & 0xFFFF_FFFFL) | ((long) d << 32)};
  }

  private static long[] cat(long[]... parts) {
    int n = 0;
    for (long[] p : parts) {
      n += p.length;
    }
    long[] all = new long[n];
    int at = 0;
    for (long[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.EngineKind.class)
  void v128ParametersAndResultsTakeTwoLongsEach(RuntimeConfig.EngineKind engine) {
    Wasm w = new Wasm();
    int vv = w.type(new int[] {V128, V128}, new int[] {V128});
    w.func(vv, "add", new int[0], a -> a.localGet(0).localGet(1).simd(ADD_I32X4));
    // Mixed types: (i32, v128, i64) -> (i64, v128, i32), reversed, so every packed offset counts.
    int mixed = w.type(new int[] {I32, V128, I64}, new int[] {I64, V128, I32});
    w.func(mixed, "swap", new int[0], a -> a.localGet(2).localGet(1).localGet(0));
    // An internal call with v128 arguments and results, then arithmetic on them.
    w.func(
        mixed,
        "viaCall",
        new int[] {V128},
        a ->
            a.localGet(0)
                .localGet(1)
                .localGet(2)
                .call(1)
                .localSet(0) // the i32 result, now in local 0
                .localSet(3) // the v128 result into a v128 local
                .localGet(3)
                .localGet(0)
                .simd(SPLAT_I32X4)
                .simd(MUL_I32X4)
                .localGet(0));
    try (Runtime rt = Runtime.create(RuntimeConfig.defaults().withEngine(engine))) {
      Module m = rt.instantiate(w.build());
      assertThat(m.exportedFunction("add").call(cat(i32x4(1, 2, 3, -4), i32x4(10, 20, 30, 40))))
          .containsExactly(i32x4(11, 22, 33, 36));
      assertThat(m.exportedFunction("swap").call(cat(new long[] {7}, i32x4(1, 2, 3, 4), new long[] {-9})))
          .containsExactly(cat(new long[] {-9}, i32x4(1, 2, 3, 4), new long[] {7}));
      assertThat(
              m.exportedFunction("viaCall")
                  .call(cat(new long[] {3}, i32x4(1, 2, 3, 4), new long[] {1L << 40})))
          .containsExactly(cat(new long[] {1L << 40}, i32x4(3, 6, 9, 12), new long[] {3}));
    }
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.EngineKind.class)
  void v128InSelectBlocksAndBranches(RuntimeConfig.EngineKind engine) {
    Wasm w = new Wasm();
    int vvi = w.type(new int[] {V128, V128, I32}, new int[] {V128});
    int vToV = w.type(new int[] {V128}, new int[] {V128});
    // typed select, then a block with a v128 parameter and result left by br
    w.func(
        vvi,
        "pick",
        new int[0],
        a ->
            a.localGet(0)
                .localGet(1)
                .localGet(2)
                .op(0x1C, 1, V128) // select (result v128)
                .block(vToV)
                .v128(1L | (1L << 32), 1L | (1L << 32))
                .simd(ADD_I32X4)
                .br(0)
                .end());
    // br_table carrying a v128 to one of two blocks, with an i32 in between on the stack
    int iToV = w.type(new int[] {I32}, new int[] {V128});
    w.func(
        iToV,
        "table",
        new int[0],
        a ->
            a.block(V128)
                .block(V128)
                .v128(5, 6)
                .localGet(0)
                .op(0x0E, 1, 0, 1) // br_table 0 1
                .end()
                .v128(100, 100)
                .simd(ADD_I32X4)
                .end());
    try (Runtime rt = Runtime.create(RuntimeConfig.defaults().withEngine(engine))) {
      Module m = rt.instantiate(w.build());
      Function pick = m.exportedFunction("pick");
      long[] x = i32x4(1, 2, 3, 4);
      long[] y = i32x4(-1, -2, -3, -4);
      assertThat(pick.call(cat(x, y, new long[] {1}))).containsExactly(i32x4(2, 3, 4, 5));
      assertThat(pick.call(cat(x, y, new long[] {0}))).containsExactly(i32x4(0, -1, -2, -3));
      Function table = m.exportedFunction("table");
      assertThat(table.call(0)).containsExactly(105, 106);
      assertThat(table.call(1)).containsExactly(5, 6);
      assertThat(table.call(7)).containsExactly(5, 6);
    }
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.EngineKind.class)
  void v128GlobalsKeepBothHalves(RuntimeConfig.EngineKind engine) {
    Wasm w = new Wasm();
    int g = w.globalV128(0x1111_2222_3333_4444L, 0x5555_6666_7777_8888L, "g");
    w.func(
        w.type(new int[] {V128}, new int[0]),
        "set",
        new int[0],
        a -> a.localGet(0).op(0x24).u32(g));
    w.func(
        w.type(new int[0], new int[] {V128}),
        "get",
        new int[0],
        a -> a.op(0x23).u32(g));
    try (Runtime rt = Runtime.create(RuntimeConfig.defaults().withEngine(engine))) {
      Module m = rt.instantiate(w.build());
      assertThat(m.exportedFunction("get").call())
          .containsExactly(0x1111_2222_3333_4444L, 0x5555_6666_7777_8888L);
      m.exportedFunction("set").call(-1L, 42L);
      assertThat(m.exportedFunction("get").call()).containsExactly(-1L, 42L);
      GlobalInstance global = ((ModuleInstance) m).globals[g];
      assertThat(global.value).isEqualTo(-1L);
      assertThat(global.valueHigh).isEqualTo(42L);
    }
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.EngineKind.class)
  void simdLoadsAndStoresTrapOutOfBounds(RuntimeConfig.EngineKind engine) {
    Wasm w = new Wasm();
    w.memory(1);
    w.func(
        w.type(new int[] {I32}, new int[] {V128}),
        "load",
        new int[0],
        a -> a.localGet(0).simd(0x00).u32(0).u32(0));
    w.func(
        w.type(new int[] {I32}, new int[] {V128}),
        "loadFar",
        new int[0],
        a -> a.localGet(0).simd(0x00).u32(0).u32(0xFFFF_FFFFL));
    w.func(
        w.type(new int[] {I32, V128}, new int[0]),
        "store",
        new int[0],
        a -> a.localGet(0).localGet(1).simd(0x0B).u32(0).u32(0));
    w.func(
        w.type(new int[] {I32, V128}, new int[0]),
        "storeLane15",
        new int[0],
        a -> a.localGet(0).localGet(1).simd(0x58).u32(0).u32(0).op(15)); // v128.store8_lane 15
    try (Runtime rt = Runtime.create(RuntimeConfig.defaults().withEngine(engine))) {
      Module m = rt.instantiate(w.build());
      m.exportedFunction("store").call(65536 - 16, 0x0102_0304_0506_0708L, -2L);
      assertThat(m.exportedFunction("load").call(65536 - 16))
          .containsExactly(0x0102_0304_0506_0708L, -2L);
      assertThat(m.memory().readLongLe(65536 - 8)).isEqualTo(-2L);
      m.exportedFunction("storeLane15").call(65535, 0, 0xAB00_0000_0000_0000L);
      assertThat(m.memory().readByte(65535)).isEqualTo((byte) 0xAB);
      long last = m.memory().readLongLe(65536 - 8);
      assertThat(last).isEqualTo(0xABFF_FFFF_FFFF_FFFEL);
      assertTrap(() -> m.exportedFunction("load").call(65536 - 15));
      assertTrap(() -> m.exportedFunction("load").call(-1));
      assertTrap(() -> m.exportedFunction("loadFar").call(1));
      assertTrap(() -> m.exportedFunction("store").call(65536 - 15, 1, 1));
      assertTrap(() -> m.exportedFunction("storeLane15").call(65536, 1, 1));
      // a store that traps writes nothing
      assertThat(m.memory().readLongLe(65536 - 8)).isEqualTo(last);
    }
  }

  private static void assertTrap(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            TrapException.class,
            e -> assertThat(e.kind()).isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS));
  }

  @ParameterizedTest
  @EnumSource(RuntimeConfig.EngineKind.class)
  void v128CrossesInstances(RuntimeConfig.EngineKind engine) {
    Wasm a = new Wasm();
    a.func(
        a.type(new int[] {V128, I32}, new int[] {I32, V128}),
        "scale",
        new int[0],
        f -> f.localGet(1).localGet(0).localGet(1).simd(SPLAT_I32X4).simd(MUL_I32X4));
    Wasm b = new Wasm();
    int t = b.type(new int[] {V128, I32}, new int[] {I32, V128});
    b.importFunction("a", "scale", t);
    b.func(
        b.type(new int[] {V128}, new int[] {V128}),
        "twice",
        new int[0],
        f ->
            f.localGet(0)
                .i32(2)
                .call(0)
                .simd(EXTRACT_I32X4)
                .op(3) // lane 3
                .op(0x6A) // i32.add with the i32 result
                .simd(SPLAT_I32X4));
    try (Runtime rt = Runtime.create(RuntimeConfig.defaults().withEngine(engine))) {
      rt.instantiate(rt.compile(a.build()), ModuleConfig.create().withName("a"));
      Module m = rt.instantiate(b.build());
      // 2 + 2 * 4
      assertThat(m.exportedFunction("twice").call(i32x4(1, 2, 3, 4)))
          .containsExactly(i32x4(10, 10, 10, 10));
    }
  }

  @Test
  void hostFunctionsGetAndReturnV128AsTwoSlots() {
    TestModule m = new TestModule();
    FuncType hostType =
        new FuncType(
            new ValueType[] {ValueType.I32, ValueType.V128, ValueType.I64},
            new ValueType[] {ValueType.V128, ValueType.I32});
    List<long[]> seen = new ArrayList<>();
    int host =
        m.importFunction(
            TestModule.host(
                hostType,
                s -> {
                  seen.add(s.clone());
                  long i = s[0];
                  long lo = s[1];
                  long hi = s[2];
                  long j = s[3];
                  s[0] = hi;
                  s[1] = lo;
                  s[2] = i + j;
                }));
    int g =
        m.function(
            TestModule.types(ValueType.V128),
            TestModule.types(ValueType.V128, ValueType.I32),
            TestModule.types(),
            new Asm().i32(5).localGet(0).i64(6).call(host));
    m.instantiate(new InterpreterEngine());
    long[] stack = new long[3];
    stack[0] = 0x1234L;
    stack[1] = 0x5678L;
    FunctionInstance fn = m.instance().functions[g];
    fn.call(stack);
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0)).startsWith(5, 0x1234L, 0x5678L, 6);
    // the host swapped the halves and added the scalars
    assertThat(stack).containsExactly(0x5678L, 0x1234L, 11);
  }

  /** A minimal WebAssembly binary writer for these tests. */
  private static final class Wasm {
    private final List<byte[]> types = new ArrayList<>();
    private final List<byte[]> imports = new ArrayList<>();
    private final List<Integer> funcs = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();
    private final List<byte[]> globals = new ArrayList<>();
    private final List<byte[]> exports = new ArrayList<>();
    private int importCount;
    private int memoryPages = -1;

    int type(int[] params, int[] results) {
      Asm a = new Asm().op(0x60).u32(params.length).op(params).u32(results.length).op(results);
      types.add(a.bytes());
      return types.size() - 1;
    }

    void importFunction(String module, String name, int type) {
      Asm a = new Asm();
      str(a, module);
      str(a, name);
      imports.add(a.op(0x00).u32(type).bytes());
      importCount++;
    }

    void memory(int pages) {
      memoryPages = pages;
    }

    int globalV128(long lo, long hi, String export) {
      globals.add(new Asm().op(V128, 1).v128(lo, hi).end().bytes());
      int index = globals.size() - 1;
      Asm e = new Asm();
      str(e, export);
      exports.add(e.op(0x03).u32(index).bytes());
      return index;
    }

    int func(int type, String export, int[] locals, Consumer<Asm> body) {
      Asm b = new Asm().u32(locals.length);
      for (int l : locals) {
        b.u32(1).op(l);
      }
      body.accept(b);
      b.end();
      funcs.add(type);
      bodies.add(b.bytes());
      int index = importCount + funcs.size() - 1;
      Asm e = new Asm();
      str(e, export);
      exports.add(e.op(0x00).u32(index).bytes());
      return index;
    }

    private static void str(Asm a, String s) {
      byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      a.u32(bytes.length).op(toInts(bytes));
    }

    private static int[] toInts(byte[] bytes) {
      int[] v = new int[bytes.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = bytes[i] & 0xFF;
      }
      return v;
    }

    private static void section(ByteArrayOutputStream out, int id, List<byte[]> items) {
      if (items.isEmpty()) {
        return;
      }
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      content.writeBytes(new Asm().u32(items.size()).bytes());
      for (byte[] item : items) {
        content.writeBytes(item);
      }
      out.write(id);
      out.writeBytes(new Asm().u32(content.size()).bytes());
      out.writeBytes(content.toByteArray());
    }

    byte[] build() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
      section(out, 1, types);
      section(out, 2, imports);
      List<byte[]> fs = new ArrayList<>();
      for (int t : funcs) {
        fs.add(new Asm().u32(t).bytes());
      }
      section(out, 3, fs);
      if (memoryPages >= 0) {
        section(out, 5, List.of(new Asm().op(0).u32(memoryPages).bytes()));
      }
      section(out, 6, globals);
      section(out, 7, exports);
      List<byte[]> code = new ArrayList<>();
      for (byte[] b : bodies) {
        code.add(new Asm().u32(b.length).op(toInts(b)).bytes());
      }
      section(out, 10, code);
      return out.toByteArray();
    }
  }
}
