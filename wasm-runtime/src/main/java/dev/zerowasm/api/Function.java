package dev.zerowasm.api;

/**
 * A function exported by a module (or defined by the host) that Java code can call.
 *
 * <p>Not thread-safe: like the {@link Module} it belongs to, use it from one thread at a time.
 */
public interface Function {
  /** The signature, names and origin of this function. */
  FunctionDefinition definition();

  /**
   * Calls the function.
   *
   * @param params one {@code long} per parameter, encoded as described by {@link ValueType}
   * @return one {@code long} per result, encoded the same way; empty when there is none
   * @throws IllegalArgumentException if the number of parameters does not match the signature
   * @throws TrapException if execution traps
   * @throws ExitException if the guest exits
   * @throws WasmException if the module is closed
   */
  long[] call(long... params);
}
