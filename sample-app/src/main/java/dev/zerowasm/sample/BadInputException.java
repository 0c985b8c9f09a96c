package dev.zerowasm.sample;

/**
 * Input a REST endpoint cannot process (too large, malformed, rejected by a guest tool); answered
 * with 400 and the message by {@link WasmErrorHandler}.
 */
public class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception whose message tells the client what is wrong with its input. */
  public BadInputException(String message) {
    super(message);
  }
}
