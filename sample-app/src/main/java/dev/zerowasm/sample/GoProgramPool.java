package dev.zerowasm.sample;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.FunctionDefinition;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.gojs.GoJs;
import dev.zerowasm.gojs.GoJsConfig;
import dev.zerowasm.spring.boot.autoconfigure.WasmCallException;
import dev.zerowasm.spring.boot.autoconfigure.WasmCallListener;
import dev.zerowasm.spring.boot.autoconfigure.WasmCallOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Go {@code GOOS=js GOARCH=wasm} program ready to run many times, concurrently, through gojs.
 *
 * <p>gojs runs one Go program per {@link Runtime} at a time (it registers the program's host module
 * {@code go} in the runtime for the run), and a compiled module belongs to its runtime. So the pool
 * holds {@code size} runtimes, each with the program compiled once, and lends one per run: at most
 * {@code size} runs at once, further callers wait up to {@code maxWait}. The runtimes share the
 * starter's {@code RuntimeConfig}, hence its {@code CompilationCache}, so only the first compiles
 * the program; the others reuse its code.
 *
 * <p>Each entry into the program (its {@code run} export and every {@code resume} from gojs's event
 * loop) is limited to {@code callTimeout}; past it the runtime stops the program. Runs are reported
 * to the starter's {@link WasmCallListener}s like guest-interface calls (function {@code run}), so
 * they appear in the {@code wasm.function.calls} metric.
 */
public final class GoProgramPool implements AutoCloseable {
  private final String name;
  private final Duration maxWait;
  private final Duration callTimeout;
  private final List<WasmCallListener> listeners;
  private final List<Runtime> runtimes = new ArrayList<>();
  private final BlockingQueue<Slot> free;

  /** A runtime with the program compiled in it. */
  private record Slot(Runtime runtime, CompiledModule program) {}

  /**
   * Compiles {@code wasm} in {@code size} new runtimes made with {@code config}.
   *
   * @throws dev.zerowasm.api.CompileException if {@code wasm} is not a valid module
   * @throws IllegalArgumentException if it is not a Go {@code GOOS=js} program
   */
  public GoProgramPool(
      String name,
      byte[] wasm,
      RuntimeConfig config,
      int size,
      Duration maxWait,
      Duration callTimeout,
      List<WasmCallListener> listeners) {
    if (size < 1) {
      throw new IllegalArgumentException("pool size must be at least 1, was " + size);
    }
    this.name = name;
    this.maxWait = maxWait;
    this.callTimeout = callTimeout;
    this.listeners = List.copyOf(listeners);
    this.free = new ArrayBlockingQueue<>(size);
    try {
      for (int i = 0; i < size; i++) {
        Runtime runtime = Runtime.create(config);
        runtimes.add(runtime);
        CompiledModule program = runtime.compile(wasm);
        if (i == 0) {
          checkGoProgram(name, program);
        }
        free.add(new Slot(runtime, program));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Fails at startup rather than on the first request if {@code program} imports anything but
   * Go's {@code wasm_exec.js} functions (gojs checks the same when it runs a program).
   */
  private static void checkGoProgram(String name, CompiledModule program) {
    List<String> goImports = GoJs.importNames();
    for (FunctionDefinition function : program.importedFunctions()) {
      FunctionDefinition.ImportName in = function.importedAs().orElseThrow();
      boolean goModule =
          in.moduleName().equals(GoJs.MODULE_GO) || in.moduleName().equals(GoJs.MODULE_GOJS);
      if (!goModule || !goImports.contains(in.name())) {
        throw new IllegalArgumentException(
            "the Go program "
                + name
                + " is not a GOOS=js GOARCH=wasm binary: it imports "
                + in.moduleName()
                + "."
                + in.name());
      }
    }
  }

  /** The program's name, as in error messages and metrics (tag {@code module}). */
  public String name() {
    return name;
  }

  /**
   * Runs the program once with what {@code config} gives it of the host (arguments, environment,
   * stdin, stdout, ...; its name and call timeout are the pool's) and returns its exit code; blocks
   * the calling thread for the whole run.
   *
   * @throws WasmCallException with outcome {@code REJECTED} if no runtime was free within {@code
   *     maxWait}, {@code TIMEOUT} if an entry into the program ran past {@code callTimeout}, {@code
   *     TRAP} if the program trapped, {@code ERROR} for other failures
   */
  public int run(ModuleConfig config) {
    long start = System.nanoTime();
    Slot slot = borrow(start);
    WasmCallOutcome outcome = WasmCallOutcome.ERROR;
    try {
      ModuleConfig moduleConfig = config.withName(name).withCallTimeout(callTimeout);
      int code;
      try {
        GoJs.run(slot.runtime(), slot.program(), moduleConfig, GoJsConfig.create());
        code = 0;
      } catch (ExitException e) {
        code = e.exitCode();
      }
      outcome = code == 0 ? WasmCallOutcome.SUCCESS : WasmCallOutcome.EXIT;
      return code;
    } catch (TrapException e) {
      WasmCallException failure = translate(e);
      outcome = failure.getOutcome();
      throw failure;
    } catch (RuntimeException e) {
      throw new WasmCallException(
          name, "run", WasmCallOutcome.ERROR, null, null, null, String.valueOf(e), e);
    } finally {
      // GoJs.run closed the program's instance and its host module: the runtime is clean again
      free.add(slot);
      report(outcome, System.nanoTime() - start);
    }
  }

  private Slot borrow(long start) {
    Slot slot;
    try {
      slot = free.poll(maxWait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      slot = null;
    }
    if (slot == null) {
      report(WasmCallOutcome.REJECTED, System.nanoTime() - start);
      throw new WasmCallException(
          name,
          "run",
          WasmCallOutcome.REJECTED,
          null,
          null,
          null,
          "no runtime was free within " + maxWait + " (all " + runtimes.size() + " are running)",
          null);
    }
    return slot;
  }

  private WasmCallException translate(TrapException e) {
    if (e.kind() == TrapKind.INTERRUPTED) {
      return new WasmCallException(
          name,
          "run",
          WasmCallOutcome.TIMEOUT,
          e.kind(),
          e.wasmStackTrace(),
          null,
          "did not return within the call timeout of " + callTimeout + "; the program was stopped",
          e);
    }
    return new WasmCallException(
        name,
        "run",
        WasmCallOutcome.TRAP,
        e.kind(),
        e.wasmStackTrace(),
        null,
        "trap: " + e.getMessage(),
        e);
  }

  private void report(WasmCallOutcome outcome, long nanos) {
    for (WasmCallListener listener : listeners) {
      listener.called(name, "run", outcome, nanos);
    }
  }

  /** Closes every runtime, with the compiled program; runs still going on then fail. */
  @Override
  public void close() {
    for (Runtime runtime : runtimes) {
      runtime.close();
    }
  }
}
