package dev.zerowasm.internal.wasm;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Enforces call timeouts: one daemon thread closes a module whose call runs past its deadline, and
 * the module's interruptible code then stops at its next poll ({@link Interrupts}). A timer keeps
 * the hot path to a single volatile read instead of reading the clock on every loop iteration.
 */
final class Deadlines {
  private static final ScheduledThreadPoolExecutor TIMER = newTimer();

  private Deadlines() {}

  private static ScheduledThreadPoolExecutor newTimer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "zerowasm-deadlines");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true); // finished calls leave nothing behind
    return timer;
  }

  /** Closes {@code instance} after its {@link ModuleInstance#callTimeoutNanos}, unless cancelled. */
  static ScheduledFuture<?> schedule(ModuleInstance instance) {
    return TIMER.schedule(
        () -> {
          instance.deadlineExceeded = true;
          instance.close();
        },
        instance.callTimeoutNanos,
        TimeUnit.NANOSECONDS);
  }
}
