package dev.zerowasm.internal.interpreter;

import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.internal.wasm.ModuleInstance;
import java.util.Arrays;

/**
 * The bulk memory instructions. Operands arrive as i32 slots and are read as unsigned. Bounds are
 * checked before anything is written, so a trapping instruction changes nothing; a zero length is
 * still checked (an offset one past the end is allowed, beyond it traps). The bound is the memory's
 * size ({@code size}, {@code MemoryInstance.byteSize}), which is the array's length unless the
 * memory has spare capacity.
 */
final class Bulk {
  private Bulk() {}

  private static final byte[] EMPTY = new byte[0];

  private static TrapException outOfBounds(String what, long offset, long length, long size) {
    return new TrapException(
        TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS,
        "out of bounds memory access: "
            + what
            + " at "
            + offset
            + ", length "
            + length
            + ", size "
            + size);
  }

  /**
   * memory.init: copies {@code n} bytes of data segment {@code segment} from {@code src} to {@code
   * dst}.
   */
  static void memoryInit(
      ModuleInstance inst, byte[] mem, int size, int segment, long dst, long src, long n) {
    byte[] data = inst.dataSegments[segment];
    long d = dst & 0xFFFF_FFFFL;
    long s = src & 0xFFFF_FFFFL;
    long len = n & 0xFFFF_FFFFL;
    if (s + len > data.length) {
      throw outOfBounds("memory.init source in data segment " + segment, s, len, data.length);
    }
    if (d + len > size) {
      throw outOfBounds("memory.init destination", d, len, size);
    }
    System.arraycopy(data, (int) s, mem, (int) d, (int) len);
  }

  /** data.drop: forgets a data segment's contents. */
  static void dataDrop(ModuleInstance inst, int segment) {
    inst.dataSegments[segment] = EMPTY;
  }

  /**
   * memory.copy: the regions may overlap ({@link System#arraycopy} copies as if through a buffer).
   */
  static void memoryCopy(byte[] mem, int size, long dst, long src, long n) {
    long d = dst & 0xFFFF_FFFFL;
    long s = src & 0xFFFF_FFFFL;
    long len = n & 0xFFFF_FFFFL;
    if (s + len > size) {
      throw outOfBounds("memory.copy source", s, len, size);
    }
    if (d + len > size) {
      throw outOfBounds("memory.copy destination", d, len, size);
    }
    System.arraycopy(mem, (int) s, mem, (int) d, (int) len);
  }

  /** memory.fill: sets {@code n} bytes at {@code dst} to the low byte of {@code value}. */
  static void memoryFill(byte[] mem, int size, long dst, long value, long n) {
    long d = dst & 0xFFFF_FFFFL;
    long len = n & 0xFFFF_FFFFL;
    if (d + len > size) {
      throw outOfBounds("memory.fill", d, len, size);
    }
    Arrays.fill(mem, (int) d, (int) (d + len), (byte) value);
  }
}
