package dev.zerowasm.internal.engine;

/**
 * What extra hooks an engine compiles into a module's code. All are off by default, so code that
 * nobody listens to or cancels, on memories without spare capacity, pays nothing; a module needing
 * them gets a separately compiled variant.
 *
 * @param listening every call, also among a module's own functions, goes through {@code
 *     ModuleInstance.functions[i].call(long[])} (or the table entry), so that function listeners
 *     wrapping those instances see it: the engine gives up its intra-module fast paths
 * @param interruptible the code polls {@link dev.zerowasm.internal.wasm.Interrupts#poll} at
 *     function entry and at every loop header (i.e. on every back-edge), so that a thread interrupt,
 *     a passed deadline or a concurrent close stops it
 * @param sizeChecked every memory access (loads, stores, SIMD and bulk memory instructions) is
 *     checked against the memory's size ({@link dev.zerowasm.internal.wasm.MemoryInstance#byteSize})
 *     before it touches the array, because the array may be longer than the memory ({@link
 *     dev.zerowasm.internal.wasm.MemoryInstance#hasSpareCapacity()}, capacity from max); without
 *     it the array's own bounds are the memory's
 */
public record CodeOptions(boolean listening, boolean interruptible, boolean sizeChecked) {
  /** No hooks: the fastest code. */
  public static final CodeOptions NONE = new CodeOptions(false, false, false);

  /** Options without size checks: for memories whose array is exactly their size. */
  public CodeOptions(boolean listening, boolean interruptible) {
    this(listening, interruptible, false);
  }

  /**
   * A short, stable text for cache keys, e.g. {@code "l0i1"}; {@code "s1"} is appended for
   * size-checked code only, so the keys of the other variants stay what they were.
   */
  public String key() {
    return "l" + (listening ? 1 : 0) + "i" + (interruptible ? 1 : 0) + (sizeChecked ? "s1" : "");
  }

  /**
   * Written out rather than left to the record: the generated equals and hashCode are linked by
   * {@code java.lang.runtime.ObjectMethods} on first use, which takes about 20 ms in a fresh JVM,
   * and every compile looks its variant up in a map keyed by these options.
   */
  @Override
  public int hashCode() {
    return (listening ? 1 : 0) | (interruptible ? 2 : 0) | (sizeChecked ? 4 : 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CodeOptions
        && ((CodeOptions) o).listening == listening
        && ((CodeOptions) o).interruptible == interruptible
        && ((CodeOptions) o).sizeChecked == sizeChecked;
  }
}
