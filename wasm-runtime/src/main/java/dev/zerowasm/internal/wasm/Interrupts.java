package dev.zerowasm.internal.wasm;

import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;

/**
 * The check that interruptible code ({@link dev.zerowasm.internal.engine.CodeOptions#interruptible})
 * runs at function entry and loop headers: one volatile read and the (intrinsic) interrupt flag of
 * the current thread, so a guest in an endless loop stops within microseconds.
 */
public final class Interrupts {
  private Interrupts() {}

  /**
   * Returns if {@code instance} may keep running; otherwise throws.
   *
   * @throws ExitException if the module was closed with an exit code meanwhile
   * @throws TrapException {@link TrapKind#INTERRUPTED} if the module was closed (e.g. its deadline
   *     passed) or the thread was interrupted; the interrupt flag is then cleared (as {@link
   *     InterruptedException} does) and the module closed
   */
  public static void poll(ModuleInstance instance) {
    if (instance.closed || Thread.currentThread().isInterrupted()) {
      stop(instance);
    }
  }

  private static void stop(ModuleInstance instance) {
    if (instance.closed) {
      if (instance.exitCode().isPresent()) {
        throw new ExitException(instance.exitCode().getAsInt());
      }
      throw new TrapException(
          TrapKind.INTERRUPTED,
          "interrupted: "
              + instance
              + (instance.deadlineExceeded
                  ? " ran past its call timeout and was closed"
                  : " was closed while running"));
    }
    Thread.interrupted(); // consume the interrupt: it is now reported as this trap
    instance.close();
    throw new TrapException(
        TrapKind.INTERRUPTED,
        "interrupted: the thread running " + instance + " was interrupted; the module is closed");
  }
}
