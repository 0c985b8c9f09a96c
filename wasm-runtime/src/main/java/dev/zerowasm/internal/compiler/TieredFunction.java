package dev.zerowasm.internal.compiler;

import dev.zerowasm.internal.wasm.FunctionInstance;

/**
 * A function of a {@link TieredCode} instance: runs on the interpreter until the module's compiled
 * code is ready, then on the compiled function (see {@link TieredCode} for how every call gets
 * there).
 */
final class TieredFunction extends FunctionInstance {
  private final FunctionInstance interpreted;
  private final TieredCode.PerInstance shared;
  private final int definedIndex;

  /**
   * The compiled function once switched, else null. A plain field: a thread that does not see the
   * write yet checks {@link TieredCode.PerInstance#compiled} again, and a thread that sees it sees
   * a fully built {@link CompiledFunction} (its fields are final but the lazily looked-up bridge,
   * which a thread that does not see it looks up again), so either way it runs correct code.
   */
  FunctionInstance compiled;

  TieredFunction(FunctionInstance interpreted, TieredCode.PerInstance shared, int definedIndex) {
    super(interpreted.type(), interpreted.module(), interpreted.definition());
    this.interpreted = interpreted;
    this.shared = shared;
    this.definedIndex = definedIndex;
  }

  @Override
  public void call(long[] stack) {
    FunctionInstance c = compiled;
    if (c == null) {
      FunctionInstance[] fs = shared.compiled();
      if (fs == null) {
        interpreted.call(stack);
        return;
      }
      c = fs[definedIndex];
      compiled = c;
    }
    c.call(stack);
  }

  /** The interpreted function until the switch, then the compiled one: tail calls need no hop. */
  @Override
  public FunctionInstance tailCallTarget() {
    FunctionInstance c = compiled;
    if (c == null) {
      FunctionInstance[] fs = shared.compiled();
      return fs == null ? interpreted : fs[definedIndex];
    }
    return c;
  }
}
