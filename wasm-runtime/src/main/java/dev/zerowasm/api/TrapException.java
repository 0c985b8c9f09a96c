package dev.zerowasm.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * WebAssembly execution trapped. Carries the {@link TrapKind} and the WebAssembly stack trace: the
 * functions (by debug name, e.g. {@code module.func}) that were running, innermost first.
 */
public class TrapException extends WasmException {
  private final TrapKind kind;
  private final List<String> wasmStackTrace = new ArrayList<>();

  /** Creates a trap of the given kind with the reference interpreter's message. */
  public TrapException(TrapKind kind) {
    this(kind, kind.message());
  }

  /** Creates a trap of the given kind with a more detailed message. */
  public TrapException(TrapKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /** Creates a trap of the given kind caused by a JVM error, e.g. a StackOverflowError. */
  public TrapException(TrapKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** Why execution trapped. */
  public TrapKind kind() {
    return kind;
  }

  /** The WebAssembly functions that were running, innermost first. */
  public List<String> wasmStackTrace() {
    return Collections.unmodifiableList(wasmStackTrace);
  }

  /**
   * Appends a frame to the WebAssembly stack trace as the trap unwinds. Engines call this; users
   * have no reason to.
   */
  public void addWasmFrame(String debugName) {
    wasmStackTrace.add(debugName);
  }

  @Override
  public String getMessage() {
    if (wasmStackTrace.isEmpty()) {
      return super.getMessage();
    }
    StringBuilder sb = new StringBuilder(super.getMessage()).append("\nwasm stack trace:");
    for (String frame : wasmStackTrace) {
      sb.append("\n\t").append(frame);
    }
    return sb.toString();
  }
}
