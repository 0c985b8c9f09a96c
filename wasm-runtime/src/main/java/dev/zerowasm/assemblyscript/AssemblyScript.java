package dev.zerowasm.assemblyscript;

import dev.zerowasm.HostModuleBuilder;
import dev.zerowasm.Runtime;
import dev.zerowasm.api.Memory;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.ValueCodec;
import dev.zerowasm.api.ValueType;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The host functions AssemblyScript programs import from module {@code env}: {@code abort}, {@code
 * trace} and {@code seed}. Immutable: every {@code withX} method returns a changed copy.
 *
 * <pre>{@code
 * AssemblyScript.create().withOutput(System.out).instantiate(runtime);
 * Module module = runtime.instantiate(wasm);
 * }</pre>
 *
 * <ul>
 *   <li>{@code abort(message, fileName, line, column)} prints {@code abort: message at
 *       file:line:column} and throws an {@link AbortException}: an {@link
 *       dev.zerowasm.api.ExitException} with code 255 that closes the calling module, as in wazero.
 *   <li>{@code trace(message, n, a0..a4)} prints {@code trace: message a0,a1,...} with the first
 *       {@code n} numbers (unless disabled with {@link #withTraceEnabled}).
 *   <li>{@code seed()} returns a random number to seed {@code Math.random}.
 * </ul>
 *
 * <p>Strings are read from the caller's memory in AssemblyScript's layout: UTF-16LE, with the
 * length in bytes stored in the 4 bytes before the pointer. A bad pointer or length never fails the
 * call: the text is replaced by a placeholder such as {@code <invalid string at 0x10>}.
 *
 * <p>To add the functions to an {@code env} module that has other functions too, use {@link
 * #exportFunctions(HostModuleBuilder)} instead of {@link #instantiate(Runtime)}.
 *
 * <p>Thread-safe: the functions may be called by modules on several threads; each message is
 * printed with one call to the output stream.
 */
public final class AssemblyScript {
  /** The module name AssemblyScript programs import these functions from. */
  public static final String MODULE_NAME = "env";

  private static final AssemblyScript DEFAULT =
      new AssemblyScript(System.err, true, new SecureRandom()::nextLong);

  private final PrintStream output;
  private final boolean traceEnabled;
  private final LongSupplier seedSource;

  private AssemblyScript(PrintStream output, boolean traceEnabled, LongSupplier seedSource) {
    this.output = output;
    this.traceEnabled = traceEnabled;
    this.seedSource = seedSource;
  }

  /**
   * The default: abort and trace messages go to {@link System#err}, seeds come from a {@link
   * SecureRandom}.
   */
  public static AssemblyScript create() {
    return DEFAULT;
  }

  /**
   * A copy printing abort and trace messages to {@code output}, as UTF-8 lines.
   *
   * @throws NullPointerException if {@code output} is null
   */
  public AssemblyScript withOutput(OutputStream output) {
    Objects.requireNonNull(output, "output must not be null");
    PrintStream print =
        output instanceof PrintStream
            ? (PrintStream) output
            : new PrintStream(output, true, StandardCharsets.UTF_8);
    return new AssemblyScript(print, traceEnabled, seedSource);
  }

  /** A copy that prints (the default) or ignores {@code trace} calls. */
  public AssemblyScript withTraceEnabled(boolean enabled) {
    return new AssemblyScript(output, enabled, seedSource);
  }

  /**
   * A copy whose {@code seed} returns the value of {@code source} (64 random bits, as an unsigned
   * number converted to {@code f64}); e.g. a fixed value for reproducible tests.
   *
   * @throws NullPointerException if {@code source} is null
   */
  public AssemblyScript withSeedSource(LongSupplier source) {
    return new AssemblyScript(
        output, traceEnabled, Objects.requireNonNull(source, "source must not be null"));
  }

  /**
   * Instantiates module {@code env} with the three functions in {@code runtime}.
   *
   * @return the host module
   * @throws dev.zerowasm.api.WasmException if {@code runtime} has a module named {@code env}
   */
  public Module instantiate(Runtime runtime) {
    return exportFunctions(runtime.newHostModuleBuilder(MODULE_NAME)).instantiate();
  }

  /**
   * Adds {@code abort}, {@code trace} and {@code seed} to {@code builder} (normally the builder of
   * module {@code env}) and returns it.
   *
   * @throws IllegalArgumentException if the builder already exports one of the names
   */
  public HostModuleBuilder exportFunctions(HostModuleBuilder builder) {
    ValueType i32 = ValueType.I32;
    ValueType f64 = ValueType.F64;
    return builder
        .newFunctionBuilder()
        .withFunction(
            (caller, stack) -> abort(caller, stack), List.of(i32, i32, i32, i32), List.of())
        .withParameterNames("message", "fileName", "lineNumber", "columnNumber")
        .export("abort")
        .newFunctionBuilder()
        .withFunction(
            (caller, stack) -> trace(caller, stack),
            List.of(i32, i32, f64, f64, f64, f64, f64),
            List.of())
        .withParameterNames("message", "nArgs", "arg0", "arg1", "arg2", "arg3", "arg4")
        .export("trace")
        .newFunctionBuilder()
        .withFunction((caller, stack) -> stack[0] = seed(), List.of(), List.of(f64))
        .withResultNames("seed")
        .export("seed");
  }

  private void abort(Module caller, long[] stack) {
    Memory memory = caller.memory();
    String message = readString(memory, stack[0]);
    String fileName = readString(memory, stack[1]);
    int line = (int) stack[2];
    int column = (int) stack[3];
    output.println(AbortException.format(message, fileName, line, column));
    throw new AbortException(message, fileName, line, column);
  }

  private void trace(Module caller, long[] stack) {
    if (!traceEnabled) {
      return;
    }
    StringBuilder sb = new StringBuilder("trace: ").append(readString(caller.memory(), stack[0]));
    int n = Math.max(0, Math.min(5, (int) stack[1]));
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? ' ' : ',').append(formatNumber(ValueCodec.decodeF64(stack[2 + i])));
    }
    output.println(sb);
  }

  private long seed() {
    long bits = seedSource.getAsLong();
    // The 64 bits as an unsigned number, as wazero does; AssemblyScript reinterprets the f64's
    // bits.
    double value = bits >= 0 ? (double) bits : (double) (bits >>> 1) * 2.0;
    return ValueCodec.encodeF64(value);
  }

  /**
   * Decodes the AssemblyScript string at {@code pointer}, or describes why it cannot: never throws.
   */
  static String readString(Memory memory, long pointer) {
    long ptr = pointer & 0xFFFF_FFFFL;
    if (ptr == 0) {
      return "null";
    }
    if (memory == null) {
      return "<string at 0x" + Long.toHexString(ptr) + ": the module has no memory>";
    }
    long size = memory.size();
    if (ptr < 4 || ptr > size) {
      return "<invalid string pointer 0x" + Long.toHexString(ptr) + ">";
    }
    long length = memory.readIntLe(ptr - 4) & 0xFFFF_FFFFL;
    if (length % 2 != 0 || ptr + length > size) {
      return "<invalid string at 0x" + Long.toHexString(ptr) + " (length " + length + " bytes)>";
    }
    return new String(memory.read(ptr, (int) length), StandardCharsets.UTF_16LE);
  }

  /** Formats like JavaScript's {@code Number.toString}: {@code 42}, {@code 1.5}, {@code NaN}. */
  static String formatNumber(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }
}
