package dev.zerowasm.internal.interpreter;

import static dev.zerowasm.api.ValueType.EXTERNREF;
import static dev.zerowasm.api.ValueType.FUNCREF;
import static dev.zerowasm.api.ValueType.I32;
import static dev.zerowasm.api.ValueType.I64;
import static dev.zerowasm.testing.TestModule.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.internal.wasm.Limits;
import dev.zerowasm.testing.Asm;
import dev.zerowasm.testing.TestModule;
import org.junit.jupiter.api.Test;

class InterpreterMemoryTest {
  private static TrapKind trap(Runnable r) {
    try {
      r.run();
    } catch (TrapException e) {
      return e.kind();
    }
    throw new AssertionError("expected a trap");
  }

  @Test
  void loadsAndStoresAreLittleEndianWithSignAndZeroExtension() {
    TestModule m = new TestModule();
    m.memory(1);
    int store64 =
        m.function(
            types(I32, I64), types(), types(), new Asm().localGet(0).localGet(1).mem(0x37, 8));
    int[] loads = {0x28, 0x29, 0x2C, 0x2D, 0x2E, 0x2F, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35};
    int[] fs = new int[loads.length];
    for (int i = 0; i < loads.length; i++) {
      int op = loads[i];
      boolean i64 = op == 0x29 || op >= 0x30;
      fs[i] =
          m.function(types(I32), types(i64 ? I64 : I32), types(), new Asm().localGet(0).mem(op, 8));
    }
    int fused = m.function(types(I32), types(I32), types(), new Asm().localGet(0).mem(0x28, 9));
    m.instantiate(new InterpreterEngine());
    m.call(store64, 0, 0x8182_8384_8586_8788L);
    long[] want = {
      0x8586_8788L | 0xFFFF_FFFF_0000_0000L,
      0x8182_8384_8586_8788L,
      (byte) 0x88,
      0x88,
      (short) 0x8788,
      0x8788,
      (byte) 0x88,
      0x88,
      (short) 0x8788,
      0x8788,
      (long) 0x8586_8788,
      0x8586_8788L
    };
    for (int i = 0; i < loads.length; i++) {
      assertThat(m.call1(fs[i], 0)).as("load 0x%x", loads[i]).isEqualTo(want[i]);
    }
    assertThat(m.call1(fused, 0)).isEqualTo((long) 0x8485_8687);
    assertThat(m.mem().readLongLe(8)).isEqualTo(0x8182_8384_8586_8788L);
  }

  @Test
  void narrowStoresAndFloats() {
    TestModule m = new TestModule();
    m.memory(1);
    int f =
        m.function(
            types(),
            types(I64),
            types(),
            new Asm()
                .i32(0)
                .i64(-1)
                .mem(0x37, 0)
                .i32(0)
                .i32(0x1234)
                .mem(0x3A, 0)
                .i32(2)
                .i32(0x5678)
                .mem(0x3B, 0)
                .i32(4)
                .i64(0x9ABC)
                .mem(0x3D, 0)
                .i32(0)
                .mem(0x29, 0));
    int fl =
        m.function(
            types(),
            types(I64),
            types(),
            new Asm()
                .i32(16)
                .f32Bits(0x7FA0_0001)
                .mem(0x38, 0)
                .i32(24)
                .f64Bits(0x7FF4_0000_0000_0001L)
                .mem(0x39, 0)
                .i32(16)
                .mem(0x2A, 0)
                .op(0xBC)
                .op(0xAD)
                .i32(24)
                .mem(0x2B, 0)
                .op(0xBD)
                .op(0x7C));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call1(f)).isEqualTo(0xFFFF_9ABC_5678_FF34L);
    assertThat(m.call1(fl)).isEqualTo(0x7FA0_0001L + 0x7FF4_0000_0000_0001L);
  }

  @Test
  void outOfBoundsAccessesTrap() {
    TestModule m = new TestModule();
    m.memory(1);
    int load = m.function(types(I32), types(I32), types(), new Asm().localGet(0).mem(0x28, 0));
    int loadOff =
        m.function(types(I32), types(I64), types(), new Asm().localGet(0).mem(0x29, 0xFFFF_FFFFL));
    int store = m.function(types(I32), types(), types(), new Asm().localGet(0).i32(1).mem(0x3A, 0));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call1(load, 65532)).isEqualTo(0);
    assertThat(trap(() -> m.call(load, 65533))).isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertThat(trap(() -> m.call(load, -1))).isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertThat(trap(() -> m.call(loadOff, 1))).isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    m.call(store, 65535);
    assertThat(trap(() -> m.call(store, 65536))).isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
  }

  @Test
  void memorySizeAndGrow() {
    TestModule m = new TestModule();
    m.memory(1, 3);
    int grow = m.function(types(I32), types(I32), types(), new Asm().localGet(0).op(0x40, 0x00));
    int size = m.function(types(), types(I32), types(), new Asm().op(0x3F, 0x00));
    int poke =
        m.function(
            types(I32),
            types(I32),
            types(),
            new Asm().localGet(0).i32(77).mem(0x36, 0).localGet(0).mem(0x28, 0));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call1(size)).isEqualTo(1);
    assertThat(m.call1(grow, 1)).isEqualTo(1);
    assertThat(m.call1(poke, 65536 * 2 - 4)).isEqualTo(77);
    assertThat(m.call1(grow, 2)).isEqualTo(-1);
    assertThat(m.call1(grow, -1)).isEqualTo(-1);
    assertThat(m.call1(grow, 0)).isEqualTo(2);
    assertThat(m.call1(size)).isEqualTo(2);
  }

  @Test
  void bulkMemory() {
    TestModule m = new TestModule();
    m.memory(1);
    int seg = m.data(new byte[] {1, 2, 3, 4, 5});
    m.dataCount(1);
    // init(dst, src, n)
    int init =
        m.function(
            types(I32, I32, I32),
            types(),
            types(),
            new Asm().localGet(0).localGet(1).localGet(2).fc(0x08).u32(seg).op(0x00));
    int drop = m.function(types(), types(), types(), new Asm().fc(0x09).u32(seg));
    int copy =
        m.function(
            types(I32, I32, I32),
            types(),
            types(),
            new Asm().localGet(0).localGet(1).localGet(2).fc(0x0A).op(0x00, 0x00));
    int fill =
        m.function(
            types(I32, I32, I32),
            types(),
            types(),
            new Asm().localGet(0).localGet(1).localGet(2).fc(0x0B).op(0x00));
    m.instantiate(new InterpreterEngine());
    m.call(init, 10, 1, 4);
    assertThat(m.mem().read(9, 6)).containsExactly(0, 2, 3, 4, 5, 0);
    m.call(copy, 11, 10, 4); // overlapping, forward
    assertThat(m.mem().read(10, 5)).containsExactly(2, 2, 3, 4, 5);
    m.call(copy, 9, 10, 5); // overlapping, backward
    assertThat(m.mem().read(9, 6)).containsExactly(2, 2, 3, 4, 5, 5);
    m.call(fill, 100, 0x1FF, 3);
    assertThat(m.mem().read(99, 5)).containsExactly(0, -1, -1, -1, 0);
    // zero lengths at the very end are fine; one past traps
    m.call(fill, 65536, 0, 0);
    m.call(copy, 65536, 0, 0);
    m.call(init, 65536, 5, 0);
    assertThat(trap(() -> m.call(fill, 65537, 0, 0)))
        .isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertThat(trap(() -> m.call(copy, 0, 65537, 0)))
        .isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertThat(trap(() -> m.call(init, 0, 6, 0))).isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertThat(trap(() -> m.call(fill, 65530, 1, 7)))
        .isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertThat(m.mem().readByte(65535)).isEqualTo((byte) 0); // nothing written on a trap
    assertThat(trap(() -> m.call(fill, 0, 1, -1))).isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    m.call(drop);
    m.call(init, 0, 0, 0);
    assertThat(trap(() -> m.call(init, 0, 0, 1))).isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
  }

  @Test
  void tablesAndReferences() {
    TestModule m = new TestModule();
    int t0 = m.table(FUNCREF, Limits.of(2, 10));
    int t1 = m.table(FUNCREF, Limits.of(3));
    int fn = m.function(types(), types(I32), types(), new Asm().i32(5));
    int seg = m.elements(fn, -1, fn);
    // table.grow t0 by n with ref.func fn; returns old size
    int grow =
        m.function(
            types(I32),
            types(I32),
            types(),
            new Asm().op(0xD2).u32(fn).localGet(0).fc(0x0F).u32(t0));
    int size = m.function(types(), types(I32), types(), new Asm().fc(0x10).u32(t0));
    int isNull =
        m.function(
            types(I32), types(I32), types(), new Asm().localGet(0).op(0x25).u32(t0).op(0xD1));
    int setNull =
        m.function(
            types(I32), types(), types(), new Asm().localGet(0).op(0xD0, 0x70).op(0x26).u32(t0));
    int fillFn =
        m.function(
            types(I32, I32),
            types(),
            types(),
            new Asm().localGet(0).op(0xD2).u32(fn).localGet(1).fc(0x11).u32(t0));
    int init1 =
        m.function(
            types(I32, I32, I32),
            types(),
            types(),
            new Asm().localGet(0).localGet(1).localGet(2).fc(0x0C).u32(seg).u32(t1));
    int copy01 =
        m.function(
            types(I32, I32, I32),
            types(),
            types(),
            new Asm().localGet(0).localGet(1).localGet(2).fc(0x0E).u32(t0).u32(t1));
    int dropSeg = m.function(types(), types(), types(), new Asm().fc(0x0D).u32(seg));
    int externNull = m.function(types(), types(I32), types(), new Asm().op(0xD0, 0x6F).op(0xD1));
    m.instantiate(new InterpreterEngine());
    assertThat(m.call1(size)).isEqualTo(2);
    assertThat(m.call1(grow, 3)).isEqualTo(2);
    assertThat(m.call1(size)).isEqualTo(5);
    assertThat(m.call1(grow, 6)).isEqualTo(-1);
    assertThat(m.call1(isNull, 0)).isEqualTo(1);
    assertThat(m.call1(isNull, 4)).isEqualTo(0);
    m.call(setNull, 4);
    assertThat(m.call1(isNull, 4)).isEqualTo(1);
    assertThat(trap(() -> m.call(isNull, 5))).isEqualTo(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    m.call(fillFn, 0, 2);
    assertThat(m.call1(isNull, 1)).isEqualTo(0);
    assertThat(trap(() -> m.call(fillFn, 4, 2))).isEqualTo(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    m.call(setNull, 0);
    m.call(setNull, 1);
    m.call(init1, 0, 0, 3);
    assertThat(m.instance().tables[t1].elements[1]).isEqualTo(0);
    assertThat(m.instance().tables[t1].elements[2]).isNotEqualTo(0);
    m.call(copy01, 0, 1, 2);
    assertThat(m.call1(isNull, 0)).isEqualTo(1);
    assertThat(m.call1(isNull, 1)).isEqualTo(0);
    assertThat(trap(() -> m.call(copy01, 0, 2, 2))).isEqualTo(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    assertThat(trap(() -> m.call(init1, 2, 0, 2))).isEqualTo(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    m.call(dropSeg);
    m.call(init1, 3, 0, 0);
    assertThat(trap(() -> m.call(init1, 0, 0, 1))).isEqualTo(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    assertThat(m.call1(externNull)).isEqualTo(1);
    assertThat(FUNCREF).isNotEqualTo(EXTERNREF);
  }
}
