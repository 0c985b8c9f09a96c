package dev.zerowasm.api;

/**
 * Why WebAssembly execution trapped. {@link #message()} is the wording of the specification's
 * reference interpreter.
 */
public enum TrapKind {
  /** The {@code unreachable} instruction ran. */
  UNREACHABLE("unreachable"),
  /** Signed division overflowed, or a float-to-int conversion was out of range. */
  INTEGER_OVERFLOW("integer overflow"),
  /** Integer division or remainder by zero. */
  INTEGER_DIVIDE_BY_ZERO("integer divide by zero"),
  /** Conversion of a NaN to an integer. */
  INVALID_CONVERSION_TO_INTEGER("invalid conversion to integer"),
  /** A memory access, or a bulk memory operation, outside the memory's bounds. */
  OUT_OF_BOUNDS_MEMORY_ACCESS("out of bounds memory access"),
  /** A table access, or a bulk table operation, outside the table's bounds. */
  OUT_OF_BOUNDS_TABLE_ACCESS("out of bounds table access"),
  /** {@code call_indirect} found an index beyond the table. */
  UNDEFINED_ELEMENT("undefined element"),
  /** {@code call_indirect} found a null entry. */
  UNINITIALIZED_ELEMENT("uninitialized element"),
  /** {@code call_indirect} found a function of another type. */
  INDIRECT_CALL_TYPE_MISMATCH("indirect call type mismatch"),
  /** The call stack is too deep. */
  CALL_STACK_EXHAUSTED("call stack exhausted"),
  /** The calling thread was interrupted or a deadline passed. */
  INTERRUPTED("interrupted");

  private final String message;

  TrapKind(String message) {
    this.message = message;
  }

  /** The reference interpreter's message for this trap. */
  public String message() {
    return message;
  }
}
