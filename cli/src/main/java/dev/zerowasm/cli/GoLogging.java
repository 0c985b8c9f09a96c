package dev.zerowasm.cli;

/**
 * The logging scopes of the Go {@code GOOS=js} imports, for {@code --log-scopes}, after wazero's
 * gojs logging. Only the {@code runtime.*} imports have a scope; the {@code syscall/js.*} imports
 * (which reach file system, clock and more through JavaScript objects) have none, so they are
 * logged only with {@code --log-scopes all}.
 */
final class GoLogging {
  /** {@code runtime.resetMemoryDataView}: the guest grew its memory. */
  static final String MEMORY = "memory";

  private GoLogging() {}

  /** The scope of Go import {@code name}, or null. */
  static String scopeOf(String name) {
    switch (name) {
      case "runtime.wasmExit":
        return "proc";
      case "runtime.wasmWrite":
        return "filesystem";
      case "runtime.resetMemoryDataView":
        return MEMORY;
      case "runtime.nanotime1":
      case "runtime.walltime":
        return "clock";
      case "runtime.scheduleTimeoutEvent":
      case "runtime.clearTimeoutEvent":
        return "poll";
      case "runtime.getRandomData":
        return "random";
      default:
        return null;
    }
  }
}
