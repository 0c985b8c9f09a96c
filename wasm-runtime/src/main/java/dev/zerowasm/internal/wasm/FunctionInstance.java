package dev.zerowasm.internal.wasm;

import dev.zerowasm.api.FunctionDefinition;

/**
 * A function at run time: a guest function bound to its module instance, or a host function. This
 * is what function imports resolve to, what tables hold, and what {@code call_indirect} calls.
 *
 * <p>The calling convention is one {@code long[]} for parameters and results, so any engine can
 * call a function of any other engine or of the host: the caller puts the parameters in {@code
 * stack[0..paramCount)}, and the callee leaves its results in {@code stack[0..resultCount)}. The
 * array holds at least {@code max(paramCount, resultCount)} slots. Engines add faster paths for
 * calls among their own functions.
 */
public abstract class FunctionInstance {
  private final FuncType type;
  private final ModuleInstance module;
  private final FunctionDefinition definition;

  /** The handle of this function as a {@code funcref} value; 0 until {@link Store} assigns it. */
  long referenceId;

  /**
   * Creates a function of {@code type} owned by {@code module} (the host module instance for host
   * functions), described by {@code definition}.
   */
  protected FunctionInstance(FuncType type, ModuleInstance module, FunctionDefinition definition) {
    this.type = type;
    this.module = module;
    this.definition = definition;
  }

  /** The signature. */
  public final FuncType type() {
    return type;
  }

  /** The instance that owns this function. */
  public final ModuleInstance module() {
    return module;
  }

  /** The signature, names and origin. */
  public final FunctionDefinition definition() {
    return definition;
  }

  /**
   * Runs the function with the calling convention described in the class comment.
   *
   * @throws dev.zerowasm.api.TrapException if execution traps
   */
  public abstract void call(long[] stack);

  /**
   * The function that a tail call ({@code return_call}) to this one runs in its caller's frame:
   * this function itself, or, for a wrapper (tiered code, a function listener), what it wraps now.
   * A tail call replaces its caller, so a wrapper's own work is skipped: listeners do not see tail
   * calls (see docs/listeners.md), and tail-recursive code runs in constant stack with or without
   * them. An engine that cannot run the target in the caller's frame calls this function.
   */
  public FunctionInstance tailCallTarget() {
    return this;
  }
}
