package dev.zerowasm.api;

/** A WebAssembly global variable, exported by a module. */
public interface Global {
  /** The type of the value. */
  ValueType type();

  /** Whether WebAssembly code (and {@link #set}) may change the value. */
  boolean isMutable();

  /** The current value, encoded as described by {@link ValueType}. */
  long get();

  /**
   * Changes the value.
   *
   * @throws UnsupportedOperationException if the global is immutable
   */
  void set(long value);
}
