package dev.zerowasm.internal.engine;

/**
 * What extra hooks an engine compiles into a module's code. Both are off by default, so code that
 * nobody listens to or cancels pays nothing; a module needing them gets a separately compiled
 * variant.
 *
 * @param listening every call, also among a module's own functions, goes through {@code
 *     ModuleInstance.functions[i].call(long[])} (or the table entry), so that function listeners
 *     wrapping those instances see it: the engine gives up its intra-module fast paths
 * @param interruptible the code polls {@link dev.zerowasm.internal.wasm.Interrupts#poll} at
 *     function entry and at every loop header (i.e. on every back-edge), so that a thread interrupt,
 *     a passed deadline or a concurrent close stops it
 */
public record CodeOptions(boolean listening, boolean interruptible) {
  /** No hooks: the fastest code. */
  public static final CodeOptions NONE = new CodeOptions(false, false);

  /** A short, stable text for cache keys, e.g. {@code "l0i1"}. */
  public String key() {
    return "l" + (listening ? 1 : 0) + "i" + (interruptible ? 1 : 0);
  }
}
