package dev.zerowasm.api;

/** The base of every exception zerowasm throws for a WebAssembly-level failure. */
public class WasmException extends RuntimeException {
  /** Creates an exception with a message. */
  public WasmException(String message) {
    super(message);
  }

  /** Creates an exception with a message and a cause. */
  public WasmException(String message, Throwable cause) {
    super(message, cause);
  }
}
