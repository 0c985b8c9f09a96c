package dev.zerowasm.experimental;

import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.Module;
import dev.zerowasm.api.ValueType;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A {@link FunctionListenerFactory} that writes one line per call and return, like wazero's
 * logging listener:
 *
 * <pre>
 * --&gt; ._start.command_export()
 *   --&gt; .__wasm_call_ctors()
 *     ==&gt; wasi_snapshot_preview1.environ_sizes_get(result.environc=1048572,result.environBufSize=1048568)
 *     &lt;== errno=0
 *   &lt;-- ()
 * &lt;-- (1114112)
 * </pre>
 *
 * <p>{@code -->}/{@code <--} mark guest functions, {@code ==>}/{@code <==} host functions; each
 * nesting level (per thread) indents by two spaces. Values print with their name where the
 * definition has one ({@code n=11231}) and by type: i32 and i64 as signed decimals, f32 and f64 as
 * Java float text, references and v128 in hex. Guest results are in parentheses, host results
 * not. A call that ends with an exception prints {@code <-- error: } and the first line of its message. Immutable.
 *
 * <pre>{@code
 * RuntimeConfig config = RuntimeConfig.defaults()
 *     .withFunctionListenerFactory(LoggingListenerFactory.create(System.err));
 * }</pre>
 */
public final class LoggingListenerFactory implements FunctionListenerFactory {
  /**
   * Formats one parameter or result value specially, e.g. WASI's {@code errno} result as {@code
   * ESUCCESS}; returns {@code null} to use the default formatting by type.
   */
  @FunctionalInterface
  public interface ValueFormatter {
    /**
     * The text of value {@code index} (a parameter, or a result if {@code result}) of {@code
     * definition}, or {@code null} for the default.
     */
    String format(FunctionDefinition definition, boolean result, int index, long value);
  }

  private final Appendable out;
  private final Predicate<FunctionDefinition> filter;
  private final Map<String, LoggingScopes.Classifier> classifiers;
  private final LoggingScopes scopes;
  private final ValueFormatter formatter;

  /** The nesting depth of logged calls, per thread, shared by this factory's listeners. */
  private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

  private LoggingListenerFactory(
      Appendable out,
      Predicate<FunctionDefinition> filter,
      Map<String, LoggingScopes.Classifier> classifiers,
      LoggingScopes scopes,
      ValueFormatter formatter) {
    this.formatter = formatter;
    this.out = out;
    this.filter = filter;
    this.classifiers = classifiers;
    this.scopes = scopes;
  }

  /**
   * Logs every call to {@code out} (a {@link java.io.Writer}, {@link java.io.PrintStream}, {@link
   * StringBuilder}...), flushing it after each line if it is {@link Flushable}.
   *
   * @throws NullPointerException if {@code out} is null
   */
  public static LoggingListenerFactory create(Appendable out) {
    Objects.requireNonNull(out, "out must not be null");
    return new LoggingListenerFactory(out, d -> true, Map.of(), LoggingScopes.all(), null);
  }

  /** A copy logging only functions {@code filter} accepts (in addition to the scopes). */
  public LoggingListenerFactory withFilter(Predicate<FunctionDefinition> filter) {
    Objects.requireNonNull(filter, "filter must not be null");
    return new LoggingListenerFactory(out, filter, classifiers, scopes, formatter);
  }

  /**
   * A copy that knows the scopes of the functions of host module {@code hostModuleName} (e.g. WASI
   * registers its {@code "filesystem"}, {@code "clock"}... scopes this way).
   */
  public LoggingListenerFactory withClassifier(
      String hostModuleName, LoggingScopes.Classifier classifier) {
    Objects.requireNonNull(hostModuleName, "hostModuleName must not be null");
    Objects.requireNonNull(classifier, "classifier must not be null");
    Map<String, LoggingScopes.Classifier> copy = new HashMap<>(classifiers);
    copy.put(hostModuleName, classifier);
    return new LoggingListenerFactory(out, filter, Map.copyOf(copy), scopes, formatter);
  }

  /** A copy logging only the given scopes of classified host modules; {@link LoggingScopes#all()} by default. */
  public LoggingListenerFactory withScopes(LoggingScopes scopes) {
    Objects.requireNonNull(scopes, "scopes must not be null");
    return new LoggingListenerFactory(out, filter, classifiers, scopes, formatter);
  }

  /**
   * A copy asking {@code formatter} first for every value it logs (e.g. so WASI prints {@code
   * errno=ESUCCESS}); {@code null} restores the default formatting.
   */
  public LoggingListenerFactory withValueFormatter(ValueFormatter formatter) {
    return new LoggingListenerFactory(out, filter, classifiers, scopes, formatter);
  }

  @Override
  public FunctionListener newListener(String moduleName, FunctionDefinition definition) {
    if (!filter.test(definition)) {
      return null;
    }
    LoggingScopes.Classifier classifier =
        definition.isHostFunction() ? classifiers.get(definition.moduleName()) : null;
    if (classifier != null && !scopes.isEnabled(classifier.scopeOf(definition.name()))) {
      return null;
    }
    return new Listener();
  }

  /** Writes the lines of one function. */
  private final class Listener implements FunctionListener {
    @Override
    public void before(
        Module module, FunctionDefinition definition, long[] params, StackIterator stack) {
      int[] d = depth.get();
      StringBuilder line = indent(d[0]++);
      line.append(definition.isHostFunction() ? "==> " : "--> ").append(definition.debugName());
      line.append('(');
      values(line, definition, false, params);
      line.append(')');
      write(line);
    }

    @Override
    public void after(Module module, FunctionDefinition definition, long[] results) {
      int[] d = depth.get();
      StringBuilder line = indent(--d[0]);
      if (definition.isHostFunction()) {
        line.append("<==");
        if (!definition.resultTypes().isEmpty()) {
          line.append(' ');
          values(line, definition, true, results);
        }
      } else {
        line.append("<-- (");
        values(line, definition, true, results);
        line.append(')');
      }
      write(line);
    }

    @Override
    public void abort(Module module, FunctionDefinition definition, Throwable error) {
      int[] d = depth.get();
      StringBuilder line = indent(--d[0]);
      line.append(definition.isHostFunction() ? "<== error: " : "<-- error: ")
          .append(firstLine(error));
      write(line);
    }
  }

  /** The first line of the error's message (a trap's message continues with its stack trace). */
  private static String firstLine(Throwable error) {
    String message = error.getMessage() != null ? error.getMessage() : error.toString();
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static StringBuilder indent(int depth) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.max(0, depth); i++) {
      sb.append("  ");
    }
    return sb;
  }

  /** Appends {@code name=value,...} (or plain values where names are unknown). */
  private void values(
      StringBuilder sb, FunctionDefinition definition, boolean result, long[] values) {
    List<ValueType> types = result ? definition.resultTypes() : definition.paramTypes();
    List<String> names = result ? definition.resultNames() : definition.paramNames();
    int slot = 0;
    for (int i = 0; i < types.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      if (names.size() == types.size() && names.get(i) != null && !names.get(i).isEmpty()) {
        sb.append(names.get(i)).append('=');
      }
      ValueType t = types.get(i);
      if (t == ValueType.V128) {
        long lo = slot < values.length ? values[slot] : 0;
        long hi = slot + 1 < values.length ? values[slot + 1] : 0;
        sb.append(String.format("0x%016x%016x", hi, lo));
        slot += 2;
      } else {
        long value = slot < values.length ? values[slot] : 0;
        String special = formatter == null ? null : formatter.format(definition, result, i, value);
        sb.append(special != null ? special : format(t, value));
        slot++;
      }
    }
  }

  /** One value as text by type. */
  static String format(ValueType type, long value) {
    switch (type) {
      case I32:
        return Integer.toString((int) value);
      case I64:
        return Long.toString(value);
      case F32:
        return Float.toString(Float.intBitsToFloat((int) value));
      case F64:
        return Double.toString(Double.longBitsToDouble(value));
      default:
        return "0x" + Long.toHexString(value);
    }
  }

  private void write(StringBuilder line) {
    line.append('\n');
    try {
      synchronized (out) {
        out.append(line);
        if (out instanceof Flushable) {
          ((Flushable) out).flush();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the function log", e);
    }
  }
}
