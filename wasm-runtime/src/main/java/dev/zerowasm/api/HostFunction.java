package dev.zerowasm.api;

/**
 * A function implemented in Java that WebAssembly modules import, in its low-level form: no
 * reflection and no boxing, values travel in a {@code long[]} encoded as described by {@link
 * ValueType} (see {@link ValueCodec}).
 *
 * <p>The parameters are in {@code stack[0..paramCount)} when the function is called; it leaves its
 * results in {@code stack[0..resultCount)}, one slot per value except {@code v128}, which takes two (low 64
 * bits first). The array has at least {@code max(paramCount,
 * resultCount)} slots and belongs to the runtime: do not keep it after returning.
 *
 * <pre>{@code
 * HostFunction add = (caller, stack) -> {
 *   int a = ValueCodec.decodeI32(stack[0]);
 *   int b = ValueCodec.decodeI32(stack[1]);
 *   stack[0] = ValueCodec.encodeI32(a + b);
 * };
 * }</pre>
 *
 * <p>Exceptions: a {@link RuntimeException} propagates unchanged to the Java code that called into
 * WebAssembly, with the WebAssembly stack trace attached as a suppressed {@link WasmStackTrace}; a
 * checked exception is wrapped in a {@link WasmException} naming the host function; an {@link
 * ExitException} closes the calling module with its exit code.
 *
 * <p>Threads: a host module is shared by every module that imports it, and those may run on several
 * threads, so an implementation must be thread-safe unless the application calls its importers from
 * one thread only. {@code caller} and {@code stack} belong to the calling thread.
 */
@FunctionalInterface
public interface HostFunction {
  /**
   * Runs the function.
   *
   * @param caller the module whose code called this function (the importing module), so the
   *     function can read and write {@link Module#memory()} or call its exports; when the function
   *     is called directly through its host module's export, the host module itself
   * @param stack parameters in, results out
   * @throws Exception anything; see the class comment for how it reaches the caller
   */
  void call(Module caller, long[] stack) throws Exception;
}
