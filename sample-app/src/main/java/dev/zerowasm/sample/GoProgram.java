package dev.zerowasm.sample;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.api.ExitException;
import dev.zerowasm.api.TrapException;
import dev.zerowasm.api.TrapKind;
import dev.zerowasm.gojs.GoJs;
import dev.zerowasm.spring.boot.autoconfigure.WasmCallException;
import dev.zerowasm.spring.boot.autoconfigure.WasmCallListener;
import dev.zerowasm.spring.boot.autoconfigure.WasmCallOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A Go {@code GOOS=js GOARCH=wasm} program ready to run many times, concurrently, through gojs.
 *
 * <p>The program is compiled once in the application's {@link Runtime}; gojs shares its host
 * module between runs, so runs on several request threads go on at once. At most {@code
 * maxConcurrentRuns} do (each run holds its thread and a fresh instance with its own memory);
 * further callers wait up to {@code maxWait}, then are rejected.
 *
 * <p>Each entry into the program (its {@code run} export and every {@code resume} from gojs's event
 * loop) is limited to {@code callTimeout}; past it the runtime stops the program. Runs are reported
 * to the starter's {@link WasmCallListener}s like guest-interface calls (function {@code run}), so
 * they appear in the {@code wasm.function.calls} metric.
 */
public final class GoProgram implements AutoCloseable {
  private final String name;
  private final Runtime runtime;
  private final CompiledModule program;
  private final int maxConcurrentRuns;
  private final Semaphore runs;
  private final Duration maxWait;
  private final Duration callTimeout;
  private final List<WasmCallListener> listeners;

  /**
   * Compiles {@code wasm} in {@code runtime}.
   *
   * @throws dev.zerowasm.api.CompileException if {@code wasm} is not a valid module
   * @throws IllegalArgumentException if it is not a Go {@code GOOS=js} program
   */
  public GoProgram(
      String name,
      byte[] wasm,
      Runtime runtime,
      int maxConcurrentRuns,
      Duration maxWait,
      Duration callTimeout,
      List<WasmCallListener> listeners) {
    if (maxConcurrentRuns < 1) {
      throw new IllegalArgumentException(
          "max concurrent runs must be at least 1, was " + maxConcurrentRuns);
    }
    this.name = name;
    this.runtime = runtime;
    this.maxConcurrentRuns = maxConcurrentRuns;
    this.runs = new Semaphore(maxConcurrentRuns, true);
    this.maxWait = maxWait;
    this.callTimeout = callTimeout;
    this.listeners = List.copyOf(listeners);
    this.program = runtime.compile(wasm);
    try {
      GoJs.checkProgram(program);
    } catch (IllegalArgumentException e) {
      program.close();
      throw new IllegalArgumentException("the Go program " + name + " is " + e.getMessage(), e);
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
    acquire(start);
    WasmCallOutcome outcome = WasmCallOutcome.ERROR;
    try {
      // Anonymous: instances running at once must not compete for one name in the runtime.
      ModuleConfig moduleConfig = config.withName("").withCallTimeout(callTimeout);
      int code;
      try {
        GoJs.run(runtime, program, moduleConfig);
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
      runs.release(); // GoJs.run closed the program's instance
      report(outcome, System.nanoTime() - start);
    }
  }

  private void acquire(long start) {
    boolean acquired;
    try {
      acquired = runs.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      report(WasmCallOutcome.REJECTED, System.nanoTime() - start);
      throw new WasmCallException(
          name,
          "run",
          WasmCallOutcome.REJECTED,
          null,
          null,
          null,
          "no run could start within " + maxWait + " (all " + maxConcurrentRuns + " are going on)",
          null);
    }
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

  /** Closes the compiled program; the runtime is the application's. */
  @Override
  public void close() {
    program.close();
  }
}
