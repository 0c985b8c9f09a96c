package dev.zerowasm.internal.wasm;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Gives {@link FunctionInstance}s the {@code long} handles that represent them as {@code funcref}
 * values on operand stacks, in locals, globals and tables, and maps handles back to functions.
 *
 * <p>A function gets a handle only when it first becomes a reference ({@code ref.func}, an element
 * segment, a table write from the host), so most functions never take a slot. Handles are 1-based
 * (0 is null). Thread-safe: modules of one runtime may be instantiated from several threads.
 */
public final class FunctionReferences {
  private FunctionInstance[] functions = new FunctionInstance[64];
  private int next = 1;
  private final ArrayDeque<Integer> free = new ArrayDeque<>();

  /** The handle of {@code f}, assigning one on first use. */
  public long referenceOf(FunctionInstance f) {
    long id = f.referenceId;
    if (id != 0) {
      return id;
    }
    synchronized (this) {
      if (f.referenceId != 0) {
        return f.referenceId;
      }
      int slot;
      if (!free.isEmpty()) {
        slot = free.pop();
      } else {
        slot = next++;
        if (slot >= functions.length) {
          functions = Arrays.copyOf(functions, functions.length * 2);
        }
      }
      functions[slot] = f;
      f.referenceId = slot;
      return slot;
    }
  }

  /**
   * The function with handle {@code reference}, or null if the handle is null or was released.
   */
  public FunctionInstance function(long reference) {
    FunctionInstance[] fs = functions;
    return reference > 0 && reference < fs.length ? fs[(int) reference] : null;
  }

  /** Releases the handle of {@code f} (when its module closes), so the slot can be reused. */
  public synchronized void release(FunctionInstance f) {
    long id = f.referenceId;
    if (id != 0 && functions[(int) id] == f) {
      functions[(int) id] = null;
      free.push((int) id);
      f.referenceId = 0;
    }
  }
}
