package dev.zerowasm.internal.interpreter;

import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.internal.wasm.ModuleInstance;
import dev.zerowasm.internal.wasm.TableInstance;
import java.util.Arrays;

/**
 * The table instructions. Indices and lengths arrive as i32 slots and are read as unsigned. Bounds
 * are checked before anything is written; a zero length is still checked.
 */
final class Tables {
  private Tables() {}

  private static final long[] EMPTY = new long[0];

  private static TrapException outOfBounds(String what, long offset, long length, long size) {
    return new TrapException(
        TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS,
        "out of bounds table access: "
            + what
            + " at "
            + offset
            + ", length "
            + length
            + ", size "
            + size);
  }

  /** table.get */
  static long get(ModuleInstance inst, int table, int index) {
    return inst.tables[table].get(index);
  }

  /** table.set */
  static void set(ModuleInstance inst, int table, int index, long ref) {
    inst.tables[table].set(index, ref);
  }

  /** table.init: copies {@code n} references of element segment {@code segment} into a table. */
  static void init(ModuleInstance inst, int segment, int table, long dst, long src, long n) {
    long[] elems = inst.elementSegments[segment];
    TableInstance t = inst.tables[table];
    long d = dst & 0xFFFF_FFFFL;
    long s = src & 0xFFFF_FFFFL;
    long len = n & 0xFFFF_FFFFL;
    if (s + len > elems.length) {
      throw outOfBounds("table.init source in element segment " + segment, s, len, elems.length);
    }
    if (d + len > t.size) {
      throw outOfBounds("table.init destination in table " + table, d, len, t.size);
    }
    System.arraycopy(elems, (int) s, t.elements, (int) d, (int) len);
  }

  /** elem.drop: forgets an element segment's references. */
  static void elemDrop(ModuleInstance inst, int segment) {
    inst.elementSegments[segment] = EMPTY;
  }

  /** table.copy between two tables (or within one; overlapping ranges are fine). */
  static void copy(ModuleInstance inst, int dstTable, int srcTable, long dst, long src, long n) {
    TableInstance dt = inst.tables[dstTable];
    TableInstance st = inst.tables[srcTable];
    long d = dst & 0xFFFF_FFFFL;
    long s = src & 0xFFFF_FFFFL;
    long len = n & 0xFFFF_FFFFL;
    if (s + len > st.size) {
      throw outOfBounds("table.copy source in table " + srcTable, s, len, st.size);
    }
    if (d + len > dt.size) {
      throw outOfBounds("table.copy destination in table " + dstTable, d, len, dt.size);
    }
    System.arraycopy(st.elements, (int) s, dt.elements, (int) d, (int) len);
  }

  /** table.fill: sets {@code n} entries from {@code index} to {@code ref}. */
  static void fill(ModuleInstance inst, int table, long index, long ref, long n) {
    TableInstance t = inst.tables[table];
    long i = index & 0xFFFF_FFFFL;
    long len = n & 0xFFFF_FFFFL;
    if (i + len > t.size) {
      throw outOfBounds("table.fill in table " + table, i, len, t.size);
    }
    Arrays.fill(t.elements, (int) i, (int) (i + len), ref);
  }
}
