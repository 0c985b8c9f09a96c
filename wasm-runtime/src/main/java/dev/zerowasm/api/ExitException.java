package dev.zerowasm.api;

/**
 * The guest asked to exit, e.g. through WASI's {@code proc_exit}, or its module was closed with an
 * exit code while it ran. An exit code of 0 means success.
 */
public class ExitException extends WasmException {
  private final int exitCode;

  /** Creates the exception for {@code exitCode}. */
  public ExitException(int exitCode) {
    super("module exited with code " + exitCode);
    this.exitCode = exitCode;
  }

  /**
   * Creates the exception for {@code exitCode} with a message saying why, for host modules whose
   * exits have a reason (e.g. AssemblyScript's {@code abort}).
   */
  protected ExitException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** The code the guest exited with. */
  public int exitCode() {
    return exitCode;
  }
}
