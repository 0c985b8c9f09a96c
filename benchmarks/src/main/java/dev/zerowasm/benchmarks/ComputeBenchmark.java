package dev.zerowasm.benchmarks;

import java.util.Arrays;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Runs each compute workload on every engine. Before timing, the workload's result on the measured
 * engine is checked against the same call on the other project's interpreter, so a fast but wrong
 * engine cannot win.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ComputeBenchmark {
  /** The engine under measurement. */
  @Param({
    Guest.ZEROWASM_INTERPRETER,
    Guest.ZEROWASM_COMPILER,
    Guest.CHICORY_INTERPRETER,
    Guest.CHICORY_COMPILER
  })
  public String engine;

  private Guest fibModule;
  private Guest loopModule;
  private Guest kernels;
  private Guest memory;
  private Guest.Call fib, loop, sha256, matmul, quicksort, vm, bulk, small;

  /** The workloads: module, export and argument of each benchmark method. */
  private enum Workload {
    fib("fib", "fib", 27),
    loop("loop", "loop", 5_000_000),
    sha256("kernels", "sha256_bench", 1 << 18),
    matmul("kernels", "matmul_bench", 96),
    quicksort("kernels", "quicksort_bench", 200_000),
    vm("kernels", "vm_bench", 300_000),
    memoryBulk("memory", "bulk", 16),
    memorySmall("memory", "small", 4);

    final String module;
    final String export;
    final long arg;

    Workload(String module, String export, long arg) {
      this.module = module;
      this.export = export;
      this.arg = arg;
    }
  }

  /** Instantiates the modules and checks the result of the benchmark about to run. */
  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    fibModule = Guest.load(engine, Workloads.bytes("fib"));
    loopModule = Guest.load(engine, Workloads.bytes("loop"));
    kernels = Guest.load(engine, Workloads.bytes("kernels"));
    memory = Guest.load(engine, Workloads.bytes("memory"));
    fib = fibModule.export("fib");
    loop = loopModule.export("loop");
    sha256 = kernels.export("sha256_bench");
    matmul = kernels.export("matmul_bench");
    quicksort = kernels.export("quicksort_bench");
    vm = kernels.export("vm_bench");
    bulk = memory.export("bulk");
    small = memory.export("small");

    String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
    Workload w = Workload.valueOf(method);
    long[] actual;
    try (Guest measured = Guest.load(engine, Workloads.bytes(w.module))) {
      actual = measured.call(w.export, w.arg);
    }
    long[] expected;
    try (Guest reference = Guest.load(Guest.referenceFor(engine), Workloads.bytes(w.module))) {
      expected = reference.call(w.export, w.arg);
    }
    if (!Arrays.equals(actual, expected)) {
      throw new IllegalStateException(engine + " computed " + Arrays.toString(actual) + " for "
          + w + " but " + Guest.referenceFor(engine) + " computed " + Arrays.toString(expected));
    }
  }

  /** Releases the modules. */
  @TearDown(Level.Trial)
  public void tearDown() {
    fibModule.close();
    loopModule.close();
    kernels.close();
    memory.close();
  }

  /** Recursive fib(27): call-heavy. */
  @Benchmark
  public long[] fib() {
    return fib.call(Workload.fib.arg);
  }

  /** A tight integer loop: dispatch-heavy. */
  @Benchmark
  public long[] loop() {
    return loop.call(Workload.loop.arg);
  }

  /** SHA-256 of 256 KiB (C, clang -O2). */
  @Benchmark
  public long[] sha256() {
    return sha256.call(Workload.sha256.arg);
  }

  /** 96x96 double matrix multiply (C). */
  @Benchmark
  public long[] matmul() {
    return matmul.call(Workload.matmul.arg);
  }

  /** Quicksort of 200,000 ints (C). */
  @Benchmark
  public long[] quicksort() {
    return quicksort.call(Workload.quicksort.arg);
  }

  /** A bytecode VM's switch-dispatch loop (C). */
  @Benchmark
  public long[] vm() {
    return vm.call(Workload.vm.arg);
  }

  /** memory.fill and memory.copy of 1 MiB blocks. */
  @Benchmark
  public long[] memoryBulk() {
    return bulk.call(Workload.memoryBulk.arg);
  }

  /** Many small loads and stores. */
  @Benchmark
  public long[] memorySmall() {
    return small.call(Workload.memorySmall.arg);
  }
}
