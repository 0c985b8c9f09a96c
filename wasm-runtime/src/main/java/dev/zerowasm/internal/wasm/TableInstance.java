package dev.zerowasm.internal.wasm;

import dev.zerowasm.api.Table;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.api.ValueType;
import java.util.Arrays;

/**
 * A table at run time: an array of references, each an opaque {@code long} where 0 is null. For
 * {@code funcref} tables the values are {@link Store} reference ids of {@link FunctionInstance}s.
 * Engines read {@link #elements} and {@link #size} directly; growing replaces {@link #elements}.
 */
public final class TableInstance implements Table {
  /** The most elements any table may have here, to keep allocations sane. */
  public static final int MAX_ELEMENTS = 10_000_000;

  private final ValueType elementType;
  private final long max;

  /** The elements; entries at and beyond {@link #size} are unused. */
  public long[] elements;

  /** The current number of elements. */
  public int size;

  /**
   * A table of {@code type}'s minimum size, filled with nulls.
   *
   * @throws IllegalArgumentException if the minimum exceeds {@link #MAX_ELEMENTS}
   */
  public TableInstance(TableType type) {
    this.elementType = type.elementType();
    this.max = type.limits().hasMax() ? type.limits().max() : -1;
    if (type.limits().min() > MAX_ELEMENTS) {
      throw new IllegalArgumentException(
          "table of " + type.limits().min() + " elements exceeds the limit of " + MAX_ELEMENTS);
    }
    this.size = (int) type.limits().min();
    this.elements = new long[size];
  }

  @Override
  public ValueType elementType() {
    return elementType;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public long max() {
    return max;
  }

  @Override
  public long get(int index) {
    checkIndex(index);
    return elements[index];
  }

  @Override
  public void set(int index, long reference) {
    checkIndex(index);
    elements[index] = reference;
  }

  @Override
  public int grow(int delta, long init) {
    int old = size;
    long newSize = (long) old + Integer.toUnsignedLong(delta);
    long limit = max >= 0 ? Math.min(max, MAX_ELEMENTS) : MAX_ELEMENTS;
    if (newSize > limit) {
      return -1;
    }
    if (newSize > elements.length) {
      elements = Arrays.copyOf(elements, (int) Math.min(limit, Math.max(newSize, (long) old * 2)));
    }
    Arrays.fill(elements, old, (int) newSize, init);
    size = (int) newSize;
    return old;
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= size) {
      throw new TrapException(
          TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS,
          "out of bounds table access: index " + Integer.toUnsignedString(index) + ", size " + size);
    }
  }
}
