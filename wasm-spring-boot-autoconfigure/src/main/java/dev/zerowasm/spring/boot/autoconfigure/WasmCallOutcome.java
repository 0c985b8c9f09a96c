package dev.zerowasm.spring.boot.autoconfigure;

import java.util.Locale;

/** How a guest call ended; the {@code outcome} tag of the {@code wasm.function.calls} timer. */
public enum WasmCallOutcome {
  /** The function returned. */
  SUCCESS,
  /** The function trapped (unreachable, out of bounds, division by zero...). */
  TRAP,
  /** The guest exited (WASI proc_exit). */
  EXIT,
  /** The call took longer than the module's call-timeout. */
  TIMEOUT,
  /** No instance became free within the pool's max-wait. */
  REJECTED,
  /** Anything else, for example a guest allocator returning an invalid pointer. */
  ERROR;

  /** The lower-case tag value. */
  public String tagValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
