package dev.zerowasm.internal.wasm;

import dev.zerowasm.api.Memory;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A linear memory at run time, backed by one {@code byte[]} read and written through
 * little-endian {@link VarHandle}s. Engines use {@link #buffer} directly and must reload it (and
 * {@link #byteSize}) after anything that can grow the memory (calls, {@code memory.grow}).
 *
 * <p>By default the array is exactly the memory's size: growing copies it into a larger one, and
 * the JVM's own array bounds check is the memory's bounds check. With capacity from max ({@code
 * RuntimeConfig.withMemoryCapacityFromMax}) a memory declaring a maximum gets an array of its
 * maximum (capped by the runtime's limit) up front, so growing only raises {@link #byteSize}; the
 * array is then longer than the memory ({@link #hasSpareCapacity()}), and engines must run code
 * that checks every access against {@link #byteSize} ({@code CodeOptions.sizeChecked}). Bytes
 * beyond the size are never written, so they are still zero when growth exposes them.
 *
 * <p>A Java array holds at most 2 GiB, so a memory can have at most {@link #MAX_PAGES} pages here;
 * growth beyond fails as {@code memory.grow} does: it returns -1.
 */
public final class MemoryInstance implements Memory {
  /** The most pages a memory can have on the JVM (one page less than 2 GiB). */
  public static final int MAX_PAGES = 32767;

  /** Little-endian view of shorts in a byte array. */
  public static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  /** Little-endian view of ints in a byte array. */
  public static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /** Little-endian view of longs in a byte array. */
  public static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final MemoryType type;
  private final int limitPages;

  /**
   * The contents: the first {@link #byteSize} bytes are the memory; its length is the capacity,
   * equal to the size unless the memory {@link #hasSpareCapacity()}.
   */
  public byte[] buffer;

  /** The memory's size in bytes, {@code pages * PAGE_SIZE}: accesses must end at or below it. */
  public int byteSize;

  private int pages;

  private final boolean spareCapacity;

  /**
   * A zero-filled memory of {@code type}'s minimum size whose array is exactly that size.
   *
   * @param limitPages the most pages this memory may grow to (the runtime's limit), at most {@link
   *     #MAX_PAGES}
   * @throws IllegalArgumentException if the minimum exceeds {@code limitPages}
   */
  public MemoryInstance(MemoryType type, int limitPages) {
    this(type, limitPages, false);
  }

  /**
   * A zero-filled memory of {@code type}'s minimum size; with {@code capacityFromMax} its array is
   * allocated at once at {@link #capacityPages} so that growing never copies.
   *
   * @param limitPages the most pages this memory may grow to (the runtime's limit), at most {@link
   *     #MAX_PAGES}
   * @throws IllegalArgumentException if the minimum exceeds {@code limitPages}
   * @throws OutOfMemoryError if the JVM heap cannot hold the array (nothing else was allocated)
   */
  public MemoryInstance(MemoryType type, int limitPages, boolean capacityFromMax) {
    this.type = type;
    this.limitPages = growthLimit(type, limitPages);
    long min = type.limits().min();
    if (min > this.limitPages) {
      throw new IllegalArgumentException("memory of " + min + " pages exceeds the limit of "
          + this.limitPages + " pages (" + this.limitPages * (long) PAGE_SIZE + " bytes)");
    }
    this.pages = (int) min;
    this.byteSize = pages * PAGE_SIZE;
    int capacity = capacityPages(type, limitPages, capacityFromMax);
    this.buffer = new byte[capacity * PAGE_SIZE];
    this.spareCapacity = capacity > pages;
  }

  /** The most pages a memory of {@code type} may have under the runtime's {@code limitPages}. */
  private static int growthLimit(MemoryType type, int limitPages) {
    long declaredMax = type.limits().hasMax() ? type.limits().max() : 65536;
    return (int) Math.min(Math.min(declaredMax, limitPages), MAX_PAGES);
  }

  /**
   * The pages the array of a memory of {@code type} is allocated with: its maximum, capped by
   * {@code limitPages} and {@link #MAX_PAGES}, when {@code capacityFromMax} and the type declares
   * a maximum; else its minimum (then the array grows by copying, as without the option).
   */
  public static int capacityPages(MemoryType type, int limitPages, boolean capacityFromMax) {
    long min = type.limits().min();
    if (!capacityFromMax || !type.limits().hasMax()) {
      return (int) min;
    }
    return Math.max((int) min, growthLimit(type, limitPages));
  }

  /**
   * Whether a memory of {@code type} created with these arguments has an array longer than its
   * size, so that code accessing it must check accesses against {@link #byteSize}.
   */
  public static boolean hasSpareCapacity(MemoryType type, int limitPages, boolean capacityFromMax) {
    return capacityPages(type, limitPages, capacityFromMax) > type.limits().min();
  }

  /**
   * Whether the array can be longer than the memory (capacity from max, with a maximum above the
   * minimum): then only code that checks every access against {@link #byteSize} may run on it.
   */
  public boolean hasSpareCapacity() {
    return spareCapacity;
  }

  /** The memory's declared type. */
  public MemoryType memoryType() {
    return type;
  }

  @Override
  public int pages() {
    return pages;
  }

  @Override
  public long size() {
    return byteSize;
  }

  @Override
  public long maxPages() {
    return type.limits().hasMax() ? type.limits().max() : -1;
  }

  @Override
  public int grow(int deltaPages) {
    int old = pages;
    long newPages = (long) old + Integer.toUnsignedLong(deltaPages);
    if (newPages > limitPages) {
      return -1;
    }
    if (deltaPages != 0) {
      int newSize = (int) newPages * PAGE_SIZE;
      if (newSize > buffer.length) {
        // No spare capacity (the default): a larger array, the old contents copied over.
        try {
          buffer = Arrays.copyOf(buffer, newSize);
        } catch (OutOfMemoryError e) {
          // The JVM heap is the real limit; report it the way WebAssembly reports any refusal.
          return -1;
        }
      }
      // Within the capacity the new bytes are already zero (nothing beyond the size is written).
      pages = (int) newPages;
      byteSize = newSize;
    }
    return old;
  }

  /**
   * Checks that {@code [offset, offset + length)} lies within the memory and returns {@code
   * offset} as an array index.
   *
   * @throws TrapException of kind OUT_OF_BOUNDS_MEMORY_ACCESS otherwise
   */
  public int checkRange(long offset, long length) {
    if (offset < 0 || length < 0 || offset + length > byteSize) {
      throw new TrapException(
          TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS,
          "out of bounds memory access: offset " + offset + ", length " + length
              + ", memory size " + byteSize);
    }
    return (int) offset;
  }

  @Override
  public byte readByte(long offset) {
    return buffer[checkRange(offset, 1)];
  }

  @Override
  public short readShortLe(long offset) {
    return (short) SHORT.get(buffer, checkRange(offset, 2));
  }

  @Override
  public int readIntLe(long offset) {
    return (int) INT.get(buffer, checkRange(offset, 4));
  }

  @Override
  public long readLongLe(long offset) {
    return (long) LONG.get(buffer, checkRange(offset, 8));
  }

  @Override
  public float readFloatLe(long offset) {
    return Float.intBitsToFloat(readIntLe(offset));
  }

  @Override
  public double readDoubleLe(long offset) {
    return Double.longBitsToDouble(readLongLe(offset));
  }

  @Override
  public byte[] read(long offset, int length) {
    int start = checkRange(offset, length);
    return Arrays.copyOfRange(buffer, start, start + length);
  }

  @Override
  public void writeByte(long offset, byte value) {
    buffer[checkRange(offset, 1)] = value;
  }

  @Override
  public void writeShortLe(long offset, short value) {
    SHORT.set(buffer, checkRange(offset, 2), value);
  }

  @Override
  public void writeIntLe(long offset, int value) {
    INT.set(buffer, checkRange(offset, 4), value);
  }

  @Override
  public void writeLongLe(long offset, long value) {
    LONG.set(buffer, checkRange(offset, 8), value);
  }

  @Override
  public void writeFloatLe(long offset, float value) {
    writeIntLe(offset, Float.floatToRawIntBits(value));
  }

  @Override
  public void writeDoubleLe(long offset, double value) {
    writeLongLe(offset, Double.doubleToRawLongBits(value));
  }

  @Override
  public void write(long offset, byte[] bytes) {
    System.arraycopy(bytes, 0, buffer, checkRange(offset, bytes.length), bytes.length);
  }
}
