package dev.zerowasm.experimental;

import dev.zerowasm.api.FunctionDefinition;

/**
 * Walks the WebAssembly call stack of the current thread from the innermost call outwards, as far
 * as it passed through listened functions (calls of functions nobody listens to are not recorded).
 *
 * <pre>{@code
 * while (stack.next()) {
 *   System.out.println(stack.definition().debugName());
 * }
 * }</pre>
 */
public interface StackIterator {
  /** Moves to the next (outer) frame; false when there is none. Call it before the first frame. */
  boolean next();

  /** The function of the current frame. */
  FunctionDefinition definition();

  /** The arguments the current frame's function was called with (a copy). */
  long[] params();
}
