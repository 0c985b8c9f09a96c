package dev.zerowasm.api;

/**
 * A module could not be compiled: its bytes are malformed (decoding failed) or it is invalid
 * (validation failed). The message says what is wrong and where: the byte offset in the binary and,
 * for code, the function index.
 */
public class CompileException extends WasmException {
  /** Which phase of compilation rejected the module. */
  public enum Phase {
    /** The bytes do not follow the binary format ("malformed" in the specification). */
    DECODE,
    /** The module decodes but breaks a validation rule ("invalid" in the specification). */
    VALIDATE,
    /** The module is valid but exceeds a limit of this implementation. */
    LIMIT
  }

  private final Phase phase;
  private final long byteOffset;
  private final int functionIndex;

  /**
   * Creates the exception.
   *
   * @param phase which phase rejected the module
   * @param reason what is wrong, e.g. {@code "unexpected end"} or {@code "type mismatch"}
   * @param byteOffset the offset in the module's bytes, or -1 if unknown
   * @param functionIndex the function index (in the function index space), or -1 if not in code
   */
  public CompileException(Phase phase, String reason, long byteOffset, int functionIndex) {
    super(format(phase, reason, byteOffset, functionIndex));
    this.phase = phase;
    this.byteOffset = byteOffset;
    this.functionIndex = functionIndex;
    this.reason = reason;
  }

  private final String reason;

  /** Which phase rejected the module. */
  public Phase phase() {
    return phase;
  }

  /** What is wrong, without the location. */
  public String reason() {
    return reason;
  }

  /** The offset in the module's bytes where the problem was found, or -1 if unknown. */
  public long byteOffset() {
    return byteOffset;
  }

  /** The index of the function whose code is at fault, or -1 if the problem is not in code. */
  public int functionIndex() {
    return functionIndex;
  }

  private static String format(Phase phase, String reason, long byteOffset, int functionIndex) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        phase == Phase.DECODE
            ? "malformed module: "
            : phase == Phase.VALIDATE ? "invalid module: " : "module exceeds a limit: ");
    sb.append(reason);
    if (functionIndex >= 0) {
      sb.append(" (function ").append(functionIndex);
      if (byteOffset >= 0) {
        sb.append(", at byte offset 0x").append(Long.toHexString(byteOffset));
      }
      sb.append(')');
    } else if (byteOffset >= 0) {
      sb.append(" (at byte offset 0x").append(Long.toHexString(byteOffset)).append(')');
    }
    return sb.toString();
  }
}
