package dev.zerowasm.spring.boot.autoconfigure;

import dev.zerowasm.api.TrapKind;
import java.util.List;

/**
 * A guest call that did not return normally: the function trapped (with the trap kind and the wasm
 * stack trace), the guest exited, the call timed out, or no instance was free in time. Unchecked,
 * so guest interfaces need no {@code throws} clauses.
 */
public class WasmCallException extends RuntimeException {

  private final String moduleName;
  private final String functionName;
  private final WasmCallOutcome outcome;
  private final TrapKind trapKind;
  private final List<String> wasmStackTrace;
  private final Integer exitCode;

  /** A failed call of {@code functionName} in {@code moduleName}. */
  public WasmCallException(
      String moduleName,
      String functionName,
      WasmCallOutcome outcome,
      TrapKind trapKind,
      List<String> wasmStackTrace,
      Integer exitCode,
      String message,
      Throwable cause) {
    super(
        "Call of \"" + functionName + "\" in wasm module \"" + moduleName + "\" failed: " + message,
        cause);
    this.moduleName = moduleName;
    this.functionName = functionName;
    this.outcome = outcome;
    this.trapKind = trapKind;
    this.wasmStackTrace = wasmStackTrace == null ? List.of() : List.copyOf(wasmStackTrace);
    this.exitCode = exitCode;
  }

  /** The module called. */
  public String getModuleName() {
    return moduleName;
  }

  /** The export called. */
  public String getFunctionName() {
    return functionName;
  }

  /** How the call ended. */
  public WasmCallOutcome getOutcome() {
    return outcome;
  }

  /** The kind of trap when {@link #getOutcome()} is TRAP, else null. */
  public TrapKind getTrapKind() {
    return trapKind;
  }

  /** The wasm frames of a trap, innermost first (empty when not a trap or unknown). */
  public List<String> getWasmStackTrace() {
    return wasmStackTrace;
  }

  /** The exit code when {@link #getOutcome()} is EXIT, else null. */
  public Integer getExitCode() {
    return exitCode;
  }
}
