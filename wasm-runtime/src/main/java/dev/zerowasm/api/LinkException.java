package dev.zerowasm.api;

/**
 * A module could not be instantiated because an import is missing or has the wrong type, or (in
 * WebAssembly 1.0 semantics) because a data or element segment does not fit. The message names the
 * import module and field, and the expected and actual types.
 */
public class LinkException extends WasmException {
  /** Creates the exception with a complete message. */
  public LinkException(String message) {
    super(message);
  }
}
