package dev.zerowasm.benchmarks;

import dev.zerowasm.CompiledModule;
import dev.zerowasm.ModuleConfig;
import dev.zerowasm.Runtime;
import dev.zerowasm.RuntimeConfig;
import dev.zerowasm.gojs.GoJs;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A Go hello-world ({@code GOOS=js GOARCH=wasm}, Go 1.19, about 2 MB of wasm) run end to end:
 * each operation instantiates the compiled program, runs it to completion through {@link
 * GoJs#run} (Go runtime start-up, {@code fmt} output, exit) and closes it. Compilation happens once,
 * in setup. This measures what a short-lived Go program costs per request.
 *
 * <p>zerowasm only: Chicory has no host for Go's {@code wasm_exec.js} imports, so there is no peer
 * to run side by side. The workload is {@code workloads/go-hello.wasm}, a copy of the gojs module's
 * {@code hello} fixture (see {@code benchmarks/workloads/build.sh}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GoJsBenchmark {
  /** The engine under measurement (zerowasm's only; see the class comment). */
  @Param({Guest.ZEROWASM_INTERPRETER, Guest.ZEROWASM_COMPILER})
  public String engine;

  private Runtime runtime;
  private CompiledModule program;
  private ModuleConfig config;

  /** Compiles the program once and checks that one run prints what the Go source says. */
  @Setup(Level.Trial)
  public void setUp() {
    RuntimeConfig rc;
    switch (engine) {
      case Guest.ZEROWASM_INTERPRETER:
        rc = RuntimeConfig.interpreter();
        break;
      case Guest.ZEROWASM_COMPILER:
        rc = RuntimeConfig.compiler();
        break;
      default:
        throw new IllegalArgumentException("GoJsBenchmark runs on zerowasm only, not " + engine);
    }
    runtime = Runtime.create(rc);
    program = runtime.compile(Workloads.bytes("go-hello"));
    config =
        ModuleConfig.create()
            .withArgs("hello")
            .withStdout(OutputStream.nullOutputStream())
            .withStderr(OutputStream.nullOutputStream());

    // One checked run, so a fast but broken run cannot win.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GoJs.run(runtime, program, config.withStdout(out));
    String printed = out.toString(StandardCharsets.UTF_8);
    if (!printed.startsWith("hello, world\narg[0]=hello\n")) {
      throw new IllegalStateException("go-hello on " + engine + " printed: " + printed);
    }
  }

  /** Closes the runtime. */
  @TearDown(Level.Trial)
  public void tearDown() {
    runtime.close();
  }

  /** Instantiate, run to exit, close: output goes to null streams. */
  @Benchmark
  public void hello() {
    GoJs.run(runtime, program, config);
  }
}
