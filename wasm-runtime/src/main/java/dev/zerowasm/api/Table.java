package dev.zerowasm.api;

/**
 * A WebAssembly table of references ({@code funcref} or {@code externref}). Elements are opaque
 * handles where 0 is {@code null}.
 */
public interface Table {
  /** The type of the elements. */
  ValueType elementType();

  /** The current number of elements. */
  int size();

  /** The maximum number of elements, or -1 if unbounded. */
  long max();

  /**
   * The element at {@code index}.
   *
   * @throws TrapException of kind {@link TrapKind#OUT_OF_BOUNDS_TABLE_ACCESS} if out of range
   */
  long get(int index);

  /**
   * Replaces the element at {@code index}.
   *
   * @throws TrapException of kind {@link TrapKind#OUT_OF_BOUNDS_TABLE_ACCESS} if out of range
   */
  void set(int index, long reference);

  /**
   * Adds {@code delta} elements set to {@code init}.
   *
   * @return the previous size, or -1 if the table cannot grow that much
   */
  int grow(int delta, long init);
}
