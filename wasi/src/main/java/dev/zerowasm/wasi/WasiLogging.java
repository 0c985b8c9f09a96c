package dev.zerowasm.wasi;

import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.experimental.LoggingListenerFactory;
import dev.zerowasm.experimental.LoggingScopes;
import dev.zerowasm.wasi.internal.Errno;
import dev.zerowasm.wasi.internal.WasiFunctions;
import java.util.List;
import java.util.Objects;

/**
 * Logging of {@code wasi_snapshot_preview1} calls with a {@link LoggingListenerFactory}: sorts the
 * WASI functions into scopes (as wazero's logging scopes) and prints errno results by name.
 *
 * <pre>{@code
 * LoggingListenerFactory log = WasiLogging.configure(LoggingListenerFactory.create(System.err))
 *     .withScopes(LoggingScopes.of(WasiLogging.FILESYSTEM));
 * try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withFunctionListenerFactory(log));
 *     WasiHost wasi = WasiHost.instantiate(runtime)) { ... }
 * }</pre>
 *
 * <p>logs lines such as
 *
 * <pre>
 * ==&gt; wasi_snapshot_preview1.fd_write(fd=1,iovs=1024,iovs_len=1,result.nwritten=1016)
 * &lt;== errno=ESUCCESS
 * </pre>
 *
 * <p>The {@code result.*} parameters are the addresses the function writes its results to.
 */
public final class WasiLogging {
  /** {@code fd_*} and {@code path_*}: files, directories and the standard streams. */
  public static final String FILESYSTEM = "filesystem";

  /** {@code clock_res_get}, {@code clock_time_get}. */
  public static final String CLOCK = "clock";

  /** {@code random_get}. */
  public static final String RANDOM = "random";

  /** {@code proc_exit}, {@code proc_raise}. */
  public static final String PROC = "proc";

  /** {@code poll_oneoff}, {@code sched_yield}. */
  public static final String POLL = "poll";

  /** {@code sock_*}. */
  public static final String SOCK = "sock";

  /** {@code args_get}, {@code args_sizes_get} (no scope of its own in wazero). */
  public static final String ARGS = "args";

  /** {@code environ_get}, {@code environ_sizes_get} (no scope of its own in wazero). */
  public static final String ENV = "env";

  /** Every scope a WASI function belongs to, in the order of the constants above. */
  public static final List<String> SCOPES =
      List.of(FILESYSTEM, CLOCK, RANDOM, PROC, POLL, SOCK, ARGS, ENV);

  private WasiLogging() {}

  /**
   * The scope of WASI function {@code functionName} (one of {@link #SCOPES}), or {@code null} for
   * a name that is not a WASI function.
   */
  public static String scopeOf(String functionName) {
    if (functionName == null || WasiFunctions.get(functionName) == null) {
      return null;
    }
    if (functionName.startsWith("fd_") || functionName.startsWith("path_")) {
      return FILESYSTEM;
    }
    if (functionName.startsWith("clock_")) {
      return CLOCK;
    }
    if (functionName.startsWith("proc_")) {
      return PROC;
    }
    if (functionName.startsWith("sock_")) {
      return SOCK;
    }
    if (functionName.startsWith("args_")) {
      return ARGS;
    }
    if (functionName.startsWith("environ_")) {
      return ENV;
    }
    switch (functionName) {
      case "random_get":
        return RANDOM;
      case "poll_oneoff":
      case "sched_yield":
        return POLL;
      default:
        return null;
    }
  }

  /** The classifier of module {@code wasi_snapshot_preview1}: {@link #scopeOf(String)}. */
  public static LoggingScopes.Classifier classifier() {
    return WasiLogging::scopeOf;
  }

  /**
   * A value formatter printing the {@code errno} result of WASI functions by name ({@code
   * errno=ESUCCESS}, {@code errno=EBADF}); every other value gets the default formatting.
   */
  public static LoggingListenerFactory.ValueFormatter valueFormatter() {
    return valueFormatter(null);
  }

  /**
   * As {@link #valueFormatter()}, asking {@code fallback} (may be null) for every value that is not
   * a WASI errno, so it can be combined with the formatter of another host module.
   */
  public static LoggingListenerFactory.ValueFormatter valueFormatter(
      LoggingListenerFactory.ValueFormatter fallback) {
    return (definition, result, index, value) -> {
      if (result && isWasi(definition) && "errno".equals(nameOf(definition, index))) {
        return Errno.name((int) value);
      }
      return fallback == null ? null : fallback.format(definition, result, index, value);
    };
  }

  /**
   * {@code factory} with the WASI classifier ({@link #classifier()}) for module {@code
   * wasi_snapshot_preview1} and the errno formatter ({@link #valueFormatter()}). Select scopes with
   * {@link LoggingListenerFactory#withScopes}, before or after.
   */
  public static LoggingListenerFactory configure(LoggingListenerFactory factory) {
    Objects.requireNonNull(factory, "factory must not be null");
    return factory
        .withClassifier(WasiFunctions.MODULE_NAME, classifier())
        .withValueFormatter(valueFormatter());
  }

  private static boolean isWasi(FunctionDefinition d) {
    return d.isHostFunction() && WasiFunctions.MODULE_NAME.equals(d.moduleName());
  }

  private static String nameOf(FunctionDefinition d, int resultIndex) {
    List<String> names = d.resultNames();
    return resultIndex < names.size() ? names.get(resultIndex) : null;
  }
}
