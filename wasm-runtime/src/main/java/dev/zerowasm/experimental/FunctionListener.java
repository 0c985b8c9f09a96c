package dev.zerowasm.experimental;

import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.Module;

/**
 * Observes calls of one function of one module instance, e.g. to log or profile them. Returned by a
 * {@link FunctionListenerFactory}. Calls come on the thread running the function, nested as the
 * calls nest; a listener must not throw.
 *
 * <p>The arrays use the {@code long} encoding of {@link dev.zerowasm.api.Function#call} ({@code
 * v128} takes two slots) and are copies: changing them changes nothing.
 */
public interface FunctionListener {
  /**
   * Called before the function runs.
   *
   * @param module the module instance whose function (or import) is called
   * @param definition the called function; for an import, the definition of what it resolved to
   *     (e.g. a host function)
   * @param params the arguments
   * @param stack the WebAssembly call stack, innermost (this call) first; valid only during this
   *     call
   */
  void before(Module module, FunctionDefinition definition, long[] params, StackIterator stack);

  /** Called after the function returned normally with {@code results}. */
  void after(Module module, FunctionDefinition definition, long[] results);

  /**
   * Called instead of {@link #after} when the function ended with {@code error}: a trap, an exit
   * or any other exception, which then propagates.
   */
  void abort(Module module, FunctionDefinition definition, Throwable error);
}
