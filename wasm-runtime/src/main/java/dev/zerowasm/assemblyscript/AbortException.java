package dev.zerowasm.assemblyscript;

import dev.zerowasm.api.ExitException;

/**
 * AssemblyScript code called {@code abort}: a failed {@code assert}, a {@code throw}, or a runtime
 * error. Like in wazero, an abort exits the module with code 255 (so this is an {@link
 * ExitException} and the calling module is closed); the message and location are kept here too.
 */
public final class AbortException extends ExitException {
  /** The exit code of an abort. */
  public static final int EXIT_CODE = 255;

  private final String abortMessage;
  private final String fileName;
  private final int line;
  private final int column;

  AbortException(String abortMessage, String fileName, int line, int column) {
    super(EXIT_CODE, format(abortMessage, fileName, line, column));
    this.abortMessage = abortMessage;
    this.fileName = fileName;
    this.line = line;
    this.column = column;
  }

  /** E.g. {@code abort: x must be positive at fixture.ts:9:3}. */
  static String format(String message, String fileName, int line, int column) {
    return "abort: " + message + " at " + fileName + ":" + line + ":" + column;
  }

  /** The message passed to {@code abort} (decoded from guest memory). */
  public String abortMessage() {
    return abortMessage;
  }

  /** The source file passed to {@code abort}. */
  public String fileName() {
    return fileName;
  }

  /** The line number passed to {@code abort}. */
  public int line() {
    return line;
  }

  /** The column number passed to {@code abort}. */
  public int column() {
    return column;
  }
}
